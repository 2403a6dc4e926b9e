import {chmod, mkdir, rm, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {
	gatewayModelsCachePath,
	makeClaudeHome,
	readGatewayModelsCache,
	runClaude,
	waitFor,
	type ClaudeRun,
} from './claude.js';
import {startGateway, type Gateway, type GatewayOptions, type RecordedRequest} from './gateway.js';

const gateways: Gateway[] = [];
const homes: string[] = [];
const timings: string[] = [];

async function gateway(options?: GatewayOptions): Promise<Gateway> {
	const started = await startGateway(options);
	gateways.push(started);
	return started;
}

async function home(): Promise<string> {
	const made = await makeClaudeHome();
	homes.push(made);
	return made;
}

afterEach(async () => {
	await Promise.all(gateways.splice(0).map(async started => started.close()));
	await Promise.all(homes.splice(0).map(async made => rm(made, {recursive: true, force: true})));
});

afterAll(() => {
	if (timings.length > 0) {
		console.info(`claude -p runs: ${timings.join(', ')}`);
	}
});

async function writeUserSettings(claudeHome: string, settings: unknown): Promise<void> {
	await mkdir(path.join(claudeHome, '.claude'), {recursive: true});
	await writeFile(path.join(claudeHome, '.claude', 'settings.json'), `${JSON.stringify(settings, undefined, '\t')}\n`);
}

async function timedClaude(name: string, claudeHome: string): Promise<ClaudeRun> {
	const start = performance.now();
	const run = await runClaude({home: claudeHome, prompt: 'Reply with one word.'});
	timings.push(`${name} ${Math.round(performance.now() - start)} ms`);
	return run;
}

function routes(requests: RecordedRequest[]): string[] {
	return requests.map(request => `${request.method} ${request.path}`).sort();
}

function inference(requests: RecordedRequest[]): RecordedRequest {
	const found = requests.find(request => request.method === 'POST' && request.path === '/v1/messages?beta=true');
	expect(found, 'a POST /v1/messages?beta=true').toBeDefined();
	return found!;
}

/** Every request reached this gateway, by its own address, from the real client. */
function expectAllFromClaude(started: Gateway): void {
	for (const request of started.requests) {
		expect(request.headers['host']).toBe(`127.0.0.1:${started.port}`);
		expect(request.headers['user-agent']).toMatch(/^claude-(cli|code)\/2\.1\.328\b/);
	}
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(url, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)});
}

const oneMessage = {model: 'claude-gw-sonnet', max_tokens: 16, messages: [{role: 'user', content: '.'}]};

