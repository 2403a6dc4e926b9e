import {createHash, randomBytes} from 'node:crypto';
import {chmodSync, closeSync, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync} from 'node:fs';
import path from 'node:path';
import {UserError} from '../core/findings.js';
import {fileError, fileLabel, isSystemError, withFileErrors} from './file-errors.js';
import {resolveLinkTarget} from './links.js';
import {assertRegularFile, readTextIfExists} from './read-text.js';

export {readTextIfExists} from './read-text.js';
export {resolveLinkTarget} from './links.js';

export type WriteResult = {
	/** The file actually written (a symlink's target). */
	readonly writtenPath: string;
	/** Set when the folder was not writable and the file was rewritten in place. */
	readonly inPlace: boolean;
};

/**
Create a folder and the missing ones above it, each 0700 whatever the umask (the mode is set again after creating,
since `mkdir`'s mode passes through the umask). Folders already there are left as they are.
*/
export function makeFolders(folder: string, home: string): void {
	const missing: string[] = [];
	let current = path.resolve(folder);
	for (;;) {
		try {
			lstatSync(current);
			break;
		} catch {
			missing.unshift(current);
			const parent = path.dirname(current);
			if (parent === current) {
				break;
			}

			current = parent;
		}
	}

	for (const created of missing) {
		withFileErrors(created, home, () => {
			try {
				mkdirSync(created, {mode: 0o700});
			} catch (error) {
				// Another run made it meanwhile: theirs is 0700 too.
				if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
					return;
				}

				throw error;
			}

			chmodSync(created, 0o700);
		});
	}
}

function changedError(label: string, emptied: boolean): UserError {
	return new UserError({code: 'file-changed', level: 'error', message: `${label} ${emptied ? 'was emptied or deleted' : 'changed on disk'} while ccgate was working (another program is saving it)`, fix: 'run the command again once it is saved; nothing was written'}, 1);
}

/** Refuse when a file (its text as read now) no longer holds what it held when ccgate read it. */
function assertUnchanged(current: string | undefined, expected: string | undefined, label: string): void {
	if (current !== expected) {
		throw changedError(label, current === '' || (current === undefined && expected !== undefined));
	}
}

function pause(milliseconds: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, milliseconds);
}

/**
What changes whenever anything writes to a file, even to write back what it held: its inode, size and times (to the
nanosecond). Undefined when it cannot be looked at; the read that follows names why.
*/
function fileState(file: string): string | undefined {
	try {
		const stats = statSync(file, {bigint: true, throwIfNoEntry: false});
		return stats && `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
	} catch {
		return undefined;
	}
}

/** Each empty file readSettled watched and found untouched, with its state then. */
const settledEmpty = new Map<string, string>();

/**
Watch an empty file for a second: refused as changed when anything writes to it meanwhile. The state is compared, not
the text: an editor that truncates and writes over and over leaves the file empty most of the time, and looking at the
text only now and then would take its saves for an empty file.
*/
function watchEmpty(file: string, state: string | undefined, label: string, home: string): void {
	if (state === undefined) {
		throw changedSince(file, label, home);
	}

	for (let look = 0; look <= 10; look++) {
		if (look > 0) {
			pause(100);
		}

		if (fileState(file) !== state) {
			throw changedSince(file, label, home);
		}
	}

	settledEmpty.set(file, state);
}

/** The refusal for an empty file something wrote to while ccgate watched it: emptied once more, or holding text again. */
function changedSince(file: string, label: string, home: string): UserError {
	return changedError(label, readTextIfExists(file, home) === undefined);
}

/**
A file's text, read so that an editor's save in progress is not taken for the file: an existing empty file is watched
for a second (see watchEmpty), and refused as changed if anything writes to it meanwhile (an editor truncates, then
writes). A second, not a moment: on a loaded machine an editor can be kept off the processor for a tenth of a second
between the two, and the user's keys would be taken for an empty file. Only an empty settings file pays the wait.
*/
export function readSettled(file: string, label: string, home: string): string | undefined {
	const state = fileState(file);
	const text = readTextIfExists(file, home);
	settledEmpty.delete(file);
	if (text === '') {
		watchEmpty(file, state, label, home);
	}

	return text;
}

/** Refuse when a file ccgate read empty has been written to since; watched for a second first when readSettled did not. */
function assertStillEmpty(file: string, label: string, home: string): void {
	const settled = settledEmpty.get(file);
	if (settled === undefined) {
		readSettled(file, label, home);
	} else if (fileState(file) !== settled) {
		throw changedSince(file, label, home);
	}
}

/** Refuse, before anything is backed up or written, when the file changed on disk since it was read as `expected`. */
export function assertFileUnchanged(file: string, expected: string | undefined, label: string, home: string): void {
	assertUnchanged(readTextIfExists(resolveLinkTarget(file, home), home), expected, label);
}

const temporaryMarker = '.ccgate-';

function temporaryName(target: string): string {
	return path.join(path.dirname(target), `.${path.basename(target)}${temporaryMarker}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Remove temp files a killed run left beside `target` (their process is gone): they may hold a secret. */
export function removeStaleTemps(target: string): void {
	const prefix = `.${path.basename(target)}${temporaryMarker}`;
	let names: string[];
	try {
		names = readdirSync(path.dirname(target));
	} catch {
		return;
	}

	for (const name of names) {
		const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]) : Number.NaN;
		if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) {
			rmSync(path.join(path.dirname(target), name), {force: true});
		}
	}
}

