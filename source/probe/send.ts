import http, {type IncomingHttpHeaders} from 'node:http';
import https from 'node:https';
import {performance} from 'node:perf_hooks';
import type {Readable} from 'node:stream';
import type {Network} from './network.js';

/* The probe's second stage: one request sent, its answer (or its failure) read whole, nothing thrown. */

/** One request as sent. */
export type Exchange = {
	readonly method: 'GET' | 'POST';
	readonly url: string;
	readonly headers: Readonly<Record<string, string>>;
	readonly body?: unknown;
};

/** The server answered; the body is read whole (a one-token stream is short). */
export type Answer = {
	readonly kind: 'answer';
	readonly status: number;
	readonly headers: IncomingHttpHeaders;
	readonly contentType: string;
	readonly text: string;
	/** The body as received: binary framing (Bedrock's event stream) does not survive decoding as text. */
	readonly bytes?: Uint8Array;
	/** The parsed body, when it is JSON. */
	readonly json?: unknown;
	/** The body broke off after the status line: how, for a stream. */
	readonly bodyFailure?: Failure;
	readonly ms: number;
};

/** No answer at all. */
export type Failure = {
	readonly kind: 'failure';
	readonly reason: 'timeout' | 'cancelled' | 'network';
	readonly error: unknown;
	readonly ms: number;
};

export type Outcome = Answer | Failure;

// A model list of 1000 entries is well under this; anything bigger is not an API answer.
const maxBodyBytes = 4 * 1024 * 1024;

/** The answer's head and its body as it arrives, from whichever transport the route takes. */
type Response = {readonly statusCode: number; readonly headers: IncomingHttpHeaders; readonly body: AsyncIterable<unknown> & {destroy(): void}};

/**
Without a proxy, Node's own http(s): it needs no library loaded (undici's bundle costs a probe more start-up than its
three requests on Node 24 and 26, whose fetch has undici built in). What goes on the wire is the same: the headers
given, host, content-length for a body, connection: keep-alive.
*/
async function directRequest(exchange: Exchange, network: Network & {route: {kind: 'direct'}}, signal: AbortSignal): Promise<Response> {
	const url = new URL(exchange.url);
	const body = exchange.body === undefined ? undefined : JSON.stringify(exchange.body);
	const secure = url.protocol === 'https:';
	const {route} = network;
	return new Promise<Response>((resolve, reject) => {
		const options = {
			method: exchange.method,
			headers: {...exchange.headers, ...(body !== undefined && {'content-length': String(Buffer.byteLength(body))})},
			agent: secure ? route.agents.https : route.agents.http,
			signal,
			...(secure ? route.tls : (route.tls.lookup && {lookup: route.tls.lookup})),
		};
		const outgoing = (secure ? https : http).request(url, options, incoming => {
			resolve({statusCode: incoming.statusCode ?? 0, headers: incoming.headers, body: incoming as Readable});
		});
		outgoing.once('error', reject);
		outgoing.end(body);
	});
}

/** Through a proxy, undici's request on its ProxyAgent, loaded only then. */
async function proxiedRequest(exchange: Exchange, network: Network & {route: {kind: 'proxy'}}, signal: AbortSignal): Promise<Response> {
	const {request} = await import('undici');
	return request(exchange.url, {
		method: exchange.method,
		headers: exchange.headers,
		body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
		dispatcher: network.route.dispatcher,
		signal,
	});
}

/**
Sends one request and never throws. Neither transport follows a redirect (Node's fetch would carry x-api-key and
custom headers to the redirect's host), so a 3xx comes back as it is.
*/
export async function send(exchange: Exchange, network: Network, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
	// Kept referenced until the end (see `failure`): a timeout signal held only by AbortSignal.any can be
	// collected before it fires (nodejs/node#57736).
	const timeout = AbortSignal.timeout(timeoutMs);
	const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
	const started = performance.now();
	const failure = (error: unknown): Failure => ({
		kind: 'failure',
		// The signals, not the error, say why: an abort is reported with the signal's reason.
		reason: signal?.aborted ? 'cancelled' : (timeout.aborted ? 'timeout' : 'network'),
		error,
		ms: performance.now() - started,
	});

	let response: Response;
	try {
		const pending = network.route.kind === 'direct'
			? directRequest(exchange, network as Network & {route: {kind: 'direct'}}, combined)
			: proxiedRequest(exchange, network as Network & {route: {kind: 'proxy'}}, combined);
		response = await untilAborted(pending, combined);
	} catch (error) {
		return failure(error);
	}

	const chunks: Uint8Array[] = [];
	let size = 0;
	let bodyFailure: Failure | undefined;
	try {
		for await (const chunk of response.body) {
			chunks.push(chunk as Uint8Array);
			size += (chunk as Uint8Array).byteLength;
			if (size > maxBodyBytes) {
				response.body.destroy();
				break;
			}
		}
	} catch (error) {
		bodyFailure = failure(error);
	}

	const bytes = Buffer.concat(chunks);
	const text = bytes.toString('utf8');
	const contentType = headerValue(response.headers['content-type']) ?? '';
	return {
		kind: 'answer',
		status: response.statusCode,
		headers: response.headers,
		contentType,
		text,
		bytes,
		json: parseJson(text),
		bodyFailure,
		ms: performance.now() - started,
	};
}

/**
undici acts on an abort only once the request has a socket: a host name whose lookup never ends would
hold the request until undici's own 10 s connect timeout, whatever the probe's timeout says.
*/
async function untilAborted<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => {
			reject(signal.reason as Error);
		};

		signal.addEventListener('abort', onAbort, {once: true});
		pending.then(resolve, reject).finally(() => {
			signal.removeEventListener('abort', onAbort);
		});
	});
}

export function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): unknown {
	try {
		const data: unknown = JSON.parse(text);
		return data;
	} catch {
		return undefined;
	}
}
