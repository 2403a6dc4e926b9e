import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import {freePort} from '../helpers/ports.js';
import {temporaryFolder} from '../helpers/temporary.js';

/** A request as the server saw it. */
export type RecordedRequest = {
	readonly method: string;
	readonly url: string;
	readonly headers: http.IncomingHttpHeaders;
	readonly body: string;
};

export type Route = (request: RecordedRequest, response: http.ServerResponse) => void;

export type TestServer = {
	/** `http(s)://host:port`, no trailing slash. */
	readonly url: string;
	readonly port: number;
	readonly requests: RecordedRequest[];
	close(): Promise<void>;
};

/** Every socket a server accepted, so `close()` never waits on a client that keeps one open. */
function trackSockets(server: net.Server): Set<net.Socket> {
	const sockets = new Set<net.Socket>();
	server.on('connection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('secureConnection', (socket: net.Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return sockets;
}

async function listen(server: net.Server, host: string): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => {
			resolve();
		});
	});
	return (server.address() as net.AddressInfo).port;
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
	return async () => {
		for (const socket of sockets) {
			socket.destroy();
		}

		await new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
		});
	};
}

/** An HTTP (or, with `tls`, HTTPS) server on loopback that records every request before routing it. */
export async function startServer(route: Route, options: {host?: string; tls?: {key: string; cert: string}} = {}): Promise<TestServer> {
	const host = options.host ?? '127.0.0.1';
	const requests: RecordedRequest[] = [];
	const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => {
			const recorded = {method: request.method ?? '', url: request.url ?? '', headers: request.headers, body};
			requests.push(recorded);
			route(recorded, response);
		});
	};

	const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
	const sockets = trackSockets(server);
	const port = await listen(server, host);
	return {url: `${options.tls ? 'https' : 'http'}://${host}:${port}`, port, requests, close: closer(server, sockets)};
}

/** Accepts connections and never answers: a gateway that hangs. */
export async function startUnresponsiveServer(): Promise<TestServer> {
	const server = net.createServer(() => {
		// Keep the socket open and silent.
	});
	const sockets = trackSockets(server);
	const port = await listen(server, '127.0.0.1');
	return {url: `http://127.0.0.1:${port}`, port, requests: [], close: closer(server, sockets)};
}

/** A loopback port with nothing listening, which no other test's server can be given meanwhile (helpers/ports.ts). */
export async function closedPort(): Promise<number> {
	return freePort();
}

/** An HTTP proxy that tunnels CONNECT to loopback targets and records each target. */
export async function startConnectProxy(): Promise<TestServer & {tunnels: string[]}> {
	const tunnels: string[] = [];
	const server = http.createServer((_request, response) => {
		response.writeHead(405).end();
	});
	server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
		const target = request.url ?? '';
		tunnels.push(target);
		const [hostname = '', port = ''] = target.split(':');
		if (!hostname.startsWith('127.')) {
			client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}

		const upstream = net.connect(Number(port), hostname, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const sockets = trackSockets(server);
	const port = await listen(server, '127.0.0.1');
	return {url: `http://127.0.0.1:${port}`, port, requests: [], tunnels, close: closer(server, sockets)};
}

/** A self-signed certificate for 127.0.0.1, made with openssl at test time. */
export function makeSelfSignedCertificate(): {certPath: string; key: string; cert: string} {
	const directory = temporaryFolder('ccgate-probe-tls-');
	const keyPath = path.join(directory, 'key.pem');
	const certPath = path.join(directory, 'cert.pem');
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
		'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
		'-keyout', keyPath, '-out', certPath,
	], {stdio: 'ignore'});
	return {certPath, key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8')};
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, {'content-type': 'application/json'});
	response.end(JSON.stringify(body));
}

export function sendAnthropicError(response: http.ServerResponse, status: number, type: string, message: string): void {
	sendJson(response, status, {type: 'error', error: {type, message}});
}

export type GatewayOptions = {
	/** Where the Anthropic paths live, e.g. `/anthropic`. */
	basePath?: string;
	/** The model list, or absent (404). */
	models?: Array<{id: string; display_name?: string}> | 'absent';
	/** Whether count_tokens exists. */
	countTokens?: boolean;
	/** The one credential accepted, and in which header; none means no auth at all. */
	auth?: {style: 'bearer' | 'x-api-key'; secret: string};
	/** Validate the body (max_tokens) before the credential, as some gateways do. */
	bodyFirst?: boolean;
	/** Refuse any anthropic-beta header, as a strict proxy does. */
	rejectBetas?: boolean;
	/** For streamed messages: cut the connection after the first content block, or stall there. */
	breakStream?: 'cut' | 'stall';
	/** Real messages that are not streamed (Claude Code's retry after a broken stream) fail with a 500. */
	failNonStreamed?: boolean;
	/** Put the credential it received into its error messages, as careless gateways do. */
	echoCredential?: boolean;
};

