import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import {request, type Dispatcher} from 'undici';
import type {ApiFormat} from '../core/api-format.js';
import type {Finding} from '../core/findings.js';
import {isRemappedLegacyModel, modelAlias, tierOfAlias} from '../core/models.js';
import {isSecretHeaderName} from '../core/mask.js';
import {diagnose, isModelUnknown, type CheckName, type CredentialStyle, type Evidence} from './diagnose.js';
import {headerValue, type Exchange, type Outcome} from './send.js';

/*
`doctor --client`'s relay: a loopback server that Claude Code is pointed at, which forwards every request
to the configured gateway unchanged (method, path appended to the gateway's base URL as text, headers,
body) and passes the answer back as it arrives, stream or not. Each exchange is recorded, and a failed
one is diagnosed with the probe's own diagnosis (diagnose.ts), as if the probe had sent that request.
*/

/** One request of the client's, as forwarded, and what came back. */
export type RelayExchange = {
	readonly method: string;
	/** As the client sent it to the relay: the path after the base URL, with its query. */
	readonly path: string;
	/** From the body (`model`), or from a Bedrock or Vertex path. */
	readonly model?: string;
	readonly streamed: boolean;
	/** Values of the headers that carry a secret (`authorization`, `x-api-key`, …): never printed, only redacted. */
	readonly secrets: readonly string[];
	readonly credential: CredentialStyle;
	/** The request as the probe's diagnosis reads it: the gateway's URL and the parsed body. */
	readonly exchange: Exchange;
	readonly outcome: Outcome;
};

export type Relay = {
	/** `http://127.0.0.1:PORT`: the base URL the client is given. */
	readonly url: string;
	readonly exchanges: readonly RelayExchange[];
	close(): Promise<void>;
};

// Hop-by-hop headers belong to one connection, not to the request; undici refuses some of them. The length is
// recomputed from the same body. accept-encoding is left out so the recorded answer can be read: the gateway
// then answers uncompressed, which changes the transfer, not the request.
const notForwarded = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'content-length', 'expect', 'accept-encoding']);
const notReturned = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
// A reply the relay keeps for the diagnosis; the client gets all of it, however long.
const maxRecordedBytes = 1024 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The model a request asks for: the body's `model`, or Bedrock's `/model/<id>/invoke…`, or Vertex's `…/models/<id>:rawPredict`. */
export function requestModel(path: string, body: unknown): string | undefined {
	if (isObject(body) && typeof body['model'] === 'string') {
		return body['model'];
	}

	const match = /\/models?\/([^/:?]+)(?:\/invoke|:(?:raw|streamRaw)Predict|:countTokens)/.exec(path);
	if (!match?.[1]) {
		return undefined;
	}

	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

function isStreamed(path: string, body: unknown): boolean {
	return (isObject(body) && body['stream'] === true) || /invoke-with-response-stream|:streamRawPredict/.test(path);
}

function credentialOf(headers: Record<string, string>): CredentialStyle {
	const bearer = headers['authorization'] !== undefined;
	const key = headers['x-api-key'] !== undefined;
	if (bearer && key) {
		return 'both';
	}

	if (bearer) {
		return 'bearer';
	}

	return key ? 'x-api-key' : 'none';
}

async function readBody(incoming: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks);
}

