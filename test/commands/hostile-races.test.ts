import {spawn} from 'node:child_process';
import {once} from 'node:events';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {runCcgate} from '../helpers/cli.js';
import {backups, ccgate, filesBelow, lines, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

const token = 'race-token-0123456789abcdef';

/** Every file under HOME that holds the token, backups left out (they are ccgate's 0600 copies, for restore). */
function filesHoldingToken(home: string): string[] {
	return filesBelow(home).filter(file => !file.includes(`${path.sep}backups${path.sep}`)).filter(file => readFileSync(path.join(home, file), 'utf8').includes(token));
}

describe('parallel runs and racing writers (docs/contract.md §4, Concurrency)', () => {
	test('20 parallel writes to settings files and shell profiles, then their removes, leave no token and no record', {timeout: 240_000}, async () => {
		const box = sandbox();
		const targets = Array.from({length: 10}, (_, index) => [
			['--settings', path.join(box.home, `settings-${index}.json`)],
			['--to', 'shell', '--shell', 'bash', '--profile-file', path.join(box.home, `profile-${index}.sh`)],
		]).flat();
		// Twenty processes start at once on a loaded machine: each gets two minutes.
		const writes = await Promise.all(targets.map(async target => runCcgate(['write', ...target, '--base-url', 'https://gw.example.com', '--token-stdin'], {env: box.env, input: `${token}\n`, timeoutMs: 120_000})));
		expect(writes.map(run => run.exitCode)).toEqual(targets.map(() => 0));
		const store = JSON.parse(read(path.join(box.ccgateDirectory, 'config.json'))) as {writes: Record<string, unknown>};
		expect(Object.keys(store.writes).length).toBe(20);
		const removes = await Promise.all(targets.map(async target => runCcgate(['remove', '--yes', ...target], {env: box.env, timeoutMs: 120_000})));
		expect(removes.map(run => run.stdout.startsWith('Removed ccgate\'s configuration from'))).toEqual(targets.map(() => true));
		expect(filesHoldingToken(box.home)).toEqual([]);
		expect(secretFiles(box)).toEqual([]);
		expect((JSON.parse(read(path.join(box.ccgateDirectory, 'config.json'))) as {writes: Record<string, unknown>}).writes).toEqual({});
	});

	test('a writer truncating and rewriting the file while 30 writes run never leaves a file without the user\'s keys, nor a 0-byte backup', {timeout: 240_000}, async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		const theirs = '{\n  "model": "opus",\n  "permissions": {"allow": ["Bash(ls)"]}\n}\n';
		put(settings, theirs);
		// An editor that saves without a temp file: open with O_TRUNC, then write, over and over.
		const editor = spawn(process.execPath, ['-e', `const fs = require('node:fs'); const text = ${JSON.stringify(theirs)}; for (;;) { const fd = fs.openSync(${JSON.stringify(settings)}, 'w'); for (let i = 0; i < 1e5; i++); fs.writeSync(fd, text); fs.closeSync(fd); }`], {stdio: 'ignore'});
		try {
			for (let round = 0; round < 30; round++) {
				// eslint-disable-next-line no-await-in-loop
				const run = await ccgate(box, ['write', '--base-url', `https://gw${round}.example.com`, '--no-auth']);
				expect([0, 1]).toContain(run.exitCode);
				// A write that went ahead read the user's keys, so it backed them up: one made over a save's empty moment has nothing to back up, and drops them.
				if (run.exitCode === 0) {
					expect(run.stdout).toMatch(/^Wrote ~\/\.claude\/settings\.json\. Backup: /);
				}

				if (run.exitCode === 1) {
					expect(lines(run.stderr), run.stderr).toHaveLength(1);
					expect(run.stderr).toMatch(/^error: ~\/\.claude\/settings\.json (changed on disk|was emptied or deleted) while ccgate was working \(another program is saving it\); run the command again once it is saved; nothing was written\.\n$/);
				}

				const now = read(settings);
				// Mid-save the file may be empty for a moment; once saved it holds the user's keys.
				if (now !== '') {
					expect(now).toContain('"model": "opus"');
					expect(now).toContain('"permissions": {"allow": ["Bash(ls)"]}');
				}
			}
		} finally {
			editor.kill('SIGKILL');
		}

		for (const backup of backups(box)) {
			expect(statSync(backup).size).toBeGreaterThan(0);
		}
	});

	test('an empty settings file nothing is saving is written after ccgate has watched it: no backup, only the gateway\'s keys', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--no-auth']);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toBe('Wrote ~/.claude/settings.json.\n');
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "ccgate-no-auth"\n  }\n}\n');
		expect(backups(box)).toEqual([]);
	});

	test('an empty settings file another program keeps saving empty is refused as changed: the text alone would not show it', async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		put(settings, '');
		// Saves the empty file every 20 ms (open with O_TRUNC, close), and says so once it has started.
		const saver = spawn(process.execPath, ['-e', `const fs = require('node:fs'); const save = () => fs.closeSync(fs.openSync(${JSON.stringify(settings)}, 'w')); save(); process.stdout.write('saving\\n'); setInterval(save, 20);`], {stdio: ['ignore', 'pipe', 'ignore']});
		try {
			await once(saver.stdout, 'data');
			const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--no-auth']);
			expect(run.exitCode).toBe(1);
			expect(run.stdout).toBe('');
			expect(run.stderr).toBe('error: ~/.claude/settings.json changed on disk while ccgate was working (another program is saving it); run the command again once it is saved; nothing was written.\n');
		} finally {
			saver.kill('SIGKILL');
		}

		expect(read(settings)).toBe('');
		expect(backups(box)).toEqual([]);
	});

	test('a temp file a killed run left beside the settings file is removed by the next write', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{}\n');
		// What a run killed between writing its temp file and renaming it leaves behind (pid 2^22+1 runs no process).
		const left = path.join(box.home, '.claude', `.settings.json.ccgate-${(2 ** 22) + 1}-0badf00d.tmp`);
		writeFileSync(left, `{"env": {"ANTHROPIC_AUTH_TOKEN": "${token}"}}`, {mode: 0o600});
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com']);
		expect(run.exitCode).toBe(0);
		expect(filesBelow(path.join(box.home, '.claude'))).toEqual(['settings.json']);
	});
});