const sseEvents = [
	['message_start', {type: 'message_start', message: {id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-sonnet-4-5', usage: {input_tokens: 1, output_tokens: 0}}}],
	['content_block_start', {type: 'content_block_start', index: 0, content_block: {type: 'text', text: ''}}],
	['ping', {type: 'ping'}],
	['content_block_delta', {type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: 'Hi'}}],
	['content_block_stop', {type: 'content_block_stop', index: 0}],
	['message_delta', {type: 'message_delta', delta: {stop_reason: 'max_tokens'}, usage: {output_tokens: 1}}],
	['message_stop', {type: 'message_stop'}],
] as const;

function sse(name: string, data: unknown): string {
	return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A gateway speaking Anthropic's Messages API, with the faults a test asks for. */
export function anthropicGateway(options: GatewayOptions = {}): Route {
	const base = options.basePath ?? '';
	return (request, response) => {
		const received = request.headers['x-api-key'] ?? request.headers.authorization ?? '';
		const authorised = !options.auth || (options.auth.style === 'bearer'
			? request.headers.authorization === `Bearer ${options.auth.secret}`
			: request.headers['x-api-key'] === options.auth.secret);
		const refuse = () => {
			sendAnthropicError(response, 401, 'authentication_error', options.echoCredential ? `invalid credential ${String(received)}` : 'invalid credential');
		};

		if (options.rejectBetas && request.headers['anthropic-beta']) {
			sendAnthropicError(response, 400, 'invalid_request_error', `Unexpected value(s) \`${String(request.headers['anthropic-beta'])}\` for the \`anthropic-beta\` header`);
			return;
		}

		if (request.method === 'GET' && request.url === `${base}/v1/models?limit=1000` && options.models !== 'absent') {
			if (!authorised) {
				refuse();
				return;
			}

			const models = options.models ?? [];
			sendJson(response, 200, {data: models.map(model => ({type: 'model', created_at: '2026-01-01T00:00:00Z', ...model})), has_more: false, first_id: models[0]?.id ?? null, last_id: models.at(-1)?.id ?? null});
			return;
		}

		if (request.method === 'POST' && request.url === `${base}/v1/messages/count_tokens` && options.countTokens) {
			if (!authorised) {
				refuse();
				return;
			}

			sendJson(response, 200, {input_tokens: 7});
			return;
		}

		if (request.method === 'POST' && request.url === `${base}/v1/messages?beta=true`) {
			const body = JSON.parse(request.body) as {max_tokens: number; stream?: boolean};
			const tooFew = body.max_tokens < 1;
			if (tooFew && options.bodyFirst) {
				sendAnthropicError(response, 400, 'invalid_request_error', 'max_tokens: Input should be greater than or equal to 1');
				return;
			}

			if (!authorised) {
				refuse();
				return;
			}

			if (tooFew) {
				sendAnthropicError(response, 400, 'invalid_request_error', 'max_tokens: Input should be greater than or equal to 1');
				return;
			}

			if (body.stream) {
				response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
				if (options.breakStream) {
					response.write(sse(...sseEvents[0]) + sse(...sseEvents[1]));
					if (options.breakStream === 'cut') {
						// Flushed, then cut: the client sees a stream that just stops.
						setTimeout(() => response.socket?.destroy(), 20);
					}

					return;
				}

				response.end(sseEvents.map(([name, data]) => sse(name, data)).join(''));
				return;
			}

			if (options.failNonStreamed) {
				sendAnthropicError(response, 500, 'api_error', 'Internal server error');
				return;
			}

			sendJson(response, 200, {id: 'msg_1', type: 'message', role: 'assistant', content: [{type: 'text', text: 'Hi'}], model: 'claude-sonnet-4-5', stop_reason: 'max_tokens', usage: {input_tokens: 1, output_tokens: 1}});
			return;
		}

		sendAnthropicError(response, 404, 'not_found_error', 'Not Found');
	};
}
