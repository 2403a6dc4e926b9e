import {existsSync} from 'node:fs';
import path from 'node:path';
import {foldersUp} from './paths.js';

/**
Is the file inside a git repository? Decided as git itself finds one, by a `.git` folder (or file, in a worktree or
submodule) in the file's folder or any folder above, without starting git: the wizard asks this before its first frame.
*/
export function isInsideGitRepository(file: string): boolean {
	return repositoryAbove(path.dirname(path.resolve(file))) !== undefined;
}

/** The folder holding the `.git` (a folder, or a file in a worktree) nearest above `folder`, as git itself looks. */
export function repositoryAbove(folder: string): string | undefined {
	return foldersUp(folder).find(each => existsSync(path.join(each, '.git')));
}
