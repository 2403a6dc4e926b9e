import {formatOf} from '../core/api-format.js';
import {checkBaseUrl} from '../core/base-url.js';
import {UserError} from '../core/findings.js';
import {parseHeaders} from '../core/headers.js';
import type {KeyValues} from '../core/keys.js';
import {modelAlias, tierOfAlias} from '../core/models.js';
import {credentialsFor} from '../io/api-key-helper.js';
import {probeGateway, type ProbeReport, type ProbeTarget} from '../probe/probe.js';

/**
What the probe sends for a set of values, as Claude Code would: the token as a bearer, the key as `x-api-key`,
an apiKeyHelper's output as both. Values come from trusted layers only (the caller resolves trust),
so an untrusted apiKeyHelper never runs and no credential goes to an untrusted base URL.
*/
export async function probeTargetFor(values: KeyValues, env: Readonly<Record<string, string>>, options: ProbeValuesOptions): Promise<ProbeTarget> {
	if (values.ANTHROPIC_BASE_URL === undefined) {
		throw new UserError({code: 'gateway-missing', level: 'error', message: 'No base URL is configured to probe', fix: 'give --base-url URL, or set one up with ccgate'});
	}

	const check = checkBaseUrl(values.ANTHROPIC_BASE_URL);
	const error = check.findings.find(finding => finding.level === 'error');
	if (error || check.normalized === undefined) {
		throw new UserError(error ?? {code: 'base-url-invalid', level: 'error', message: 'The base URL is not usable'});
	}

	const {authToken, apiKey} = await credentialsFor(values, {env, cwd: options.cwd, signal: options.signal});
	return {
		baseUrl: check.normalized,
		...(authToken === undefined ? {} : {authToken}),
		...(apiKey === undefined ? {} : {apiKey}),
		customHeaders: parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS),
		env,
		...(probeModel(values) === undefined ? {} : {model: probeModel(values)}),
	};
}

/**
The model Claude Code would send: an alias goes out as its tier's mapped ID, unmapped as the client's own ID for it
(in the Bedrock and Vertex formats that ID is the format's: the probe's default there); `default` and no model at
all leave the probe's default.
*/
export function probeModel(values: KeyValues): string | undefined {
	const model = values.ANTHROPIC_MODEL ?? values.model;
	const alias = model === undefined ? undefined : modelAlias(model);
	if (alias === undefined) {
		return model;
	}

	const tier = tierOfAlias(alias);
	return tier === undefined ? undefined : values[tier.variable] ?? (formatOf(values) === 'anthropic' ? tier.unmapped : undefined);
}

export type ProbeValuesOptions = {
	readonly timeoutMs: number;
	readonly live?: boolean;
	readonly signal?: AbortSignal;
	/** The command's folder, where an apiKeyHelper runs (as Claude Code runs it in the folder it was started in). */
	readonly cwd: string;
};

export async function probeValues(values: KeyValues, env: Readonly<Record<string, string>>, options: ProbeValuesOptions): Promise<ProbeReport> {
	// Bedrock and Vertex pass-through gateways speak their own formats (docs/contract.md §4a).
	if (formatOf(values) !== 'anthropic') {
		return (await import('./cloud-probe-values.js')).probeCloudValues(values, env, options);
	}

	const target = await probeTargetFor(values, env, options);
	return probeGateway(target, options);
}
