import {spawn} from 'node:child_process';
import {describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {backups, ccgate, ccgateBinary, put, read, sandbox, userSettingsPath} from './support.js';

/*
What the command line says, checked against what is true: restore by number, remove that asks, the shell named when
ccgate cannot write for it, and --token-stdin's one line from a pipe.
*/

const token = 'token-0123456789abcdef';

describe.concurrent('messages that are true', () => {
	test('show on a settings file that is not JSON names the file, line and column, exit 1', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",,\n  }\n}\n');
		const run = await ccgateBinary(box, ['show']);
		expect(run).toEqual({
			exitCode: 1,
			stdout: `Nothing of ccgate's is configured in the files ccgate could read.\n\nLayers:\n  user     ${userSettingsPath(box)} (not read: see the error)\n`,
			stderr: `error: ${userSettingsPath(box)} is not valid JSON at line 3, column 51 (PropertyNameExpected); fix the file by hand.\n`,
		});
	});

	test('a $SHELL ccgate cannot write for is named with the shells it can, exit 2, unless --shell is given', async () => {
		const box = sandbox();
		const flags = ['--base-url', 'http://127.0.0.1:4000', '--auth-token', token];
		const refusal = 'error: Your shell (SHELL=/bin/tcsh) is not one ccgate writes for: it writes for bash, zsh, fish, powershell and sh; give --shell with one of those.\n';
		expect(await ccgate(box, ['print', ...flags], {env: {SHELL: '/bin/tcsh'}})).toEqual({exitCode: 2, stdout: '', stderr: refusal});
		expect(await ccgate(box, ['write', '--to', 'shell', ...flags], {env: {SHELL: '/bin/tcsh'}})).toEqual({exitCode: 2, stdout: '', stderr: refusal});
		expect(await ccgate(box, ['print', '--shell', 'bash', ...flags], {env: {SHELL: '/bin/tcsh'}})).toEqual({exitCode: 0, stdout: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4000'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\n`, stderr: ''});
		// A POSIX shell by another name still gets sh lines.
		expect(await ccgate(box, ['print', ...flags], {env: {SHELL: '/bin/ksh'}})).toEqual({exitCode: 0, stdout: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4000'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\n`, stderr: ''});
	});

	test('print on a --secret-file configuration says its credential stays with the settings file', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--token-stdin', '--secret-file'], {input: `${token}\n`})).exitCode).toBe(0);
		expect(await ccgate(box, ['print', '--shell', 'bash'])).toEqual({
			exitCode: 0,
			stdout: 'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\n',
			stderr: 'warning: The credential comes from an apiKeyHelper, which only a settings file can hold, so these lines carry no credential; claude started anywhere still runs the helper from its settings file; for these lines alone, add --auth-token or --token-stdin.\n',
		});
	});

	test('show names the --no-auth placeholder as no credential, not as a masked secret', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--no-auth'])).exitCode).toBe(0);
		expect(await ccgate(box, ['show'])).toEqual({
			exitCode: 0,
			stdout: `KEY                   VALUE                  LAYER  SHADOWS\nANTHROPIC_BASE_URL    http://127.0.0.1:4000  user   -\nANTHROPIC_AUTH_TOKEN  (none: no credential)  user   -\n\nLayers:\n  user     ${userSettingsPath(box)}\n`,
			stderr: '',
		});
	});

	test('profile save from flags writes nothing, so profile list marks it as in force only once it is used', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['profile', 'save', 'home', '--base-url', 'http://127.0.0.1:4000', '--auth-token', token])).exitCode).toBe(0);
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: '  home  http://127.0.0.1:4000\n', stderr: ''});
		expect((await ccgate(box, ['profile', 'use', 'home'])).exitCode).toBe(0);
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: '* home  http://127.0.0.1:4000\n', stderr: ''});
	});
});

