import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** One request as the gateway saw it, recorded before any check (a 401 is recorded too). */
export type RecordedRequest = {
	method: string;
	/** The path as sent, with the base path and the query. */
	path: string;
	/** Lower-case names; repeated headers joined with `, `. */
	headers: Record<string, string>;
	body: string;
};

export type GatewayModel = {id: string; display_name: string};

export type GatewayOptions = {
	/** Loopback only; default `127.0.0.1`. */
	host?: string;
	/** Routes live under it, e.g. `/anthropic`; default ''. */
	basePath?: string;
	/** Served by `GET /v1/models`. */
	models?: GatewayModel[];
	/** The assistant's text for every `POST /v1/messages`; default `pong from gateway`. */
	reply?: string;
	/** When set, a request matching neither credential gets 401 in Anthropic's error shape. */
	auth?: {bearer?: string; apiKey?: string};
	/** Runs after recording and before everything else; return true when it answered (fault injection). */
	handler?: (request: RecordedRequest, response: ServerResponse) => boolean | Promise<boolean>;
};

export type Gateway = {
	/** `http://127.0.0.1:PORT` + base path, no trailing slash: what goes into `ANTHROPIC_BASE_URL`. */
	url: string;
	port: number;
	requests: RecordedRequest[];
	close(): Promise<void>;
};

export const defaultModels: GatewayModel[] = [
	{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'},
	{id: 'gpt-4o', display_name: 'GPT-4o'},
];

/** The IDs Claude Code 2.1.328 asks a gateway for when a tier (opus, sonnet, haiku, fable) is not mapped. */
export const unmappedTierModels: GatewayModel[] = ['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-2'].map(id => ({id, display_name: id}));

/** A gateway that serves every tier the client can ask for, so `doctor` has no tier to warn about. */
export const everyTierModels: GatewayModel[] = [...defaultModels, ...unmappedTierModels];

export const defaultReply = 'pong from gateway';

/** Fixed so that tests can assert the exact `/v1/models` answer. */
export const modelCreatedAt = '2025-01-01T00:00:00Z';

/** Sends Anthropic's error shape: `{"type":"error","error":{"type":…,"message":…}}`. */
export function sendError(response: ServerResponse, status: number, type: string, message: string): void {
	sendJson(response, status, {type: 'error', error: {type, message}});
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)});
	response.end(text);
}

/** A deterministic stand-in for a tokenizer: one token per four characters of the messages, at least 1. */
export function countTokens(body: Record<string, unknown>): number {
	const text = JSON.stringify([body['system'] ?? '', body['messages'] ?? []]);
	return Math.max(1, Math.ceil(text.length / 4));
}

