import {formatOf} from '../core/api-format.js';
import {checkBaseUrl} from '../core/base-url.js';
import {UserError} from '../core/findings.js';
import {parseHeaders} from '../core/headers.js';
import type {KeyValues} from '../core/keys.js';
import {askedModel} from '../core/models.js';
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
	// The model the client asks for: aliases and legacy IDs resolved as it resolves them (core/models.ts).
	const asked = askedModel(values, env, false);
	return {
		baseUrl: check.normalized,
		...(authToken === undefined ? {} : {authToken}),
		...(apiKey === undefined ? {} : {apiKey}),
		customHeaders: parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS),
		env,
		...(asked.id === undefined ? {} : {model: asked.id}),
		...(asked.note === undefined ? {} : {modelNote: asked.note}),
	};
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
