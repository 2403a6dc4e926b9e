import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {ccgate, ccgateBinary, expectNoStackTrace, folder, put, sandbox, userSettingsPath} from './support.js';

/*
Values that break shell quoting, placed where ccgate accepts them: a credential may hold no
whitespace, a model ID neither (but any other character), a header value tabs and Latin-1 only, and two headers
are joined by a newline.
*/
const baseUrl = 'http://127.0.0.1:4000/gw';
const token = 'tok\'"$HOME`id`!!x\\y-ü';
const noteHeader = 'x-note: it\'s "q" $HOME `id` !! back\\slash\ttab café';
const teamHeader = 'x-team: core';
const model = 'claude-\'q\'"$x`!\\-ü-🚀‘curly’';

const expected = {
	ANTHROPIC_BASE_URL: baseUrl,
	ANTHROPIC_AUTH_TOKEN: token,
	ANTHROPIC_CUSTOM_HEADERS: `${noteHeader}\n${teamHeader}`,
	ANTHROPIC_MODEL: model,
};

const variableNames = Object.keys(expected);

const flags = ['--base-url', baseUrl, '--auth-token', token, '--header', noteHeader, '--header', teamHeader, '--model', model];

const bashLines = [
	'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000/gw\'',
	'export ANTHROPIC_AUTH_TOKEN=\'tok\'\\\'\'"$HOME`id`!!x\\y-ü\'',
	'export ANTHROPIC_CUSTOM_HEADERS=$\'x-note: it\\\'s "q" $HOME `id` !! back\\\\slash\\ttab café\\nx-team: core\'',
	'export ANTHROPIC_MODEL=\'claude-\'\\\'\'q\'\\\'\'"$x`!\\-ü-🚀‘curly’\'',
];

const fishLines = [
	'set -gx ANTHROPIC_BASE_URL \'http://127.0.0.1:4000/gw\'',
	'set -gx ANTHROPIC_AUTH_TOKEN \'tok\\\'"$HOME`id`!!x\\\\y-ü\'',
	'set -gx ANTHROPIC_CUSTOM_HEADERS \'x-note: it\\\'s "q" $HOME `id` !! back\\\\slash\'\\t\'tab café\'\\n\'x-team: core\'',
	'set -gx ANTHROPIC_MODEL \'claude-\\\'q\\\'"$x`!\\\\-ü-🚀‘curly’\'',
];

const powerShellLines = [
	'$env:ANTHROPIC_BASE_URL = \'http://127.0.0.1:4000/gw\'',
	'$env:ANTHROPIC_AUTH_TOKEN = \'tok\'\'"$HOME`id`!!x\\y-ü\'',
	'$env:ANTHROPIC_CUSTOM_HEADERS = \'x-note: it\'\'s "q" $HOME `id` !! back\\slash\' + "`t" + \'tab café\' + "`n" + \'x-team: core\'',
	'$env:ANTHROPIC_MODEL = \'claude-\'\'q\'\'"$x`!\\-ü-🚀‘‘curly’’\'',
];

const text = (lines: string[]) => `${lines.join('\n')}\n`;

/** Source the printed lines in the real shell and read each variable back, NUL-separated. */
function sourceIn(shell: 'bash' | 'zsh' | 'fish' | 'dash', box: Sandbox, printed: string): Record<string, string> {
	const file = path.join(box.home, `printed.${shell}`);
	put(file, printed);
	const dump = shell === 'fish'
		? `source ${file}; for name in ${variableNames.join(' ')}; printf '%s\\0' "$$name"; end`
		: `. ${file}; for name in ${variableNames.join(' ')}; do eval "printf '%s\\\\0' \\"\\$$name\\""; done`;
	const argv = {
		bash: ['/usr/bin/bash', '--norc', '--noprofile', '-c', dump],
		zsh: ['/usr/bin/zsh', '-f', '-c', dump],
		fish: ['/usr/bin/fish', '--no-config', '-c', dump],
		dash: ['/usr/bin/dash', '-c', dump],
	}[shell];
	const output = execFileSync(argv[0]!, argv.slice(1), {env: box.env, cwd: box.home, encoding: 'utf8'});
	const values = output.split('\0').slice(0, -1);
	return Object.fromEntries(variableNames.map((name, index) => [name, values[index]!]));
}

