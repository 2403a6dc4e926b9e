import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {ccgateBin, type Sandbox} from '../helpers/cli.js';
import {TerminalSession} from '../wizard/tmux.js';
import {ccgate, expectNoStackTrace, put, sandbox, userSettingsPath} from './support.js';

/*
`profile import` of a file someone else wrote: its values pass the checks typed values pass (no line break that
becomes another header, no control character, no header value above U+00FF), a command it runs for its key
(apiKeyHelper) is shown and imported only when confirmed, and its name is never echoed whole. A refused import
writes nothing: no profile, no store.
*/

type Shared = {name?: string; values?: Record<string, string>; headers?: Array<{name: string; value?: string; secret?: true}>; secret?: string | null};

function profileFile(box: Sandbox, shared: Shared): string {
	const file = path.join(box.home, 'shared.json');
	put(file, JSON.stringify({ccgate: 'profile', version: 1, name: 'team', secret: null, headers: [], ...shared, values: {ANTHROPIC_BASE_URL: 'https://gw.team.example', ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth', ...shared.values}}));
	return file;
}

/** The store, where nothing of a refused import may appear. */
function storeFile(box: Sandbox): string {
	return path.join(box.ccgateDirectory, 'config.json');
}

async function refused(box: Sandbox, shared: Shared, args: string[] = []) {
	const run = await ccgate(box, ['profile', 'import', profileFile(box, shared), ...args]);
	expectNoStackTrace(run);
	expect(existsSync(storeFile(box))).toBe(false);
	return run;
}

describe('imported values are checked as typed ones', () => {
	test('a header value holding CR/LF does not become a second header', async () => {
		const box = sandbox();
		const run = await refused(box, {headers: [{name: 'x-tenant', value: 'acme\r\nx-evil: 1'}]});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The value of header x-tenant holds a line break or NUL; give x-tenant a one-line value.\n'});
	});

	test('a header name holding a line break is no header name', async () => {
		const box = sandbox();
		const run = await refused(box, {headers: [{name: 'x-evil: 1\nx-tenant', value: 'acme'}]});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The header name "x-evil: 1\\nx-tenant" is not a valid HTTP header name; use letters, digits and - only, as in x-tenant: acme.\n'});
	});

	test('an escape sequence in the base URL, a model or a header value is refused, named as \\x1b', async () => {
		const box = sandbox();
		const run = await refused(box, {values: {ANTHROPIC_BASE_URL: 'https://gw.team.example/\u001B]52;c;aGk=\u0007', ANTHROPIC_MODEL: 'claude\u001B[2J'}, headers: [{name: 'x-tenant', value: 'a\u001B[8mb'}]});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: [
			'error: The value of header x-tenant holds a control character (\\x1b); give x-tenant a value of printable characters only.',
			'error: The value of ANTHROPIC_BASE_URL holds a control character (\\x1b); give ANTHROPIC_BASE_URL without control characters or line breaks.',
			'error: The value of ANTHROPIC_MODEL holds a control character (\\x1b); give ANTHROPIC_MODEL without control characters or line breaks.',
			'',
		].join('\n')});
	});

	test('a NUL and a C1 control in model IDs are refused', async () => {
		const box = sandbox();
		const run = await refused(box, {values: {ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude\u0000x', ANTHROPIC_MODEL: 'claude\u009Bx'}});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: [
			'error: The value of ANTHROPIC_MODEL holds a control character (\\u009b); give ANTHROPIC_MODEL without control characters or line breaks.',
			'error: The value of ANTHROPIC_DEFAULT_OPUS_MODEL holds a control character (\\x00); give ANTHROPIC_DEFAULT_OPUS_MODEL without control characters or line breaks.',
			'',
		].join('\n')});
	});

	test('a header value above U+00FF is refused; a Latin-1 one (Zürich) is imported', async () => {
		const box = sandbox();
		const run = await refused(box, {headers: [{name: 'x-city', value: '日本'}]});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The value of header x-city holds "日" (U+65E5), a character above U+00FF, which HTTP header values cannot carry, so Claude Code refuses to start with it; give x-city a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that.\n'});
		const latin1 = await ccgate(box, ['profile', 'import', profileFile(box, {headers: [{name: 'x-city', value: 'Zürich'}]})]);
		expect(latin1).toEqual({exitCode: 0, stdout: 'Imported profile team (https://gw.team.example); switch to it with ccgate profile use team.\n', stderr: ''});
	});

	test('typed values are held to the same rule: write --base-url with an escape sequence is exit 2, nothing written', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.team.example/\u001B[2J', '--no-auth']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The value of ANTHROPIC_BASE_URL holds a control character (\\x1b); give ANTHROPIC_BASE_URL without control characters or line breaks.\n'});
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});

	test('a 1 MB name is refused without being echoed whole', async () => {
		const box = sandbox();
		const run = await refused(box, {name: 'a'.repeat(1024 * 1024)});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: The profile name "${'a'.repeat(61)}..." is not usable; use at most 64 letters, digits, ".", "-" and "_".\n`});
	});

	test('a 65-character name is refused; 64 are imported', async () => {
		const box = sandbox();
		expect((await refused(box, {name: 'b'.repeat(65)})).exitCode).toBe(2);
		expect((await ccgate(box, ['profile', 'import', profileFile(box, {name: 'b'.repeat(64)})])).exitCode).toBe(0);
	});
});

describe('an imported apiKeyHelper is shown and must be confirmed', () => {
	const helper = 'curl -s https://keys.team.example/key | sh';

	test('without a terminal and without --yes: one sentence naming the command, exit 2, nothing written', async () => {
		const box = sandbox();
		const run = await refused(box, {values: {apiKeyHelper: helper}});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: The profile team runs "${helper}" for its key (apiKeyHelper), and there is no terminal to confirm it at; read the command, and pass --yes to import it if you trust it.\n`});
	});

	test('with --yes from a script: imported, and the command is still shown', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['profile', 'import', profileFile(box, {values: {apiKeyHelper: helper}}), '--yes']);
		expect(run).toEqual({exitCode: 0, stdout: 'Imported profile team (https://gw.team.example); switch to it with ccgate profile use team.\n', stderr: `warning: The profile team runs "${helper}" for its key (apiKeyHelper), imported because --yes was given; remove it with ccgate profile rm team unless you trust that command.\n`});
		expect((await ccgate(box, ['profile', 'list'])).stdout).toBe('  team  https://gw.team.example\n');
	});

	test('a bad value is refused before anyone is asked about the command', async () => {
		const box = sandbox();
		const run = await refused(box, {values: {apiKeyHelper: helper, ANTHROPIC_MODEL: 'claude\u001B[2J'}});
		expect(run.stderr).toBe('error: The value of ANTHROPIC_MODEL holds a control character (\\x1b); give ANTHROPIC_MODEL without control characters or line breaks.\n');
	});

	describe('at a terminal', () => {
		let session: TerminalSession | undefined;
		afterEach(() => {
			session?.kill();
			session = undefined;
		});

		function start(box: Sandbox, file: string): TerminalSession {
			session = TerminalSession.start({command: [process.execPath, ccgateBin, 'profile', 'import', file], env: box.env, cwd: box.home, columns: 200, rows: 10});
			return session;
		}

		test('the command is shown and asked about: n imports nothing, y imports it', async () => {
			const box = sandbox();
			const file = profileFile(box, {values: {apiKeyHelper: helper}});
			const declined = start(box, file);
			await declined.until('? [y/N] ');
			declined.type('n');
			declined.press('Enter');
			await declined.until('[exit 1]');
			expect(declined.visibleScreen().replace(/\n+$/, '\n')).toBe(`The profile team runs "${helper}" for its key (apiKeyHelper). Import it? [y/N] n\nNothing was imported.\n[exit 1]\n`);
			expect(existsSync(storeFile(box))).toBe(false);
			declined.kill();

			const accepted = start(box, file);
			await accepted.until('? [y/N] ');
			accepted.type('y');
			accepted.press('Enter');
			await accepted.until('[exit 0]');
			expect(accepted.visibleScreen().replace(/\n+$/, '\n')).toBe(`The profile team runs "${helper}" for its key (apiKeyHelper). Import it? [y/N] y\nImported profile team (https://gw.team.example); switch to it with ccgate profile use team.\n[exit 0]\n`);
		});
	});
});
