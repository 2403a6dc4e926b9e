import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {backups, ccgate, ccgateBinary, expectNoStackTrace, folder, mode, put, read, sandbox, userSettingsPath} from './support.js';

// Named gateways in ccgate's 0600 store; `use` writes through the same path as `write`.
const userFile = `{
    "permissions": {"allow": ["Bash(ls)"]},
    "statusLine": {"type": "command", "command": "echo hi"},
    "env": {
        "MY_TEAM": "core"
    }
}
`;

async function saveProfile(box: ReturnType<typeof sandbox>, name: string, baseUrl: string, token: string) {
	const written = await ccgate(box, ['write', '--base-url', baseUrl, '--auth-token', token]);
	expect(written.exitCode).toBe(0);
	const saved = await ccgate(box, ['profile', 'save', name]);
	expect(saved).toEqual({exitCode: 0, stdout: `Saved profile ${name} (${baseUrl}).\n`, stderr: ''});
}

function expectedFile(baseUrl: string, token: string): string {
	return `{
    "permissions": {"allow": ["Bash(ls)"]},
    "statusLine": {"type": "command", "command": "echo hi"},
    "env": {
        "MY_TEAM": "core",
        "ANTHROPIC_BASE_URL": "${baseUrl}",
        "ANTHROPIC_AUTH_TOKEN": "${token}"
    }
}
`;
}

describe('profiles', () => {
	test('save two, list both, and use each in turn: the settings file holds that one\'s URL and token, the rest untouched', async () => {
		const box = sandbox();
		put(userSettingsPath(box), userFile);
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		await saveProfile(box, 'home', 'http://127.0.0.1:4000', 'home-token-0123456789');

		expect(await ccgateBinary(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: '* home  http://127.0.0.1:4000\n  work  https://gw.work.example\n', stderr: ''});
		const listed = await ccgateBinary(box, ['profile', 'list', '--json']);
		expect(JSON.parse(listed.stdout)).toEqual([
			{name: 'home', baseUrl: 'http://127.0.0.1:4000', active: true},
			{name: 'work', baseUrl: 'https://gw.work.example', active: false},
		]);

		const useWork = await ccgateBinary(box, ['profile', 'use', 'work']);
		expect(useWork.exitCode).toBe(0);
		expect(useWork.stderr).toBe('');
		expect(read(userSettingsPath(box))).toBe(expectedFile('https://gw.work.example', 'work-token-0123456789'));
		expect((await ccgateBinary(box, ['profile', 'list'])).stdout).toBe('  home  http://127.0.0.1:4000\n* work  https://gw.work.example\n');

		expect((await ccgateBinary(box, ['profile', 'use', 'home'])).exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(expectedFile('http://127.0.0.1:4000', 'home-token-0123456789'));
		// Each use backed the file up first, as write does.
		expect(backups(box).length).toBeGreaterThanOrEqual(2);
	});

	test('the store holding the profiles (and their tokens) is mode 0600', async () => {
		const box = sandbox();
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		expect(mode(path.join(box.ccgateDirectory, 'config.json'))).toBe(0o600);
		expect(read(path.join(box.ccgateDirectory, 'config.json'))).toContain('work-token-0123456789');
	});

	test('use of an unknown name is exit 2 with the list of names, and writes nothing', async () => {
		const box = sandbox();
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		await saveProfile(box, 'home', 'http://127.0.0.1:4000', 'home-token-0123456789');
		const before = read(userSettingsPath(box));
		const run = await ccgateBinary(box, ['profile', 'use', 'office']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: There is no profile named office; use one of: home, work.\n'});
		expectNoStackTrace(run);
		expect(read(userSettingsPath(box))).toBe(before);
	});

	test('use --dry-run prints the diff with the token masked and writes nothing', async () => {
		const box = sandbox();
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:9', '--auth-token', 'other-token-0123456789']);
		const before = read(userSettingsPath(box));
		const run = await ccgate(box, ['profile', 'use', 'work', '--dry-run']);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toContain('ANTHROPIC_AUTH_TOKEN: othe…6789 → work…6789\n');
		expect(run.stdout).not.toContain('work-token-0123456789');
		expect(read(userSettingsPath(box))).toBe(before);
	});

	test('a profile to the project\'s shared settings file is refused like write: exit 2, nothing written', async () => {
		const box = sandbox();
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		const project = folder(box, 'repo');
		const run = await ccgate(box, ['profile', 'use', 'work', '--scope', 'project'], {cwd: project});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toBe(`error: ${path.join(project, '.claude', 'settings.json').replace(box.home, '~')} is the project's shared settings file, which is committed, and a secret must not go there; use --scope local in a git-ignored file, or --secret-file.\n`);
		expect(existsSync(path.join(project, '.claude'))).toBe(false);
	});

	test('rm takes a profile out of the list; rm of an unknown name is exit 2', async () => {
		const box = sandbox();
		await saveProfile(box, 'work', 'https://gw.work.example', 'work-token-0123456789');
		expect(await ccgate(box, ['profile', 'rm', 'work'])).toEqual({exitCode: 0, stdout: 'Removed profile work.\n', stderr: ''});
		expect((await ccgate(box, ['profile', 'list'])).stdout).toBe('No profiles yet; save the current configuration with ccgate profile save NAME.\n');
		expect(await ccgate(box, ['profile', 'rm', 'work'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: There is no profile named work; save one first with ccgate profile save NAME.\n'});
	});

	test('a store that is not JSON is refused with exit 1 and the fix, and left as it was', async () => {
		const box = sandbox();
		const store = path.join(box.ccgateDirectory, 'config.json');
		put(store, '{"profiles": {', 0o600);
		for (const args of [['profile', 'list'], ['profile', 'use', 'work'], ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'work-token-0123456789']]) {
			// eslint-disable-next-line no-await-in-loop
			const run = await ccgate(box, args);
			expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: ccgate's store ${store} is damaged (it is not JSON), so ccgate changes nothing; repair the file, or move it away (it holds ccgate's profiles and the record of what it wrote).\n`});
		}

		expect(read(store)).toBe('{"profiles": {');
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});
});