describe('the loopback gateway, over fetch', () => {
	test('its URL is the loopback address and port, with the base path and no trailing slash', async () => {
		const started = await gateway({basePath: '/anthropic/'});
		expect(started.url).toBe(`http://127.0.0.1:${started.port}/anthropic`);
	});

	test('HEAD /api/hello answers 200 with no body', async () => {
		const started = await gateway();
		const response = await fetch(`${started.url}/api/hello`, {method: 'HEAD'});
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('');
	});

	test('GET /v1/models lists the models in the Models API shape', async () => {
		const started = await gateway();
		const response = await fetch(`${started.url}/v1/models?limit=1000`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			data: [
				{type: 'model', id: 'claude-gw-sonnet', display_name: 'GW Sonnet', created_at: '2025-01-01T00:00:00Z'},
				{type: 'model', id: 'gpt-4o', display_name: 'GPT-4o', created_at: '2025-01-01T00:00:00Z'},
			],
			has_more: false,
			first_id: 'claude-gw-sonnet',
			last_id: 'gpt-4o',
		});
	});

	test('routes live under the base path only', async () => {
		const started = await gateway({basePath: '/anthropic', models: [{id: 'claude-x', display_name: 'X'}]});
		const underBase = await fetch(`${started.url}/v1/models`);
		expect(await underBase.json()).toEqual({
			data: [{type: 'model', id: 'claude-x', display_name: 'X', created_at: '2025-01-01T00:00:00Z'}],
			has_more: false,
			first_id: 'claude-x',
			last_id: 'claude-x',
		});
		const atRoot = await fetch(`http://127.0.0.1:${started.port}/v1/models`);
		expect(atRoot.status).toBe(404);
		expect(await atRoot.json()).toEqual({type: 'error', error: {type: 'not_found_error', message: 'Not found: GET /v1/models'}});
	});

	test('POST /v1/messages/count_tokens answers the input token count', async () => {
		const started = await gateway();
		const response = await post(`${started.url}/v1/messages/count_tokens`, {model: 'claude-gw-sonnet', messages: [{role: 'user', content: '.'}]});
		expect(response.status).toBe(200);
		expect(await response.text()).toBe('{"input_tokens":9}');
	});

	test('POST /v1/messages without stream answers one message', async () => {
		const started = await gateway({reply: 'hello there'});
		const response = await post(`${started.url}/v1/messages`, oneMessage);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({
			id: 'msg_gateway_0001',
			type: 'message',
			role: 'assistant',
			model: 'claude-gw-sonnet',
			content: [{type: 'text', text: 'hello there'}],
			stop_reason: 'end_turn',
			stop_sequence: null,
			usage: {input_tokens: 9, output_tokens: 2},
		});
	});

	test('POST /v1/messages?beta=true with stream answers the SSE event sequence', async () => {
		const started = await gateway({reply: 'pong from gateway'});
		const response = await post(`${started.url}/v1/messages?beta=true`, {...oneMessage, stream: true});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const events = (await response.text()).split('\n\n').filter(Boolean).map(block => {
			const [eventLine, dataLine, ...rest] = block.split('\n');
			expect(rest).toEqual([]);
			const data = JSON.parse(dataLine!.replace(/^data: /, '')) as Record<string, unknown>;
			expect(eventLine).toBe(`event: ${String(data['type'])}`);
			return data;
		});
		expect(events).toEqual([
			{
				type: 'message_start',
				message: {
					id: 'msg_gateway_0001',
					type: 'message',
					role: 'assistant',
					model: 'claude-gw-sonnet',
					content: [],
					stop_reason: null,
					stop_sequence: null,
					usage: {input_tokens: 9, output_tokens: 1},
				},
			},
			{type: 'content_block_start', index: 0, content_block: {type: 'text', text: ''}},
			{type: 'ping'},
			{type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: 'pong '}},
			{type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: 'from '}},
			{type: 'content_block_delta', index: 0, delta: {type: 'text_delta', text: 'gateway'}},
			{type: 'content_block_stop', index: 0},
			{type: 'message_delta', delta: {stop_reason: 'end_turn', stop_sequence: null}, usage: {output_tokens: 3}},
			{type: 'message_stop'},
		]);
	});

	test('max_tokens: 0 is refused with 400 invalid_request_error', async () => {
		const started = await gateway();
		const response = await post(`${started.url}/v1/messages`, {...oneMessage, max_tokens: 0});
		expect(response.status).toBe(400);
		expect(await response.text()).toBe('{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: must be greater than or equal to 1"}}');
	});

	test('an unknown path answers 404 in the Anthropic error shape', async () => {
		const started = await gateway();
		const response = await post(`${started.url}/v1/chat/completions`, oneMessage);
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({type: 'error', error: {type: 'not_found_error', message: 'Not found: POST /v1/chat/completions'}});
	});

	test('with auth set, a request without the credential gets 401 and is still recorded', async () => {
		const started = await gateway({auth: {bearer: 'T1', apiKey: 'K1'}});
		const refused = await post(`${started.url}/v1/messages`, oneMessage, {authorization: 'Bearer wrong'});
		expect(refused.status).toBe(401);
		expect(await refused.json()).toEqual({type: 'error', error: {type: 'authentication_error', message: 'invalid x-api-key or bearer token'}});
		expect((await post(`${started.url}/v1/messages`, oneMessage, {authorization: 'Bearer T1'})).status).toBe(200);
		expect((await post(`${started.url}/v1/messages`, oneMessage, {'x-api-key': 'K1'})).status).toBe(200);
		expect(started.requests.map(request => [request.path, request.headers['authorization'] ?? request.headers['x-api-key']])).toEqual([
			['/v1/messages', 'Bearer wrong'],
			['/v1/messages', 'Bearer T1'],
			['/v1/messages', 'K1'],
		]);
		expect(JSON.parse(started.requests[0]!.body)).toEqual(oneMessage);
	});

	test('a handler that answers takes over the request', async () => {
		const started = await gateway({
			handler(request, response) {
				if (!request.path.startsWith('/v1/messages')) {
					return false;
				}

				response.writeHead(529, {'content-type': 'application/json'});
				response.end('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
				return true;
			},
		});
		const response = await post(`${started.url}/v1/messages`, oneMessage);
		expect(response.status).toBe(529);
		expect(await response.json()).toEqual({type: 'error', error: {type: 'overloaded_error', message: 'Overloaded'}});
		expect((await fetch(`${started.url}/v1/models`)).status).toBe(200);
		expect(routes(started.requests)).toEqual(['GET /v1/models', 'POST /v1/messages']);
	});
});

