import {oneOf, requestFromFlags, stdinAuthStyle} from '../app/flag-request.js';
import {UserError} from '../core/findings.js';
import type {ValueRequest} from '../core/plan.js';
import {type ShellName, shellFromEnv, unsupportedShell} from '../core/shell.js';
import type {Scope} from '../io/paths.js';
import type {CommandContext} from '../app/context.js';
import {readSecretInput} from './ask.js';
import {type Flags, flagSpecs} from './table.js';

export type {Flags} from './table.js';

export function scopeFlag(flags: Flags): Scope {
	return oneOf('--scope', flags.scope, flagSpecs.scope.values) ?? 'user';
}

export function shellFlag(flags: Flags): ShellName | undefined {
	return oneOf('--shell', flags.shell, flagSpecs.shell.values);
}

/** `--shell`, else the shell `$SHELL` names; one ccgate cannot print for (tcsh) is refused rather than given `sh` lines. */
export function shellToUse(flags: Flags, env: Readonly<Record<string, string | undefined>>): ShellName {
	const given = shellFlag(flags);
	if (given !== undefined) {
		return given;
	}

	const unsupported = unsupportedShell(env['SHELL']);
	if (unsupported !== undefined) {
		throw new UserError({code: 'shell-unsupported', level: 'error', message: `Your shell (SHELL=${unsupported}) is not one ccgate writes for: it writes for bash, zsh, fish, powershell and sh`, fix: 'give --shell with one of those'});
	}

	return shellFromEnv(env['SHELL']);
}

export function targetKindFlag(flags: Flags): 'settings' | 'shell' {
	return oneOf('--to', flags.to, flagSpecs.to.values) ?? 'settings';
}

const maxTimeoutMs = 600_000;

export function timeoutFlag(flags: Flags): number {
	if (flags.timeout === undefined) {
		return 5000;
	}

	// Node's timers hold at most 2^31-1 ms and fire at once beyond it: the range is 1 ms to 10 minutes.
	const timeout = /^\d+$/.test(flags.timeout.trim()) ? Number(flags.timeout) : Number.NaN;
	if (!Number.isSafeInteger(timeout) || timeout < 1 || timeout > maxTimeoutMs) {
		throw new UserError({code: 'option-invalid', level: 'error', message: `--timeout ${flags.timeout} is not a number of milliseconds from 1 to ${maxTimeoutMs} (10 minutes)`, fix: 'give --timeout 5000, for example'});
	}

	return timeout;
}

/**
Read the value flags into a request (app/flag-request.ts); `--token-stdin` reads the secret from standard input
(touched only then: it costs start-up time): at a terminal it is asked for without echo, from a pipe it is the first
line. A preset's templates may need the secret, so it is read before the request is built.
*/
export async function valueRequest(flags: Flags, context: Pick<CommandContext, 'stdin' | 'stderr'>): Promise<ValueRequest> {
	if (!flags['token-stdin']) {
		return requestFromFlags(flags);
	}

	const secret = await readSecretInput(context, stdinAuthStyle(flags) === 'bearer' ? 'The token' : 'The API key');
	if (secret === '') {
		throw new UserError({code: 'token-stdin-empty', level: 'error', message: '--token-stdin read nothing from standard input', fix: 'pipe the secret in, as in: printenv GATEWAY_TOKEN | ccgate write --token-stdin'});
	}

	return requestFromFlags(flags, secret);
}