/**
Starts the relay on 127.0.0.1 (a free port) in front of `gatewayUrl`, sending through `dispatcher` (the network
Claude Code would take: the env's proxy and certificates, built by the probe's network.ts).
*/
export async function startRelay(gatewayUrl: string, dispatcher: Dispatcher): Promise<Relay> {
	const base = gatewayUrl.replace(/\/+$/, '');
	const exchanges: RelayExchange[] = [];
	const aborts = new AbortController();

	const relay = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
		const started = performance.now();
		const body = await readBody(incoming);
		const path = incoming.url ?? '/';
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(incoming.headers)) {
			if (value !== undefined && !notForwarded.has(name)) {
				headers[name] = Array.isArray(value) ? value.join(', ') : value;
			}
		}

		const json = parseJson(body.toString('utf8'));
		const method = incoming.method ?? 'GET';
		const record = (outcome: Outcome): void => {
			exchanges.push({
				method,
				path,
				...(requestModel(path, json) === undefined ? {} : {model: requestModel(path, json)}),
				streamed: isStreamed(path, json),
				secrets: Object.entries(headers).filter(([name]) => isSecretHeaderName(name)).map(([, value]) => value),
				credential: credentialOf(headers),
				exchange: {method: method === 'GET' ? 'GET' : 'POST', url: `${base}${path}`, headers: {}, ...(json === undefined ? {} : {body: json})},
				outcome,
			});
		};

		let answer: Dispatcher.ResponseData;
		try {
			answer = await request(`${base}${path}`, {
				method: method as Dispatcher.HttpMethod,
				headers,
				body: body.length > 0 ? body : undefined,
				dispatcher,
				signal: aborts.signal,
			});
		} catch (error) {
			record({kind: 'failure', reason: aborts.signal.aborted ? 'cancelled' : 'network', error, ms: performance.now() - started});
			// The client sees what it would have seen without the relay: no answer at all.
			outgoing.destroy();
			return;
		}

		const returned: Record<string, string | string[]> = {};
		for (const [name, value] of Object.entries(answer.headers)) {
			if (value !== undefined && !notReturned.has(name)) {
				returned[name] = value;
			}
		}

		outgoing.writeHead(answer.statusCode, returned);
		const chunks: Buffer[] = [];
		let size = 0;
		let bodyFailure: Outcome | undefined;
		try {
			for await (const chunk of answer.body) {
				const bytes = chunk as Buffer;
				if (size < maxRecordedBytes) {
					chunks.push(bytes);
				}

				size += bytes.byteLength;
				outgoing.write(bytes);
			}

			outgoing.end();
		} catch (error) {
			bodyFailure = {kind: 'failure', reason: aborts.signal.aborted ? 'cancelled' : 'network', error, ms: performance.now() - started};
			outgoing.destroy();
		}

		const bytes = Buffer.concat(chunks);
		const text = bytes.toString('utf8');
		record({
			kind: 'answer',
			status: answer.statusCode,
			headers: answer.headers,
			contentType: headerValue(answer.headers['content-type']) ?? '',
			text,
			bytes,
			json: parseJson(text),
			...(bodyFailure?.kind === 'failure' && {bodyFailure}),
			ms: performance.now() - started,
		});
	};

	const server = createServer((incoming, outgoing) => {
		relay(incoming, outgoing).catch(() => {
			outgoing.destroy();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		exchanges,
		async close() {
			aborts.abort();
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/** Which of the probe's checks an exchange is, for its diagnosis. */
function checkName(exchange: RelayExchange): CheckName {
	const path = exchange.path.split('?')[0]!;
	// A GET is a listing (models, Bedrock's inference profiles): Claude Code goes on without it.
	if (exchange.method === 'GET') {
		return 'models';
	}

	if (path.endsWith('/count_tokens') || path.endsWith(':countTokens')) {
		return 'count_tokens';
	}

	return exchange.streamed ? 'live' : 'messages';
}

export function isFailed(exchange: RelayExchange): boolean {
	return exchange.outcome.kind === 'failure' || exchange.outcome.status >= 300 || exchange.outcome.bodyFailure !== undefined;
}

/** The probe's diagnosis of each failed exchange and each stream (undefined where it finds nothing wrong), in the same order. */
export function diagnoseExchanges(exchanges: readonly RelayExchange[], gateway: {url: string; format: ApiFormat}, timeoutMs: number): Array<Finding | undefined> {
	const gatewayUrl = gateway.url;
	const base = gatewayUrl.replace(/\/+$/, '');
	// A request without a credential (the client's warm-up) proves nothing about it.
	const accepted = exchanges.find(exchange => exchange.credential !== 'none' && exchange.outcome.kind === 'answer' && exchange.outcome.status >= 200 && exchange.outcome.status <= 299);
	const credentialProven = accepted !== undefined;
	return exchanges.map(exchange => {
		// An Anthropic stream that answered 200 can still be what failed the client (one without message_stop);
		// Bedrock's and Vertex's streams are read by the client, not by this diagnosis.
		if (!isFailed(exchange) && !(exchange.streamed && gateway.format === 'anthropic')) {
			return undefined;
		}

		const {outcome} = exchange;
		const model = exchange.model ?? '';
		const evidence: Evidence = {
			baseUrl: base,
			timeoutMs,
			credential: exchange.credential,
			model,
			modelConfigured: true,
			betasDisabled: false,
			messagesPathMissing: outcome.kind === 'answer' && outcome.status === 404 && !isModelUnknown(outcome, model),
			credentialProven,
			...(accepted && {acceptedRequest: `${accepted.method} ${base}${accepted.path}`}),
			allTimedOut: false,
		};
		const finding = diagnose({name: checkName(exchange), exchange: exchange.exchange, outcome}, evidence);
		return finding.level === 'ok' ? undefined : finding;
	});
}

/**
Where the client asked for another model than the one configured, and a request for it failed: which and why,
with the fix. Undefined when the model asked for is the configured one, or nothing failed for it.
*/
export function modelResolutionFinding(exchanges: readonly RelayExchange[], configured: string | undefined, remapDisabled: boolean): Finding | undefined {
	if (configured === undefined) {
		return undefined;
	}

	const failed = exchanges.find(exchange => exchange.model !== undefined && exchange.model !== configured && isFailed(exchange) && checkName(exchange) !== 'count_tokens');
	if (!failed?.model) {
		return undefined;
	}

	const asked = failed.model;
	// The client's remap and its aliases, as the probe resolves them (core/models.ts).
	if (!remapDisabled && isRemappedLegacyModel(configured)) {
		return {
			code: 'client-model-remapped',
			level: 'error',
			message: `Claude Code asked the gateway for ${asked}, not the configured ${configured}: it remaps legacy model IDs to the newest Opus, which the gateway refused`,
			fix: `set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send ${configured}, or have the gateway serve ${asked}`,
		};
	}

	const alias = modelAlias(configured);
	const tier = alias === undefined ? undefined : tierOfAlias(alias);
	if (tier) {
		return {
			code: 'client-model-alias',
			level: 'error',
			message: `Claude Code resolved the alias ${configured} to ${asked}, which the gateway refused`,
			fix: `map it to a model the gateway serves with ${tier.variable} (${tier.flag})`,
		};
	}

	return {
		code: 'client-model-refused',
		level: 'error',
		message: `Claude Code asked the gateway for ${asked}, not the configured ${configured}, and the gateway refused it`,
		fix: `have the gateway serve ${asked}, or configure a model it serves with --model`,
	};
}
