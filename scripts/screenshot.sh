#!/usr/bin/env bash
# Regenerate docs/wizard.png from a real run of the wizard: tmux drives the built CLI in a pseudo-terminal,
# capture-pane keeps the colours, aha turns them into HTML, and headless Chromium takes the picture.
# Needs Debian's tmux, aha and chromium (apt-get install -y tmux aha chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null

work=$(mktemp -d)
socket="ccgate-shot-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

tmux -L "$socket" -f /dev/null new-session -d -x 116 -y 26 \
	"env -i PATH='$PATH' HOME='$work' TERM=xterm-256color LANG=C.UTF-8 CI=true node bin/ccgate.js"
tmux -L "$socket" set -g escape-time 0

wait_for() {
	for _ in $(seq 100); do
		if tmux -L "$socket" capture-pane -p | grep -qF "$1"; then return 0; fi
		sleep 0.1
	done
	echo "screenshot: the wizard never showed \"$1\"" >&2
	exit 1
}

# A first-time user starts on "Which gateway?": the known gateways, filtered as they type, and Other last.
# 116×26 shows the whole list with no detail cut.
wait_for 'Which gateway?'
wait_for 'Other'

# The frame without the blank rows below it.
tmux -L "$socket" capture-pane -p -e | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' > "$work/screen.ansi"
aha --black --title 'ccgate wizard' < "$work/screen.ansi" \
	| sed 's|<pre>|<pre style="font: 15px/1.35 \x27DejaVu Sans Mono\x27, monospace; margin: 0; padding: 14px 18px;">|' > "$work/screen.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	--disable-component-update --disable-sync --user-data-dir="$work/chromium" --hide-scrollbars \
	--window-size=1090,520 --screenshot="$PWD/docs/wizard.png" "file://$work/screen.html" 2>/dev/null
echo "docs/wizard.png"
