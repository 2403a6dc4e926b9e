import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, test, vi} from 'vitest';
import {ccgateBin, makeSandbox} from '../helpers/cli.js';
import {TerminalSession} from './tmux.js';

/*
The built CLI in a real 80×24 terminal (tmux), CI=true: the current-config table and the probe's checks keep their
columns with a long URL and long header values (issue 12, seen #9: "tables wrap to column 0 at 80 and 100 columns").
Run `npx tsup` first (npm test does).
*/

let session: TerminalSession | undefined;
afterEach(() => {
	session?.kill();
	session = undefined;
});

// Port 9 on loopback: nothing listens, so the probe is refused at once and nothing leaves the machine.
const longUrl = 'http://127.0.0.1:9/gateway/anthropic/v1/proxy/team-platform-eu-west-1';

test('at 80×24 the current-config table and the probe\'s checks stay in their columns', async () => {
	const sandbox = makeSandbox();
	mkdirSync(path.join(sandbox.home, '.claude'), {recursive: true});
	writeFileSync(path.join(sandbox.home, '.claude', 'settings.json'), JSON.stringify({env: {
		ANTHROPIC_BASE_URL: longUrl,
		ANTHROPIC_AUTH_TOKEN: 'gw-token-0123456789abcdef',
		ANTHROPIC_CUSTOM_HEADERS: 'x-portkey-config: pc-very-long-config-identifier-0123456789\nx-team: core',
		ANTHROPIC_MODEL: 'claude-sonnet-4-5-20250929',
	}}));
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns: 80, rows: 24});
	const terminal = session;
	await terminal.until('Edit the current config');
	await vi.waitFor(() => {
		expect(terminal.visibleScreen().trimEnd().split('\n')).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL        http://127.0.0.1:9/gateway/anthropic/v1/proxy/team-',
			'                            platform-eu-west-1',
			'                            user  ~/.claude/settings.json',
			'  ANTHROPIC_AUTH_TOKEN      gw-t…cdef',
			'                            user  ~/.claude/settings.json',
			'  ANTHROPIC_CUSTOM_HEADERS  x-portkey-config: pc-very-long-config-identifier-',
			'                            0123456789\\nx-team: core',
			'                            user  ~/.claude/settings.json',
			'  ANTHROPIC_MODEL           claude-sonnet-4-5-20250929',
			'                            user  ~/.claude/settings.json',
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		]);
	});
	// Through the steps as they are, to the probe: refused on loopback, its checks drawn as a table.
	terminal.press('Enter');
	await terminal.until('The API format the gateway speaks');
	terminal.press('Enter');
	await terminal.until('Claude Code appends');
	terminal.press('Enter');
	await terminal.until('How does the gateway want the credential?');
	terminal.press('Enter');
	await terminal.until('Enter keep it');
	terminal.press('Enter');
	await terminal.until('Where should the token live?');
	terminal.press('Enter');
	await terminal.until('3/7 Custom headers');
	terminal.press('Enter');
	await terminal.until('4/7 Models and discovery');
	terminal.press('Enter');
	await terminal.until('✗ The gateway is not usable by Claude Code.');
	await vi.waitFor(() => {
		// The times vary from run to run.
		expect(terminal.visibleScreen().trimEnd().replaceAll(/\d+ ms/g, 'N ms').split('\n')).toEqual([
			'ccgate · 5/7 Probe  probe: not usable',
			'',
			'Probed http://127.0.0.1:9/gateway/anthropic/v1/proxy/team-platform-eu-west-1:',
			'  warning GET  /gateway/anthropic/v1/proxy/team-platform-eu-west-1/v1/models?lim',
			'               it=1000  -  N ms',
			'  warning POST /gateway/anthropic/v1/proxy/team-platform-eu-west-1/v1/messages/c',
			'               ount_tokens  -  N ms',
			'  error   POST /gateway/anthropic/v1/proxy/team-platform-eu-west-1/v1/messages?b',
			'               eta=true  -  N ms',
			'✗ Nothing is listening at 127.0.0.1:9 (connection refused)',
			'  → start the gateway, or correct the host and port in ANTHROPIC_BASE_URL',
			'✗ The gateway is not usable by Claude Code.',
			'Fix it and probe again (r), go back (Esc), or press y to go on and write it',
			'anyway.',
			'',
			'y continue anyway · r probe again · Esc back · Ctrl+C quit, nothing written',
		]);
	});
}, 60_000);
