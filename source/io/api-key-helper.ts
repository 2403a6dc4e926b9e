import {exec} from 'node:child_process';
import {type Finding, UserError} from '../core/findings.js';
import type {KeyValues} from '../core/keys.js';

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
				resolve({finding: {code: 'api-key-helper-failed', level: 'error', message: `The apiKeyHelper command failed (${reason})`, fix: 'run it in a shell and make it print only the key'}});
			} else {
				resolve({key});
			}
		});
	});
}

/**
The credentials Claude Code sends for a set of values: the token as a bearer, the key as `x-api-key` (an empty key,
`ANTHROPIC_API_KEY=""` as some gateways document, is not sent), and, when neither is set, an apiKeyHelper's output as
both. A helper that fails is the command's error (exit 1).
*/
export async function credentialsFor(values: KeyValues, options: {env: Readonly<Record<string, string | undefined>>; cwd: string; signal?: AbortSignal}): Promise<{authToken?: string; apiKey?: string}> {
	const authToken = values.ANTHROPIC_AUTH_TOKEN;
	const apiKey = values.ANTHROPIC_API_KEY || undefined;
	if (authToken === undefined && apiKey === undefined && values.apiKeyHelper !== undefined) {
		const helper = await runApiKeyHelper(values.apiKeyHelper, options);
		if ('finding' in helper) {
			throw new UserError(helper.finding, 1);
		}

		return {authToken: helper.key, apiKey: helper.key};
	}

	return {...(authToken === undefined ? {} : {authToken}), ...(apiKey === undefined ? {} : {apiKey})};
}
