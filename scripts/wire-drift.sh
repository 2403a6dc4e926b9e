#!/usr/bin/env bash
# Runs test/e2e/wire.test.ts against the newest @anthropic-ai/claude-code from npm, so that a client whose
# betas, anthropic-version or user-agent moved away from source/probe/wire.ts is seen the day it ships; then
# test/e2e/gateway-agreement.test.ts, and prints its table (docs/gateway-agreement.md's, for the newest client).
# Reported, never failing: .ci/run calls it with `|| true`, and it exits 0 itself.
set -uo pipefail
cd "$(dirname "$0")/.."

# .ci/run installs the client in the background while the tests run, and hands its folder over.
if [ -n "${CCGATE_DRIFT_DIR:-}" ]; then
	dir=$CCGATE_DRIFT_DIR
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	npm install --prefix "$dir" --no-audit --no-fund --silent @anthropic-ai/claude-code@latest >/dev/null 2>&1 || true
fi
if ! [ -d "$dir/node_modules/@anthropic-ai/claude-code" ]; then
	echo "wire drift: could not install the newest @anthropic-ai/claude-code; not checked"
	exit 0
fi

binary=$(ls "$dir"/node_modules/@anthropic-ai/claude-code-*/claude 2>/dev/null | head -n 1)
binary=${binary:-$dir/node_modules/.bin/claude}
version=$("$binary" --version 2>/dev/null | head -n 1)
echo "wire drift: checking the probe's wire against Claude Code ${version:-unknown}"
if CCGATE_CLAUDE_BINARY="$binary" CI=true npx vitest run test/e2e/wire.test.ts; then
	echo "wire drift: none, the probe sends what Claude Code ${version:-unknown} sends"
else
	echo "wire drift: Claude Code ${version:-unknown} sends something else; record it in source/probe/wire.ts (not failing the build)"
fi

table="$dir/gateway-agreement.md"
if CCGATE_CLAUDE_BINARY="$binary" CCGATE_AGREEMENT_OUT="$table" CI=true npx vitest run test/e2e/gateway-agreement.test.ts; then
	echo "gateway agreement: Claude Code ${version:-unknown} judges every case as docs/gateway-agreement.md expects"
else
	echo "gateway agreement: Claude Code ${version:-unknown} judges some case otherwise (not failing the build)"
fi
if [ -s "$table" ]; then
	echo "gateway agreement with Claude Code ${version:-unknown}:"
	cat "$table"
fi
exit 0
