import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';

/**
git, told to run none of the repository's own programs: no hooks, no fsmonitor (a command a cloned repository's
`.git/config` can name, which `git status` or `check-ignore` would start), no untracked cache, no system config,
no pager, no prompt.
*/
export function safeGit(args: readonly string[], cwd: string, env: Readonly<Record<string, string | undefined>>): void {
	execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false', '-c', 'core.pager=cat', ...args], {
		cwd,
		stdio: 'ignore',
		timeout: 10_000,
		env: {...env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0'},
	});
}

function nearestExistingFolder(file: string): string {
	let folder = path.dirname(path.resolve(file));
	while (!existsSync(folder)) {
		folder = path.dirname(folder);
	}

	return folder;
}

function insideWorkTree(folder: string, env: Readonly<Record<string, string | undefined>>): boolean {
	try {
		safeGit(['rev-parse', '--is-inside-work-tree'], folder, env);
		return true;
	} catch {
		return false;
	}
}

/**
Would git commit this file? True inside a work tree unless `git check-ignore` says it is ignored
(a file already tracked never counts as ignored). Without git, or outside a repository, nothing is.
*/
export function isTrackedByGit(file: string, env: Readonly<Record<string, string | undefined>>): boolean {
	const folder = nearestExistingFolder(file);
	if (!insideWorkTree(folder, env)) {
		return false;
	}

	try {
		safeGit(['check-ignore', '-q', path.relative(folder, path.resolve(file))], folder, env);
		return false;
	} catch (error) {
		// 1: not ignored. Killed at the timeout (a .gitignore that is a FIFO): unknown, so counted as committed.
		const {status} = error as {status?: number | null};
		return status === 1 || status === null;
	}
}
