import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {createUser, deleteUser, runAs, type TestUser} from '../helpers/users.js';
import {filesBelow, lines} from './support.js';

const token = 'umask-token-0123456789abcdef';
const victim = createUser('v');
const other = createUser('o');
const users = [victim, other].filter((user): user is TestUser => typeof user !== 'string');
const cannot = [victim, other].find((user): user is string => typeof user === 'string');
if (cannot) {
	console.warn(`Skipping the tests run as an unprivileged user: ${cannot}.`);
}

const roots: string[] = [];
afterAll(() => {
	for (const user of users) {
		rmSync(user.home, {recursive: true, force: true});
		deleteUser(user);
	}

	for (const folder of roots) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function modeOf(file: string): string {
	return (statSync(file).mode & 0o777).toString(8);
}

/** Write to settings (with --secret-file), to bash's profile and to fish's conf.d under umask 000, as `user` (or root). */
async function writeEverything(user: TestUser | undefined, home: string): Promise<void> {
	const env = {XDG_CONFIG_HOME: path.join(home, '.config')};
	for (const args of [
		['write', '--base-url', 'https://gw.example.com', '--token-stdin', '--secret-file'],
		['write', '--to', 'shell', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--token-stdin'],
		['write', '--to', 'shell', '--shell', 'fish', '--base-url', 'https://gw.example.com', '--token-stdin'],
	]) {
		// eslint-disable-next-line no-await-in-loop
		const run = await runAs(user, args, {umask: '000', home, env, input: `${token}\n`});
		// The shell writes warn that the settings file written first overrides them: that is all they say.
		expect(lines(run.stderr).filter(line => !line.startsWith('warning: ANTHROPIC_BASE_URL is also set in user settings'))).toEqual([]);
		expect(run.exitCode).toBe(0);
	}
}

/** Every folder ccgate created is 0700, every file holding a secret 0600. */
function expectPrivate(home: string): void {
	for (const folder of ['.claude', '.config', '.config/ccgate', '.config/ccgate/secrets', '.config/ccgate/backups', '.config/fish', '.config/fish/conf.d']) {
		expect([folder, modeOf(path.join(home, folder))]).toEqual([folder, '700']);
	}

	for (const file of filesBelow(home)) {
		if (readFileSync(path.join(home, file), 'utf8').includes(token) || file.startsWith('.config/ccgate/') || file === '.claude/settings.json') {
			expect([file, modeOf(path.join(home, file))]).toEqual([file, '600']);
		}
	}
}

describe('under umask 000, folders ccgate creates are 0700 and files holding a secret 0600 (docs/contract.md §4)', () => {
	test('as root', async () => {
		const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-umask-'));
		roots.push(home);
		writeFileSync(path.join(home, '.bashrc'), '# mine\n');
		await writeEverything(undefined, home);
		// A second write makes backups: their folder is 0700 too.
		await writeEverything(undefined, home);
		expectPrivate(home);
	});

	test.skipIf(users.length < 2)('as an unprivileged user, and another user can replace none of it', async () => {
		const [user, intruder] = users as [TestUser, TestUser];
		writeFileSync(path.join(user.home, '.bashrc'), '# mine\n');
		execFileSync('chown', [`${user.uid}:${user.gid}`, path.join(user.home, '.bashrc')]);
		chmodSync(user.home, 0o755);
		await writeEverything(user, user.home);
		await writeEverything(user, user.home);
		expectPrivate(user.home);
		for (const target of ['.config/ccgate/config.json', '.config/ccgate/secrets/swapped.sh', '.claude/settings.json']) {
			expect(() => execFileSync('setpriv', [`--reuid=${intruder.uid}`, `--regid=${intruder.gid}`, '--clear-groups', 'sh', '-c', `echo owned > '${path.join(user.home, target)}'`], {stdio: 'ignore'})).toThrow();
		}
	});
});

describe.skipIf(users.length < 2)('file-system refusals as an unprivileged user: one sentence, exit 1, no secret left (docs/contract.md §4)', () => {
	test('a 0666 file of another user in a folder the user cannot write is refused, and no secret or record is left', async () => {
		const [user] = users as [TestUser];
		const shared = mkdtempSync(path.join(os.tmpdir(), 'ccgate-shared-'));
		roots.push(shared);
		chmodSync(shared, 0o755);
		const file = path.join(shared, 'settings.json');
		writeFileSync(file, '{}\n');
		chmodSync(file, 0o666);
		const run = await runAs(user, ['write', '--settings', file, '--base-url', 'https://gw.example.com', '--token-stdin'], {input: `${token}\n`, env: {CCGATE_CONFIG_DIR: path.join(user.home, 'cc1')}});
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ${file} is readable by others and its folder is not writable, so ccgate cannot make it private before the secret goes in; make the file 0600 (chmod 600) or its folder writable, or use --secret-file; nothing was written.\n`});
		expect(readFileSync(file, 'utf8')).toBe('{}\n');
		expect(filesBelow(path.join(user.home, 'cc1')).filter(name => readFileSync(path.join(user.home, 'cc1', name), 'utf8').includes(token))).toEqual([]);
		const removed = await runAs(user, ['remove', '--yes', '--settings', file], {env: {CCGATE_CONFIG_DIR: path.join(user.home, 'cc1')}});
		expect(removed.stdout).toBe(`ccgate has written nothing to ${file}; nothing to remove.\n`);
	});

	test('an unreadable settings file is one sentence naming it and the fix', async () => {
		const [user] = users as [TestUser];
		const folder = mkdtempSync(path.join(os.tmpdir(), 'ccgate-unreadable-'));
		roots.push(folder);
		chmodSync(folder, 0o755);
		const file = path.join(folder, 'settings.json');
		writeFileSync(file, '{}\n');
		chmodSync(file, 0o600);
		const run = await runAs(user, ['write', '--settings', file, '--base-url', 'https://gw.example.com'], {env: {CCGATE_CONFIG_DIR: path.join(user.home, 'cc2')}});
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ${file} cannot be opened: permission denied; check the owner and mode of the file and its folder, or run as the user who owns it.\n`});
	});

	test('a HOME the user cannot write is one sentence naming the folder ccgate could not create', async () => {
		const [user] = users as [TestUser];
		const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-rohome-'));
		roots.push(home);
		chmodSync(home, 0o755);
		const run = await runAs(user, ['write', '--base-url', 'https://gw.example.com', '--no-auth'], {home});
		expect(run.exitCode).toBe(1);
		expect(lines(run.stderr)).toEqual(['error: ~/.config cannot be opened: permission denied; check the owner and mode of the file and its folder, or run as the user who owns it.']);
		expect(filesBelow(home)).toEqual([]);
	});

	test('a read-only folder with a writable file holding no secret is written in place, and says so', async () => {
		const [user] = users as [TestUser];
		const folder = mkdtempSync(path.join(os.tmpdir(), 'ccgate-rofolder-'));
		roots.push(folder);
		chmodSync(folder, 0o755);
		const file = path.join(folder, 'settings.json');
		writeFileSync(file, '{}\n');
		execFileSync('chown', [`${user.uid}:${user.gid}`, file]);
		const run = await runAs(user, ['write', '--settings', file, '--base-url', 'https://gw.example.com', '--no-auth'], {env: {CCGATE_CONFIG_DIR: path.join(user.home, 'cc3')}});
		expect(run.stdout).toMatch(new RegExp(`^Wrote ${file.replaceAll('.', '\\.')} \\(in place: its folder is not writable\\)\\.`));
		expect(run.exitCode).toBe(0);
	});

	test('an empty file in a read-only folder is watched, then written in place, as its owner', async () => {
		const [user] = users as [TestUser];
		const folder = mkdtempSync(path.join(os.tmpdir(), 'ccgate-rofolder-'));
		roots.push(folder);
		chmodSync(folder, 0o755);
		const file = path.join(folder, 'settings.json');
		writeFileSync(file, '');
		execFileSync('chown', [`${user.uid}:${user.gid}`, file]);
		const run = await runAs(user, ['write', '--settings', file, '--base-url', 'https://gw.example.com', '--no-auth'], {env: {CCGATE_CONFIG_DIR: path.join(user.home, 'cc4')}});
		expect(run.stderr).toBe('');
		expect(run.stdout).toBe(`Wrote ${file} (in place: its folder is not writable).\n`);
		expect(run.exitCode).toBe(0);
		expect(readFileSync(file, 'utf8')).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "ccgate-no-auth"\n  }\n}\n');
	});
});