describe.concurrent('restore by number', () => {
	test('restore --list numbers the backups newest first, and restore N puts back the Nth', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "one"\n}\n');
		for (const model of ['two', 'three', 'four']) {
			// eslint-disable-next-line no-await-in-loop
			expect((await ccgate(box, ['write', '--model', model])).exitCode).toBe(0);
		}

		const [third, second, first] = backups(box).sort().reverse();
		expect(await ccgate(box, ['restore', '--list'])).toEqual({exitCode: 0, stdout: `1  ${third!}\n2  ${second!}\n3  ${first!}\n`, stderr: ''});
		expect(read(third!)).toBe('{\n  "model": "three"\n}\n');
		expect(await ccgate(box, ['restore', '3'])).toEqual({exitCode: 0, stdout: `Restored ~/.claude/settings.json from ${first!}.\n`, stderr: ''});
		expect(read(userSettingsPath(box))).toBe('{\n  "model": "one"\n}\n');
	});

	test('a number --list does not show is refused, exit 2, nothing changed', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "one"\n}\n');
		expect((await ccgate(box, ['write', '--model', 'two'])).exitCode).toBe(0);
		for (const number of ['2', '0', 'x']) {
			// eslint-disable-next-line no-await-in-loop
			expect(await ccgate(box, ['restore', number])).toEqual({exitCode: 2, stdout: '', stderr: `error: There is no backup ${number} of ~/.claude/settings.json: ccgate restore --list numbers its one backup 1; give one of those numbers.\n`});
		}

		expect(read(userSettingsPath(box))).toBe('{\n  "model": "two"\n}\n');
		expect(await ccgate(box, ['restore', '1', '2'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate restore takes one argument at most ("2"); give one backup number, and name the file with --scope, --settings or --to shell.\n'});
	});
});

describe.concurrent('remove asks first', () => {
	test('without a terminal and without --yes nothing is removed, exit 2, and it says to pass --yes', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', token])).exitCode).toBe(0);
		const before = read(userSettingsPath(box));
		expect(await ccgateBinary(box, ['remove'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate remove asks before it takes ccgate\'s configuration out of ~/.claude/settings.json, and there is no terminal to ask at; pass --yes to remove it, or --dry-run to see what would go.\n'});
		expect(read(userSettingsPath(box))).toBe(before);
		expect((await ccgate(box, ['remove', '--yes'])).stdout).toMatch(/^Removed ccgate's configuration from ~\/\.claude\/settings\.json\. Backup: /);
	});
});

/** Run the built ccgate with stdin a pipe this test holds open; resolves with its output once it exits. */
async function withOpenPipe(args: readonly string[], env: Record<string, string>, input: string): Promise<{exitCode: number | null; stdout: string; stderr: string}> {
	const child = spawn(process.execPath, [ccgateBin, ...args], {env, cwd: env['HOME'], stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdin.on('error', () => {});
	child.stdin.write(input);
	// The pipe stays open: ccgate must finish on the line alone.
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	const exitCode = await new Promise<number | null>(resolve => {
		child.once('exit', code => {
			resolve(code);
		});
	});
	clearTimeout(timer);
	child.stdin.destroy();
	return {exitCode, stdout, stderr};
}

describe.concurrent('--token-stdin from a pipe', () => {
	test('the first line is the secret, with the pipe left open after it', async () => {
		const box = sandbox();
		const run = await withOpenPipe(['print', '--shell', 'bash', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'], box.env, `${token}\n`);
		expect(run).toEqual({exitCode: 0, stdout: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4000'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\n`, stderr: ''});
	});

	test('to the end of input when there is no line break; a CRLF line ending is not part of the secret; the lines after the first are not read', async () => {
		const box = sandbox();
		const flags = ['print', '--shell', 'bash', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'];
		const expected = {exitCode: 0, stdout: `export ANTHROPIC_BASE_URL='http://127.0.0.1:4000'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\n`, stderr: ''};
		expect(await ccgateBinary(box, flags, {input: token})).toEqual(expected);
		expect(await ccgateBinary(box, flags, {input: `${token}\r\n`})).toEqual(expected);
		expect(await ccgateBinary(box, flags, {input: `${token}\nsomething else\n`})).toEqual(expected);
	});

	test('more than 64 KiB before the line ends is refused, exit 2, one sentence, nothing written', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'], {input: 'x'.repeat((64 * 1024) + 1)});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: Standard input held more than 64 KiB before its first line ended, and no secret is that long; pipe in the secret alone, as in: printenv GATEWAY_TOKEN | ccgate write --token-stdin.\n'});
		expect(backups(box)).toEqual([]);
		// Exactly 64 KiB is read (and then judged as a token like any other).
		const most = await ccgateBinary(box, ['print', '--shell', 'bash', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'], {input: `${'x'.repeat(64 * 1024)}\n`});
		expect(most.stderr).not.toContain('64 KiB');
	});
});
