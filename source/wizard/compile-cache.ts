import {lstatSync, mkdirSync} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

type CompileCacheModule = {enableCompileCache?: (directory?: string) => unknown; getCompileCacheDir?: () => string | undefined};

/**
Keep V8's compiled code of the wizard (its CommonJS half, and its React and Ink chunks) between runs, where Node has a
compile cache (22.1+); turned on by source/cli.ts before the wizard's first half loads.
The cache is code Node runs, so it lives in a folder only this user can write: in the temporary folder, not under
HOME (a wizard left with Ctrl+C writes nothing there), named by user id, and used only when it is a real folder
this user owns that no one else can write to. Anything else: no cache, the wizard only starts a little slower.
Node's own switches win: NODE_DISABLE_COMPILE_CACHE turns it off (no folder is made), and a cache the user turned on
(NODE_COMPILE_CACHE) is left as it is.
*/
export function enableWizardCompileCache(): void {
	const {enableCompileCache, getCompileCacheDir} = module as CompileCacheModule;
	if (enableCompileCache === undefined || process.getuid === undefined || process.env['NODE_DISABLE_COMPILE_CACHE'] || getCompileCacheDir?.() !== undefined) {
		return;
	}

	const uid = process.getuid();
	const folder = path.join(os.tmpdir(), `node-compile-cache-ccgate-${uid}`);
	try {
		mkdirSync(folder, {mode: 0o700});
	} catch {}

	try {
		const stat = lstatSync(folder);
		if (stat.isDirectory() && stat.uid === uid && (stat.mode & 0o022) === 0) {
			enableCompileCache(folder);
		}
	} catch {}
}
