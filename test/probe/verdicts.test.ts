import type http from 'node:http';
import {afterEach, describe, expect, test} from 'vitest';
import {probeGateway, type ProbeReport, type ProbeTarget} from '../../source/probe/probe.js';
import {formatProbeReport} from '../../source/probe/report.js';
import {anthropicGateway, type GatewayOptions, sendJson, startServer, type TestServer} from './servers.js';

/*
The probe's three verdicts (issue 21, point 2; docs/contract.md §6): every field of an error body is read; a 5xx
about max_tokens proves the endpoint; a bare 5xx to the free request proves nothing and gets "cannot tell", naming
--live; a 5xx whose body carries the upstream's cause names that cause. Each gateway here answers the free request
(max_tokens 0) in one body shape and serves real requests as a healthy gateway does.
*/

const token = 'tok-verdict-0123456789-secret';
const healthy: GatewayOptions = {models: [{id: 'claude-gw-sonnet'}], countTokens: true, auth: {style: 'bearer', secret: token}};
const servers: TestServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

/** A healthy gateway, except that it answers `max_tokens: 0` with `status` and `body` (JSON, or text when a string). */
async function freeRequestGateway(status: number, body: unknown, contentType = 'application/json'): Promise<TestServer> {
	const route = anthropicGateway(healthy);
	const server = await startServer((request, response: http.ServerResponse) => {
		if (request.url === '/v1/messages?beta=true' && (JSON.parse(request.body) as {max_tokens: number}).max_tokens === 0) {
			if (typeof body === 'string') {
				response.writeHead(status, {'content-type': contentType}).end(body);
			} else {
				sendJson(response, status, body);
			}

			return;
		}

		route(request, response);
	});
	servers.push(server);
	return server;
}

function target(baseUrl: string): ProbeTarget {
	return {baseUrl, authToken: token, customHeaders: [], env: {}};
}

function messagesFinding(report: ProbeReport): [string, string, string, string | undefined] {
	const {finding} = report.checks.find(check => check.name === 'messages')!;
	return [finding.code, finding.level, finding.message, finding.fix];
}

describe('a 5xx about max_tokens proves the endpoint, whichever field says so', () => {
	test.each([
		['the top-level message field', {error: 'Internal Server Error', message: 'max_tokens is required'}, 'Internal Server Error: max_tokens is required'],
		['error.message', {error: {message: 'max_tokens must be at least 1', code: 500}}, 'max_tokens must be at least 1'],
		['a nested error.error', {error: {error: {message: 'invalid max_tokens: 0'}}}, 'invalid max_tokens: 0'],
		['detail', {detail: 'max_tokens: ensure this value is greater than 0'}, 'max_tokens: ensure this value is greater than 0'],
		['a plain-text body', 'max_tokens is required', 'max_tokens is required'],
	])('%s: usable', async (_shape, body, detail) => {
		const server = await freeRequestGateway(500, body, 'text/plain');
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.verdict).toBe('usable');
		expect(report.usable).toBe(true);
		expect(messagesFinding(report)).toEqual(['probe-messages-ok', 'ok', `POST ${server.url}/v1/messages?beta=true answers 500: ${detail} to max_tokens 0: the endpoint exists and read the request`, undefined]);
		expect(formatProbeReport(report).split('\n').at(-1)).toBe('The gateway is usable by Claude Code');
	});
});

