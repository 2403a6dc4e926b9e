import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {createUser, deleteUser, runAs, type TestUser} from '../helpers/users.js';
import {ccgate, expectNotPrinted, folder, gitInit, put, sandbox} from './support.js';

/*
Places a secret must not go unless git proves the file ignored (docs/contract.md §3, Target): a project whose
`.claude` folder is a link out of the project, and a repository another user owns, which git refuses to read for
this user ("dubious ownership") and which ccgate used to take for no repository at all. Run as root, and as an
unprivileged user the test creates.
*/

const token = 'owner-token-0123456789abcdef';
const created = createUser('r');
const user: TestUser | undefined = typeof created === 'string' ? undefined : created;
const folders: string[] = [];
afterAll(() => {
	for (const each of folders) {
		rmSync(each, {recursive: true, force: true});
	}

	if (user) {
		deleteUser(user);
	}
});

function theUser(): TestUser {
	// Not skipped where no user can be made: the test fails, saying why.
	expect(created).toSatisfy((value: unknown) => typeof value !== 'string');
	return user!;
}

const refusedLocal = (label: string, repository: string) => `error: ${label} is in a repository git will not read for you (${repository}: another user's, or broken), so nothing proves the file ignored, and a secret must not go there; use --secret-file, or, if you trust that repository, git config --global --add safe.directory with its path.\n`;

describe('a repository another user owns', () => {
	test('as root, in a user\'s repository that ignores settings.local.json: refused, nothing written; safe.directory lets git prove it ignored', async () => {
		const owner = theUser();
		const box = sandbox();
		const repository = folder(box, 'theirs');
		gitInit(box, repository);
		put(path.join(repository, '.gitignore'), '.claude/settings.local.json\n');
		execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, repository]);
		const run = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: repository, input: `${token}\n`});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: refusedLocal('~/theirs/.claude/settings.local.json', '~/theirs')});
		expect(existsSync(path.join(repository, '.claude'))).toBe(false);
		expectNotPrinted(run, token);

		execFileSync('git', ['config', '--global', '--add', 'safe.directory', repository], {env: box.env});
		const trusted = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: repository, input: `${token}\n`});
		expect(trusted).toEqual({exitCode: 0, stdout: 'Wrote ~/theirs/.claude/settings.local.json.\n', stderr: ''});
	});

	test('as an unprivileged user, in root\'s repository open for writing: refused, nothing written', async () => {
		const me = theUser();
		const root = mkdtempSync(path.join(os.tmpdir(), 'ccgate-rootrepo-'));
		folders.push(root);
		chmodSync(root, 0o755);
		const repository = path.join(root, 'repo');
		mkdirSync(repository);
		execFileSync('git', ['init', '-q', repository], {stdio: 'ignore'});
		writeFileSync(path.join(repository, '.gitignore'), '.claude/settings.local.json\n');
		chmodSync(repository, 0o777);
		const run = await runAs(me, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: repository, input: `${token}\n`});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: refusedLocal(path.join(repository, '.claude', 'settings.local.json'), repository)});
		expect(existsSync(path.join(repository, '.claude'))).toBe(false);
	});

	test('as an unprivileged user in their own repository that ignores the file: written, as before', async () => {
		const me = theUser();
		const repository = path.join(me.home, 'mine');
		mkdirSync(repository);
		execFileSync('git', ['init', '-q', repository], {stdio: 'ignore'});
		writeFileSync(path.join(repository, '.gitignore'), '.claude/settings.local.json\n');
		execFileSync('chown', ['-R', `${me.uid}:${me.gid}`, repository]);
		const run = await runAs(me, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: repository, input: `${token}\n`});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/mine/.claude/settings.local.json.\n', stderr: ''});
	});
});

describe('a project .claude folder that is a link', () => {
	test('as root, linked into another user\'s folder: named by where it leads and refused, nothing written there', async () => {
		const owner = theUser();
		const box = sandbox();
		const project = folder(box, 'project');
		gitInit(box, project);
		put(path.join(project, '.gitignore'), '.claude/\n');
		const theirs = path.join(owner.home, 'claude-folder');
		mkdirSync(theirs, {recursive: true});
		chownSync(theirs, owner.uid, owner.gid);
		symlinkSync(theirs, path.join(project, '.claude'));
		const run = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: project, input: `${token}\n`});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: ~/project/.claude/settings.local.json (a link to ${path.join(theirs, 'settings.local.json')}) leads out of the project, so ccgate cannot tell who may read or commit it, and a secret must not go there; replace the link with a file, or use --secret-file.\n`});
		expect(existsSync(path.join(theirs, 'settings.local.json'))).toBe(false);
	});

	test('as an unprivileged user, linked into a folder another user can write: refused the same way', async () => {
		const me = theUser();
		const project = path.join(me.home, 'project');
		mkdirSync(project);
		const open = mkdtempSync(path.join(os.tmpdir(), 'ccgate-open-'));
		folders.push(open);
		chmodSync(open, 0o777);
		symlinkSync(open, path.join(project, '.claude'));
		execFileSync('chown', ['-R', '-h', `${me.uid}:${me.gid}`, project]);
		const run = await runAs(me, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: project, input: `${token}\n`});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: ~/project/.claude/settings.local.json (a link to ${path.join(open, 'settings.local.json')}) leads out of the project, so ccgate cannot tell who may read or commit it, and a secret must not go there; replace the link with a file, or use --secret-file.\n`});
		expect(existsSync(path.join(open, 'settings.local.json'))).toBe(false);
	});

	test('linked within the project, to a folder git ignores: written', async () => {
		const box = sandbox();
		const project = folder(box, 'inside');
		gitInit(box, project);
		put(path.join(project, '.gitignore'), 'private/\n');
		mkdirSync(path.join(project, 'private'));
		symlinkSync('private', path.join(project, '.claude'));
		const run = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--token-stdin'], {cwd: project, input: `${token}\n`});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/inside/.claude/settings.local.json.\n', stderr: ''});
		expect(existsSync(path.join(project, 'private', 'settings.local.json'))).toBe(true);
	});
});
