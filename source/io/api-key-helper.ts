import {exec} from 'node:child_process';
import type {Finding} from '../core/findings.js';

/**
Run an apiKeyHelper as Claude Code does: a shell command whose output, trimmed, is the key.
Resolves with the key, or with the finding that says why there is none.
*/
export async function runApiKeyHelper(command: string, options: {env: Readonly<Record<string, string | undefined>>; cwd: string; signal?: AbortSignal}): Promise<{key: string} | {finding: Finding}> {
	return new Promise(resolve => {
		exec(command, {env: options.env, cwd: options.cwd, timeout: 10_000, signal: options.signal}, (error, stdout) => {
			const key = stdout.trim();
			if (error || key === '') {
				const reason = error ? (error.killed ? 'it did not finish within 10 s' : `exit code ${String(error.code ?? 'unknown')}`) : 'it printed nothing';
				resolve({finding: {level: 'error', message: `The apiKeyHelper command failed (${reason})`, fix: 'run it in a shell and make it print only the key'}});
			} else {
				resolve({key});
			}
		});
	});
}