describe('the real claude -p against the gateway', () => {
	test('settings.json env with a token and custom headers: the reply is printed and discovery caches only Claude models', async () => {
		const claudeHome = await home();
		const started = await gateway({
			auth: {bearer: 'T1'},
			// Discovery is not awaited by claude: hold the answer until the cache is written, so claude cannot exit first.
			async handler(request) {
				if (request.path.startsWith('/v1/messages')) {
					await waitFor(async () => (await readGatewayModelsCache(claudeHome)) !== undefined, {timeoutMs: 5000});
				}

				return false;
			},
		});
		await writeUserSettings(claudeHome, {
			env: {
				ANTHROPIC_BASE_URL: started.url,
				ANTHROPIC_AUTH_TOKEN: 'T1',
				ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme',
				CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
			},
		});

		const run = await timedClaude('token+discovery', claudeHome);

		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		// No HEAD /api/hello: CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC skips the warm-up, not discovery.
		expect(routes(started.requests)).toEqual(['GET /v1/models?limit=1000', 'POST /v1/messages?beta=true']);
		expectAllFromClaude(started);
		const message = inference(started.requests);
		expect(message.headers['authorization']).toBe('Bearer T1');
		expect(message.headers['x-tenant']).toBe('acme');
		expect(message.headers['x-api-key']).toBeUndefined();
		expect(message.headers['anthropic-version']).toBe('2023-06-01');
		expect(message.headers['anthropic-beta']).toMatch(/^claude-code-20250219,/);
		expect(JSON.parse(message.body)).toMatchObject({stream: true});
		const discovery = started.requests.find(request => request.path === '/v1/models?limit=1000')!;
		expect(discovery.headers['authorization']).toBe('Bearer T1');
		expect(discovery.headers['x-tenant']).toBe('acme');

		expect(await readGatewayModelsCache(claudeHome)).toEqual({
			baseUrl: started.url,
			fetchedAt: expect.any(Number) as number,
			models: [{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'}],
		});
		expect((await stat(gatewayModelsCachePath(claudeHome))).mode & 0o777).toBe(0o600);
	});

	test('settings.json env with ANTHROPIC_API_KEY: -p sends it as x-api-key', async () => {
		const claudeHome = await home();
		const started = await gateway({auth: {apiKey: 'K1'}});
		await writeUserSettings(claudeHome, {env: {ANTHROPIC_BASE_URL: started.url, ANTHROPIC_API_KEY: 'K1'}});

		const run = await timedClaude('api key', claudeHome);

		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		expect(routes(started.requests)).toEqual(['POST /v1/messages?beta=true']);
		expectAllFromClaude(started);
		const message = inference(started.requests);
		expect(message.headers['x-api-key']).toBe('K1');
		expect(message.headers['authorization']).toBeUndefined();
	});

	test('a tab inside a custom header\'s value reaches the gateway as it is (why ccgate accepts it, core/validate.ts)', async () => {
		const claudeHome = await home();
		const started = await gateway({auth: {bearer: 'T1'}});
		await writeUserSettings(claudeHome, {env: {ANTHROPIC_BASE_URL: started.url, ANTHROPIC_AUTH_TOKEN: 'T1', ANTHROPIC_CUSTOM_HEADERS: 'x-note: a\tb'}});

		const run = await timedClaude('tab header', claudeHome);

		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		expect(inference(started.requests).headers['x-note']).toBe('a\tb');
	});

	test('apiKeyHelper reading a 0600 file: the gateway receives the secret as bearer and x-api-key', async () => {
		const claudeHome = await home();
		const secretFile = path.join(claudeHome, 'secrets', 'work.key');
		await mkdir(path.dirname(secretFile), {recursive: true});
		await writeFile(secretFile, 'sk-from-file-42\n');
		await chmod(secretFile, 0o600);
		const started = await gateway({auth: {bearer: 'sk-from-file-42'}});
		await writeUserSettings(claudeHome, {apiKeyHelper: `cat '${secretFile}'`, env: {ANTHROPIC_BASE_URL: started.url}});

		const run = await timedClaude('apiKeyHelper', claudeHome);

		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		expect(routes(started.requests)).toEqual(['POST /v1/messages?beta=true']);
		expectAllFromClaude(started);
		const message = inference(started.requests);
		expect(message.headers['authorization']).toBe('Bearer sk-from-file-42');
		expect(message.headers['x-api-key']).toBe('sk-from-file-42');
	});

	test('a token and an API key together: inference and discovery both carry both headers', async () => {
		const claudeHome = await home();
		const started = await gateway({auth: {bearer: 'T1'}});
		await writeUserSettings(claudeHome, {
			env: {
				ANTHROPIC_BASE_URL: started.url,
				ANTHROPIC_AUTH_TOKEN: 'T1',
				ANTHROPIC_API_KEY: 'K1',
				CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
			},
		});

		const run = await timedClaude('token+key', claudeHome);

		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		expect(routes(started.requests)).toEqual(['GET /v1/models?limit=1000', 'POST /v1/messages?beta=true']);
		expectAllFromClaude(started);
		for (const request of started.requests) {
			expect([request.headers['authorization'], request.headers['x-api-key']]).toEqual(['Bearer T1', 'K1']);
		}
	});

	test('a refused token: claude -p prints "Not logged in" and exits 1 without retrying', async () => {
		const claudeHome = await home();
		const started = await gateway({auth: {bearer: 'right'}});
		await writeUserSettings(claudeHome, {env: {ANTHROPIC_BASE_URL: started.url, ANTHROPIC_AUTH_TOKEN: 'wrong'}});

		const run = await timedClaude('401', claudeHome);

		expect(run).toEqual({stdout: 'Not logged in · Please run /login\n', stderr: '', exitCode: 1});
		expect(routes(started.requests)).toEqual(['POST /v1/messages?beta=true']);
		expect(inference(started.requests).headers['authorization']).toBe('Bearer wrong');
	});
});
