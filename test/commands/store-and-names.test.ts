import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {createUser, deleteUser, runAs, type TestUser} from '../helpers/users.js';
import {ccgate, ccgateBinary, put, read, sandbox, userSettingsPath} from './support.js';

/*
ccgate's store passes a schema on every read (each record's shape, each file a record names inside ccgate's folder),
and a profile's name is data: `constructor`, `__proto__`, `toString` are names like any other.
*/

const token = 'store-token-0123456789abcdef';
const fix = 'repair the file, or move it away (it holds ccgate\'s profiles and the record of what it wrote)';

describe.concurrent('the store is checked on every read', () => {
	test('a record whose "keys" is null: one sentence, exit 1, nothing written', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		const target = userSettingsPath(box);
		const text = JSON.stringify({writes: {[target]: {kind: 'settings', keys: null}}, profiles: {}, previousWrites: {}});
		put(store, text, 0o600);
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (the record of ${JSON.stringify(target)} in writes: keys is not valid), so ccgate changes nothing; ${fix}.\n`});
		expect(read(store)).toBe(text);
		expect(existsSync(target)).toBe(false);
	});

	test('a record whose secretFile lies outside ccgate\'s folder: remove refuses and deletes nothing', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		const target = userSettingsPath(box);
		const victim = path.join(box.home, 'precious.txt');
		put(victim, 'keep me');
		put(target, '{"env": {"ANTHROPIC_BASE_URL": "https://gw.example.com"}}\n');
		put(store, JSON.stringify({writes: {[target]: {kind: 'settings', keys: {}, secretFile: victim}}, profiles: {}, previousWrites: {}}), 0o600);
		const run = await ccgate(box, ['remove']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (a record names ${JSON.stringify(victim)}, which is not inside ${box.ccgateDirectory}), so ccgate changes nothing; ${fix}.\n`});
		expect(read(victim)).toBe('keep me');
	});

	test('a variablesFile reached with ../ out of ccgate\'s folder is refused too: write --to shell overwrites nothing', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		const profile = path.join(box.home, '.bashrc');
		const victim = path.join(box.home, 'notes.txt');
		put(victim, 'mine');
		const named = path.join(box.ccgateDirectory, '..', '..', 'notes.txt');
		put(store, JSON.stringify({writes: {[profile]: {kind: 'shell', keys: {}, shell: 'bash', variablesFile: named}}, profiles: {}, previousWrites: {}}), 0o600);
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (a record names ${JSON.stringify(named)}, which is not inside ${box.ccgateDirectory}), so ccgate changes nothing; ${fix}.\n`});
		expect(read(victim)).toBe('mine');
		expect(existsSync(profile)).toBe(false);
	});

	test('a profile whose values are not strings: profile list says which, exit 1', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		put(store, JSON.stringify({writes: {}, profiles: {work: {values: {ANTHROPIC_BASE_URL: 5}, savedAt: '2026-01-01T00:00:00.000Z'}}, previousWrites: {}}), 0o600);
		const run = await ccgate(box, ['profile', 'list']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (the profile "work": its values are not ccgate's keys, each a string), so ccgate changes nothing; ${fix}.\n`});
	});

	test('a profile without savedAt: profile list says it is missing, exit 1', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		put(store, JSON.stringify({profiles: {work: {values: {}}}}), 0o600);
		const run = await ccgate(box, ['profile', 'list']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (the profile "work": savedAt is missing), so ccgate changes nothing; ${fix}.\n`});
	});

	test('"profiles" that is an array: one sentence naming it, exit 1', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		put(store, '{"profiles": []}', 0o600);
		const run = await ccgate(box, ['profile', 'list']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (profiles is not valid), so ccgate changes nothing; ${fix}.\n`});
	});
});

