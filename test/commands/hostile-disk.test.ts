import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {backups, ccgate, put, read, sandbox, userSettingsPath} from './support.js';

/*
A full disk: a small tmpfs mounted, as root, in a mount namespace of the test's own (unshare), over the folder that
must fill up. A backup is written whole or not at all (no truncated .bak is left as the newest backup), and neither
write nor restore ever renames a short file over the settings: the file stays byte for byte as it was, and the
backups stay as they were, so the restore run again after space is freed picks the same one.
*/

const token = 'disk-token-0123456789abcdef';
/** A settings file of some 200 kB: its backup, or its rewrite, cannot fit on the tmpfs. */
const large = `${JSON.stringify({model: 'opus', notes: 'x'.repeat(200_000)}, undefined, 2)}\n`;

/** Run `script` (sh) in a private mount namespace where `folder` is a tmpfs of `size`; what it prints on stdout. */
function onFullDisk(box: ReturnType<typeof sandbox>, folder: string, size: string, script: string): string {
	mkdirSync(folder, {recursive: true});
	const mount = `mount -t tmpfs -o size=${size},mode=0700 tmpfs "$FULL"`;
	return execFileSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `${mount} && ${script}`], {env: {...box.env, FULL: folder, NODE: process.execPath, CCGATE: ccgateBin}, encoding: 'utf8'});
}

describe('a full disk', () => {
	test('during write\'s backup: one sentence, exit 1, no .bak and no temporary file left, the settings unchanged', async () => {
		const box = sandbox();
		put(userSettingsPath(box), large);
		const shown = onFullDisk(box, box.ccgateDirectory, '128k', [
			'"$NODE" "$CCGATE" write --base-url https://gw.example.com --auth-token ' + token + ' 2>&1; echo "exit $?"',
			'cd "$FULL" && find . -type f | sort',
			'"$NODE" "$CCGATE" restore 2>&1; echo "exit $?"',
		].join('; '));
		expect(shown.replaceAll(/backups\/[\da-f]{16}/g, 'backups/<id>')).toBe([
			'error: The disk holding ~/.config/ccgate/backups/<id> is full; free some space and run the command again; nothing was changed.',
			'exit 1',
			'./backups/<id>/target',
			'error: ccgate has no backup of ~/.claude/settings.json; check the file name, or see ccgate restore --list.',
			'exit 1',
			'',
		].join('\n'));
		expect(read(userSettingsPath(box))).toBe(large);
	});

	test('during restore: one sentence, exit 1, the settings byte for byte as they were, the backups as they were', async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		put(settings, large);
		expect((await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token])).exitCode).toBe(0);
		const written = read(settings);
		put(path.join(box.home, 'written.json'), written);
		const before = backups(box);
		expect(before).toHaveLength(1);
		// The tmpfs holds the written file and a filler, with too little room left for the restored one beside it.
		const shown = onFullDisk(box, path.dirname(settings), '300k', [
			`cp "${box.home}/written.json" "$FULL/settings.json"`,
			'head -c 60000 /dev/zero > "$FULL/filler"',
			'"$NODE" "$CCGATE" restore 2>&1; echo "exit $?"',
			'ls -A "$FULL"',
			`cmp "$FULL/settings.json" "${box.home}/written.json" && echo unchanged`,
		].join('; '));
		expect(shown).toBe([
			'error: The disk holding ~/.claude/settings.json is full; free some space and run the command again; nothing was changed.',
			'exit 1',
			'filler',
			'settings.json',
			'unchanged',
			'',
		].join('\n'));
		expect(read(settings)).toBe(written);
		expect(backups(box)).toEqual(before);
		expect(readFileSync(before[0]!, 'utf8')).toBe(large);
	});

	test('during write of the settings themselves: one sentence, exit 1, the file byte for byte as it was', async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		put(path.join(box.home, 'large.json'), large);
		const shown = onFullDisk(box, path.dirname(settings), '300k', [
			`cp "${box.home}/large.json" "$FULL/settings.json"`,
			'head -c 60000 /dev/zero > "$FULL/filler"',
			'"$NODE" "$CCGATE" write --base-url https://gw.example.com --auth-token ' + token + ' 2>&1; echo "exit $?"',
			'ls -A "$FULL"',
			`cmp "$FULL/settings.json" "${box.home}/large.json" && echo unchanged`,
		].join('; '));
		expect(shown).toBe([
			'error: The disk holding ~/.claude/settings.json is full; free some space and run the command again; nothing was changed.',
			'exit 1',
			'filler',
			'settings.json',
			'unchanged',
			'',
		].join('\n'));
		expect(backups(box)).toEqual([]);
	});

	test('in TMPDIR during run: one sentence, exit 1, the command not started, no part of the token left', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', 'https://gw.example.com', '--auth-token', token])).exitCode).toBe(0);
		const bin = path.join(box.home, 'bin');
		put(path.join(bin, 'claude'), '#!/bin/sh\necho started\n', 0o755);
		const temporary = path.join(box.home, 'tmp');
		const shown = onFullDisk(box, temporary, '4k', [
			'head -c 4096 /dev/zero > "$FULL/filler"',
			`TMPDIR="$FULL" "$NODE" "$CCGATE" run work -- "${bin}/claude" 2>&1; echo "exit $?"`,
			'cd "$FULL" && find . | sort',
			`grep -rl "${token}" . || echo "no token"`,
		].join('; '));
		expect(shown.replace(/ccgate-run-\d+\/\d+-\w+/, 'ccgate-run-<uid>/<run>')).toBe([
			'error: The disk holding ~/tmp/ccgate-run-<uid>/<run>/settings.json is full; free some space and run the command again; nothing was changed.',
			'exit 1',
			'.',
			'./filler',
			'no token',
			'',
		].join('\n'));
	});
});
