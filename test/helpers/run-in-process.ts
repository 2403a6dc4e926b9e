import {Readable} from 'node:stream';
import type {CommandContext} from '../../source/app/context.js';
import {main} from '../../source/main.js';
import type {CliRun} from './cli.js';

/** The clock of every in-process run: backups and saved profiles carry this time. */
export const fixedNow = Date.parse('2026-11-29T12:00:00.000Z');

export type InProcessOptions = {
	/** The whole environment (nothing of the test process's own); its HOME is the home folder. */
	readonly env: Record<string, string | undefined>;
	/** Defaults to HOME. */
	readonly cwd?: string;
	/** Standard input, read to its end (an empty pipe when not given). */
	readonly input?: string;
};

/**
Run `ccgate ARGS` in this process, through the same main() the binary runs (source/main.ts), with a context built
from the options alone: its HOME, environment, folder, a fixed clock, captured output and no terminal.
Exit code, stdout and stderr are what the built binary gives for the same run.
*/
export async function runInProcess(args: readonly string[], options: InProcessOptions): Promise<CliRun> {
	const home = options.env['HOME'];
	if (home === undefined) {
		throw new Error('runInProcess needs a HOME in env: the test\'s own would be used otherwise');
	}

	const output = {stdout: '', stderr: ''};
	const context: CommandContext = {
		env: options.env,
		home,
		cwd: options.cwd ?? home,
		now: () => fixedNow,
		stdout(text) {
			output.stdout += text;
		},
		stderr(text) {
			output.stderr += text;
		},
		stdin: Readable.from(options.input ? [Buffer.from(options.input)] : []),
		isTerminal: false,
	};
	const exitCode = await main(args, context);
	return {...output, exitCode};
}
