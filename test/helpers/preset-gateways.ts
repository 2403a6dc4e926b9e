import type {ServerResponse} from 'node:http';
import {type Gateway, type RecordedRequest, sendError, sendJson, startGateway} from './gateway.js';

/**
Loopback imitations of the known gateways, each as its own documentation describes it: the path the Messages API
lives under, the header the credential travels in, a header it requires, and what it answers without the credential.
The preset file is checked against these, never against the internet.
*/
export type Imitation = {
	/** Where `/v1/messages` lives, below the host. */
	readonly basePath: string;
	/** The header that must carry the credential: `authorization` (Bearer), `x-api-key`, both accepted, or none checked. */
	readonly credential: 'authorization' | 'x-api-key' | 'either' | 'x-portkey-api-key' | 'none';
	/** A header the gateway refuses requests without, and its answer then. */
	readonly requiredHeader?: {readonly name: string; readonly value?: string; readonly refuse: (response: ServerResponse) => void};
	/** The answer to a request without the credential. */
	readonly missingCredential: (response: ServerResponse) => void;
};

const anthropicShape = (response: ServerResponse) => {
	sendError(response, 401, 'authentication_error', 'invalid x-api-key');
};

export const imitations: Readonly<Record<string, Imitation>> = {
	// LiteLLM serves /v1/messages at the proxy's root; a virtual key as a bearer.
	litellm: {basePath: '', credential: 'either', missingCredential: anthropicShape},
	// claude-code-router: its APIKEY as a bearer or x-api-key; a refusal is plain text (reference: real gateways, measured).
	'claude-code-router': {
		basePath: '',
		credential: 'either',
		missingCredential(response) {
			response.writeHead(401, {'content-type': 'text/plain'});
			response.end('APIKEY is missing');
		},
	},
	// Portkey: its own key in x-portkey-api-key, the provider's slug in x-portkey-provider (reference: 400 without it).
	portkey: {
		basePath: '',
		credential: 'x-portkey-api-key',
		requiredHeader: {
			name: 'x-portkey-provider',
			value: '@anthropic-prod',
			refuse(response) {
				sendJson(response, 400, {status: 'failure', message: 'Either x-portkey-config or x-portkey-provider header is required'});
			},
		},
		missingCredential(response) {
			sendJson(response, 401, {status: 'failure', message: 'Portkey API Key Not Found'});
		},
	},
	// OpenRouter: /api, a bearer; its errors are {"error":{"code":…,"message":…}}.
	openrouter: {
		basePath: '/api',
		credential: 'authorization',
		missingCredential(response) {
			sendJson(response, 401, {error: {code: 401, message: 'No auth credentials found'}});
		},
	},
	// Cloudflare: /v1/ACCOUNT/GATEWAY/anthropic, the Anthropic key as x-api-key, the gateway token in cf-aig-authorization.
	cloudflare: {
		basePath: '/v1/acct-0123/gw-main/anthropic',
		credential: 'x-api-key',
		requiredHeader: {
			name: 'cf-aig-authorization',
			refuse(response) {
				sendJson(response, 401, {success: false, result: [], messages: [], error: [{code: 2009, message: 'Unauthorized'}]});
			},
		},
		missingCredential: anthropicShape,
	},
	// Vercel: the gateway's root, an API key as x-api-key or a bearer.
	vercel: {basePath: '', credential: 'either', missingCredential: anthropicShape},
	// Ollama and LM Studio (without Require Authentication): a token is required by the client but not checked.
	ollama: {basePath: '', credential: 'none', missingCredential: anthropicShape},
	'lm-studio': {basePath: '', credential: 'none', missingCredential: anthropicShape},
	// DeepSeek: /anthropic; its Claude Code page gives ANTHROPIC_AUTH_TOKEN (a bearer), its API page x-api-key.
	deepseek: {basePath: '/anthropic', credential: 'either', missingCredential: anthropicShape},
	// Kimi Code: /coding, the key as x-api-key (ANTHROPIC_API_KEY on its page).
	'kimi-code': {basePath: '/coding', credential: 'x-api-key', missingCredential: anthropicShape},
	zai: {basePath: '/api/anthropic', credential: 'either', missingCredential: anthropicShape},
	minimax: {basePath: '/anthropic', credential: 'either', missingCredential: anthropicShape},
	dashscope: {basePath: '/apps/anthropic', credential: 'either', missingCredential: anthropicShape},
};

function credentialOf(imitation: Imitation, request: RecordedRequest): string | undefined {
	const bearer = /^Bearer (.+)$/.exec(request.headers['authorization'] ?? '')?.[1];
	switch (imitation.credential) {
		case 'authorization': {
			return bearer;
		}

		case 'x-api-key': {
			return request.headers['x-api-key'];
		}

		case 'either': {
			return bearer ?? request.headers['x-api-key'];
		}

		case 'x-portkey-api-key': {
			return request.headers['x-portkey-api-key'];
		}

		case 'none': {
			return undefined;
		}
	}
}

/**
Start the imitation of one preset's gateway on loopback. `secrets.credential` is the key it accepts; `secrets.header`
the value its required header must hold (when the docs give none).
*/
export async function startImitation(id: string, secrets: {credential?: string; header?: string} = {}): Promise<Gateway> {
	const imitation = imitations[id];
	if (imitation === undefined) {
		throw new Error(`No imitation of ${id}`);
	}

	return startGateway({
		basePath: imitation.basePath,
		handler(request, response) {
			const required = imitation.requiredHeader;
			if (required && request.headers[required.name] !== (required.value ?? secrets.header)) {
				required.refuse(response);
				return true;
			}

			if (imitation.credential !== 'none' && credentialOf(imitation, request) !== secrets.credential) {
				imitation.missingCredential(response);
				return true;
			}

			return false;
		},
	});
}
