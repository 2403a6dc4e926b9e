import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {countTokens, type RecordedRequest} from './gateway.js';

/** What the Bedrock and Vertex test gateways share: options, recording, auth, the reply's events. */
export type CloudGatewayOptions = {
	/** Loopback only; default `127.0.0.1`. */
	host?: string;
	/** Routes live under it (LiteLLM's `/bedrock`, `/vertex_ai/v1`); default ''. */
	basePath?: string;
	/** The assistant's text; default `pong from gateway`. */
	reply?: string;
	/** When set, a request with neither `Authorization: Bearer <bearer>` nor `x-api-key: <apiKey>` gets 401. */
	auth?: {bearer?: string; apiKey?: string};
	/** Runs after recording and before everything else; return true when it answered (fault injection). */
	handler?: (request: RecordedRequest, response: ServerResponse) => boolean | Promise<boolean>;
};

export type CloudGateway = {
	/** `http://127.0.0.1:PORT` + base path, no trailing slash: what goes into the format's base URL variable. */
	url: string;
	port: number;
	requests: RecordedRequest[];
	close(): Promise<void>;
};

/** An answer the format's router gives: status, body, content type. */
export type Route = (request: RecordedRequest, path: string, response: ServerResponse) => void;

/** The Anthropic events of one reply (what both formats stream, each in its own framing). */
export function replyEvents(body: Record<string, unknown>, model: string, reply: string, id: string): Array<Record<string, unknown>> {
	const inputTokens = countTokens(body);
	const outputTokens = Math.max(1, reply.split(/\s+/).filter(Boolean).length);
	const events: Array<Record<string, unknown>> = [
		{type: 'message_start', message: {id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: {input_tokens: inputTokens, output_tokens: 1}}},
		{type: 'content_block_start', index: 0, content_block: {type: 'text', text: ''}},
		{type: 'ping'},
	];
	// Several deltas, split after spaces, so that clients must join them.
	for (const piece of reply.match(/\S*\s*/g)?.filter(Boolean) ?? []) {
		events.push({type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: piece}});
	}

	events.push(
		{type: 'content_block_stop', index: 0},
		{type: 'message_delta', delta: {stop_reason: 'end_turn', stop_sequence: null}, usage: {output_tokens: outputTokens}},
		{type: 'message_stop'},
	);
	return events;
}

/** The whole reply as one non-streamed message. */
export function replyMessage(body: Record<string, unknown>, model: string, reply: string, id: string): Record<string, unknown> {
	return {
		id,
		type: 'message',
		role: 'assistant',
		model,
		content: [{type: 'text', text: reply}],
		stop_reason: 'end_turn',
		stop_sequence: null,
		usage: {input_tokens: countTokens(body), output_tokens: Math.max(1, reply.split(/\s+/).filter(Boolean).length)},
	};
}

export function sendJsonBody(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers});
	response.end(text);
}

export function isAuthorized(auth: CloudGatewayOptions['auth'], request: RecordedRequest): boolean {
	if (!auth || (auth.bearer === undefined && auth.apiKey === undefined)) {
		return true;
	}

	return (auth.bearer !== undefined && request.headers['authorization'] === `Bearer ${auth.bearer}`)
		|| (auth.apiKey !== undefined && request.headers['x-api-key'] === auth.apiKey);
}

/** The body as a JSON object, or undefined. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(text) as unknown;
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
	} catch {
		return undefined;
	}
}

/** A loopback server that records every request and hands it to `route` below the base path (or answers `notFound`). */
export async function startCloudGateway(options: CloudGatewayOptions, route: Route, unauthorized: (response: ServerResponse) => void, notFound: (response: ServerResponse, path: string) => void): Promise<CloudGateway> {
	const host = options.host ?? '127.0.0.1';
	const basePath = (options.basePath ?? '').replace(/\/+$/, '');
	const requests: RecordedRequest[] = [];

	const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
		const chunks: Uint8Array[] = [];
		for await (const chunk of incoming) {
			chunks.push(chunk as Uint8Array);
		}

		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(incoming.headers)) {
			if (value !== undefined) {
				headers[name] = Array.isArray(value) ? value.join(', ') : value;
			}
		}

		const request: RecordedRequest = {method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8')};
		requests.push(request);
		if (await options.handler?.(request, response)) {
			return;
		}

		if (!isAuthorized(options.auth, request)) {
			unauthorized(response);
			return;
		}

		const pathname = decodeURIComponent(new URL(request.path, 'http://gateway.invalid').pathname);
		if (!pathname.startsWith(`${basePath}/`)) {
			notFound(response, pathname);
			return;
		}

		route(request, pathname.slice(basePath.length), response);
	};

	const server = createServer((incoming, response) => {
		handle(incoming, response).catch((error: unknown) => {
			if (response.headersSent) {
				response.destroy();
			} else {
				sendJsonBody(response, 500, {message: String(error)});
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});

	const {port} = server.address() as AddressInfo;
	return {
		url: `http://${host}:${port}${basePath}`,
		port,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) => {
				server.close(error => {
					if (error) {
						reject(error);
					} else {
						resolve();
					}
				});
			});
		},
	};
}

export {defaultReply} from './gateway.js';
