import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {maskSecret} from '../../source/core/mask.js';
import {ccgateBin, makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import {defaultReply, type Gateway, startGateway} from '../helpers/gateway.js';
import {runClaude} from '../helpers/claude.js';
import {TerminalSession} from './tmux.js';

/*
The built CLI in a real terminal (tmux), with CI=true in its environment: Ink must draw live anyway.
Run `npx tsup` first (npm test does).
*/

const token = 'gw-token-0123456789abcdef';

let session: TerminalSession | undefined;
let gateway: Gateway | undefined;
afterEach(async () => {
	session?.kill();
	session = undefined;
	await gateway?.close();
	gateway = undefined;
});

function startCcgate(sandbox: Sandbox, extraEnv: Record<string, string> = {}): TerminalSession {
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true', ...extraEnv}, cwd: sandbox.home});
	return session;
}

function userSettings(sandbox: Sandbox): string {
	return path.join(sandbox.home, '.claude', 'settings.json');
}

/** Every file under HOME with its bytes and mode, to prove a run changed nothing. */
function snapshot(folder: string): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (current: string) => {
		for (const entry of readdirSync(current, {withFileTypes: true})) {
			const file = path.join(current, entry.name);
			if (entry.isDirectory()) {
				files[`${file}/`] = 'folder';
				walk(file);
			} else {
				files[file] = `${(statSync(file).mode & 0o777).toString(8)} ${readFileSync(file, 'utf8')}`;
			}
		}
	};

	walk(folder);
	return files;
}

/** The requests the real claude made for an answer: inference, not the probe's max_tokens: 0 check. */
function claudeMessages(requests: Gateway['requests']) {
	return requests.filter(request => request.method === 'POST' && request.path.startsWith('/v1/messages?') && (JSON.parse(request.body) as {stream?: boolean}).stream === true);
}

const existingSettings = (url: string) => `{
  "permissions": {
    "allow": ["Bash(ls)"],
    "deny": []
  },
  "hooks": {
    "PreToolUse": [
      {"matcher": "Bash", "hooks": [{"type": "command", "command": "true"}]}
    ]
  },
  "env": {
    "ANTHROPIC_BASE_URL": "${url}",
    "ANTHROPIC_AUTH_TOKEN": "old-token-0000000000",
    "MY_TEAM_VARIABLE": "keep me"
  }
}
`;

function withExistingSettings(sandbox: Sandbox, url: string): string {
	mkdirSync(path.dirname(userSettings(sandbox)), {recursive: true});
	const text = existingSettings(url);
	writeFileSync(userSettings(sandbox), text);
	return text;
}

/** "Which gateway?": Other (the only row once the filter matches no known gateway), then the Anthropic format. */
async function otherGateway(terminal: TerminalSession): Promise<void> {
	await terminal.until('Which gateway?');
	terminal.type('other');
	await terminal.until('Filter: other');
	terminal.press('Enter');
	await pastFormat(terminal);
}

/** The format question as it stands (an edit starts on it): on to the base URL. */
async function pastFormat(terminal: TerminalSession): Promise<void> {
	await terminal.until('The API format the gateway speaks');
	terminal.press('Enter');
	await terminal.until('Claude Code appends');
}

/** The fresh path, step by step, as far as `step`: a first-time user opens on the endpoint. */
const freshSteps: Array<{step: string; reach: (terminal: TerminalSession, url: string) => Promise<void>}> = [
	{step: 'endpoint', async reach(terminal) {
		await terminal.until('1/7 Endpoint');
	}},
	{step: 'credential', async reach(terminal, url) {
		await otherGateway(terminal);
		terminal.type(url);
		terminal.press('Enter');
		await terminal.until('How does the gateway want the credential?');
	}},
	{step: 'headers', async reach(terminal) {
		terminal.press('Enter');
		await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
		terminal.type(token);
		terminal.press('Enter');
		await terminal.until('Where should the token live?');
		terminal.press('Enter');
		await terminal.until('Headers sent with every request');
	}},
	{step: 'models', async reach(terminal) {
		terminal.press('Enter');
		await terminal.until('Enter to the value');
		terminal.type('x-team: core');
		terminal.press('Enter');
		await terminal.until('❯ Continue');
		terminal.press('Enter');
		await terminal.until('4/7 Models and discovery');
	}},
	{step: 'probe', async reach(terminal) {
		terminal.press('Enter');
		await terminal.until('✓ The gateway is usable by Claude Code.');
	}},
	{step: 'target', async reach(terminal) {
		terminal.press('Enter');
		await terminal.until('Where should the configuration go?');
	}},
	{step: 'review', async reach(terminal) {
		terminal.press('Enter');
		await terminal.until('Enter write');
	}},
];

