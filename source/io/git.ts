import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';

function nearestExistingFolder(file: string): string {
	let folder = path.dirname(path.resolve(file));
	while (!existsSync(folder)) {
		folder = path.dirname(folder);
	}

	return folder;
}

function insideWorkTree(folder: string): boolean {
	try {
		execFileSync('git', ['rev-parse', '--is-inside-work-tree'], {cwd: folder, stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/**
Would git commit this file? True inside a work tree unless `git check-ignore` says it is ignored
(a file already tracked never counts as ignored). Without git, or outside a repository, nothing is.
*/
export function isTrackedByGit(file: string): boolean {
	const folder = nearestExistingFolder(file);
	if (!insideWorkTree(folder)) {
		return false;
	}

	try {
		execFileSync('git', ['check-ignore', '-q', path.relative(folder, path.resolve(file))], {cwd: folder, stdio: 'ignore'});
		return false;
	} catch (error) {
		return (error as {status?: number}).status === 1;
	}
}
