import type {Finding} from '../core/findings.js';
import type {Network} from './network.js';
import {send} from './send.js';

/*
A Claude apps gateway (`claude gateway`, docs/contract.md §3a) takes a session from /login, not a token: its OAuth metadata at
`/.well-known/oauth-authorization-server` names a `gateway_protocol_version` (reference: "Claude apps gateway").
Asked only when the gateway refused the credential, with no credential sent: the metadata is public.
*/

type AppsGatewayFinding = Finding & {readonly code: 'probe-apps-gateway'};

/** The finding when the gateway at `baseUrl` is a Claude apps gateway, else undefined. Never throws. */
export async function appsGatewayFinding(baseUrl: string, network: Network, timeoutMs: number, signal?: AbortSignal): Promise<AppsGatewayFinding | undefined> {
	const {origin} = new URL(baseUrl);
	const outcome = await send({method: 'GET', url: `${origin}/.well-known/oauth-authorization-server`, headers: {accept: 'application/json'}}, network, timeoutMs, signal);
	if (outcome.kind !== 'answer' || outcome.status !== 200 || typeof outcome.json !== 'object' || outcome.json === null) {
		return undefined;
	}

	const version = (outcome.json as Record<string, unknown>)['gateway_protocol_version'];
	if (typeof version !== 'number' && typeof version !== 'string') {
		return undefined;
	}

	return {
		code: 'probe-apps-gateway',
		level: 'error',
		message: `The gateway at ${origin} is a Claude apps gateway (gateway protocol ${String(version).slice(0, 16)}): it takes a session from /login, not a token or key`,
		fix: `set "forceLoginMethod": "gateway" and "forceLoginGatewayUrl": "${origin}" in ~/.claude/settings.json, sign in with /login in claude, and remove ANTHROPIC_BASE_URL and the credential`,
	};
}
