import {apiFormats} from '../core/api-format.js';
import {checkBaseUrl} from '../core/base-url.js';
import {UserError} from '../core/findings.js';
import {isOwnedKey, type OwnedKey} from '../core/keys.js';
import type {ValueRequest} from '../core/plan.js';
import {applyPreset, findPreset} from '../core/presets.js';
import {checkHeaderLine} from '../core/validate.js';
import {type ShellName, shellFromEnv, unsupportedShell} from '../core/shell.js';
import type {Scope} from '../io/paths.js';
import type {CommandContext} from '../app/context.js';
import {readSecretInput} from './ask.js';
import {type Flags, flagSpecs} from './table.js';

export type {Flags} from './table.js';

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) {
		return undefined;
	}

	if (!(allowed as readonly string[]).includes(value)) {
		throw new UserError({code: 'option-invalid', level: 'error', message: `${flag} ${value} is not one of ${allowed.join(', ')}`, fix: `give ${flag} ${allowed[0]!}, for example`});
	}

	return value as T;
}

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
Read the value flags into a request; `--token-stdin` reads the secret from standard input (touched only then: it costs
start-up time): at a terminal it is asked for without echo, from a pipe it is the first line.
*/
export async function valueRequest(flags: Flags, context: Pick<CommandContext, 'stdin' | 'stderr'>): Promise<ValueRequest> {
	const set: Partial<Record<OwnedKey, string>> = {};
	const unset: OwnedKey[] = [];
	const assign = (key: OwnedKey, value: string | undefined) => {
		if (value !== undefined) {
			set[key] = value;
		}
	};

	// A trailing slash is normalised away; an invalid URL stays as given, for its error to quote.
	assign('ANTHROPIC_BASE_URL', flags['base-url'] === undefined ? undefined : checkBaseUrl(flags['base-url']).normalized ?? flags['base-url']);
	assign('ANTHROPIC_AUTH_TOKEN', flags['auth-token']);
	assign('ANTHROPIC_API_KEY', flags['api-key']);
	assign('apiKeyHelper', flags['api-key-helper']);
	assign('model', flags.model);
	assign('ANTHROPIC_DEFAULT_OPUS_MODEL', flags['opus-model']);
	assign('ANTHROPIC_DEFAULT_SONNET_MODEL', flags['sonnet-model']);
	assign('ANTHROPIC_DEFAULT_HAIKU_MODEL', flags['haiku-model']);
	assign('ANTHROPIC_DEFAULT_FABLE_MODEL', flags['fable-model']);
	assign('CLAUDE_CODE_SUBAGENT_MODEL', flags['subagent-model']);

	if (flags.discovery && flags['no-discovery']) {
		throw new UserError({code: 'option-conflict', level: 'error', message: '--discovery and --no-discovery are both given', fix: 'give one of them'});
	}

	if (flags.discovery) {
		set.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY = '1';
	} else if (flags['no-discovery']) {
		unset.push('CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY');
	}

	for (const name of flags.unset ?? []) {
		if (!isOwnedKey(name)) {
			throw new UserError({code: 'option-invalid', level: 'error', message: `--unset ${name} names no key ccgate writes`, fix: 'give one such as ANTHROPIC_CUSTOM_HEADERS or model'});
		}

		unset.push(name);
	}

	const authStyle = oneOf('--auth-style', flags['auth-style'], flagSpecs['auth-style'].values) ?? 'bearer';
	if (flags['token-stdin']) {
		const secret = await readSecretInput(context, authStyle === 'bearer' ? 'The token' : 'The API key');
		if (secret === '') {
			throw new UserError({code: 'token-stdin-empty', level: 'error', message: '--token-stdin read nothing from standard input', fix: 'pipe the secret in, as in: printenv GATEWAY_TOKEN | ccgate write --token-stdin'});
		}

		set[authStyle === 'bearer' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY'] = secret;
	}

	const noAuth = Boolean(flags['no-auth']);
	if (noAuth && (set.ANTHROPIC_AUTH_TOKEN !== undefined || set.ANTHROPIC_API_KEY !== undefined || set.apiKeyHelper !== undefined)) {
		throw new UserError({code: 'option-conflict', level: 'error', message: '--no-auth is given together with a credential', fix: 'give either --no-auth or the credential'});
	}

	for (const line of flags.header ?? []) {
		const [error] = checkHeaderLine(line);
		if (error) {
			throw new UserError(error);
		}
	}

	const api = oneOf('--api', flags.api, apiFormats);
	const request: ValueRequest = {
		set,
		unset,
		headers: flags.header,
		noAuth,
		secretFile: Boolean(flags['secret-file']),
		...(api === undefined ? {} : {api}),
		...(flags.region === undefined ? {} : {region: flags.region}),
		...(flags.project === undefined ? {} : {project: flags.project}),
	};
	return presetRequest(flags, request);
}

/** `--preset NAME` under the request: the flags given win; `--account`, `--gateway`, … fill its templates. */
function presetRequest(flags: Flags, request: ValueRequest): ValueRequest {
	const fields = {account: flags.account, gateway: flags.gateway, 'gateway-token': flags['gateway-token'], provider: flags.provider};
	if (flags.preset === undefined) {
		const given = Object.entries(fields).find(([, value]) => value !== undefined);
		if (given) {
			throw new UserError({code: 'option-conflict', level: 'error', message: `--${given[0]} fills a preset's template, and no --preset is given`, fix: 'give --preset NAME too (ccgate presets lists them)'});
		}

		return request;
	}

	const preset = findPreset(flags.preset);
	return applyPreset(preset, request, {fields, credentialStyleChosen: !(flags['token-stdin'] && flags['auth-style'] === undefined)});
}