/** C0 controls and DEL, the line feed that ends each line aside. */
function rawControlCharacters(printed: string): string[] {
	// eslint-disable-next-line no-control-regex
	return printed.split('\n').flatMap(line => line.match(/[\u0000-\u001F\u007F]/g) ?? []);
}

function userSettings(): string {
	return `${JSON.stringify({
		model,
		env: {
			ANTHROPIC_BASE_URL: baseUrl,
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_CUSTOM_HEADERS: `${noteHeader}\n${teamHeader}`,
			OTHER_VARIABLE: 'not printed',
		},
	}, undefined, 2)}\n`;
}

describe.concurrent('ccgate print, from flags', () => {
	test('bash gets single quotes, and $\'…\' for the value holding a tab and a newline', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', ...flags]);
		expect(run).toEqual({exitCode: 0, stdout: text(bashLines), stderr: ''});
	});

	test('bash, sourcing the printed lines, gets every variable byte for byte', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['print', '--shell', 'bash', ...flags]);
		expect(sourceIn('bash', box, run.stdout)).toEqual(expected);
	});

	test('zsh gets the same lines as bash, and sourcing them gets every variable byte for byte', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'zsh', ...flags]);
		expect(run).toEqual({exitCode: 0, stdout: text(bashLines), stderr: ''});
		expect(sourceIn('zsh', box, run.stdout)).toEqual(expected);
	});

	test('fish gets \'…\' runs with \\t and \\n between them, and sourcing them gets every variable byte for byte', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'fish', ...flags]);
		expect(run).toEqual({exitCode: 0, stdout: text(fishLines), stderr: ''});
		expect(sourceIn('fish', box, run.stdout)).toEqual(expected);
	});

	test('PowerShell gets single quotes with \' and curly quotes doubled, and "`t" "`n" joined by +', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'powershell', ...flags]);
		expect(run).toEqual({exitCode: 0, stdout: text(powerShellLines), stderr: ''});
	});

	test('no printed line of bash, zsh, fish or PowerShell holds a raw control character', async () => {
		const box = sandbox();
		for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
			// eslint-disable-next-line no-await-in-loop
			const run = await ccgate(box, ['print', '--shell', shell, ...flags]);
			expect(run.exitCode).toBe(0);
			expect(rawControlCharacters(run.stdout)).toEqual([]);
		}
	});

	test('POSIX sh keeps the newline raw inside single quotes, and dash reads every variable back', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'sh', ...flags]);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toBe(text([
			'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000/gw\'',
			'export ANTHROPIC_AUTH_TOKEN=\'tok\'\\\'\'"$HOME`id`!!x\\y-ü\'',
			'export ANTHROPIC_CUSTOM_HEADERS=\'x-note: it\'\\\'\'s "q" $HOME `id` !! back\\slash\ttab café\nx-team: core\'',
			'export ANTHROPIC_MODEL=\'claude-\'\\\'\'q\'\\\'\'"$x`!\\-ü-🚀‘curly’\'',
		]));
		expect(sourceIn('dash', box, run.stdout)).toEqual(expected);
	});

	test('the shell defaults to $SHELL\'s basename', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', ...flags], {env: {SHELL: '/usr/local/bin/fish'}});
		expect(run).toEqual({exitCode: 0, stdout: text(fishLines), stderr: ''});
	});

	test('a trailing slash on --base-url is normalised away', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'fish', '--base-url', 'http://127.0.0.1:4000/', '--no-auth']);
		expect(run).toEqual({exitCode: 0, stdout: 'set -gx ANTHROPIC_BASE_URL \'http://127.0.0.1:4000\'\nset -gx ANTHROPIC_AUTH_TOKEN \'ccgate-no-auth\'\n', stderr: ''});
	});

	test('--model prints ANTHROPIC_MODEL, since a shell has no settings key model', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', '--model', 'sonnet[1m]']);
		expect(run).toEqual({exitCode: 0, stdout: 'export ANTHROPIC_MODEL=\'sonnet[1m]\'\n', stderr: ''});
	});
});

