import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {ccgateBin, type Sandbox} from '../helpers/cli.js';
import {TerminalSession} from '../wizard/tmux.js';
import {ccgate, put, sandbox, userSettingsPath} from './support.js';

/*
The command line at an 80-column terminal (tmux): tables fit and wrap in their own column, levels are coloured
unless NO_COLOR is set, write ends with the next step, remove asks, and --token-stdin asks without echo.
Piped output is held by the other tests of these commands, unchanged.
*/

let session: TerminalSession | undefined;
afterEach(() => {
	session?.kill();
	session = undefined;
});

function run(box: Sandbox, args: readonly string[], env: Record<string, string> = {}, rows = 24): TerminalSession {
	session = TerminalSession.start({command: [process.execPath, ccgateBin, ...args], env: {...box.env, ...env}, cwd: box.home, columns: 80, rows});
	return session;
}

/** The visible screen without the blank rows below the output. */
function shown(terminal: TerminalSession): string {
	return terminal.visibleScreen().replace(/\n+$/, '\n');
}

const longUrl = 'https://gateway.internal.example.com/anthropic/v1/tenants/acme-platform-engineering';

describe('tables fit an 80-column terminal', () => {
	test('show wraps a long value inside its own column', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: longUrl, ANTHROPIC_AUTH_TOKEN: 'token-0123456789abcdef', ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme-platform-engineering'}}));
		const terminal = run(box, ['show']);
		await terminal.until('[exit 0]');
		expect(shown(terminal)).toBe(SHOW_SCREEN.replaceAll('<home>', box.home));
	});

	test('presets: every line fits in 80 columns, each row\'s values in their own columns', async () => {
		const box = sandbox();
		const terminal = run(box, ['presets'], {}, 80);
		await terminal.until('[exit 0]');
		const lines = shown(terminal).split('\n');
		expect(lines.filter(line => line.length > 80)).toEqual([]);
		expect(lines.slice(0, 3).join('\n')).toBe(PRESETS_TOP);
	});

	test('profile list fits too', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['profile', 'save', 'platform', '--base-url', longUrl, '--auth-token', 'token-0123456789'])).exitCode).toBe(0);
		const terminal = run(box, ['profile', 'list']);
		await terminal.until('[exit 0]');
		expect(shown(terminal)).toBe(PROFILE_SCREEN);
	});
});

describe('colour by level, NO_COLOR off', () => {
	test('doctor colours its verdict and findings at a terminal; NO_COLOR leaves them plain', async () => {
		const box = sandbox();
		const coloured = run(box, ['doctor']);
		await coloured.until('[exit 1]');
		const styled = coloured.styledScreen();
		expect(styled).toContain('\u001B[1m\u001B[31mVerdict: Claude Code will not work through this configuration');
		expect(styled).toContain('\u001B[1m\u001B[31merror:\u001B[0m\u001B[39m\u001B[49m No ANTHROPIC_BASE_URL is configured');
		coloured.kill();

		const plain = run(box, ['doctor'], {NO_COLOR: '1'});
		await plain.until('[exit 1]');
		// eslint-disable-next-line no-control-regex
		expect(plain.styledScreen().replaceAll(/\u001B\[(?:0|39|49)?m/g, '')).not.toMatch(/\u001B\[/);
	});
});

describe('at a terminal', () => {
	test('write ends with the next step', async () => {
		const box = sandbox();
		const terminal = run(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789']);
		await terminal.until('[exit 0]');
		expect(shown(terminal)).toBe('Wrote ~/.claude/settings.json.\nNext: ccgate doctor checks that Claude Code works through it.\n[exit 0]\n');
	});

	test('remove shows the change and asks; no keeps the file, yes removes', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789'])).exitCode).toBe(0);
		const before = readFileSync(userSettingsPath(box), 'utf8');
		const declined = run(box, ['remove']);
		await declined.until('? [y/N] ');
		declined.type('n');
		declined.press('Enter');
		await declined.until('[exit 1]');
		expect(shown(declined)).toContain('Remove ccgate\'s configuration from ~/.claude/settings.json? [y/N] n\nNothing was removed.\n[exit 1]\n');
		expect(readFileSync(userSettingsPath(box), 'utf8')).toBe(before);
		declined.kill();

		const accepted = run(box, ['remove']);
		await accepted.until('? [y/N] ');
		accepted.type('y');
		accepted.press('Enter');
		await accepted.until('[exit 0]');
		// The whole screen, wrapped lines joined: the backup's path is longer than a line.
		expect(accepted.screen()).toMatch(/\[y\/N] y\nRemoved ccgate's configuration from ~\/\.claude\/settings\.json\. Backup: \S+\.bak\n\[exit 0]\n/);
		expect(readFileSync(userSettingsPath(box), 'utf8')).toBe('{}\n');
	});

	test('--token-stdin asks on the terminal without echo, and Enter ends it', async () => {
		const box = sandbox();
		const terminal = run(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--token-stdin']);
		await terminal.until('(not shown as you type; Enter ends it): ');
		terminal.type('typed-token-0123456789');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		// The prompt's line ends where the prompt does: nothing typed shows.
		expect(shown(terminal)).toBe('The token (not shown as you type; Enter ends it):\nWrote ~/.claude/settings.json.\nNext: ccgate doctor checks that Claude Code works through it.\n[exit 0]\n');
		expect(JSON.parse(readFileSync(path.join(box.home, '.claude', 'settings.json'), 'utf8'))).toEqual({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'typed-token-0123456789'}});
	});
});

const SHOW_SCREEN = `KEY                       VALUE                                   LAYER  SHADOWS
ANTHROPIC_BASE_URL        https://gateway.internal.example.com/   user   -
                          anthropic/v1/tenants/acme-platform-
                          engineering
ANTHROPIC_AUTH_TOKEN      toke…cdef                               user   -
ANTHROPIC_CUSTOM_HEADERS  x-tenant: acme-platform-engineering     user   -

Layers:
  user     <home>/.claude/settings.json
[exit 0]
`;

const PRESETS_TOP = `ID            NAME          API        BASE URL      CREDENTIAL    ASKS FOR
litellm       LiteLLM       anthropic  http://       ANTHROPIC_    --base-url
              (unified                 localhost:40  AUTH_TOKEN`;

const PROFILE_SCREEN = `  platform  https://gateway.internal.example.com/anthropic/v1/tenants/acme-
            platform-engineering
[exit 0]
`;
