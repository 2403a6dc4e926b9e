import {execFile} from 'node:child_process';

/** The version of the `claude` on PATH, or undefined when there is none (or it does not answer within a second). */
export async function installedClaudeVersion(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
	return new Promise(resolve => {
		execFile('claude', ['--version'], {env, timeout: 3000}, (error, stdout) => {
			resolve(error ? undefined : /(\d+\.\d+\.\d+)/.exec(stdout)?.[1]);
		});
	});
}
