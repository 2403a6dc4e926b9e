import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {backups, ccgate, ccgateBinary, expectNotPrinted, folder, mode, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

const token = 'remove-token-0123456789abcdef';

const usersOwn = `{
    "model": "opus",
    "permissions": {"allow": ["Read"]},
    "env": {
        "DISABLE_TELEMETRY": "1"
    }
}
`;

describe.concurrent('ccgate remove (settings)', () => {
	test('takes out only what ccgate wrote: the user\'s own model and keys stay, byte for byte', async () => {
		const box = sandbox();
		put(userSettingsPath(box), usersOwn);
		await ccgateBinary(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token, '--header', 'x-tenant: acme', '--discovery']);
		const run = await ccgateBinary(box, ['remove', '--yes']);
		expect(run).toEqual({exitCode: 0, stdout: `Removed ccgate's configuration from ~/.claude/settings.json. Backup: ${backups(box).at(-1)!}\n`, stderr: ''});
		expect(read(userSettingsPath(box))).toBe(usersOwn);
		expectNotPrinted(run, token);
	});

	test('a value the user changed after ccgate wrote it stays', async () => {
		const box = sandbox();
		put(userSettingsPath(box), usersOwn);
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		put(userSettingsPath(box), read(userSettingsPath(box)).replace('https://gw.example.com', 'https://mine.example.com'));
		await ccgate(box, ['remove', '--yes']);
		expect(read(userSettingsPath(box))).toBe(`{
    "model": "opus",
    "permissions": {"allow": ["Read"]},
    "env": {
        "DISABLE_TELEMETRY": "1",
        "ANTHROPIC_BASE_URL": "https://mine.example.com"
    }
}
`);
	});

	test('a model ccgate wrote is taken out, and an env it emptied is removed', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "permissions": {}\n}\n');
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--no-auth', '--model', 'claude-gw']);
		await ccgate(box, ['remove', '--yes']);
		expect(read(userSettingsPath(box))).toBe('{\n  "permissions": {}\n}\n');
	});

	test('deletes ccgate\'s secret file for that target and the apiKeyHelper pointing at it', async () => {
		const box = sandbox();
		put(userSettingsPath(box), usersOwn);
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token, '--secret-file']);
		const [keyFile] = secretFiles(box);
		expect(keyFile).toMatch(/\.key$/);
		expect(mode(keyFile!).toString(8)).toBe('600');
		expect(read(userSettingsPath(box))).toContain(`"apiKeyHelper": ${JSON.stringify(`cat "$HOME"'${keyFile!.slice(box.home.length)}'`)}`);
		const run = await ccgate(box, ['remove', '--yes']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(usersOwn);
		expect(existsSync(keyFile!)).toBe(false);
		expectNotPrinted(run, token);
	});

	test('keeps another target\'s secret file', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		await ccgate(box, ['write', '--auth-token', 'user-secret', '--secret-file'], {cwd: project});
		await ccgate(box, ['write', '--scope', 'local', '--auth-token', 'local-secret', '--secret-file'], {cwd: project});
		await ccgate(box, ['remove', '--yes', '--scope', 'local'], {cwd: project});
		expect(secretFiles(box).map(file => read(file))).toEqual(['user-secret']);
		expect(read(path.join(project, '.claude', 'settings.local.json'))).toBe('{}\n');
	});

	test('a user\'s own apiKeyHelper is not removed', async () => {
		const box = sandbox();
		const text = '{\n  "apiKeyHelper": "~/bin/key"\n}\n';
		put(userSettingsPath(box), text);
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com']);
		await ccgate(box, ['remove', '--yes']);
		expect(read(userSettingsPath(box))).toBe(text);
	});

	test('--dry-run prints the diff with secrets masked and writes nothing', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus"\n}\n');
		await ccgate(box, ['write', '--auth-token', token]);
		const written = read(userSettingsPath(box));
		const run = await ccgate(box, ['remove', '--dry-run']);
		const file = userSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${file}`,
				`+++ ${file}`,
				'@@ -1,6 +1,3 @@',
				' {',
				'-  "model": "opus",',
				'-  "env": {',
				'-    "ANTHROPIC_AUTH_TOKEN": "remo…cdef"',
				'-  }',
				'+  "model": "opus"',
				' }',
				'',
			].join('\n'),
			stderr: '',
		});
		expect(read(userSettingsPath(box))).toBe(written);
	});

	test('with nothing written by ccgate, it says so and changes nothing', async () => {
		const box = sandbox();
		put(userSettingsPath(box), usersOwn);
		const run = await ccgate(box, ['remove', '--yes']);
		expect(run).toEqual({exitCode: 0, stdout: 'ccgate has written nothing to ~/.claude/settings.json; nothing to remove.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe(usersOwn);
		expect(backups(box)).toEqual([]);
	});

	test('with only a shell profile written, it says so and names --to shell', async () => {
		const box = sandbox();
		const written = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--auth-token', token], {env: {SHELL: '/bin/bash'}});
		expect(written.exitCode).toBe(0);
		const run = await ccgate(box, ['remove', '--yes'], {env: {SHELL: '/bin/bash'}});
		expect(run).toEqual({exitCode: 0, stdout: 'ccgate has written nothing to ~/.claude/settings.json; nothing to remove. It did write ~/.bashrc (remove with --to shell).\n', stderr: ''});
		expect(existsSync(userSettingsPath(box))).toBe(false);
		const removed = await ccgate(box, ['remove', '--yes', '--to', 'shell'], {env: {SHELL: '/bin/bash'}});
		expect(removed.exitCode).toBe(0);
		expect(removed.stdout).toMatch(/^Removed ccgate's configuration from ~\/\.bashrc\. Backup: \S+\.bak\n$/);
	});

	test('restore undoes a remove', async () => {
		const box = sandbox();
		put(userSettingsPath(box), usersOwn);
		await ccgateBinary(box, ['write', '--auth-token', token]);
		const written = read(userSettingsPath(box));
		await ccgateBinary(box, ['remove', '--yes']);
		const run = await ccgateBinary(box, ['restore']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(written);
	});

	test('restore with no backup fails with exit 1 and the fix', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['restore']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ccgate has no backup of ~/.claude/settings.json; check the file name, or see ccgate restore --list.\n'});
	});
});