/**
Write `text` to a temp file beside `target` (created 0600, exclusive), give it its mode, flush it, then check once more
that the target still holds `expected` and rename over it. The temp is removed on any failure.
*/
function writeAtomically(target: string, text: string, mode: number, expected: string | undefined, label: string, home: string): void {
	const temporary = temporaryName(target);
	const descriptor = openSync(temporary, 'wx', 0o600);
	try {
		try {
			// One write() may take only part of the text (a full disk says so at the next call): written until all of it
			// is, or the error comes, so a short file is never renamed over the target.
			let bytes = Buffer.from(text);
			while (bytes.length > 0) {
				bytes = bytes.subarray(writeSync(descriptor, bytes));
			}

			fchmodSync(descriptor, mode);
			const owner = expected === undefined ? undefined : statSync(target, {throwIfNoEntry: false});
			if (owner && process.getuid?.() === 0) {
				// Root writing someone's file keeps it theirs.
				fchownSync(descriptor, owner.uid, owner.gid);
			}

			fsyncSync(descriptor);
		} finally {
			closeSync(descriptor);
		}

		// An empty file may be an editor's save half done: a moment later it would hold the user's keys again.
		if (expected === '') {
			assertStillEmpty(target, label, home);
		}

		assertUnchanged(readTextIfExists(target, home), expected, label);
		renameSync(temporary, target);
		settledEmpty.delete(target);
	} catch (error) {
		rmSync(temporary, {force: true});
		throw error;
	}
}

/**
Replace a file's contents atomically: a temp file beside the real target, then a rename.
A symlink is written through to its target (a dangling one too) and the link kept; anything but a regular file is refused.
Refuses, changing nothing, when the file no longer holds `expected` (it changed on disk since it was read).
`secret` makes the file 0600; a new file is 0600 too; otherwise the mode is kept.
Where the folder refuses a temp file but the file is writable, the file is rewritten in place, unless it would hold a secret
while others may read it.
*/
export function writeFileSafely(file: string, text: string, options: {expected: string | undefined; secret: boolean; label: string; home: string}): WriteResult {
	const {home} = options;
	const target = resolveLinkTarget(file, home);
	const current = readTextIfExists(target, home);
	assertUnchanged(current, options.expected, options.label);
	const existingMode = current === undefined ? undefined : statSync(target).mode & 0o7777;
	const mode = existingMode === undefined || options.secret ? 0o600 : existingMode;
	makeFolders(path.dirname(target), home);
	removeStaleTemps(target);
	try {
		writeAtomically(target, text, mode, options.expected, options.label, home);
		return {writtenPath: target, inPlace: false};
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (!((code === 'EACCES' || code === 'EPERM') && current !== undefined)) {
			throw isSystemError(error) ? fileError(error, home, target) : error;
		}
	}

	// The folder refuses a temp file, but the file itself may be writable.
	if (options.secret && (existingMode! & 0o077) !== 0) {
		throw new UserError({code: 'file-not-private', level: 'error', message: `${fileLabel(target, home)} is readable by others and its folder is not writable, so ccgate cannot make it private before the secret goes in`, fix: 'make the file 0600 (chmod 600) or its folder writable, or use --secret-file; nothing was written'}, 1);
	}

	withFileErrors(target, home, () => {
		if (options.expected === '') {
			assertStillEmpty(target, options.label, home);
		}

		assertUnchanged(readTextIfExists(target, home), options.expected, options.label);
		writeFileSync(target, text);
		settledEmpty.delete(target);
	});
	return {writtenPath: target, inPlace: true};
}

/** Delete a file (a symlink's target), refusing anything but a regular file; a file already gone is fine. */
export function deleteFile(file: string, home: string): void {
	const target = resolveLinkTarget(file, home);
	if (assertRegularFile(target, home)) {
		withFileErrors(target, home, () => {
			unlinkSync(target);
		});
	}
}

function backupFolder(ccgateDirectory: string, file: string): string {
	const id = createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
	return path.join(ccgateDirectory, 'backups', id);
}

const keptBackups = 5;

/**
Copy a file into ccgate's own folder before changing it (never beside it: it may sit in a dotfiles repository).
An empty file gets no backup: there is nothing to restore, and an empty backup would only hide the last real one.
*/
export function backupFile(ccgateDirectory: string, file: string, text: string, {home, now}: {readonly home: string; readonly now: () => number}): string | undefined {
	if (text === '') {
		return undefined;
	}

	const folder = backupFolder(ccgateDirectory, file);
	makeFolders(folder, home);
	return withFileErrors(folder, home, () => {
		writeFileSync(path.join(folder, 'target'), path.resolve(file), {mode: 0o600});
		const existing = listBackups(ccgateDirectory, file);
		const taken = new Set(existing.map(backup => path.basename(backup)));
		let stamp = new Date(now()).toISOString().replaceAll(':', '-');
		// Two backups within one millisecond keep their order.
		while (taken.has(`${stamp}.bak`)) {
			stamp += '_';
		}

		const backup = path.join(folder, `${stamp}.bak`);
		// Whole or not at all: a full disk leaves a temporary file, removed, never a truncated newest backup.
		const partial = `${backup}.${process.pid}.tmp`;
		try {
			writeFileSync(partial, text, {mode: 0o600, flag: 'wx'});
			renameSync(partial, backup);
		} catch (error) {
			rmSync(partial, {force: true});
			throw error;
		}

		for (const old of listBackups(ccgateDirectory, file).slice(keptBackups)) {
			rmSync(old, {force: true});
		}

		return backup;
	});
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

/** Delete the backups of `file` that hold `secret`: it moved into a 0600 secret file, and no plain copy of it stays. */
export function purgeBackupsHolding(ccgateDirectory: string, file: string, secret: string, home: string): void {
	for (const backup of listBackups(ccgateDirectory, file)) {
		if (readTextIfExists(backup, home)?.includes(secret)) {
			rmSync(backup, {force: true});
		}
	}
}
