import {chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {UserError} from '../core/findings.js';
import {fileError, isSystemError} from './file-errors.js';

/** A settings file for one `ccgate run`, 0600 in a 0700 folder of its own; `remove()` takes both away. */
export type RunSettingsFile = {
	readonly path: string;
	remove(): void;
};

/**
The system's temporary folder: `$TMPDIR` when it is an absolute path, else `/tmp` (never the current folder, which
an empty or relative `TMPDIR` would give).
*/
function temporaryRoot(env: Readonly<Record<string, string | undefined>>): string {
	const value = env['TMPDIR'];
	return value && path.isAbsolute(value) ? value : (process.platform === 'win32' ? os.tmpdir() : '/tmp');
}

/** Is the process that made a run folder (`<pid>-…`) gone? */
function isLeftOver(name: string): boolean {
	const pid = Number(/^(\d+)-/.exec(name)?.[1]);
	if (!Number.isSafeInteger(pid) || pid <= 0) {
		return false;
	}

	try {
		process.kill(pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

/**
ccgate's private folder under the system's temporary folder, `ccgate-run-<uid>`: 0700, this user's, not a link
(another user could otherwise make it first and read the token). Run folders a killed ccgate left are removed.
*/
function privateFolder(env: Readonly<Record<string, string | undefined>>, home: string): string {
	const uid = process.getuid?.() ?? 0;
	const folder = path.join(temporaryRoot(env), `ccgate-run-${uid}`);
	try {
		mkdirSync(folder, {mode: 0o700});
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw isSystemError(error) ? fileError(error, home, folder) : error;
		}
	}

	const stat = lstatSync(folder);
	if (!stat.isDirectory() || (process.getuid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
		throw new UserError({code: 'file-not-private', level: 'error', message: `${folder} is not a private folder of this user's (a link, another user's, or open to others), so ccgate will not put a token there`, fix: `remove ${folder}, or set TMPDIR to a folder of your own`}, 1);
	}

	for (const name of readdirSync(folder)) {
		if (isLeftOver(name)) {
			rmSync(path.join(folder, name), {recursive: true, force: true});
		}
	}

	return folder;
}

/** Write `settings` to a fresh temporary file only this user can read (it may hold the profile's secret). */
export function writeRunSettings(settings: unknown, env: Readonly<Record<string, string | undefined>>, home: string): RunSettingsFile {
	const parent = privateFolder(env, home);
	const directory = mkdtempSync(path.join(parent, `${process.pid}-`));
	chmodSync(directory, 0o700);
	const file = path.join(directory, 'settings.json');
	let removed = false;
	const remove = () => {
		if (!removed) {
			removed = true;
			rmSync(directory, {recursive: true, force: true});
			try {
				// The private folder goes too once no run uses it.
				rmdirSync(parent);
			} catch {}
		}
	};

	try {
		writeFileSync(file, `${JSON.stringify(settings, undefined, '\t')}\n`, {mode: 0o600, flag: 'wx'});
	} catch (error) {
		// A full disk leaves no part of the file (the start of a token) behind.
		remove();
		throw isSystemError(error) ? fileError(error, home, file) : error;
	}

	return {path: file, remove};
}
