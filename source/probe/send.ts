import type {IncomingHttpHeaders} from 'node:http';
import {performance} from 'node:perf_hooks';
import {request, type Dispatcher} from 'undici';

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

/**
Sends one request and never throws. undici's `request` follows no redirect (Node's fetch would carry
x-api-key and custom headers to the redirect's host), so a 3xx comes back as it is.
*/
export async function send(exchange: Exchange, dispatcher: Dispatcher, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
	// Kept referenced until the end (see `failure`): a timeout signal held only by AbortSignal.any can be
	// collected before it fires (nodejs/node#57736).
	const timeout = AbortSignal.timeout(timeoutMs);
	const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
	const started = performance.now();
	const failure = (error: unknown): Failure => ({
		kind: 'failure',
		// The signals, not the error, say why: undici reports an abort with the signal's reason.
		reason: signal?.aborted ? 'cancelled' : (timeout.aborted ? 'timeout' : 'network'),
		error,
		ms: performance.now() - started,
	});

	let response: Dispatcher.ResponseData;
	try {
		response = await untilAborted(request(exchange.url, {
			method: exchange.method,
			headers: exchange.headers,
			body: exchange.body === undefined ? undefined : JSON.stringify(exchange.body),
			dispatcher,
			signal: combined,
		}), combined);
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
