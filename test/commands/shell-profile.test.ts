import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {backups, ccgate, ccgateBinary, expectNotPrinted, mode, put, read, sandbox, secretFiles} from './support.js';

const token = 'tok\'"$HOME`id`!!x\\y-0123456789';
// A header value holds Latin-1 only (café); the model ID carries the curly quotes.
const headers = ['x-note: it\'s "q" $PATH `id` !! back\\slash\ttab café', 'x-team: core'];
const model = 'claude-ü-\'q\'-‘curly’';

const valueFlags = ['--base-url', 'https://gw.example.com', '--auth-token', token, '--header', headers[0]!, '--header', headers[1]!, '--model', model];

const expected = {
	ANTHROPIC_BASE_URL: 'https://gw.example.com',
	ANTHROPIC_AUTH_TOKEN: token,
	ANTHROPIC_CUSTOM_HEADERS: headers.join('\n'),
	ANTHROPIC_MODEL: model,
};

const names = Object.keys(expected);

const wroteNote = 'Open a new shell (or source the profile) to use it; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.\n';

/** Start the real shell as a user would (its own start-up files, from the sandbox HOME) and read the variables back. */
function variablesIn(shell: 'bash' | 'zsh' | 'fish', box: Sandbox, options: {env?: Record<string, string>; source?: string} = {}): Record<string, string> {
	const dump = shell === 'fish'
		? `for name in ${names.join(' ')}; printf '%s\\0' "$$name"; end`
		: `for name in ${names.join(' ')}; do eval "printf '%s\\\\0' \\"\\$$name\\""; done`;
	const script = options.source === undefined ? dump : `${shell === 'fish' ? 'source' : '.'} '${options.source}'; ${dump}`;
	const argv = {
		bash: options.source === undefined ? ['-i', '-c', script] : ['--norc', '--noprofile', '-c', script],
		zsh: options.source === undefined ? ['-i', '-c', script] : ['-f', '-c', script],
		fish: options.source === undefined ? ['-c', script] : ['--no-config', '-c', script],
	}[shell];
	const output = execFileSync(`/usr/bin/${shell}`, argv, {env: {...box.env, ...options.env}, cwd: box.home, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	const values = output.split('\0').slice(0, -1);
	return Object.fromEntries(names.map((name, index) => [name, values[index] ?? '(unset)']));
}

/** The line ccgate writes: the variables file, under the sandbox's home, written from `$HOME`. */
function sourceLine(box: {home: string}, file: string, shell: 'bash' | 'fish' = 'bash'): string {
	expect(file.startsWith(`${box.home}/`)).toBe(true);
	const word = `"$HOME"'${file.slice(box.home.length)}'`;
	return shell === 'fish' ? `if test -f ${word}; source ${word}; end` : `if [ -f ${word} ]; then . ${word}; fi`;
}

function block(line: string, newline = '\n'): string {
	return ['# >>> ccgate >>>', '# Claude Code\'s gateway, written by ccgate; the values live in a 0600 file.', line, '# <<< ccgate <<<', ''].join(newline);
}

const bashrc = '# ~/.bashrc\nalias ll=\'ls -l\'\nexport PATH="$HOME/bin:$PATH"\n';

describe.concurrent('ccgate write --to shell', () => {
	test('bash: the profile gets one managed block that sources a 0600 variables file of ccgate\'s', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'my-profile.sh');
		put(profile, bashrc);
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, ...valueFlags]);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout).toBe(`Wrote ~/my-profile.sh. Backup: ${backups(box)[0]!}\n${wroteNote}`);
		const variablesFile = secretFiles(box).find(file => file.endsWith('.sh'))!;
		expect(read(profile)).toBe(`${bashrc}\n${block(sourceLine(box, variablesFile))}`);
		expect(mode(variablesFile).toString(8)).toBe('600');
		expect(path.dirname(variablesFile)).toBe(path.join(box.ccgateDirectory, 'secrets'));
		expect(mode(path.dirname(variablesFile)).toString(8)).toBe('700');
		expect(read(profile)).not.toContain('0123456789');
		expectNotPrinted(run, token);
	});

	test('bash, sourcing the profile, gets every value byte for byte', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'my-profile.sh');
		put(profile, bashrc);
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, ...valueFlags]);
		expect(variablesIn('bash', box, {source: profile})).toEqual(expected);
	});

	test('bash\'s default profile is ~/.bashrc, which an interactive bash reads', async () => {
		const box = sandbox();
		put(path.join(box.home, '.bashrc'), bashrc);
		const run = await ccgateBinary(box, ['write', '--to', 'shell', '--shell', 'bash', ...valueFlags]);
		expect(run.stdout.startsWith('Wrote ~/.bashrc. Backup: ')).toBe(true);
		expect(variablesIn('bash', box)).toEqual(expected);
	});

	test('zsh\'s default profile is $ZDOTDIR/.zshrc, created 0600, which an interactive zsh reads', async () => {
		const box = sandbox();
		const zdotdir = path.join(box.home, 'zdot');
		const run = await ccgateBinary(box, ['write', '--to', 'shell', '--shell', 'zsh', ...valueFlags], {env: {ZDOTDIR: zdotdir}});
		expect(run).toEqual({exitCode: 0, stdout: `Wrote ~/zdot/.zshrc.\n${wroteNote}`, stderr: ''});
		expect(mode(path.join(zdotdir, '.zshrc')).toString(8)).toBe('600');
		expect(variablesIn('zsh', box, {env: {ZDOTDIR: zdotdir}})).toEqual(expected);
	});

	test('zsh without ZDOTDIR writes ~/.zshrc', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'zsh', ...valueFlags]);
		expect(run.stdout).toBe(`Wrote ~/.zshrc.\n${wroteNote}`);
		expect(variablesIn('zsh', box)).toEqual(expected);
	});

	test('fish\'s default is $XDG_CONFIG_HOME/fish/conf.d/ccgate.fish, which fish reads at start', async () => {
		const box = sandbox();
		const xdg = path.join(box.home, 'xdg');
		const run = await ccgateBinary(box, ['write', '--to', 'shell', '--shell', 'fish', ...valueFlags], {env: {XDG_CONFIG_HOME: xdg}});
		expect(run).toEqual({exitCode: 0, stdout: `Wrote ~/xdg/fish/conf.d/ccgate.fish.\n${wroteNote}`, stderr: ''});
		const variablesFile = secretFiles(box).find(file => file.endsWith('.fish'))!;
		expect(read(path.join(xdg, 'fish', 'conf.d', 'ccgate.fish'))).toBe(block(sourceLine(box, variablesFile, 'fish')));
		expect(variablesIn('fish', box, {env: {XDG_CONFIG_HOME: xdg}})).toEqual(expected);
	});

	test('fish without XDG_CONFIG_HOME writes ~/.config/fish/conf.d/ccgate.fish', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'fish', ...valueFlags]);
		expect(run.stdout).toBe(`Wrote ~/.config/fish/conf.d/ccgate.fish.\n${wroteNote}`);
		expect(variablesIn('fish', box)).toEqual(expected);
	});

	test('writing again replaces the block in place and keeps the values not given', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'profile');
		put(profile, bashrc);
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, ...valueFlags]);
		put(profile, `${read(profile)}# after the block\n`);
		const before = read(profile);
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, '--model', 'claude-other']);
		expect(run.exitCode).toBe(0);
		expect(read(profile)).toBe(before);
		expect(variablesIn('bash', box, {source: profile})).toEqual({...expected, ANTHROPIC_MODEL: 'claude-other'});
	});

	test('a CRLF profile keeps its line endings', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'profile.ps1');
		put(profile, 'Set-Alias ll Get-ChildItem\r\n');
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'powershell', '--profile-file', profile, '--auth-token', 'tok']);
		const variablesFile = secretFiles(box).find(file => file.endsWith('.ps1'))!;
		expect(read(profile)).toBe(`Set-Alias ll Get-ChildItem\r\n\r\n${block(`if (Test-Path -LiteralPath ($HOME + '${variablesFile.slice(box.home.length)}')) { . ($HOME + '${variablesFile.slice(box.home.length)}') }`, '\r\n')}`);
		expect(read(variablesFile)).toBe('# Written by ccgate for ~/profile.ps1.\n$env:ANTHROPIC_AUTH_TOKEN = \'tok\'\n');
	});

	test('unbalanced markers are refused, exit 1, and the profile is unchanged', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'profile');
		const text = 'a\n# >>> ccgate >>>\nb\n';
		put(profile, text);
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, '--auth-token', 'tok']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/profile has "# >>> ccgate >>>" on line 2 without "# <<< ccgate <<<" after it; remove the stray marker line 2.\n'});
		expect(read(profile)).toBe(text);
		expect(secretFiles(box)).toEqual([]);
	});

	test('--secret-file is refused for a shell profile, exit 2', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', 'p', '--auth-token', 'tok', '--secret-file']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: --secret-file is for settings files, and a shell profile cannot carry it; write to a settings file (--to settings); shell variables already live in a 0600 file of ccgate\'s.\n'});
		expect(existsSync(path.join(box.home, 'p'))).toBe(false);
	});

	test('--scope with --to shell is refused, exit 2', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--to', 'shell', '--scope', 'user', '--auth-token', 'tok']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: --to shell writes a shell profile, so --settings and --scope do not apply; give --profile-file PATH to choose the profile.\n'});
	});
});