/** A real loopback server speaking enough of the Anthropic Messages API for `claude -p` to print `reply`. */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
	const host = options.host ?? '127.0.0.1';
	const basePath = (options.basePath ?? '').replace(/\/+$/, '');
	const models = options.models ?? defaultModels;
	const reply = options.reply ?? defaultReply;
	const requests: RecordedRequest[] = [];
	let messageCount = 0;

	const isAuthorized = (request: RecordedRequest): boolean => {
		const {auth} = options;
		if (!auth || (auth.bearer === undefined && auth.apiKey === undefined)) {
			return true;
		}

		return (auth.bearer !== undefined && request.headers['authorization'] === `Bearer ${auth.bearer}`)
			|| (auth.apiKey !== undefined && request.headers['x-api-key'] === auth.apiKey);
	};

	const sendMessage = (response: ServerResponse, body: Record<string, unknown>): void => {
		messageCount++;
		const id = `msg_gateway_${String(messageCount).padStart(4, '0')}`;
		const model = typeof body['model'] === 'string' ? body['model'] : 'unknown';
		const inputTokens = countTokens(body);
		const outputTokens = Math.max(1, reply.split(/\s+/).filter(Boolean).length);

		if (body['stream'] !== true) {
			sendJson(response, 200, {
				id,
				type: 'message',
				role: 'assistant',
				model,
				content: [{type: 'text', text: reply}],
				stop_reason: 'end_turn',
				stop_sequence: null,
				usage: {input_tokens: inputTokens, output_tokens: outputTokens},
			});
			return;
		}

		response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
		const event = (type: string, data: Record<string, unknown>) => {
			response.write(`event: ${type}\ndata: ${JSON.stringify({type, ...data})}\n\n`);
		};

		event('message_start', {
			message: {
				id,
				type: 'message',
				role: 'assistant',
				model,
				content: [],
				stop_reason: null,
				stop_sequence: null,
				usage: {input_tokens: inputTokens, output_tokens: 1},
			},
		});
		event('content_block_start', {index: 0, content_block: {type: 'text', text: ''}});
		event('ping', {});
		// Several deltas, split after spaces, so that clients must join them.
		for (const piece of reply.match(/\S*\s*/g)?.filter(Boolean) ?? []) {
			event('content_block_delta', {index: 0, delta: {type: 'text_delta', text: piece}});
		}

		event('content_block_stop', {index: 0});
		event('message_delta', {delta: {stop_reason: 'end_turn', stop_sequence: null}, usage: {output_tokens: outputTokens}});
		event('message_stop', {});
		response.end();
	};

	const route = (request: RecordedRequest, response: ServerResponse): void => {
		const url = new URL(request.path, 'http://gateway.invalid');
		if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
			sendError(response, 404, 'not_found_error', `Not found: ${request.method} ${url.pathname}`);
			return;
		}

		const endpoint = `${request.method} ${url.pathname.slice(basePath.length)}`;
		if (endpoint === 'HEAD /api/hello') {
			response.writeHead(200);
			response.end();
			return;
		}

		if (endpoint === 'GET /v1/models') {
			sendJson(response, 200, {
				data: models.map(model => ({type: 'model', id: model.id, display_name: model.display_name, created_at: modelCreatedAt})),
				has_more: false,
				first_id: models[0]?.id ?? null,
				last_id: models.at(-1)?.id ?? null,
			});
			return;
		}

		if (endpoint !== 'POST /v1/messages' && endpoint !== 'POST /v1/messages/count_tokens') {
			sendError(response, 404, 'not_found_error', `Not found: ${request.method} ${url.pathname}`);
			return;
		}

		let body: unknown;
		try {
			body = JSON.parse(request.body);
		} catch {
			sendError(response, 400, 'invalid_request_error', 'The request body is not valid JSON');
			return;
		}

		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			sendError(response, 400, 'invalid_request_error', 'The request body must be a JSON object');
			return;
		}

		const fields = body as Record<string, unknown>;
		if (endpoint === 'POST /v1/messages/count_tokens') {
			sendJson(response, 200, {input_tokens: countTokens(fields)});
			return;
		}

		const maxTokens = fields['max_tokens'];
		if (typeof maxTokens !== 'number' || maxTokens < 1) {
			sendError(response, 400, 'invalid_request_error', 'max_tokens: must be greater than or equal to 1');
			return;
		}

		sendMessage(response, fields);
	};

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

		const request: RecordedRequest = {
			method: incoming.method ?? 'GET',
			path: incoming.url ?? '/',
			headers,
			body: Buffer.concat(chunks).toString('utf8'),
		};
		requests.push(request);

		if (await options.handler?.(request, response)) {
			return;
		}

		if (!isAuthorized(request)) {
			sendError(response, 401, 'authentication_error', 'invalid x-api-key or bearer token');
			return;
		}

		route(request, response);
	};

	const server = createServer((incoming, response) => {
		handle(incoming, response).catch((error: unknown) => {
			if (!response.headersSent) {
				sendError(response, 500, 'api_error', String(error));
			} else {
				response.destroy();
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
	const hostInUrl = host.includes(':') ? `[${host}]` : host;

	return {
		url: `http://${hostInUrl}:${port}${basePath}`,
		port,
		requests,
		async close() {
			// Claude Code keeps connections alive; without this, close() waits for them to time out.
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
