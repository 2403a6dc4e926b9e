import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {repositoryAbove} from './git-folder.js';

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

/** Does git answer inside this folder? `unknown` where git ran and refused (a repository another user owns: "dubious ownership"). */
function workTreeOf(folder: string, env: Readonly<Record<string, string | undefined>>): 'inside' | 'outside' | 'unknown' {
	try {
		safeGit(['rev-parse', '--is-inside-work-tree'], folder, env);
		return 'inside';
	} catch (error) {
		// Without git nothing can be committed; a .git git would not read is a repository all the same.
		const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
		return !missing && repositoryAbove(folder) !== undefined ? 'unknown' : 'outside';
	}
}

/**
What git says of a file: `committed` inside a work tree unless `git check-ignore` says it is ignored (a file already
tracked never counts as ignored); `outside` of any repository or without git; `unknown` in a repository git will not
read for this user (another user's, which git calls dubious ownership), where nothing proves the file ignored.
*/
export function gitVerdict(file: string, env: Readonly<Record<string, string | undefined>>): 'committed' | 'ignored' | 'outside' | 'unknown' {
	const folder = nearestExistingFolder(file);
	const workTree = workTreeOf(folder, env);
	if (workTree !== 'inside') {
		return workTree;
	}

	try {
		safeGit(['check-ignore', '-q', path.relative(folder, path.resolve(file))], folder, env);
		return 'ignored';
	} catch (error) {
		// 1: not ignored. Killed at the timeout (a .gitignore that is a FIFO), or a fatal error (128: a path beyond a
		// link): nothing proves it ignored.
		const {status} = error as {status?: number | null};
		return status === 1 ? 'committed' : 'unknown';
	}
}