async function freshTo(terminal: TerminalSession, url: string, step: string): Promise<void> {
	for (const entry of freshSteps) {
		// eslint-disable-next-line no-await-in-loop
		await entry.reach(terminal, url);
		if (entry.step === step) {
			return;
		}
	}
}

describe('the wizard in a real terminal, with CI=true', () => {
	test('from nothing to a settings file the real claude uses: endpoint, token, one header', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await freshTo(terminal, gateway.url, 'review');
		expect(terminal.screen()).toContain('"ANTHROPIC_AUTH_TOKEN": "gw-t…cdef"');
		terminal.press('Enter');
		await terminal.until('✓ Wrote ~/.claude/settings.json.');
		expect(terminal.screen()).toContain('Try it: run claude, and type /status');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		expect(JSON.parse(readFileSync(userSettings(sandbox), 'utf8'))).toEqual({env: {ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: 'x-team: core'}});

		const claude = await runClaude({home: sandbox.home, prompt: 'Say hello'});
		expect(claude.stdout).toContain(defaultReply);
		const [message] = claudeMessages(gateway.requests);
		expect(message?.headers['authorization']).toBe(`Bearer ${token}`);
		expect(message?.headers['x-team']).toBe('core');
	}, 120_000);

	test('re-edit: changing only the token changes that one value in the file', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		const before = withExistingSettings(sandbox, gateway.url);
		const terminal = startCcgate(sandbox);
		await terminal.until('❯ Edit the current config');
		expect(terminal.screen()).toMatch(/ANTHROPIC_AUTH_TOKEN\s+old-…0000\s+user\s+~\/\.claude\/settings\.json/);
		terminal.press('Enter');
		await pastFormat(terminal);
		await terminal.until(`❯ ${gateway.url}`);
		terminal.press('Enter');
		await terminal.until('How does the gateway want the credential?');
		terminal.press('Enter');
		await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
		// The token in the file shows masked in brackets, and the field is empty: typing replaces it.
		expect(terminal.screen()).toContain('❯ [old-…0000]');
		expect(terminal.screen()).toContain('Enter keep it');
		terminal.type(token);
		terminal.press('Enter');
		await terminal.until('Where should the token live?');
		terminal.press('Enter');
		await terminal.until('Headers sent with every request');
		terminal.press('Down', 'Enter');
		await terminal.until('4/7 Models and discovery');
		terminal.press('Enter');
		await terminal.until('✓ The gateway is usable by Claude Code.');
		terminal.press('Enter');
		await terminal.until('❯ User settings');
		terminal.press('Enter');
		await terminal.until('Enter write');
		expect(terminal.screen()).toContain(`ANTHROPIC_AUTH_TOKEN: old-…0000 → ${maskSecret(token)}`);
		terminal.press('Enter');
		await terminal.until('✓ Wrote ~/.claude/settings.json.');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		expect(readFileSync(userSettings(sandbox), 'utf8')).toBe(before.replace('old-token-0000000000', token));

		const claude = await runClaude({home: sandbox.home, prompt: 'Say hello'});
		expect(claude.stdout).toContain(defaultReply);
		expect(claudeMessages(gateway.requests)[0]?.headers['authorization']).toBe(`Bearer ${token}`);
	}, 120_000);

	test('in a 100×12 pane with 30 lines of history, a full run keeps them, scrolls the diff, and ends on a line of its own', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		withExistingSettings(sandbox, gateway.url);
		session = TerminalSession.start({
			command: [process.execPath, ccgateBin],
			env: {...sandbox.env, CI: 'true'},
			cwd: sandbox.home,
			columns: 100,
			rows: 12,
			before: 'i=1; while [ $i -le 30 ]; do echo "history line $i"; i=$((i+1)); done',
		});
		const terminal = session;
		const history = Array.from({length: 30}, (_, index) => `history line ${index + 1}`);
		/** The 30 lines are still there, in order, at the top of the user's scrollback: no frame cleared the terminal. */
		const expectHistoryKept = () => {
			expect(terminal.userScreen().split('\n').slice(0, 30)).toEqual(history);
		};

		await terminal.until('❯ Edit the current config');
		expectHistoryKept();
		terminal.press('Enter');
		await pastFormat(terminal);
		await terminal.until(`❯ ${gateway.url}`);
		terminal.press('Enter');
		await terminal.until('How does the gateway want the credential?');
		terminal.press('Enter');
		await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
		terminal.type(token);
		terminal.press('Enter');
		await terminal.until('Where should the token live?');
		terminal.press('Enter');
		await terminal.until('Headers sent with every request');
		terminal.press('Enter');
		terminal.type('x-team: core');
		terminal.press('Enter');
		await terminal.until('  x-team: core');
		terminal.press('Down', 'Enter');
		await terminal.until('4/7 Models and discovery');
		expectHistoryKept();
		terminal.press('Enter');
		await terminal.until('✓ The gateway is usable by Claude Code.');
		terminal.press('Enter');
		await terminal.until('❯ User settings');
		terminal.press('Enter');
		await terminal.until('Enter write');
		// The diff does not fit 12 rows: it scrolls in its own view, the keys below it.
		await terminal.until(/lines 1–\d+ of \d+ · ↑↓ scroll/);
		terminal.press('Down');
		await terminal.until(/lines 2–\d+ of \d+ · ↑↓ scroll/);
		expectHistoryKept();
		terminal.press('Enter');
		await terminal.until('✓ Wrote ~/.claude/settings.json.');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		expectHistoryKept();
		// The shell's next line starts on a line of its own.
		expect(terminal.screen().split('\n')).toContain('[exit 0]');
	}, 120_000);

	test('at 80×24 every step shows its title and its keys, the review\'s diff a page down', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		withExistingSettings(sandbox, gateway.url);
		session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns: 80, rows: 24, before: 'echo "before the wizard"'});
		const terminal = session;
		/** The visible screen: the step's title on it, its keys on its last line, and the line above the wizard still in the scrollback. */
		const expectReadable = async (title: string) => {
			await terminal.until(title);
			await vi.waitFor(() => {
				const visible = terminal.visibleScreen().trimEnd().split('\n');
				expect(visible.some(line => line.startsWith('ccgate · ') && line.includes(title))).toBe(true);
				// The keys' line, wrapped at 80 columns or not, ends the screen.
				expect(visible.at(-1)).toMatch(/(?:nothing written|Enter exit)$/);
			});
			expect(terminal.userScreen().split('\n')[0]).toBe('before the wizard');
		};

		await expectReadable('Current config');
		terminal.press('Enter');
		await expectReadable('1/7 Endpoint');
		terminal.press('Enter');
		await terminal.until('Claude Code appends');
		terminal.press('Enter');
		await expectReadable('2/7 Credential');
		terminal.press('Enter');
		terminal.type(token);
		terminal.press('Enter');
		await terminal.until('Where should the token live?');
		terminal.press('Enter');
		await expectReadable('3/7 Custom headers');
		for (const [index, header] of ['x-team: core', 'x-env: production', 'x-region: eu-west-1', 'x-tenant: acme'].entries()) {
			// After a header is added the selection is on Continue; Add is just above it.
			terminal.press(...(index === 0 ? [] : ['Up']), 'Enter');
			terminal.type(header);
			terminal.press('Enter');
			// eslint-disable-next-line no-await-in-loop
			await terminal.until(`  ${header}`);
		}

		terminal.press('Down', 'Enter');
		await expectReadable('4/7 Models and discovery');
		terminal.type('claude-gw-sonnet');
		terminal.press('Down');
		terminal.type('claude-gw-opus');
		terminal.press('Down');
		terminal.type('claude-gw-sonnet');
		terminal.press('Down');
		terminal.type('claude-gw-haiku');
		terminal.press('Enter');
		await expectReadable('5/7 Probe');
		await terminal.until('✓ The gateway is usable by Claude Code.');
		terminal.press('Enter');
		await expectReadable('6/7 Where to write');
		terminal.press('Enter');
		await expectReadable('7/7 Review');
		// The diff with the keys; its long header line wraps in its column, so its last lines are a page down.
		await terminal.until('Enter write');
		expect(terminal.visibleScreen()).toContain('The change to ~/.claude/settings.json (secrets masked):');
		expect(terminal.visibleScreen()).toContain('+    "ANTHROPIC_CUSTOM_HEADERS": "x-team: core\\nx-env: production\\nx-region: eu-\n+west-1\\nx-tenant: acme"');
		terminal.press('NPage');
		await vi.waitFor(() => {
			expect(terminal.visibleScreen()).toContain('ANTHROPIC_AUTH_TOKEN: old-…0000 → gw-t…cdef');
		});
		terminal.press('Enter');
		await expectReadable('Done');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		expect(terminal.screen().split('\n')[0]).toBe('before the wizard');
	}, 120_000);

	test('NO_COLOR=1: no colour on any screen, the cursor still shows, and an example reads as one', async () => {
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox, {NO_COLOR: '1'});
		await otherGateway(terminal);
		// The example in an empty field cannot be dimmed: it says it is one, and Enter says to type a value.
		await terminal.until('❯ |(e.g. http://127.0.0.1:4000)');
		terminal.press('Enter');
		await terminal.until('Nothing is typed yet: http://127.0.0.1:4000 is only an example; type the value.');
		terminal.type('localhost:8766');
		await terminal.until('→ use http://localhost:8766');
		const styled = terminal.styledScreen();
		expect(styled).toContain('❯ localhost:8766|');
		// SGR colour parameters: 30–37, 38;…, 39, 40–47, 48;…, 49, 90–97, 100–107.
		// eslint-disable-next-line no-control-regex
		const colours = [...styled.matchAll(/\u001B\[([\d;]*)m/g)].flatMap(match => match[1]!.split(';')).filter(parameter => /^(?:3\d|4\d|9\d|10\d)$/.test(parameter));
		expect(colours).toEqual([]);
		terminal.press('C-c');
		await terminal.until('[exit 130]');
	});

	test('Ctrl+C leaves the last line ended: what follows starts on a line of its own', async () => {
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await terminal.until('1/7 Endpoint');
		terminal.press('C-c');
		await terminal.until('[exit 130]');
		expect(terminal.screen().split('\n')).toContain('[exit 130]');
		expect(terminal.screen()).toContain('Left the ccgate wizard: nothing was written.\n');
	});

	test('a first-time user sees "Which gateway?", drawn once on the wizard\'s own screen, the line above kept on theirs; every key typed the moment it shows is kept', async () => {
		const sandbox = makeSandbox();
		// A line above, as a shell prompt leaves it: it stays.
		session = TerminalSession.start({command: ['sh', '-c', 'echo "$ ccgate"; exec "$@"', 'sh', process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home});
		const terminal = session;
		// Type the moment the first frame shows.
		await terminal.until('1/7 Endpoint', 15_000, 5);
		terminal.type('lite');
		await terminal.until('Filter: lite');
		// One frame: nothing left over, no key echoed by the terminal.
		expect(terminal.userScreen().trimEnd()).toBe('$ ccgate');
		expect(terminal.visibleLines().map(line => line.trimEnd()).join('\n')).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'Which gateway? Type to filter the list; Other is any gateway not in it.',
			'Filter: lite',
			'',
			'❯ LiteLLM (unified endpoint)      localhost:4000 · self-hosted',
			'  LiteLLM (Bedrock pass-through)  localhost:4000/bedrock · self-hosted',
			'  LiteLLM (Vertex pass-through)   localhost:4000/vertex_ai/v1 · self-hosted',
			'  Other                           any other gateway: its format and URL are asked next',
			'',
			'↑↓ choose · Enter continue · Ctrl+U clear · Ctrl+C quit, nothing written',
		].join('\n'));
		// The cursor: an inverse space after the text.
		// eslint-disable-next-line no-control-regex
		expect(terminal.styledScreen()).toMatch(/Filter: lite\u001B\[7m \u001B\[0m/);
		terminal.press('C-c');
		await terminal.until('[exit 130]');
		// Back on the user's screen: the line above, then the wizard's last word, then the shell's.
		expect(terminal.screen().trimEnd()).toBe(['$ ccgate', 'Left the ccgate wizard: nothing was written.', '[exit 130]'].join('\n'));
	});

	test('a configured user sees the current config; a key pressed at once moves the choice', async () => {
		const sandbox = makeSandbox();
		withExistingSettings(sandbox, 'http://127.0.0.1:4000');
		const terminal = startCcgate(sandbox);
		await terminal.until('Current config', 15_000, 5);
		terminal.press('Down');
		await terminal.until('❯ Start fresh');
		expect(terminal.screen().trimEnd()).toBe([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL    http://127.0.0.1:4000  user  ~/.claude/settings.json',
			'  ANTHROPIC_AUTH_TOKEN  old-…0000              user  ~/.claude/settings.json',
			'',
			'  Edit the current config  fields start as set now; only changes are written',
			'❯ Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		].join('\n'));
		terminal.press('C-c');
		await terminal.until('[exit 130]');
	});

	test('Esc goes back a step', async () => {
		gateway = await startGateway();
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await freshTo(terminal, gateway.url, 'credential');
		terminal.press('Escape');
		await terminal.until(`❯ ${gateway.url}`);
		expect(terminal.screen()).toContain('1/7 Endpoint');
	});

	test.each(['current', ...freshSteps.map(entry => entry.step)])('Ctrl+C on the %s step leaves every file as it was, exit 130', async step => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		withExistingSettings(sandbox, gateway.url);
		const before = snapshot(sandbox.home);
		const terminal = startCcgate(sandbox);
		await terminal.until('❯ Edit the current config');
		if (step !== 'current') {
			// Start fresh, so each step is reached the same way as from nothing.
			terminal.press('Down');
			await terminal.until('❯ Start fresh');
			terminal.press('Enter');
			await freshTo(terminal, gateway.url, step);
		}

		terminal.press('C-c');
		await terminal.until('[exit 130]');
		expect(terminal.screen()).toContain('Left the ccgate wizard: nothing was written.');
		expect(snapshot(sandbox.home)).toEqual(before);
	}, 60_000);

	test('with $SHELL fish and "print the export lines", the printed fish lines set the configured values', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox, {SHELL: '/usr/bin/fish'});
		const header = 'x-note: it\'s "core" $HOME `id` \\n';
		await freshTo(terminal, gateway.url, 'headers');
		terminal.press('Enter');
		await terminal.until('Enter to the value');
		terminal.type(header);
		terminal.press('Enter');
		await terminal.until('❯ Continue');
		terminal.press('Enter');
		await terminal.until('4/7 Models and discovery');
		terminal.type('claude-gw-sonnet');
		terminal.press('Enter');
		await terminal.until('✓ The gateway is usable by Claude Code.');
		terminal.press('Enter');
		await terminal.until('Just print the export lines for fish');
		terminal.press('Down', 'Down', 'Down');
		await terminal.until('❯ Just print the export lines for fish');
		terminal.press('Enter');
		await terminal.until('Enter print');
		terminal.press('Enter');
		await terminal.until('printed below when you leave');
		terminal.press('Enter');
		await terminal.until('[exit 0]');

		const screen = terminal.screen();
		const printed = screen.slice(screen.lastIndexOf('printed below when you leave')).split('\n').filter(line => line.startsWith('set -gx '));
		expect(printed.map(line => line.split(' ')[2])).toEqual(['ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_CUSTOM_HEADERS', 'ANTHROPIC_MODEL']);
		const lines = path.join(sandbox.home, 'printed.fish');
		writeFileSync(lines, `${printed.join('\n')}\n`);
		const environment = execFileSync('fish', ['--no-config', '-c', `source ${lines}; env -0`], {env: {PATH: process.env['PATH']}, encoding: 'utf8'});
		const variables = Object.fromEntries(environment.split('\0').filter(Boolean).map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
		expect(variables).toMatchObject({
			ANTHROPIC_BASE_URL: gateway.url,
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_CUSTOM_HEADERS: header,
			ANTHROPIC_MODEL: 'claude-gw-sonnet',
		});
		expect(readdirSync(sandbox.home)).toEqual(['printed.fish']);
	}, 60_000);
});

describe('without a terminal', () => {
	test('ccgate </dev/null prints one line naming ccgate write and ccgate print, and exits 2', async () => {
		const sandbox = makeSandbox();
		const result = await runCcgate([], {env: {...sandbox.env, CI: 'true'}});
		expect(result).toEqual({
			stdout: '',
			stderr: 'error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n',
			exitCode: 2,
		});
	});
});