describe.concurrent.each(['constructor', '__proto__', 'toString'])('the profile name %s is data', name => {
	const noProfile = `error: There is no profile named ${name}; save one first with ccgate profile save NAME.\n`;

	test('use, rm, export and run of a profile that does not exist say so (exit 2), and write nothing', async () => {
		const box = sandbox();
		for (const args of [['profile', 'use', name], ['profile', 'rm', name], ['profile', 'export', name], ['run', name, '--', 'true']]) {
			// eslint-disable-next-line no-await-in-loop
			expect(await ccgate(box, args)).toEqual({exitCode: 2, stdout: '', stderr: noProfile});
		}

		expect(existsSync(userSettingsPath(box))).toBe(false);
		expect(existsSync(path.join(box.ccgateDirectory, 'config.json'))).toBe(false);
	});

	test('save, list, export, use and rm work on it as on any name', async () => {
		const box = sandbox();
		const saved = await ccgate(box, ['profile', 'save', name, '--base-url', 'https://gw.example.com', '--auth-token', token]);
		expect(saved).toEqual({exitCode: 0, stdout: `Saved profile ${name} (https://gw.example.com).\n`, stderr: ''});
		// Saved from flags, so not marked active.
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: `  ${name}  https://gw.example.com\n`, stderr: ''});
		const exported = await ccgate(box, ['profile', 'export', name]);
		expect(exported.exitCode).toBe(0);
		expect(JSON.parse(exported.stdout)).toEqual({ccgate: 'profile', version: 1, name, values: {ANTHROPIC_BASE_URL: 'https://gw.example.com'}, secret: 'ANTHROPIC_AUTH_TOKEN', headers: []});
		const used = await ccgate(box, ['profile', 'use', name]);
		expect(used.exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: token}});
		expect(await ccgate(box, ['profile', 'rm', name])).toEqual({exitCode: 0, stdout: `Removed profile ${name}.\n`, stderr: ''});
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: 'No profiles yet; save the current configuration with ccgate profile save NAME.\n', stderr: ''});
	});

	test('a shared file that names itself so is imported as that name', async () => {
		const box = sandbox();
		const file = path.join(box.home, 'shared.json');
		put(file, JSON.stringify({ccgate: 'profile', version: 1, name, values: {ANTHROPIC_BASE_URL: 'https://gw.example.com'}, secret: null, headers: []}));
		const run = await ccgate(box, ['profile', 'import', file]);
		expect(run).toEqual({exitCode: 0, stdout: `Imported profile ${name} (https://gw.example.com); switch to it with ccgate profile use ${name}.\n`, stderr: 'warning: No credential is set for the gateway, so Claude Code falls back to your own Anthropic login and sends it there; give it with --token-stdin, or --no-auth for a gateway that wants no credential.\n'});
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: `  ${name}  https://gw.example.com\n`, stderr: ''});
	});
});

test('a 100 KB profile name is refused without being echoed whole', async () => {
	const box = sandbox();
	// The longest a single argument can be on Linux is 128 KiB.
	const name = 'a'.repeat(100 * 1024);
	const run = await ccgateBinary(box, ['profile', 'use', name]);
	expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: The profile name "${'a'.repeat(61)}..." is not usable; use at most 64 letters, digits, ".", "-" and "_".\n`});
});

describe('the store\'s lock', () => {
	test('where ccgate\'s folder is a file, write fails at once with one sentence (no lock retries)', async () => {
		const box = sandbox();
		mkdirSync(path.dirname(box.ccgateDirectory), {recursive: true});
		writeFileSync(box.ccgateDirectory, 'not a folder');
		const started = Date.now();
		const run = await ccgateBinary(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: A part of the path ~/.config/ccgate/config.json.lock is a file, not a folder; fix the path, or move that file away.\n'});
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});

	const users: TestUser[] = [];
	afterAll(() => {
		for (const user of users) {
			deleteUser(user);
		}
	});

	test('on a read-only home, as its unprivileged owner, profile save fails at once with one sentence', async () => {
		const user = createUser('rohome');
		if (typeof user === 'string') {
			throw new TypeError(user);
		}

		users.push(user);
		const {chmodSync} = await import('node:fs');
		chmodSync(user.home, 0o555);
		const started = Date.now();
		const run = await runAs(user, ['profile', 'save', 'work', '--base-url', 'https://gw.example.com', '--auth-token', token], {});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.config cannot be opened: permission denied; check the owner and mode of the file and its folder, or run as the user who owns it.\n'});
	});
});
