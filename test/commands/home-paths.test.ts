import {readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {runCcgate} from '../helpers/cli.js';
import {runAs} from '../helpers/users.js';
import {filesBelow, folder, gitInit, sandbox} from './support.js';

/*
Where things live: HOME absolute, else the account's home from the password database, else exit 2; a relative
XDG_CONFIG_HOME is ignored; nothing of ccgate's lands in the current folder because a variable was empty or relative.
*/

const token = 'home-token-0123456789abcdef';
const accountHome = os.userInfo().homedir;

describe.concurrent('HOME', () => {
	test.each(['', '.', 'relative/home'])('HOME=%j inside a repository: the write goes to the account\'s home, nothing lands in the current folder', async home => {
		const box = sandbox();
		const repo = folder(box, 'repo');
		gitInit(box, repo);
		const {CCGATE_CONFIG_DIR: _, ...env} = box.env;
		const run = await runCcgate(['write', '--base-url', 'https://gw.example.com', '--auth-token', token, '--dry-run'], {env: {...env, HOME: home}, cwd: repo});
		expect(run.exitCode).toBe(0);
		expect(run.stdout.split('\n').slice(0, 2)).toEqual(['--- /dev/null', `+++ ${path.join(accountHome, '.claude', 'settings.json')}`]);
		expect(readdirSync(repo)).toEqual(['.git']);
	});

	test('HOME empty for an account the password database does not know: exit 2, one sentence, nothing written', async () => {
		const box = sandbox();
		const cwd = folder(box, 'work');
		const stranger = {name: 'nobody-known', uid: 54_321, gid: 54_321, home: cwd};
		const run = await runAs(stranger, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token], {env: {HOME: ''}, cwd, home: ''});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: HOME is "", not an absolute path, and this account has no home folder in the password database; set HOME to your home folder, as in HOME=/home/me.\n'});
		expect(readdirSync(cwd)).toEqual([]);
	});
});

describe.concurrent('XDG_CONFIG_HOME and CLAUDE_CONFIG_DIR', () => {
	test('a relative XDG_CONFIG_HOME is ignored: the secret file and the store go to ~/.config/ccgate', async () => {
		const box = sandbox();
		const cwd = folder(box, 'work');
		const {CCGATE_CONFIG_DIR: _, ...env} = box.env;
		const run = await runCcgate(['write', '--base-url', 'https://gw.example.com', '--secret-file', '--auth-token', token], {env: {...env, XDG_CONFIG_HOME: 'config'}, cwd});
		expect(run.exitCode).toBe(0);
		expect(readdirSync(cwd)).toEqual([]);
		expect(filesBelow(path.join(box.home, '.config', 'ccgate')).filter(file => !file.startsWith('backups'))).toEqual(['config.json', expect.stringMatching(/^secrets\/[^/]+$/)]);
	});

	test('an empty CLAUDE_CONFIG_DIR is unset: the user file is ~/.claude/settings.json', async () => {
		const box = sandbox();
		const run = await runCcgate(['write', '--base-url', 'https://gw.example.com', '--auth-token', token, '--dry-run'], {env: {...box.env, CLAUDE_CONFIG_DIR: ''}});
		expect(run.stdout.split('\n').slice(0, 2)).toEqual(['--- /dev/null', `+++ ${path.join(box.home, '.claude', 'settings.json')}`]);
	});

	test('a relative CLAUDE_CONFIG_DIR is refused with exit 2 and the fix', async () => {
		const box = sandbox();
		const run = await runCcgate(['write', '--base-url', 'https://gw.example.com', '--auth-token', token], {env: {...box.env, CLAUDE_CONFIG_DIR: 'claude'}});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: CLAUDE_CONFIG_DIR is "claude", a relative path, which Claude Code reads from whatever folder it starts in; set CLAUDE_CONFIG_DIR to an absolute path, or unset it.\n'});
	});
});
