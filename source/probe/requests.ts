import type {ModelNote} from '../core/models.js';
import {isSwitchOn} from '../core/switches.js';
import type {CheckName, CredentialStyle} from './diagnose.js';
import type {Exchange} from './send.js';
import {anthropicVersion, appHeader, betasFor, clientDefaultModel, userAgents} from './wire.js';

/*
What the probe sends: Claude Code's own headers (copied in wire.ts) and the checks' requests. The
Anthropic format only; a probe for another format (Bedrock, Vertex) plans its own requests.
*/

export type ProbeTarget = {
	/** Already validated, no trailing slash; a base path such as `/anthropic` is kept. */
	readonly baseUrl: string;
	/** Sent as `Authorization: Bearer`. */
	readonly authToken?: string;
	/** Sent as `x-api-key`. */
	readonly apiKey?: string;
	readonly customHeaders: ReadonlyArray<{readonly name: string; readonly value: string}>;
	/** The effective env: proxy variables (any case), NODE_EXTRA_CA_CERTS, the client certificate, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The model the client asks for (core/models.ts `askedModel`); the client's default when not configured. */
	readonly model?: string;
	/** Why `model` is not the configured one (an alias, a remapped legacy ID): the probe says which and why. */
	readonly modelNote?: ModelNote;
};

/** The model Claude Code would ask for. */
export function modelOf(target: ProbeTarget): string {
	return target.model ?? clientDefaultModel;
}

export function credentialStyle(target: ProbeTarget): CredentialStyle {
	if (target.authToken && target.apiKey) {
		return 'both';
	}

	if (target.authToken) {
		return 'bearer';
	}

	return target.apiKey ? 'x-api-key' : 'none';
}

export function betasDisabled(target: ProbeTarget): boolean {
	return isSwitchOn(target.env['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS']);
}

/** The headers Claude Code puts on inference requests, in the style asked for. */
export function claudeCodeHeaders(target: ProbeTarget, style: CredentialStyle, secret: string | undefined): Record<string, string> {
	const headers: Record<string, string> = {
		'user-agent': userAgents.interactive,
		'x-app': appHeader,
		accept: 'application/json',
		'anthropic-version': anthropicVersion,
		'anthropic-beta': betasFor(modelOf(target), betasDisabled(target)),
	};
	if (style === 'both') {
		headers['authorization'] = `Bearer ${target.authToken!}`;
		headers['x-api-key'] = target.apiKey!;
	} else if (style === 'bearer' && secret) {
		headers['authorization'] = `Bearer ${secret}`;
	} else if (style === 'x-api-key' && secret) {
		headers['x-api-key'] = secret;
	}

	for (const header of target.customHeaders) {
		headers[header.name.toLowerCase()] = header.value;
	}

	return headers;
}

const oneMessage = [{role: 'user', content: '.'}];

export function plannedChecks(target: ProbeTarget, headers: Record<string, string>, live: boolean): Array<{name: CheckName; exchange: Exchange}> {
	const {baseUrl} = target;
	const model = modelOf(target);
	const post = {...headers, 'content-type': 'application/json'};
	// Paths are appended as text: `new URL('/v1/…', base)` would drop a base path such as /anthropic.
	const checks: Array<{name: CheckName; exchange: Exchange}> = [
		{name: 'models', exchange: {method: 'GET', url: `${baseUrl}/v1/models?limit=1000`, headers}},
		{name: 'count_tokens', exchange: {method: 'POST', url: `${baseUrl}/v1/messages/count_tokens`, headers: post, body: {model, messages: oneMessage}}},
		{name: 'messages', exchange: {method: 'POST', url: `${baseUrl}/v1/messages?beta=true`, headers: post, body: {model, max_tokens: 0, messages: oneMessage}}},
	];
	if (live) {
		checks.push({name: 'live', exchange: {method: 'POST', url: `${baseUrl}/v1/messages?beta=true`, headers: post, body: {model, max_tokens: 1, stream: true, messages: oneMessage}}});
	}

	return checks;
}
