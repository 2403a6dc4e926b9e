import path from 'node:path';
import {UserError} from '../core/findings.js';

/** A path as the user knows it: `~/…` under the home folder. */
export function fileLabel(file: string, home: string): string {
	const resolved = path.resolve(file);
	return resolved.startsWith(home + path.sep) ? `~${resolved.slice(home.length)}` : resolved;
}

const reasons: Record<string, (label: string) => [message: string, fix: string]> = {
	EACCES: label => [`${label} cannot be opened: permission denied`, 'check the owner and mode of the file and its folder, or run as the user who owns it'],
	EPERM: label => [`the system does not permit changing ${label}`, 'check the owner, mode and flags (chattr, chflags) of the file and its folder'],
	EISDIR: label => [`${label} is a folder, not a file`, 'move the folder away, or name a file'],
	ENOTDIR: label => [`a part of the path ${label} is a file, not a folder`, 'fix the path, or move that file away'],
	ELOOP: label => [`${label} is a loop of symbolic links`, 'point the link at a real file'],
	EROFS: label => [`${label} is on a read-only file system`, 'remount it writable, or name a file elsewhere'],
	ENOSPC: label => [`the disk holding ${label} is full`, 'free some space and run the command again; nothing was changed'],
	EDQUOT: label => [`the disk quota for ${label} is used up`, 'free some space and run the command again; nothing was changed'],
	ENAMETOOLONG: label => [`the path ${label} is too long`, 'use a shorter path'],
	EMFILE: label => [`too many files are open to read ${label}`, 'close some programs and run the command again'],
	ENFILE: label => [`too many files are open to read ${label}`, 'close some programs and run the command again'],
	EBUSY: label => [`${label} is busy`, 'close the program using it and run the command again'],
	ETXTBSY: label => [`${label} is busy`, 'close the program using it and run the command again'],
	EIO: label => [`the disk failed reading or writing ${label}`, 'check the disk, then run the command again'],
	EEXIST: label => [`${label} is in the way`, 'move it away and run the command again'],
	EXDEV: label => [`${label} cannot be replaced across file systems`, 'keep the file and its folder on one file system'],
	ENXIO: label => [`${label} is a device or socket with nothing behind it`, 'point it at a regular file'],
};

/** Is this an operating-system error (it has an errno code)? */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
	return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
An operating-system error as one sentence naming the file and what to do (exit 1).
`file` is the file ccgate was working on; the error's own path, when it names another (a folder), wins.
*/
export function fileError(error: NodeJS.ErrnoException, home: string, file?: string): UserError {
	const named = error.path ?? file;
	const label = named === undefined ? 'a file' : fileLabel(named, home);
	const reason = reasons[error.code ?? ''];
	const [message, fix] = reason ? reason(label) : [`the system refused to work on ${label} (${error.code ?? 'unknown error'})`, 'check the file and its folder, then run the command again'];
	return new UserError({code: 'file-error', level: 'error', message: message.charAt(0).toUpperCase() + message.slice(1), fix}, 1);
}

/** Run `work`, turning an operating-system error into one sentence about `file`. */
export function withFileErrors<T>(file: string, home: string, work: () => T): T {
	try {
		return work();
	} catch (error) {
		throw isSystemError(error) ? fileError(error, home, file) : error;
	}
}

/** The async form of `withFileErrors`. */
export async function withFileErrorsAsync<T>(file: string, home: string, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw isSystemError(error) ? fileError(error, home, file) : error;
	}
}
