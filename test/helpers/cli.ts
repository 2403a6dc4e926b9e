import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {temporaryFolder} from './temporary.js';

/** The built CLI, as a user runs it (`npm test` builds first). */
export const ccgateBin = fileURLToPath(new URL('../../bin/ccgate.js', import.meta.url));

export type CliRun = {stdout: string; stderr: string; exitCode: number};

export type Sandbox = {
	/** A temporary HOME holding nothing but what the test puts there. */
	readonly home: string;
	/** ccgate's own folder (CCGATE_CONFIG_DIR) inside it. */
	readonly ccgateDirectory: string;
	/** The environment a test runs ccgate with: nothing of the developer's own ANTHROPIC_* or CLAUDE_* variables. */
	readonly env: Record<string, string>;
};

export function makeSandbox(): Sandbox {
	const home = temporaryFolder('ccgate-home-');
	const ccgateDirectory = path.join(home, '.config', 'ccgate');
	return {
		home,
		ccgateDirectory,
		env: {
			PATH: process.env['PATH'] ?? '/usr/bin:/bin',
			HOME: home,
			LANG: 'C.UTF-8',
			CCGATE_CONFIG_DIR: ccgateDirectory,
			CCGATE_MANAGED_SETTINGS: path.join(home, 'managed', 'managed-settings.json'),
		},
	};
}

/** Run `ccgate ARGS` with a clean environment (only `env` given), no terminal. */
export async function runCcgate(args: readonly string[], options: {env: Record<string, string | undefined>; cwd?: string; input?: string; timeoutMs?: number}): Promise<CliRun> {
	const result = await execa(process.execPath, [ccgateBin, ...args], {
		env: options.env,
		extendEnv: false,
		cwd: options.cwd ?? options.env['HOME'],
		input: options.input ?? '',
		reject: false,
		timeout: options.timeoutMs ?? 20_000,
		stripFinalNewline: false,
	});
	return {stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1};
}