describe.concurrent('ccgate print, from the effective config', () => {
	test('with no value flags it prints what the user settings file configures, byte for byte in bash', async () => {
		const box = sandbox();
		put(userSettingsPath(box), userSettings());
		const run = await ccgate(box, ['print', '--shell', 'bash']);
		expect(run).toEqual({exitCode: 0, stdout: text(bashLines), stderr: ''});
		expect(sourceIn('bash', box, run.stdout)).toEqual(expected);
	});

	test('fish and zsh read the settings file\'s values back byte for byte', async () => {
		const box = sandbox();
		put(userSettingsPath(box), userSettings());
		const fish = await ccgateBinary(box, ['print', '--shell', 'fish']);
		expect(fish).toEqual({exitCode: 0, stdout: text(fishLines), stderr: ''});
		expect(sourceIn('fish', box, fish.stdout)).toEqual(expected);
		const zsh = await ccgateBinary(box, ['print', '--shell', 'zsh']);
		expect(sourceIn('zsh', box, zsh.stdout)).toEqual(expected);
	});

	test('PowerShell prints the settings file\'s values with its quoting', async () => {
		const box = sandbox();
		put(userSettingsPath(box), userSettings());
		const run = await ccgate(box, ['print', '--shell', 'powershell']);
		expect(run).toEqual({exitCode: 0, stdout: text(powerShellLines), stderr: ''});
	});

	test('a flag wins over the configured value, and the other values still come from the settings file', async () => {
		const box = sandbox();
		put(userSettingsPath(box), userSettings());
		const run = await ccgate(box, ['print', '--shell', 'bash', '--base-url', 'https://other.example.com', '--header', 'x-only: one']);
		expect(run).toEqual({
			exitCode: 0,
			stdout: text([
				'export ANTHROPIC_BASE_URL=\'https://other.example.com\'',
				bashLines[1]!,
				'export ANTHROPIC_CUSTOM_HEADERS=\'x-only: one\'',
				bashLines[3]!,
			]),
			stderr: '',
		});
	});

	test('the shell\'s own ANTHROPIC_* variables count, below the settings file', async () => {
		const box = sandbox();
		put(userSettingsPath(box), `${JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://settings.example.com'}})}\n`);
		const run = await ccgate(box, ['print', '--shell', 'bash'], {env: {ANTHROPIC_BASE_URL: 'https://shell.example.com', ANTHROPIC_AUTH_TOKEN: 'shell-token'}});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text(['export ANTHROPIC_BASE_URL=\'https://settings.example.com\'', 'export ANTHROPIC_AUTH_TOKEN=\'shell-token\'']),
			stderr: '',
		});
	});

	test('an untrusted folder\'s project settings are not printed', async () => {
		const box = sandbox();
		const project = folder(box, 'cloned');
		put(path.join(project, '.claude', 'settings.json'), `${JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://evil.example.com'}})}\n`);
		put(userSettingsPath(box), `${JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://mine.example.com', ANTHROPIC_AUTH_TOKEN: 'mine'}})}\n`);
		const run = await ccgate(box, ['print', '--shell', 'bash'], {cwd: project});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text(['export ANTHROPIC_BASE_URL=\'https://mine.example.com\'', 'export ANTHROPIC_AUTH_TOKEN=\'mine\'']),
			stderr: '',
		});
	});

	test('with nothing configured it says so on stderr and prints nothing', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash']);
		expect(run).toEqual({exitCode: 0, stdout: '', stderr: 'warning: Nothing is configured to print; give --base-url and a credential, or run ccgate to set them up.\n'});
	});

	test('an invalid configured value refuses to print, exit 2, one line, no stack trace', async () => {
		const box = sandbox();
		put(userSettingsPath(box), `${JSON.stringify({env: {ANTHROPIC_BASE_URL: 'localhost:8766', ANTHROPIC_AUTH_TOKEN: 'tok'}})}\n`);
		const run = await ccgateBinary(box, ['print', '--shell', 'bash']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The base URL "localhost:8766" has no scheme (http:// or https://); use http://localhost:8766.\n'});
		expectNoStackTrace(run);
	});
});
