import {lstatSync, mkdirSync} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

type CompileCacheModule = {enableCompileCache?: (directory?: string) => unknown; getCompileCacheDir?: () => string | undefined};

/**
The folder that keeps the wizard's compiled code between runs, or undefined when there is none to use.
The cache is code Node runs, so it lives in a folder only this user can write: in the temporary folder, not under
HOME (a wizard left with Ctrl+C writes nothing there), named by user id, and used only when it is a real folder this
user owns that no one else can write to. Anything else: no cache, the wizard only starts a little slower.
NODE_DISABLE_COMPILE_CACHE, Node's own switch, turns it off (no folder is made).
*/
export function privateCacheFolder(): string | undefined {
	if (process.getuid === undefined || process.env['NODE_DISABLE_COMPILE_CACHE']) {
		return undefined;
	}

	const uid = process.getuid();
	const folder = path.join(os.tmpdir(), `node-compile-cache-ccgate-${uid}`);
	try {
		mkdirSync(folder, {mode: 0o700});
	} catch {}

	try {
		const stat = lstatSync(folder);
		if (stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0) {
			return folder;
		}
	} catch {}

	return undefined;
}

/**
Keep V8's compiled code of the wizard's CommonJS half and ES-module half between runs, where Node has a compile
cache (22.1+), in privateCacheFolder(); turned on by source/main.ts before the wizard's first half loads. A cache the
user turned on (NODE_COMPILE_CACHE) is left as it is. The Ink half keeps its own (./ink-half.ts), on every Node.
*/
export function enableWizardCompileCache(): void {
	const {enableCompileCache, getCompileCacheDir} = module as CompileCacheModule;
	if (enableCompileCache === undefined || getCompileCacheDir?.() !== undefined) {
		return;
	}

	const folder = privateCacheFolder();
	if (folder !== undefined) {
		enableCompileCache(folder);
	}
}
