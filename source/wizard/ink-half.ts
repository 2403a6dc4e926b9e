import {closeSync, constants, fstatSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import vm from 'node:vm';
import {privateCacheFolder} from './compile-cache.js';

type InkHalf = typeof import('./run-app.js');
type Factory = (requireBuiltin: ReturnType<typeof createRequire>, url: string, filename: string, dirname: string) => Promise<InkHalf>;

/** A cache file larger than this is not one ccgate wrote: left unread. */
const largestCache = 64 * 1024 * 1024;

/** The first line of the built script names the hash of the rest (tsup.config.ts). */
const hashLine = /^\/\/ ccgate wizard Ink half ([\da-f]{64})\n/;

/**
The compiled code of a cache file in the private folder, when it is a regular file of this user's that no one else can
write to; anything else is left alone (and the script compiles from its source).
*/
function readCache(file: string): Buffer | undefined {
	let descriptor: number | undefined;
	try {
		descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
		const stat = fstatSync(descriptor);
		if (!stat.isFile() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0 || stat.size > largestCache) {
			return undefined;
		}

		return readFileSync(descriptor);
	} catch {
		return undefined;
	} finally {
		if (descriptor !== undefined) {
			closeSync(descriptor);
		}
	}
}

/**
Write the script's compiled code, as it stands when the wizard ends (with every function the run compiled), beside
a new name and then over the old; other caches of this Node's for an older build go. Nothing here may stop the
wizard from ending as it should: every failure leaves no cache.
*/
function writeCache(folder: string, name: string, script: vm.Script): void {
	const file = path.join(folder, name);
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		const descriptor = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
		try {
			writeSync(descriptor, script.createCachedData());
		} finally {
			closeSync(descriptor);
		}

		renameSync(temporary, file);
		const prefix = name.slice(0, name.lastIndexOf('-') + 1);
		for (const other of readdirSync(folder)) {
			if (other !== name && other.startsWith(prefix) && other.endsWith('.cache')) {
				rmSync(path.join(folder, other), {force: true});
			}
		}
	} catch {
		try {
			rmSync(temporary, {force: true});
		} catch {}
	}
}

/**
Load the wizard's Ink half (React, Ink, yoga and the wizard's screens): dist/wizard-ink.js, one script built from
./run-app.tsx (tsup.config.ts). It runs as a script, not an ES module, so that V8's compiled code of it can be kept
between runs on every Node (Node 20 has no compile cache), and the next start skips compiling it: on the first frame
and the first key too, since the cache is written as the wizard ends. The cache is named by the hash of the script's
text, so a cache never meets a build it was not made from (V8 checks only the text's length).
*/
export async function loadInkHalf(file: string): Promise<InkHalf> {
	let source: string | undefined;
	try {
		source = readFileSync(file, 'utf8');
	} catch {}

	const hash = source === undefined ? undefined : hashLine.exec(source)?.[1];
	if (source === undefined || hash === undefined) {
		throw new Error(`${file}, the wizard's Ink half, is missing or is not as ccgate builds it: reinstall ccgate`);
	}

	const folder = privateCacheFolder();
	const name = `wizard-ink-${process.version}-${process.arch}-${hash.slice(0, 32)}.cache`;
	const cachedData = folder === undefined ? undefined : readCache(path.join(folder, name));
	const script = new vm.Script(source, {filename: file, cachedData});
	if (folder !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
		process.once('exit', () => {
			writeCache(folder, name, script);
		});
	}

	const factory = script.runInThisContext() as Factory;
	return factory(createRequire(file), pathToFileURL(file).href, file, path.dirname(file));
}