describe.concurrent('ccgate remove --to shell', () => {
	test('leaves the profile exactly as before and deletes the variables file', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'my-profile.sh');
		put(profile, bashrc, 0o640);
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, ...valueFlags]);
		const run = await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'bash', '--profile-file', profile]);
		expect(run.exitCode).toBe(0);
		const newest = backups(box).at(-1)!;
		expect(run.stdout).toBe(`Removed ccgate's configuration from ~/my-profile.sh. Backup: ${newest}\n`);
		expect(read(newest)).toContain('# >>> ccgate >>>');
		expect(read(profile)).toBe(bashrc);
		expect(mode(profile).toString(8)).toBe('640');
		expect(secretFiles(box)).toEqual([]);
		expect(variablesIn('bash', box, {source: profile})).toEqual({ANTHROPIC_BASE_URL: '', ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_CUSTOM_HEADERS: '', ANTHROPIC_MODEL: ''});
	});

	test('a CRLF profile comes back byte for byte', async () => {
		const box = sandbox();
		const profile = path.join(box.home, 'profile');
		put(profile, 'a\r\nb\r\n');
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', profile, '--auth-token', 'tok']);
		await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'bash', '--profile-file', profile]);
		expect(read(profile)).toBe('a\r\nb\r\n');
	});

	test('fish\'s conf.d/ccgate.fish, which ccgate created, is deleted', async () => {
		const box = sandbox();
		const xdg = path.join(box.home, 'xdg');
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'fish', ...valueFlags], {env: {XDG_CONFIG_HOME: xdg}});
		const run = await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'fish'], {env: {XDG_CONFIG_HOME: xdg}});
		expect(run.exitCode).toBe(0);
		expect(existsSync(path.join(xdg, 'fish', 'conf.d', 'ccgate.fish'))).toBe(false);
		expect(secretFiles(box)).toEqual([]);
	});

	test('a profile ccgate did not write to is left alone', async () => {
		const box = sandbox();
		put(path.join(box.home, '.bashrc'), bashrc);
		const run = await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'bash']);
		expect(run).toEqual({exitCode: 0, stdout: 'ccgate has written nothing to ~/.bashrc; nothing to remove.\n', stderr: ''});
		expect(read(path.join(box.home, '.bashrc'))).toBe(bashrc);
		expect(backups(box)).toEqual([]);
	});
});
