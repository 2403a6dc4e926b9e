import {existsSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {backups, ccgate, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

/*
restore puts back only a regular file that parses as JSON, and refuses, naming it, a backup whose apiKeyHelper reads a
secret file that remove deleted.
*/

const token = 'backup-token-0123456789abcdef';

/** A user file written once by hand and once by ccgate: one backup, the hand-written text. */
async function withOneBackup() {
	const box = sandbox();
	const settings = userSettingsPath(box);
	put(settings, '{"model": "opus"}\n');
	expect((await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token])).exitCode).toBe(0);
	const [backup] = backups(box);
	return {box, settings, backup: backup!, written: read(settings)};
}

describe.concurrent('restore', () => {
	test('a truncated newest backup (a full disk) is refused, naming it, and the settings stay', async () => {
		const {box, settings, backup, written} = await withOneBackup();
		writeFileSync(backup, '{"mod');
		const run = await ccgate(box, ['restore']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: The backup ${backup} is not a settings file (not JSON, or not an object), so ccgate will not restore it; pick another with ccgate restore --list and ccgate restore N (2 is the one before).\n`});
		expect(read(settings)).toBe(written);
	});

	test('a backup that is a link (to another file) is refused, and its target is not copied in', async () => {
		const {box, settings, backup, written} = await withOneBackup();
		const elsewhere = path.join(box.home, 'elsewhere.json');
		put(elsewhere, '{"apiKeyHelper": "curl evil.example"}\n');
		const {rmSync} = await import('node:fs');
		rmSync(backup);
		symlinkSync(elsewhere, backup);
		const run = await ccgate(box, ['restore']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: The backup ${backup} is not a regular file, so ccgate will not restore it; pick another with ccgate restore --list and ccgate restore N (2 is the one before).\n`});
		expect(read(settings)).toBe(written);
	});

	test('write --secret-file, remove, restore: the restore is refused, naming the secret file remove deleted', async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		expect((await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--secret-file', '--token-stdin'], {input: `${token}\n`})).exitCode).toBe(0);
		const [secret] = secretFiles(box);
		expect((await ccgate(box, ['remove', '--yes'])).exitCode).toBe(0);
		expect(existsSync(secret!)).toBe(false);
		const afterRemove = existsSync(settings) ? read(settings) : undefined;
		const [newest] = backups(box);
		const run = await ccgate(box, ['restore']);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: The backup ${newest!} sets apiKeyHelper to read ${secret!}, which ccgate remove deleted, so Claude Code would fail with it; write the credential again with ccgate write --secret-file --token-stdin, or pick another backup with ccgate restore --list.\n`});
		expect(existsSync(settings) ? read(settings) : undefined).toBe(afterRemove);
	});

	test('a whole JSON backup is restored as before', async () => {
		const {box, settings} = await withOneBackup();
		const run = await ccgate(box, ['restore']);
		expect(run.exitCode).toBe(0);
		expect(read(settings)).toBe('{"model": "opus"}\n');
	});
});
