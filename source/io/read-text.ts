import {isUtf8} from 'node:buffer';
import {closeSync, constants, fstatSync, openSync, readSync, statSync} from 'node:fs';
import {UserError} from '../core/findings.js';
import {fileError, fileLabel, isSystemError} from './file-errors.js';

/** ccgate reads no file larger than this: a settings file or profile is a few kilobytes. */
export const maxFileBytes = 10 * 1024 * 1024;

function notRegular(file: string, home: string, kind: string): UserError {
	return new UserError({code: 'file-not-regular', level: 'error', message: `${fileLabel(file, home)} is ${kind}, not a regular file, so ccgate will not open it`, fix: 'replace it with a regular file, or name another file; nothing was changed'}, 1);
}

export function kindOf(stats: {isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean}): string {
	if (stats.isDirectory()) {
		return 'a folder';
	}

	if (stats.isFIFO()) {
		return 'a named pipe (FIFO)';
	}

	if (stats.isSocket()) {
		return 'a socket';
	}

	return stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'not a plain file';
}

/**
Refuse, as one sentence (exit 1), a path that exists and is not a regular file (after symlinks), or is larger than 10 MB.
Checked with `stat` before anything opens it, so a FIFO or a device never blocks or streams. Returns whether it exists.
*/
export function assertRegularFile(file: string, home: string, maxBytes = maxFileBytes): boolean {
	let stats;
	try {
		// A missing file is the common case (most layers do not exist): asked without an exception, which costs start-up time.
		stats = statSync(file, {throwIfNoEntry: false});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
			return false;
		}

		throw isSystemError(error) ? fileError(error, home, file) : error;
	}

	if (stats === undefined) {
		return false;
	}

	if (!stats.isFile()) {
		throw notRegular(file, home, kindOf(stats));
	}

	if (stats.size > maxBytes) {
		throw new UserError({code: 'file-too-large', level: 'error', message: `${fileLabel(file, home)} is larger than ${maxBytes / 1024 / 1024} MB, too large for a settings file or profile`, fix: 'check that it is the right file; nothing was changed'}, 1);
	}

	return true;
}

/**
A file's text, or undefined when it is not there. Kept apart from the writers so readers load no write library.
Only a regular file of at most 10 MB is read (checked before opening, and again on the open descriptor; opened
non-blocking, so a FIFO swapped in between cannot hang); bytes that are not UTF-8 are refused, never replaced.
A UTF-8 byte-order mark stays in the text (U+FEFF), so a rewrite keeps it.
*/
export function readTextIfExists(file: string, home: string, maxBytes = maxFileBytes): string | undefined {
	if (!assertRegularFile(file, home, maxBytes)) {
		return undefined;
	}

	let descriptor: number;
	try {
		descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ENOENT') {
			return undefined;
		}

		throw isSystemError(error) ? fileError(error, home, file) : error;
	}

	let bytes: Buffer;
	try {
		const stats = fstatSync(descriptor);
		if (!stats.isFile()) {
			throw notRegular(file, home, kindOf(stats));
		}

		const chunks: Buffer[] = [];
		let total = 0;
		for (;;) {
			const chunk = Buffer.alloc(64 * 1024);
			const count = readSync(descriptor, chunk, 0, chunk.length, null);
			if (count === 0) {
				break;
			}

			total += count;
			if (total > maxBytes) {
				throw new UserError({code: 'file-too-large', level: 'error', message: `${fileLabel(file, home)} is larger than ${maxBytes / 1024 / 1024} MB, too large for a settings file or profile`, fix: 'check that it is the right file; nothing was changed'}, 1);
			}

			chunks.push(chunk.subarray(0, count));
		}

		bytes = Buffer.concat(chunks);
	} catch (error) {
		throw isSystemError(error) ? fileError(error, home, file) : error;
	} finally {
		closeSync(descriptor);
	}

	// Checked by isUtf8, which needs no decoder set up (a fatal TextDecoder costs start-up time); a BOM is kept, as Claude Code reads past it.
	if (!isUtf8(bytes)) {
		throw new UserError({code: 'file-not-utf8', level: 'error', message: `${fileLabel(file, home)} is not valid UTF-8 text`, fix: 'save it as UTF-8 in an editor; nothing was changed'}, 1);
	}

	return bytes.toString('utf8');
}

