import {apiFormats} from '../core/api-format.js';
import {checkBaseUrl} from '../core/base-url.js';
import {UserError} from '../core/findings.js';
import {isOwnedKey, type OwnedKey} from '../core/keys.js';
import type {ValueRequest} from '../core/plan.js';
import {applyPreset, findPreset} from '../core/presets.js';
import {checkHeaderLine} from '../core/validate.js';

/** Which variable a credential read from standard input fills. */
export const authStyles = ['bearer', 'x-api-key'] as const;

/** The value flags of a command line (commands/table.ts declares them): what a request is built from. */
export type ValueFlags = {
	readonly preset?: string;
	readonly account?: string;
	readonly gateway?: string;
	readonly 'gateway-token'?: string;
	readonly provider?: string;
	readonly api?: string;
	readonly 'base-url'?: string;
	readonly region?: string;
	readonly project?: string;
	readonly 'auth-token'?: string;
	readonly 'api-key'?: string;
	readonly 'api-key-helper'?: string;
	readonly 'no-auth'?: boolean;
	readonly 'token-stdin'?: boolean;
	readonly 'auth-style'?: string;
	readonly 'secret-file'?: boolean;
	readonly header?: readonly string[];
	readonly discovery?: boolean;
	readonly 'no-discovery'?: boolean;
	readonly model?: string;
	readonly 'opus-model'?: string;
	readonly 'sonnet-model'?: string;
	readonly 'haiku-model'?: string;
	readonly 'fable-model'?: string;
	readonly 'subagent-model'?: string;
	readonly unset?: readonly string[];
};

/** A flag's value, one of `allowed` (undefined when the flag is not given), or exit 2 naming them. */
export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
	if (value === undefined) {
		return undefined;
	}

	const found = allowed.find(item => item === value);
	if (found === undefined) {
		throw new UserError({code: 'option-invalid', level: 'error', message: `${flag} ${value} is not one of ${allowed.join(', ')}`, fix: `give ${flag} ${allowed[0]!}, for example`});
	}

	return found;
}

/** The credential `--token-stdin` fills: a bearer token unless `--auth-style x-api-key`. */
export function stdinAuthStyle(flags: ValueFlags): (typeof authStyles)[number] {
	return oneOf('--auth-style', flags['auth-style'], authStyles) ?? 'bearer';
}

/**
The request the value flags make, the use-case the commands share (the wizard builds its request from its draft,
app/request.ts). `secret` is what `--token-stdin` read, already.
*/
export function requestFromFlags(flags: ValueFlags, secret?: string): ValueRequest {
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

	if (secret !== undefined) {
		set[stdinAuthStyle(flags) === 'bearer' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY'] = secret;
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
		headers: flags.header === undefined ? undefined : [...flags.header],
		noAuth,
		secretFile: Boolean(flags['secret-file']),
		...(api === undefined ? {} : {api}),
		...(flags.region === undefined ? {} : {region: flags.region}),
		...(flags.project === undefined ? {} : {project: flags.project}),
	};
	return presetRequest(flags, request);
}

/** `--preset NAME` under the request: the flags given win; `--account`, `--gateway`, … fill its templates. */
function presetRequest(flags: ValueFlags, request: ValueRequest): ValueRequest {
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