describe('a bare 5xx to the free request cannot tell', () => {
	test('"500: Invalid Anthropic request format" is "cannot tell", a warning naming --live', async () => {
		const server = await freeRequestGateway(500, {error: 'Invalid Anthropic request format'});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.verdict).toBe('cannot tell');
		expect(report.usable).toBe(false);
		expect(messagesFinding(report)).toEqual([
			'probe-free-request-unproven',
			'warning',
			`POST ${server.url}/v1/messages?beta=true answered 500: Invalid Anthropic request format to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests`,
			'run ccgate probe --live to send one real one-token message',
		]);
		expect(report.findings.filter(finding => finding.level === 'error')).toEqual([]);
	});

	test('with --live, the real message decides: usable, and the free request\'s 500 is a warning without a fix', async () => {
		const server = await freeRequestGateway(500, {error: 'Invalid Anthropic request format'});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('usable');
		expect(messagesFinding(report)).toEqual([
			'probe-free-request-refused',
			'warning',
			`POST ${server.url}/v1/messages?beta=true answered 500: Invalid Anthropic request format to the free request (max_tokens 0), which proves nothing either way: the real message decides`,
			undefined,
		]);
		expect(report.checks.find(check => check.name === 'live')!.finding.code).toBe('probe-stream-ok');
	});

	test('an HTML 503 page proves nothing either: "cannot tell"', async () => {
		const server = await freeRequestGateway(503, '<html><body>Service Unavailable</body></html>', 'text/html');
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.verdict).toBe('cannot tell');
		expect(messagesFinding(report)).toEqual([
			'probe-free-request-unproven',
			'warning',
			`POST ${server.url}/v1/messages?beta=true answered 503 to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests`,
			'run ccgate probe --live to send one real one-token message',
		]);
	});
});

describe('a 5xx that carries the upstream\'s cause names it: not usable, the fix for the gateway\'s operator', () => {
	const operator = 'have whoever runs the gateway check its upstream provider (its address, that it is up, its credential)';
	test.for([
		[
			'connection refused',
			502,
			{error: {message: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111 (ECONNREFUSED)'}},
			'probe-upstream-refused',
			'the gateway could not reach its upstream provider',
			operator,
		],
		[
			'a fetch of the upstream that failed (claude-code-router 2.0.0)',
			500,
			{error: {message: 'fetch failedTypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13', type: 'api_error', code: 'internal_error'}},
			'probe-upstream-refused',
			'the gateway could not reach its upstream provider',
			operator,
		],
		[
			'a host that does not resolve',
			500,
			{error: 'getaddrinfo ENOTFOUND api.provider.internal'},
			'probe-upstream-dns',
			'the gateway cannot resolve its upstream provider\'s host name',
			operator,
		],
		[
			'a 404 model',
			500,
			{message: 'Provider returned 404: model claude-opus-5-5 not found'},
			'probe-upstream-model-unknown',
			'the gateway\'s upstream provider does not know the model claude-opus-5-5',
			'choose a model the gateway serves with --model, or have whoever runs the gateway route this one to a model its provider serves',
		],
		[
			'a 500 from the provider',
			502,
			{type: 'error', error: {type: 'api_error', message: 'upstream provider answered 500'}},
			'probe-upstream-failed',
			'the gateway\'s upstream provider failed',
			`retry later, or ${operator}`,
		],
		[
			'an upstream timeout',
			504,
			'upstream request timeout',
			'probe-upstream-timeout',
			'the gateway\'s upstream provider did not answer in time',
			`retry later, or ${operator}`,
		],
	] as const)('%s', async ([_cause, status, body, code, said, fix]) => {
		const server = await freeRequestGateway(status, body, 'text/plain');
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.verdict).toBe('not usable');
		const [foundCode, level, message, foundFix] = messagesFinding(report);
		expect([foundCode, level, foundFix]).toEqual([code, 'error', fix]);
		expect(message).toMatch(new RegExp(`^POST ${server.url.replaceAll('.', '\\.')}/v1/messages\\?beta=true answered ${status}: .+: ${said.replaceAll('.', '\\.')}$`));
	});
});

describe('a 401 that is the gateway\'s own provider credential names the gateway\'s operator (issue 21.4)', () => {
	const fix = 'ask whoever runs the gateway to check its provider credential (yours is not the one refused)';

	/** A gateway whose upstream key is wrong: its own catalog answers the developer's token, messages answer 401 about x-api-key. */
	async function wrongUpstreamKey(options: {models: boolean}): Promise<TestServer> {
		const server = await startServer((request, response) => {
			const bearer = request.headers.authorization === `Bearer ${token}`;
			if (request.method === 'GET' && request.url === '/v1/models?limit=1000' && options.models && bearer) {
				sendJson(response, 200, {data: [{type: 'model', id: 'claude-opus-5-5'}], has_more: false});
				return;
			}

			if (request.url === '/v1/messages?beta=true') {
				sendJson(response, 401, {type: 'error', error: {type: 'authentication_error', message: 'invalid x-api-key'}});
				return;
			}

			sendJson(response, 404, {type: 'error', error: {type: 'not_found_error', message: 'Not Found'}});
		});
		servers.push(server);
		return server;
	}

	test('the same token accepted by /v1/models: the 401 to messages is the gateway\'s provider credential', async () => {
		const server = await wrongUpstreamKey({models: true});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.verdict).toBe('not usable');
		expect(messagesFinding(report)).toEqual([
			'probe-upstream-credential',
			'error',
			`POST ${server.url}/v1/messages?beta=true answered 401: authentication_error: invalid x-api-key, although it accepted the same credential for GET ${server.url}/v1/models?limit=1000: the credential refused is the gateway's own, for its upstream provider`,
			fix,
		]);
		expect(report.findings.map(finding => finding.code)).not.toContain('probe-credential-rejected');
	});

	test('"invalid x-api-key" to a request that sent only a bearer token (and x-api-key is refused too): the gateway\'s provider credential', async () => {
		const server = await wrongUpstreamKey({models: false});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(messagesFinding(report)).toEqual([
			'probe-upstream-credential',
			'error',
			`POST ${server.url}/v1/messages?beta=true answered 401: authentication_error: invalid x-api-key, naming x-api-key, which Claude Code did not send (it sent Authorization: Bearer): the credential refused is the gateway's own, for its upstream provider`,
			fix,
		]);
	});

	test('a 401 to a wrong token that every request refuses stays the developer\'s credential', async () => {
		const server = await startServer(anthropicGateway({...healthy, auth: {style: 'bearer', secret: 'another-token-entirely'}}));
		servers.push(server);
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(messagesFinding(report)).toEqual(['probe-credential-rejected', 'error', `The gateway at ${server.url} rejects the credential (401: authentication_error: invalid credential)`, 'check the token in ANTHROPIC_AUTH_TOKEN']);
	});
});