describe.concurrent('remove and restore leave no token (docs/contract.md §4)', () => {
	test('write → remove → restore → remove takes the token out again', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus"\n}\n');
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--token-stdin'], {input: `${token}\n`});
		await ccgate(box, ['remove', '--yes']);
		const restored = await ccgate(box, ['restore']);
		expect(restored.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toContain(token);
		const run = await ccgate(box, ['remove', '--yes']);
		expect(run.stdout).toMatch(/^Removed ccgate's configuration from ~\/\.claude\/settings\.json\. Backup: /);
		expect(read(userSettingsPath(box))).toBe('{\n  "model": "opus"\n}\n');
	});

	test('a line the user added inside the managed block stays after remove', async () => {
		const box = sandbox();
		const profile = path.join(box.home, '.bashrc');
		put(profile, 'alias ll="ls -l"\n');
		await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--token-stdin'], {input: `${token}\n`});
		const text = read(profile).replace('# <<< ccgate <<<', 'export MINE=1\n# <<< ccgate <<<');
		writeFileSync(profile, text);
		const run = await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'bash']);
		expect(run.exitCode).toBe(0);
		expect(read(profile)).toBe('alias ll="ls -l"\n\nexport MINE=1\n');
	});

	test('moving the token to --secret-file leaves no backup holding it in plain text', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus"\n}\n');
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--token-stdin'], {input: `${token}\n`});
		await ccgate(box, ['write', '--secret-file', '--token-stdin'], {input: `${token}\n`});
		expect(read(userSettingsPath(box))).not.toContain(token);
		expect(backups(box).filter(backup => read(backup).includes(token))).toEqual([]);
		await ccgate(box, ['remove', '--yes']);
		expect(filesHoldingToken(box.home)).toEqual([]);
		expect(backups(box).filter(backup => read(backup).includes(token))).toEqual([]);
	});
});
