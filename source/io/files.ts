import {createHash} from 'node:crypto';
import {chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {UserError} from '../core/findings.js';
import {resolveLinkTarget} from './links.js';
import {readTextIfExists} from './read-text.js';

export {readTextIfExists} from './read-text.js';
export {resolveLinkTarget} from './links.js';

export type WriteResult = {
	/** The file actually written (a symlink's target). */
	readonly writtenPath: string;
	/** Set when the folder was not writable and the file was rewritten in place. */
	readonly inPlace: boolean;
};

/** Refuse when a file (its text as read now) no longer holds what it held when ccgate read it. */
function assertUnchanged(current: string | undefined, expected: string | undefined, label: string): void {
	if (current !== expected) {
		throw new UserError({level: 'error', message: `${label} changed on disk while ccgate was working`, fix: 'run the command again; nothing was written'}, 1);
	}
}

/** Refuse, before anything is backed up or written, when the file changed on disk since it was read as `expected`. */
export function assertFileUnchanged(file: string, expected: string | undefined, label: string): void {
	assertUnchanged(readTextIfExists(resolveLinkTarget(file)), expected, label);
}

/**
Replace a file's contents atomically: a temp file beside the real target, then a rename.
A symlink is written through to its target (a dangling one too) and the link kept.
Refuses, changing nothing, when the file no longer holds `expected` (it changed on disk since it was read).
`secret` makes the file 0600; a new file is 0600 too; otherwise the mode is kept.
*/
export async function writeFileSafely(file: string, text: string, options: {expected: string | undefined; secret: boolean; label: string}): Promise<WriteResult> {
	const target = resolveLinkTarget(file);
	const current = readTextIfExists(target);
	assertUnchanged(current, options.expected, options.label);

	const mode = current === undefined || options.secret ? 0o600 : undefined;
	mkdirSync(path.dirname(target), {recursive: true});
	try {
		await writeFileAtomic(target, text, mode === undefined ? {} : {mode});
		return {writtenPath: target, inPlace: false};
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if ((code === 'EACCES' || code === 'EPERM') && current !== undefined) {
			// The folder refuses a temp file, but the file itself may be writable.
			writeFileSync(target, text);
			if (mode !== undefined) {
				chmodSync(target, mode);
			}

			return {writtenPath: target, inPlace: true};
		}

		throw error;
	}
}

function backupFolder(ccgateDirectory: string, file: string): string {
	const id = createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
	return path.join(ccgateDirectory, 'backups', id);
}

const keptBackups = 5;

/** Copy a file into ccgate's own folder before changing it (never beside it: it may sit in a dotfiles repository). */
export function backupFile(ccgateDirectory: string, file: string, text: string): string {
	const folder = backupFolder(ccgateDirectory, file);
	mkdirSync(folder, {recursive: true, mode: 0o700});
	writeFileSync(path.join(folder, 'target'), path.resolve(file), {mode: 0o600});
	const existing = listBackups(ccgateDirectory, file);
	const taken = new Set(existing.map(backup => path.basename(backup)));
	let stamp = new Date().toISOString().replaceAll(':', '-');
	// Two backups within one millisecond keep their order.
	while (taken.has(`${stamp}.bak`)) {
		stamp += '_';
	}

	const backup = path.join(folder, `${stamp}.bak`);
	writeFileSync(backup, text, {mode: 0o600});
	for (const old of listBackups(ccgateDirectory, file).slice(keptBackups)) {
		rmSync(old, {force: true});
	}

	return backup;
}

/** The backups of one file, newest first. */
export function listBackups(ccgateDirectory: string, file: string): string[] {
	const folder = backupFolder(ccgateDirectory, file);
	let names: string[];
	try {
		names = readdirSync(folder).filter(name => name.endsWith('.bak'));
	} catch {
		return [];
	}

	return names.sort().reverse().map(name => path.join(folder, name));
}
