import {createServer, type Server, type Socket} from 'node:net';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/wizard/view/App.js';
import {defaultServices} from '../../source/wizard/start/default-services.js';
import {loadSetup} from '../../source/wizard/start/setup.js';
import type {WizardServices} from '../../source/wizard/model/services.js';
import {testFolder, type TestFolder, usableReport} from './fixtures.js';
import {renderSized, type SizedApp} from './sized-render.js';

/*
What issue 12 saw on the screens this branch draws, each shown fixed on the exact screen: a fix inside the wizard
names a key, not `raise --timeout` (seen #9); an edit that changed nothing, bound for a shell profile that does not
exist, says so instead of "already holds this configuration" (the wizard's side of seen #10).
*/

// Ink reads CI once as it loads: hidden before any import runs, as the wizard itself does (source/wizard/start/start.ts).
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
afterAll(restoreCi);

let mounted: SizedApp | undefined;
let server: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
	mounted?.unmount();
	mounted = undefined;
	for (const socket of sockets) {
		socket.destroy();
	}

	sockets.clear();
	await new Promise<void>(resolve => {
		if (server) {
			server.close(() => {
				resolve();
			});
		} else {
			resolve();
		}
	});
	server = undefined;
});

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;
const token = 'gw-token-0123456789abcdef';

/** The wizard at 100×40 over real files; `screen` is the frame without colours, `words` the same with each run of spaces as one. */
async function open(folder: TestFolder, services: WizardServices) {
	const setup = loadSetup({trustProject: false}, folder.context);
	const app = renderSized(<App setup={setup} services={services}/>, {columns: 100, rows: 40});
	mounted = app;
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	const screen = () => app.lastFrame().replaceAll(ansi, '');
	return {
		screen,
		words: () => screen().replaceAll(/\s+/g, ' ').trim(),
		async until(text: string, timeout = 5000) {
			await vi.waitFor(() => {
				expect(screen().replaceAll(/\s+/g, ' ')).toContain(text);
			}, {timeout});
		},
		press(...keys: string[]) {
			for (const key of keys) {
				app.stdin.write(key);
			}
		},
	};
}

/** Through every step as it stands, Enter on each (on the headers, Continue below Add), to the probe. */
async function toProbe(wizard: Awaited<ReturnType<typeof open>>) {
	await wizard.until('Edit the current config');
	for (const [key, next] of [['\r', 'The API format'], ['\r', 'Claude Code appends'], ['\r', 'How does the gateway want'], ['\r', 'Enter keep it'], ['\r', 'Where should the token live?'], ['\r', 'Custom headers'], ['\u001B[B\r', 'Models and discovery'], ['\r', '5/7 Probe']] as const) {
		wizard.press(key);
		// eslint-disable-next-line no-await-in-loop
		await wizard.until(next);
	}
}

function configured(url: string): TestFolder {
	return testFolder({'.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: token}})});
}

describe('what issue 12 saw, on the screens of the tables branch', () => {
	test('9. a gateway that does not answer in time: the fix is the wizard\'s r, not raise --timeout', async () => {
		// A loopback server that takes the connection and never answers.
		server = createServer(socket => {
			sockets.add(socket);
		});
		await new Promise<void>(resolve => {
			server!.listen(0, '127.0.0.1', resolve);
		});
		const {port} = server.address() as {port: number};
		const url = `http://127.0.0.1:${port}`;
		const folder = configured(url);
		const setup = loadSetup({trustProject: false}, folder.context);
		const wizard = await open(folder, defaultServices(setup, folder.context, {timeoutMs: 300}));
		await toProbe(wizard);
		await wizard.until('✗ The gateway is not usable by Claude Code.', 15_000);
		// The times vary from run to run.
		expect(wizard.screen().replaceAll(/\d+ ms/g, 'N ms').split('\n')).toEqual([
			'ccgate · 5/7 Probe  probe: not usable',
			'',
			`Probed ${url}:`,
			'  warning GET  /v1/models?limit=1000  -  N ms',
			'  warning POST /v1/messages/count_tokens  -  N ms',
			'  error   POST /v1/messages?beta=true  -  N ms',
			`✗ ${url} did not answer within N ms`,
			'  → check that the gateway is up and reachable, then probe again (r)',
			'✗ The gateway is not usable by Claude Code.',
			'Fix it and probe again (r), go back (Esc), or press y to go on and write it anyway.',
			'',
			'y continue anyway · r probe again · Esc back · Ctrl+C quit, nothing written',
		]);
		expect(wizard.screen()).not.toContain('--timeout');
	}, 30_000);

	test('10. an edit that changed nothing, bound for a shell profile that does not exist, says that nothing is written, and writes nothing', async () => {
		const folder = configured('http://127.0.0.1:4000');
		const setup = loadSetup({trustProject: false}, folder.context);
		const wizard = await open(folder, {...defaultServices(setup, folder.context, {timeoutMs: 1000}), probe: async () => usableReport()});
		await toProbe(wizard);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press('\r');
		await wizard.until('Where should the configuration go?');
		wizard.press('\u001B[B', '\u001B[B', '\r');
		await wizard.until('Enter finish');
		const bashrc = path.join(folder.home, '.bashrc');
		// Compared word for word: the sentence wraps at 100 columns. The home folder the wizard's context gives shows as ~.
		expect(wizard.words()).toBe([
			'ccgate · 7/7 Review probe: usable',
			'Nothing to write: no value was changed, and ~/.bashrc does not exist (an edit writes only what you change; start fresh to write every field there).',
			'Enter finish · Esc back · Ctrl+C quit, nothing written',
		].join(' '));
		wizard.press('\r');
		await wizard.until('Enter exit');
		expect(wizard.words()).toBe([
			'ccgate · Done probe: usable',
			'Nothing was written: no value was changed, and ~/.bashrc does not exist.',
			'Probe: the gateway is usable by Claude Code.',
			'Try it: run claude, and type /status to see the base URL it uses.',
			'Enter exit',
		].join(' '));
		expect(existsSync(bashrc)).toBe(false);
	});

	test('an edit that changed nothing, bound for the settings file that holds it: the review says so, and Enter finishes rather than writes', async () => {
		const folder = configured('http://127.0.0.1:4000');
		const before = readFileSync(folder.userSettings, 'utf8');
		const setup = loadSetup({trustProject: false}, folder.context);
		const wizard = await open(folder, {...defaultServices(setup, folder.context, {timeoutMs: 1000}), probe: async () => usableReport()});
		await toProbe(wizard);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press('\r');
		await wizard.until('Where should the configuration go?');
		wizard.press('\r');
		await wizard.until('Enter finish');
		expect(wizard.words()).toBe([
			'ccgate · 7/7 Review probe: usable',
			'~/.claude/settings.json already holds this configuration: nothing to change.',
			'Enter finish · Esc back · Ctrl+C quit, nothing written',
		].join(' '));
		wizard.press('\r');
		await wizard.until('Enter exit');
		expect(readFileSync(folder.userSettings, 'utf8')).toBe(before);
	});
});
