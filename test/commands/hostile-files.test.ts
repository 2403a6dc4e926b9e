import {execFileSync} from 'node:child_process';
import {chmodSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {backups, ccgate, ccgateBinary, expectNoStackTrace, expectNotPrinted, folder, lines, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

const token = 'hostile-token-0123456789';
const write = ['write', '--base-url', 'https://gw.example.com', '--auth-token', token];

describe.concurrent('files ccgate will not touch: refused with exit 1, one sentence, nothing changed (docs/contract.md §4)', () => {
	test('a settings file linked to a character device is refused, and the device stays a device', async () => {
		const box = sandbox();
		mkdirSync(path.join(box.home, '.claude'));
		symlinkSync('/dev/null', userSettingsPath(box));
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: /dev/null is a device, not a regular file, so ccgate will not open it; replace it with a regular file, or name another file; nothing was changed.\n'});
		expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
		expect(lstatSync(userSettingsPath(box)).isSymbolicLink()).toBe(true);
		expect(backups(box)).toEqual([]);
		expect(secretFiles(box)).toEqual([]);
	});

	test('a settings file linked to /dev/zero is refused at once, nothing read', async () => {
		const box = sandbox();
		mkdirSync(path.join(box.home, '.claude'));
		symlinkSync('/dev/zero', userSettingsPath(box));
		const started = Date.now();
		const run = await ccgate(box, write);
		expect(run.exitCode).toBe(1);
		expect(lines(run.stderr)).toEqual(['error: /dev/zero is a device, not a regular file, so ccgate will not open it; replace it with a regular file, or name another file; nothing was changed.']);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	test('a project file that is a FIFO hangs none of show, doctor, print, write; each names it', async () => {
		const box = sandbox();
		const project = folder(box, 'repo');
		mkdirSync(path.join(project, '.claude'));
		const fifo = path.join(project, '.claude', 'settings.json');
		execFileSync('mkfifo', [fifo]);
		const sentence = 'error: ~/repo/.claude/settings.json is a named pipe (FIFO), not a regular file, so ccgate will not open it';
		const [show, doctor, print, written] = await Promise.all([
			ccgateBinary(box, ['show', '--trust-project'], {cwd: project}),
			ccgateBinary(box, ['doctor', '--trust-project', '--timeout', '500'], {cwd: project}),
			ccgateBinary(box, ['print', '--trust-project', '--shell', 'bash'], {cwd: project}),
			ccgateBinary(box, ['write', '--scope', 'project', '--base-url', 'https://gw.example.com'], {cwd: project}),
		]);
		for (const run of [show, doctor, print]) {
			expect(run.exitCode).not.toBe(-1);
			expectNoStackTrace(run);
		}

		expect(show.stdout + show.stderr).toContain('~/repo/.claude/settings.json is a named pipe (FIFO), not a regular file');
		expect(written).toEqual({exitCode: 1, stdout: '', stderr: `${sentence}; replace it with a regular file, or name another file; nothing was changed.\n`});
		expect(lstatSync(fifo).isFIFO()).toBe(true);
	});

	test('a folder where the settings file should be is refused with one sentence', async () => {
		const box = sandbox();
		mkdirSync(userSettingsPath(box), {recursive: true});
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is a folder, not a regular file, so ccgate will not open it; replace it with a regular file, or name another file; nothing was changed.\n'});
	});

	test('a loop of symbolic links is refused with one sentence', async () => {
		const box = sandbox();
		mkdirSync(path.join(box.home, '.claude'));
		symlinkSync('settings.json', userSettingsPath(box));
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is a loop of symbolic links; point the link at a real file.\n'});
	});

	test('a file larger than 10 MB is refused unread', async () => {
		const box = sandbox();
		const big = `{"model": "opus", "pad": "${'x'.repeat(11 * 1024 * 1024)}"}`;
		put(userSettingsPath(box), big);
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is larger than 10 MB, too large for a settings file or profile; check that it is the right file; nothing was changed.\n'});
		expect(read(userSettingsPath(box))).toBe(big);
	});

	test('bytes that are not UTF-8 are refused, the file byte for byte unchanged, no backup', async () => {
		const box = sandbox();
		const bytes = Buffer.concat([Buffer.from('{"model": "caf'), Buffer.from([0xE9]), Buffer.from('"}\n')]);
		mkdirSync(path.join(box.home, '.claude'));
		writeFileSync(userSettingsPath(box), bytes);
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is not valid UTF-8 text; save it as UTF-8 in an editor; nothing was changed.\n'});
		expect(readFileSync(userSettingsPath(box)).equals(bytes)).toBe(true);
		expect(backups(box)).toEqual([]);
	});

	for (const [name, text, sentence] of [
		['two "env" objects', '{\n  "env": {"ANTHROPIC_BASE_URL": "https://old.example.com"},\n  "env": {"ANTHROPIC_BASE_URL": "https://older.example.com"}\n}\n', 'error: ~/.claude/settings.json holds the key "env" twice, and Claude Code uses the last one; delete one of them by hand; nothing was changed.'],
		['two ANTHROPIC_BASE_URL in env', '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://old.example.com",\n    "ANTHROPIC_BASE_URL": "https://older.example.com"\n  }\n}\n', 'error: ~/.claude/settings.json holds the key "ANTHROPIC_BASE_URL" twice in "env", and Claude Code uses the last one; delete one of them by hand; nothing was changed.'],
		['an env that is a string', '{"env": "hello"}\n', 'error: ~/.claude/settings.json has an "env" that is not an object (string), which Claude Code ignores; make it an object such as {} by hand, or delete it; nothing was changed.'],
		['an env that is null', '{"env": null}\n', 'error: ~/.claude/settings.json has an "env" that is not an object (null), which Claude Code ignores; make it an object such as {} by hand, or delete it; nothing was changed.'],
		['an env that is an array', '{"env": ["A=1"]}\n', 'error: ~/.claude/settings.json has an "env" that is not an object (an array), which Claude Code ignores; make it an object such as {} by hand, or delete it; nothing was changed.'],
		['5,000 levels of nesting', `{"deep": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 'error: ~/.claude/settings.json nests deeper than 256 levels, too deep for ccgate to edit; flatten the file by hand; nothing was changed.'],
	] as const) {
		test(`${name}: write and remove refuse, the file unchanged`, async () => {
			const box = sandbox();
			put(userSettingsPath(box), text);
			const run = await ccgate(box, write);
			expect(run).toEqual({exitCode: 1, stdout: '', stderr: `${sentence}\n`});
			expect(read(userSettingsPath(box))).toBe(text);
			expect(backups(box)).toEqual([]);
			expect(secretFiles(box)).toEqual([]);
		});
	}

	test('a UTF-8 byte-order mark is read as Claude Code reads it and kept by a write', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '\uFEFF{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://bom.example.com"\n  }\n}\n');
		const show = await ccgate(box, ['show', '--json']);
		expect(show.exitCode).toBe(0);
		expect(JSON.stringify(JSON.parse(show.stdout))).toContain('"https://bom.example.com"');
		const run = await ccgate(box, ['write', '--model', 'opus']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('\uFEFF{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://bom.example.com"\n  },\n  "model": "opus"\n}\n');
	});

	test('a header without a colon is refused without echoing what may be its secret', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--header', 'x-token T0KEN-SECRET-VALUE']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The header "x-token" (the rest not shown) has no colon; write it as Name: Value, such as x-tenant: acme.\n'});
		expectNotPrinted(run, 'T0KEN-SECRET-VALUE');
	});
});

describe.concurrent('paths in generated code (docs/contract.md §4)', () => {
	test('a newline in --profile-file is refused, exit 2, nothing written', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--profile-file', `${box.home}/p\ntouch /tmp/owned`, '--auth-token', token]);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: The path ${JSON.stringify(`${box.home}/p\ntouch /tmp/owned`)} holds a control character (such as a newline), which ccgate will not write into shell code; rename the folder or give a path without it.\n`});
		expect(secretFiles(box)).toEqual([]);
	});

	test('a newline in XDG_CONFIG_HOME for fish is refused, exit 2, nothing written', async () => {
		const box = sandbox();
		const xdg = `${box.home}/x\necho owned`;
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'fish', '--auth-token', token], {env: {XDG_CONFIG_HOME: xdg}});
		expect(run.exitCode).toBe(2);
		expect(lines(run.stderr)).toEqual([`error: The path ${JSON.stringify(path.join(xdg, 'fish', 'conf.d', 'ccgate.fish'))} holds a control character (such as a newline), which ccgate will not write into shell code; rename the folder or give a path without it.`]);
		expect(secretFiles(box)).toEqual([]);
	});

	test('a profile and its variables file copied to another home work there: the sourcing line is $HOME-relative', async () => {
		const box = sandbox();
		const profile = path.join(box.home, '.bashrc');
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		expect(run.exitCode).toBe(0);
		const other = sandbox();
		execFileSync('cp', ['-a', `${box.home}/.`, other.home]);
		chmodSync(other.home, 0o755);
		const output = execFileSync('/usr/bin/bash', ['-c', `. '${profile.replace(box.home, other.home)}' && printf %s "$ANTHROPIC_BASE_URL"`], {env: {HOME: other.home, PATH: '/usr/bin:/bin'}, encoding: 'utf8'});
		expect(output).toBe('https://gw.example.com');
		expect(read(profile)).not.toContain(box.home);
	});
});
