import {existsSync} from 'node:fs';
import path from 'node:path';

/**
Is the file inside a git repository? Decided as git itself finds one, by a `.git` folder (or file, in a worktree or
submodule) in the file's folder or any folder above, without starting git: the wizard asks this before its first frame.
*/
export function isInsideGitRepository(file: string): boolean {
	let folder = path.dirname(path.resolve(file));
	for (;;) {
		if (existsSync(path.join(folder, '.git'))) {
			return true;
		}

		const parent = path.dirname(folder);
		if (parent === folder) {
			return false;
		}

		folder = parent;
	}
}
