#!/usr/bin/env bash
# The one-file build (dist/ccgate, `npm run binary`) with no node on PATH: a command of each kind and the wizard's
# first screen in a real terminal (tmux). Run by .ci/run after the build; exits non-zero on the first difference.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$PWD/dist/ccgate"
home=$(mktemp -d)
session="ccgate-binary-smoke-$$"
gateway_pid=
trap 'tmux kill-session -t "$session" 2>/dev/null || true; [ -z "$gateway_pid" ] || kill "$gateway_pid" 2>/dev/null || true; rm -rf "$home"' EXIT
run() { env -i PATH=/nonexistent HOME="$home" LANG=C.UTF-8 "$binary" "$@"; }
expect() { # expect WHAT EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf 'binary smoke test: %s\nexpected: %s\nactual:   %s\n' "$1" "$2" "$3" >&2
		exit 1
	fi
}

expect '--version' "$(node -p 'require("./package.json").version')" "$(run --version)"
expect 'print' "export ANTHROPIC_BASE_URL='http://127.0.0.1:4000'
export ANTHROPIC_AUTH_TOKEN='gateway-token'" "$(run print --shell bash --base-url http://127.0.0.1:4000 --auth-token gateway-token)"
expect 'write' 'Wrote ~/.claude/settings.json.' "$(run write --base-url http://127.0.0.1:9 --auth-token gateway-token-0123456789)"
expect 'the file written' '{
  "env": {
    "ANTHROPIC_BASE_URL": "http://127.0.0.1:9",
    "ANTHROPIC_AUTH_TOKEN": "gateway-token-0123456789"
  }
}' "$(cat "$home/.claude/settings.json")"
# Port 9 (discard) has no listener here: the probe runs, undici and all, and says so.
status=0; probe=$(run probe --timeout 2000 2>&1) || status=$?
expect 'probe exit code' 1 "$status"
expect 'probe diagnosis' 'error: Nothing is listening at 127.0.0.1:9 (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BASE_URL.' "$(tail -n 1 <<<"$probe")"
status=0; doctor=$(run doctor --timeout 2000 2>&1) || status=$?
expect 'doctor exit code' 1 "$status"
grep -qxF 'The gateway is not usable by Claude Code' <<<"$doctor" || { echo "binary smoke test: doctor gave no verdict: $doctor" >&2; exit 1; }

# A loopback gateway that answers (run by the node that runs this script, not by the one file): the probe's requests
# go out and its answers are read, and the gateway logs what reached it.
node -e '
const server = require("node:http").createServer((request, response) => {
	request.resume();
	request.on("end", () => {
		console.log(`${request.method} ${request.url} ${request.headers.authorization}`);
		const send = (status, body) => { response.writeHead(status, {"content-type": "application/json"}); response.end(JSON.stringify(body)); };
		if (request.url.startsWith("/v1/models")) return send(200, {data: [{type: "model", id: "claude-smoke", display_name: "Smoke", created_at: "2025-01-01T00:00:00Z"}], has_more: false, first_id: "claude-smoke", last_id: "claude-smoke"});
		if (request.url.startsWith("/v1/messages/count_tokens")) return send(200, {input_tokens: 1});
		send(400, {type: "error", error: {type: "invalid_request_error", message: "max_tokens: must be greater than or equal to 1"}});
	});
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
' >"$home/gateway.log" &
gateway_pid=$!
for _ in $(seq 100); do [ -s "$home/gateway.log" ] && break; sleep 0.1; done
port=$(head -n 1 "$home/gateway.log")
status=0; probe=$(run probe --timeout 5000 --base-url "http://127.0.0.1:$port" --auth-token smoke-token-0123456789 2>&1) || status=$?
expect 'probe of a gateway that answers: exit code' 0 "$status"
expect 'probe of a gateway that answers: verdict' 'The gateway is usable by Claude Code' "$(tail -n 1 <<<"$probe")"
expect 'what reached the gateway' 'GET /v1/models?limit=1000 Bearer smoke-token-0123456789
POST /v1/messages/count_tokens Bearer smoke-token-0123456789
POST /v1/messages?beta=true Bearer smoke-token-0123456789' "$(tail -n +2 "$home/gateway.log" | LC_ALL=C sort)"

# The wizard: its first screen, a key typed into its filter (Ink runs), Ctrl+C leaves with 130.
wizard_home=$(mktemp -d -p "$home")
tmux new-session -d -s "$session" -x 80 -y 24 "env -i PATH=/nonexistent HOME='$wizard_home' TERM=xterm-256color LANG=C.UTF-8 '$binary'; echo \"exit \$?\"; sleep 30"
wait_for() {
	for _ in $(seq 100); do
		if tmux capture-pane -p -t "$session" | grep -qF "$1"; then
			return 0
		fi
		sleep 0.1
	done
	printf 'binary smoke test: the wizard did not show "%s"; it showed:\n%s\n' "$1" "$(tmux capture-pane -p -t "$session")" >&2
	exit 1
}
wait_for 'ccgate · 1/7 Endpoint'
wait_for 'Which gateway? Type to filter the list; Other is any gateway not in it.'
tmux send-keys -t "$session" lite
wait_for 'Filter: lite'
wait_for '❯ LiteLLM (unified endpoint)'
tmux send-keys -t "$session" C-c
wait_for 'exit 130'
[ ! -e "$wizard_home/.claude" ] || { echo 'binary smoke test: the wizard left with Ctrl+C wrote a file' >&2; exit 1; }
echo "dist/ccgate: --version, print, write, probe, doctor and the wizard ran with no node on PATH ($(du -m "$binary" | cut -f1) MiB)"