describe('--live judges a stream as the client judges it (issue 21.3)', () => {
	const sse = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
	const events = [
		sse('message_start', {type: 'message_start', message: {id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-opus-5-5', usage: {input_tokens: 1, output_tokens: 0}}}),
		sse('content_block_start', {type: 'content_block_start', index: 0, content_block: {type: 'text', text: ''}}),
		sse('content_block_delta', {type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: 'Hi'}}),
		sse('content_block_stop', {type: 'content_block_stop', index: 0}),
		sse('message_delta', {type: 'message_delta', delta: {stop_reason: 'max_tokens'}, usage: {output_tokens: 1}}),
		sse('message_stop', {type: 'message_stop'}),
	];

	/** A healthy gateway whose streamed answers `stream` writes. */
	async function streaming(stream: (response: http.ServerResponse) => void): Promise<TestServer> {
		const route = anthropicGateway(healthy);
		const server = await startServer((request, response) => {
			const body = request.url === '/v1/messages?beta=true' ? JSON.parse(request.body) as {stream?: boolean} : {};
			if (body.stream) {
				stream(response);
				return;
			}

			route(request, response);
		});
		servers.push(server);
		return server;
	}

	const liveFinding = (report: ProbeReport) => {
		const {finding} = report.checks.find(check => check.name === 'live')!;
		return [finding.code, finding.level, finding.message, finding.fix];
	};

	test('an SSE stream without a Content-Type is taken, as the client takes it: usable', async () => {
		const server = await streaming(response => {
			response.writeHead(200, {});
			response.end(events.join(''));
		});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('usable');
		expect(liveFinding(report)).toEqual(['probe-stream-ok', 'ok', `POST ${server.url}/v1/messages?beta=true streamed a one-token message (message_start … message_stop) without a Content-Type of text/event-stream, which Claude Code takes`, undefined]);
	});

	test('a page without a Content-Type is still no stream', async () => {
		const server = await streaming(response => {
			response.writeHead(200, {});
			response.end('<html><body>Sign in</body></html>');
		});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('not usable');
		expect(liveFinding(report)[0]).toBe('probe-not-json-page');
	});

	test.for([
		['cut after its first chunk', (response: http.ServerResponse) => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.write(events.slice(0, 2).join(''));
			setTimeout(() => response.socket?.destroy(), 20);
		}],
		['an error event mid-stream', (response: http.ServerResponse) => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(events.slice(0, 2).join('') + sse('error', {type: 'error', error: {type: 'api_error', message: 'upstream broke'}}));
		}],
		['ended inside its first content block', (response: http.ServerResponse) => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(events.slice(0, 3).join(''));
		}],
	] as const)('a stream %s, answered by the non-streamed retry the client sends: a warning, usable', async ([how, stream]) => {
		const server = await streaming(stream);
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('usable');
		expect(liveFinding(report)).toEqual([
			'probe-stream-retried',
			'warning',
			`The stream from POST ${server.url}/v1/messages?beta=true broke after ${how.startsWith('ended') ? 'content_block_delta' : 'content_block_start'}, before message_stop; Claude Code then sends the request again without streaming, which the gateway answered with a message: replies arrive whole, not as they are written`,
			'check that every proxy between you and the gateway passes server-sent events through unbuffered',
		]);
		// The retry as the client sends it: the same request, stream false.
		const retry = server.requests.filter(request => request.url === '/v1/messages?beta=true').map(request => JSON.parse(request.body) as Record<string, unknown>).find(body => body['stream'] === false);
		expect(retry).toEqual({model: 'claude-opus-5-5', max_tokens: 1, stream: false, messages: [{role: 'user', content: '.'}]});
	});

	test('a stream that ends after content_block_stop is broken: the client calls it malformed and does not retry', async () => {
		const server = await streaming(response => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(events.slice(0, 4).join(''));
		});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('not usable');
		expect(liveFinding(report)).toEqual(['probe-stream-broken', 'error', `The stream from POST ${server.url}/v1/messages?beta=true broke after content_block_stop, before message_stop (the connection ended)`, 'check that every proxy between you and the gateway passes server-sent events through unbuffered']);
		expect(server.requests.some(request => request.body.includes('"stream":false'))).toBe(false);
	});

	test('a stream that ends after message_delta without message_stop is taken, as the client takes it: a warning', async () => {
		const server = await streaming(response => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end(events.slice(0, 5).join(''));
		});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('usable');
		expect(liveFinding(report)).toEqual(['probe-stream-no-stop', 'warning', `The stream from POST ${server.url}/v1/messages?beta=true ended after message_delta without message_stop, which Claude Code takes (other clients may not)`, 'have whoever runs the gateway make it end each stream with message_stop']);
	});

	test('a stream with a second message_start (claude-code-router 2.1.1) is malformed, as the client finds it', async () => {
		const server = await streaming(response => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end([...events.slice(0, 2), ...events.slice(0, 5)].join(''));
		});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.verdict).toBe('not usable');
		expect(liveFinding(report)).toEqual(['probe-stream-malformed', 'error', `The stream from POST ${server.url}/v1/messages?beta=true is malformed (a second message_start), which Claude Code refuses`, 'have whoever runs the gateway fix its translation of streamed messages']);
	});
});
