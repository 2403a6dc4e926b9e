import {existsSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {execa} from 'execa';
import {afterEach, describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {waitFor} from '../helpers/claude.js';
import {type Gateway, sendError, sendJson, startGateway} from '../helpers/gateway.js';
import {closedPort, startServer} from '../probe/servers.js';
import {backups, ccgate, ccgateBinary, expectNoStackTrace, expectNotPrinted, filesBelow, folder, lines, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

const token = 'sk-gw-probe-token-0123456789abcdef';

/** Every server a test starts, closed after it. */
const servers: Array<{close(): Promise<void>}> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
	const started = await startGateway(options);
	servers.push(started);
	return started;
}

/** The report's lines as a user reads them; each check's time (which varies) must be there, and becomes `<ms>`. */
function withoutTimes(stdout: string): string[] {
	return lines(stdout).map(line => line.replace(/ +\d+ ms$/, ' <ms>'));
}

/** `METHOD path` of each request a gateway recorded, in a stable order (the checks run in parallel). */
function paths(recorded: ReadonlyArray<{method: string; path: string}>): string[] {
	return recorded.map(request => `${request.method} ${request.path}`).sort();
}

/**
A loopback TCP server that accepts, records what arrives and never answers. Counting at the socket
proves "received nothing at all", not merely "no request parsed".
*/
async function socketRecorder(host: string): Promise<{url: string; port: number; connections: () => number; bytes: () => number; requestLines: () => string[]; arrivals: () => number[]; close(): Promise<void>}> {
	let connections = 0;
	const received: string[] = [];
	const arrivals: number[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer();
	server.on('connection', (socket: net.Socket) => {
		connections++;
		const index = received.push('') - 1;
		sockets.add(socket);
		socket.on('data', (chunk: Buffer) => {
			if (received[index] === '') {
				arrivals.push(performance.now());
			}

			received[index] += chunk.toString('latin1');
		});
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	const recorder = {
		url: `http://${host}:${port}`,
		port,
		connections: () => connections,
		bytes: () => received.reduce((sum, text) => sum + text.length, 0),
		/** The request line of each connection that sent something, sorted. */
		requestLines: () => received.filter(text => text !== '').map(text => text.split('\r\n')[0]!).sort(),
		/** When each request's first byte arrived (performance.now()). */
		arrivals: () => [...arrivals],
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
	servers.push(recorder);
	return recorder;
}

const redirectFix = 'set ANTHROPIC_BASE_URL to the gateway\'s own address: a redirect would carry x-api-key and custom headers to another host';

describe('ccgate probe: a usable gateway', () => {
	test('a healthy Anthropic-format gateway: exit 0, each check with its time, Claude models visible and the others hidden from discovery', async () => {
		const box = sandbox();
		const server = await gateway({models: [
			{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'},
			{id: 'Anthropic-Haiku-Route', display_name: 'Haiku via route'},
			{id: 'gpt-4o', display_name: 'GPT-4o'},
			{id: 'llama-3.1-70b', display_name: 'llama-3.1-70b'},
		]});

		const run = await ccgateBinary(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(withoutTimes(run.stdout)).toEqual([
			'ok       models        GET   /v1/models?limit=1000      200 <ms>',
			'ok       count_tokens  POST  /v1/messages/count_tokens  200 <ms>',
			'ok       messages      POST  /v1/messages?beta=true     400 <ms>',
			'Visible to discovery (2): claude-gw-sonnet (GW Sonnet), Anthropic-Haiku-Route (Haiku via route)',
			'Hidden from discovery (2): gpt-4o (GPT-4o), llama-3.1-70b',
			'The gateway is usable by Claude Code',
		]);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		// What Claude Code sends: the token as a bearer, the API version, its betas.
		expect(server.requests).toHaveLength(3);
		for (const request of server.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['anthropic-version']).toBe('2023-06-01');
			expect(request.headers['anthropic-beta']).toContain('claude-code-20250219');
		}

		expectNotPrinted(run, token);
	});

	test('a gateway serving only /v1/messages is usable, with a warning for each optional endpoint', async () => {
		const box = sandbox();
		const server = await gateway({
			handler(request, response) {
				if (request.path.startsWith('/v1/messages?') || request.path === '/v1/messages') {
					return false;
				}

				sendError(response, 404, 'not_found_error', `Not found: ${request.method} ${request.path}`);
				return true;
			},
		});

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(withoutTimes(run.stdout)).toEqual([
			'warning  models        GET   /v1/models?limit=1000      404 <ms>',
			'warning  count_tokens  POST  /v1/messages/count_tokens  404 <ms>',
			'ok       messages      POST  /v1/messages?beta=true     400 <ms>',
			'The gateway is usable by Claude Code',
		]);
		expect(lines(run.stderr)).toEqual([
			`warning: GET ${server.url}/v1/models?limit=1000 answered 404: the gateway lists no models, so discovery finds none; set the model IDs by hand with --model.`,
			`warning: POST ${server.url}/v1/messages/count_tokens answered 404: the gateway does not count tokens, so Claude Code estimates them.`,
			`warning: Only a real message can confirm the credential for ${server.url}: /v1/models and count_tokens did not answer 200, and a gateway may refuse max_tokens 0 before it looks at the credential; run the probe with --live to send one real one-token message.`,
		]);
		expect(run.exitCode).toBe(0);
	});

	test('a base path such as /anthropic is kept on every request', async () => {
		const box = sandbox();
		const server = await gateway({basePath: '/anthropic'});
		expect(server.url).toMatch(/\/anthropic$/);

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(paths(server.requests)).toEqual([
			'GET /anthropic/v1/models?limit=1000',
			'POST /anthropic/v1/messages/count_tokens',
			'POST /anthropic/v1/messages?beta=true',
		]);
		expect(withoutTimes(run.stdout)).toEqual([
			'ok       models        GET   /anthropic/v1/models?limit=1000      200 <ms>',
			'ok       count_tokens  POST  /anthropic/v1/messages/count_tokens  200 <ms>',
			'ok       messages      POST  /anthropic/v1/messages?beta=true     400 <ms>',
			'Visible to discovery (1): claude-gw-sonnet (GW Sonnet)',
			'Hidden from discovery (1): gpt-4o (GPT-4o)',
			'The gateway is usable by Claude Code',
		]);
		expect(run.exitCode).toBe(0);
	});

	test('--json on a usable gateway is valid JSON with usable true and the model split', async () => {
		const box = sandbox();
		const server = await gateway();

		const run = await ccgate(box, ['probe', '--json', '--base-url', server.url, '--auth-token', token]);

		const report = JSON.parse(run.stdout) as {usable: boolean; checks: Array<{name: string; status: number | null; ms: number}>; models: {visible: Array<{id: string}>; hidden: Array<{id: string}>}};
		expect(report.usable).toBe(true);
		expect(report.checks.map(check => [check.name, check.status])).toEqual([['models', 200], ['count_tokens', 200], ['messages', 400]]);
		expect(report.checks.every(check => Number.isInteger(check.ms) && check.ms >= 0)).toBe(true);
		expect(report.models.visible.map(model => model.id)).toEqual(['claude-gw-sonnet']);
		expect(report.models.hidden.map(model => model.id)).toEqual(['gpt-4o']);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, token);
	});
});

describe('ccgate probe: an unusable gateway, diagnosed', () => {
	test('a closed port: connection refused, exit 1', async () => {
		const box = sandbox();
		const port = await closedPort();

		const run = await ccgate(box, ['probe', '--base-url', `http://127.0.0.1:${port}`, '--auth-token', token]);

		expect(withoutTimes(run.stdout)).toEqual([
			'warning  models        GET   /v1/models?limit=1000        - <ms>',
			'warning  count_tokens  POST  /v1/messages/count_tokens    - <ms>',
			'error    messages      POST  /v1/messages?beta=true       - <ms>',
			'The gateway is not usable by Claude Code',
		]);
		expect(lines(run.stderr)).toEqual([
			`error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BASE_URL.`,
		]);
		expect(run.exitCode).toBe(1);
		expectNoStackTrace(run);
	});

	test('a header value above U+00FF in the settings: the probe names the header, not the network, and sends nothing', async () => {
		const box = sandbox();
		const server = await gateway();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: 'X-Team: 日本'}}));

		const run = await ccgate(box, ['probe']);

		const refused = (request: string) => `${request} was not sent: the value of header x-team holds "日" (U+65E5), a character above U+00FF, which HTTP header values cannot carry; give x-team a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that.`;
		expect(lines(run.stderr)).toEqual([
			`error: ${refused(`POST ${server.url}/v1/messages?beta=true`)}`,
			`warning: ${refused(`GET ${server.url}/v1/models?limit=1000`)}`,
			`warning: ${refused(`POST ${server.url}/v1/messages/count_tokens`)}`,
		]);
		expect(lines(run.stdout).at(-1)).toBe('The gateway is not usable by Claude Code');
		expect(run.exitCode).toBe(1);
		expect(server.requests).toEqual([]);
		expectNoStackTrace(run);
	});

	test('an OpenAI-format server: named as such, with the translation-layer fix, exit 1', async () => {
		const box = sandbox();
		// As OpenAI's API answers: a model list of its own shape, and an OpenAI-shaped 404 for the Anthropic paths.
		const server = await startServer((request, response) => {
			if (request.method === 'GET' && request.url.startsWith('/v1/models')) {
				sendJson(response, 200, {object: 'list', data: [{id: 'gpt-4o', object: 'model', owned_by: 'openai'}]});
				return;
			}

			if (request.url === '/v1/chat/completions') {
				sendJson(response, 400, {error: {message: '[] is too short - \'messages\'', type: 'invalid_request_error', param: 'messages', code: null}});
				return;
			}

			sendJson(response, 404, {error: {message: `Invalid URL (${request.method} ${request.url.replace(/\?.*$/, '')})`, type: 'invalid_request_error', param: null, code: null}});
		});
		servers.push(server);

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(lines(run.stderr)).toContain(`error: POST ${server.url}/v1/messages?beta=true answered 404 with an OpenAI-style error: this is an OpenAI-format server; put a translation layer such as LiteLLM or claude-code-router between Claude Code and it.`);
		expect(lines(run.stderr).filter(line => line.startsWith('error: '))).toHaveLength(1);
		expect(withoutTimes(run.stdout)).toContain('error    messages      POST  /v1/messages?beta=true     404 <ms>');
		expect(withoutTimes(run.stdout).at(-1)).toBe('The gateway is not usable by Claude Code');
		expect(run.exitCode).toBe(1);
		expectNoStackTrace(run);
	});

	test('an OpenAI-format server with a plain 404 is found out by /v1/chat/completions', async () => {
		const box = sandbox();
		const server = await startServer((request, response) => {
			if (request.url === '/v1/chat/completions') {
				sendJson(response, 400, {error: {message: '[] is too short - \'messages\'', type: 'invalid_request_error', param: 'messages', code: null}});
				return;
			}

			response.writeHead(404, {'content-type': 'text/plain'});
			response.end('404 page not found');
		});
		servers.push(server);

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(lines(run.stderr)).toEqual([
			`error: POST ${server.url}/v1/messages?beta=true answered 404 but ${server.url}/v1/chat/completions answers: this is an OpenAI-format server; put a translation layer such as LiteLLM or claude-code-router between Claude Code and it.`,
		]);
		expect(run.exitCode).toBe(1);
	});

	test('a redirect is reported, never followed, exit 1', async () => {
		const box = sandbox();
		const elsewhere = await socketRecorder('127.0.0.2');
		const server = await startServer((request, response) => {
			response.writeHead(307, {location: `${elsewhere.url}${request.url}`});
			response.end();
		});
		servers.push(server);

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(withoutTimes(run.stdout)).toEqual([
			'warning  models        GET   /v1/models?limit=1000      307 <ms>',
			'warning  count_tokens  POST  /v1/messages/count_tokens  307 <ms>',
			'error    messages      POST  /v1/messages?beta=true     307 <ms>',
			'The gateway is not usable by Claude Code',
		]);
		expect(lines(run.stderr)).toEqual([
			`error: POST ${server.url}/v1/messages?beta=true redirects (307) to ${elsewhere.url}/v1/messages?beta=true; ${redirectFix}.`,
			`warning: GET ${server.url}/v1/models?limit=1000 redirects (307) to ${elsewhere.url}/v1/models?limit=1000; ${redirectFix}.`,
			`warning: POST ${server.url}/v1/messages/count_tokens redirects (307) to ${elsewhere.url}/v1/messages/count_tokens; ${redirectFix}.`,
		]);
		expect(run.exitCode).toBe(1);
		expect(elsewhere.connections()).toBe(0);
	});

	test('a refused token: 401 with the gateway\'s reason, exit 1', async () => {
		const box = sandbox();
		const server = await gateway({auth: {bearer: 'the-right-token-9876543210'}});

		const run = await ccgateBinary(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(withoutTimes(run.stdout)).toEqual([
			'error    models        GET   /v1/models?limit=1000      401 <ms>',
			'error    count_tokens  POST  /v1/messages/count_tokens  401 <ms>',
			'error    messages      POST  /v1/messages?beta=true     401 <ms>',
			'The gateway is not usable by Claude Code',
		]);
		expect(lines(run.stderr)).toEqual([
			`error: The gateway at ${server.url} rejects the credential (401: authentication_error: invalid x-api-key or bearer token); check the token in ANTHROPIC_AUTH_TOKEN.`,
		]);
		expect(run.exitCode).toBe(1);
	});

	test('a token the gateway takes only as x-api-key: the variable to use is named, exit 1', async () => {
		const box = sandbox();
		const server = await gateway({auth: {apiKey: token}});

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(lines(run.stderr)).toEqual([
			`error: The gateway at ${server.url} rejects the token as Authorization: Bearer (401) but accepts it as x-api-key; use ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN (or --secret-file).`,
		]);
		expect(run.exitCode).toBe(1);
	});

	test('a base URL ending in /v1 is tried as given and then without /v1, and the report says which one works', async () => {
		const box = sandbox();
		const server = await gateway({auth: {bearer: token}});

		const run = await ccgate(box, ['probe', '--base-url', `${server.url}/v1`, '--auth-token', token]);

		expect(lines(run.stdout).at(-1)).toBe('The gateway is not usable by Claude Code');
		expect(lines(run.stderr)[0]).toBe(`error: The base URL ${server.url}/v1 ends in /v1, so Claude Code posts to /v1/v1/messages (404); without /v1 the gateway is usable; use ${server.url}.`);
		expect(run.exitCode).toBe(1);
		expect(server.requests.some(request => request.path === '/v1/v1/messages?beta=true')).toBe(true);
		expect(server.requests.some(request => request.path === '/v1/messages?beta=true')).toBe(true);
	});

	test('a base URL ending in /v1 on a gateway that routes /v1/v1/messages is usable, with a warning', async () => {
		const box = sandbox();
		const inner = await gateway({auth: {bearer: token}});
		// Like Portkey's catch-all /v1/* route: /v1/v1/messages reaches the messages endpoint.
		const server = await gateway({
			auth: {bearer: token},
			async handler(request, response) {
				if (!request.path.startsWith('/v1/v1/')) {
					return false;
				}

				const answer = await fetch(`${inner.url}${request.path.slice('/v1'.length)}`, {method: request.method, headers: request.headers, ...(request.method === 'POST' && {body: request.body})});
				response.writeHead(answer.status, {'content-type': answer.headers.get('content-type') ?? 'application/json'});
				response.end(await answer.text());
				return true;
			},
		});

		const run = await ccgate(box, ['probe', '--base-url', `${server.url}/v1`, '--auth-token', token]);

		expect(lines(run.stdout).at(-1)).toBe('The gateway is usable by Claude Code');
		expect(lines(run.stderr)).toEqual([`warning: The base URL ${server.url}/v1 ends in /v1, so Claude Code posts to /v1/v1/messages: this gateway answers there, most would not; keep it if the gateway documents it, or try ${server.url}.`]);
		expect(run.exitCode).toBe(0);
	});

	test('--json on an unusable gateway is valid JSON with usable false and the diagnosis, nothing on stderr', async () => {
		const box = sandbox();
		const port = await closedPort();

		const run = await ccgate(box, ['probe', '--json', '--base-url', `http://127.0.0.1:${port}`, '--auth-token', token]);

		const report = JSON.parse(run.stdout) as {usable: boolean; findings: Array<{level: string; message: string}>; checks: Array<{name: string; status: number | null}>; models: unknown};
		expect(report.usable).toBe(false);
		expect(report.findings).toEqual([{
			code: 'probe-refused',
			level: 'error',
			message: `Nothing is listening at 127.0.0.1:${port} (connection refused)`,
			fix: 'start the gateway, or correct the host and port in ANTHROPIC_BASE_URL',
		}]);
		expect(report.checks.map(check => [check.name, check.status])).toEqual([['models', null], ['count_tokens', null], ['messages', null]]);
		expect(report.models).toBeNull();
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(1);
	});
});

describe('ccgate probe: a gateway that never answers', () => {
	test('--timeout 500 ends the whole probe within the timeout, not once per check', async () => {
		const box = sandbox();
		const silent = await socketRecorder('127.0.0.1');

		const started = performance.now();
		const run = await ccgate(box, ['probe', '--base-url', silent.url, '--auth-token', token, '--timeout', '500']);
		const elapsed = performance.now() - started;

		// Node's start-up is in this; three sequential timeouts alone would be 1500 ms.
		expect(elapsed).toBeLessThan(5000);
		// Each check sent its request at once, in parallel.
		expect(silent.requestLines()).toEqual([
			'GET /v1/models?limit=1000 HTTP/1.1',
			'POST /v1/messages/count_tokens HTTP/1.1',
			'POST /v1/messages?beta=true HTTP/1.1',
		]);
		// In parallel: all three arrived before the first could time out (one after another, they would be 500 ms apart).
		const arrivals = silent.arrivals();
		expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(400);
		expect(withoutTimes(run.stdout)).toEqual([
			'warning  models        GET   /v1/models?limit=1000        - <ms>',
			'warning  count_tokens  POST  /v1/messages/count_tokens    - <ms>',
			'error    messages      POST  /v1/messages?beta=true       - <ms>',
			'The gateway is not usable by Claude Code',
		]);
		const times = lines(run.stdout).slice(0, 3).map(line => Number(/(\d+) ms$/.exec(line)?.[1]));
		for (const ms of times) {
			expect(ms).toBeGreaterThanOrEqual(490);
			expect(ms).toBeLessThan(2500);
		}

		expect(lines(run.stderr)).toEqual([
			`error: ${silent.url} did not answer within 500 ms; check that the gateway is up and reachable, or raise --timeout.`,
		]);
		expect(run.exitCode).toBe(1);
	});

	test('Ctrl+C cancels the probe at once: exit 130, "Probe cancelled.", no stack trace', async () => {
		const box = sandbox();
		const silent = await socketRecorder('127.0.0.1');
		const child = execa(process.execPath, [ccgateBin, 'probe', '--base-url', silent.url, '--auth-token', token, '--timeout', '20000'], {
			env: box.env,
			extendEnv: false,
			cwd: box.home,
			reject: false,
			stripFinalNewline: false,
			timeout: 30_000,
		});

		// The three requests are out (so the probe is under way) before the signal.
		expect(await waitFor(() => silent.requestLines().length === 3, {timeoutMs: 10_000}), 'the probe\'s three requests arrive').toBe(true);
		const signalled = performance.now();
		child.kill('SIGINT');
		const result = await child;
		const afterSignal = performance.now() - signalled;

		expect(result.exitCode).toBe(130);
		expect(result.stderr).toBe('Probe cancelled.\n');
		expect(result.stdout).toBe('');
		expect(result.stderr).not.toMatch(/^ {4}at /m);
		// Far below the 20 s timeout: the signal, not the timeout, ended it.
		expect(afterSignal).toBeLessThan(5000);
	});
});

describe('ccgate probe: the credential stays with the gateway', () => {
	test('a redirect to another host sends it nothing at all: no token, no x-api-key, no custom header', async () => {
		const box = sandbox();
		const apiKey = 'sk-gw-api-key-fedcba9876543210';
		const headerSecret = 'hdr-secret-value-55554444';
		const elsewhere = await socketRecorder('127.0.0.2');
		const server = await startServer((request, response) => {
			response.writeHead(307, {location: `${elsewhere.url}${request.url}`});
			response.end();
		});
		servers.push(server);
		const args = ['probe', '--base-url', server.url, '--auth-token', token, '--api-key', apiKey, '--header', 'x-team: core', '--header', `x-gateway-token: ${headerSecret}`];

		const text = await ccgate(box, args);
		const json = await ccgate(box, [...args, '--json']);

		// The base URL's host got everything Claude Code would send it…
		expect(server.requests.length).toBeGreaterThanOrEqual(6);
		for (const request of server.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-api-key']).toBe(apiKey);
			expect(request.headers['x-team']).toBe('core');
			expect(request.headers['x-gateway-token']).toBe(headerSecret);
		}

		// …the host it redirects to, not one connection.
		expect(elsewhere.connections()).toBe(0);
		expect(elsewhere.bytes()).toBe(0);
		for (const run of [text, json]) {
			expect(run.exitCode).toBe(1);
			expectNotPrinted(run, token, apiKey, headerSecret);
		}

		expect((JSON.parse(json.stdout) as {usable: boolean}).usable).toBe(false);
	});

	test('a gateway that echoes the credential back in its error: the token is in no output, --json included', async () => {
		const box = sandbox();
		const server = await gateway({
			handler(request, response) {
				sendError(response, 401, 'authentication_error', `Invalid bearer token: ${request.headers['authorization'] ?? ''} (x-api-key ${request.headers['x-api-key'] ?? 'none'})`);
				return true;
			},
		});

		const text = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);
		const json = await ccgate(box, ['probe', '--json', '--base-url', server.url, '--auth-token', token]);

		expect(server.requests.some(request => request.headers['authorization'] === `Bearer ${token}`)).toBe(true);
		for (const run of [text, json]) {
			expect(run.exitCode).toBe(1);
			expectNotPrinted(run, token);
		}

		expect(lines(text.stderr)).toEqual([
			`error: The gateway at ${server.url} rejects the credential (401: authentication_error: Invalid bearer token: Bearer [redacted] (x-api-key none)); check the token in ANTHROPIC_AUTH_TOKEN.`,
		]);
		expect((JSON.parse(json.stdout) as {usable: boolean}).usable).toBe(false);
	});
});

describe('ccgate write --probe', () => {
	test('a dead gateway refuses the write: exit 1, no settings file, no backup, no secret file', async () => {
		const box = sandbox();
		const port = await closedPort();

		const run = await ccgate(box, ['write', '--probe', '--base-url', `http://127.0.0.1:${port}`, '--auth-token', token, '--secret-file']);

		expect(run.stdout).toBe('Probe: the gateway is not usable by Claude Code.\n');
		expect(lines(run.stderr)).toEqual([
			`error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BASE_URL.`,
			'error: Nothing was written to ~/.claude/settings.json, because the gateway is not usable; fix it, or write without --probe.',
		]);
		expect(run.exitCode).toBe(1);
		expect(filesBelow(`${box.home}/.claude`)).toEqual([]);
		expect(backups(box)).toEqual([]);
		expect(secretFiles(box)).toEqual([]);
		expectNotPrinted(run, token);
	});

	test('a dead gateway leaves an existing settings file as it was, and backs nothing up', async () => {
		const box = sandbox();
		const port = await closedPort();
		const before = '{\n  "permissions": {"allow": ["Bash(ls)"]}\n}\n';
		put(userSettingsPath(box), before);

		const run = await ccgate(box, ['write', '--probe', '--base-url', `http://127.0.0.1:${port}`, '--auth-token', token]);

		expect(lines(run.stderr).at(-1)).toBe('error: Nothing was written to ~/.claude/settings.json, because the gateway is not usable; fix it, or write without --probe.');
		expect(run.exitCode).toBe(1);
		expect(read(userSettingsPath(box))).toBe(before);
		expect(backups(box)).toEqual([]);
	});

	test('a healthy gateway: probed first, then written', async () => {
		const box = sandbox();
		const server = await gateway();

		const run = await ccgateBinary(box, ['write', '--probe', '--base-url', server.url, '--auth-token', token]);

		expect(run.stdout).toBe('Probe: the gateway is usable by Claude Code.\nWrote ~/.claude/settings.json.\n');
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		expect(paths(server.requests)).toEqual(['GET /v1/models?limit=1000', 'POST /v1/messages/count_tokens', 'POST /v1/messages?beta=true']);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token}});
		expectNotPrinted(run, token);
	});

	test('with --secret-file, the probe sends the secret as the helper will (its file is written only after the probe)', async () => {
		const box = sandbox();
		const server = await gateway({auth: {apiKey: token}});

		const run = await ccgate(box, ['write', '--probe', '--base-url', server.url, '--auth-token', token, '--secret-file']);

		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		expect(server.requests).toHaveLength(3);
		for (const request of server.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-api-key']).toBe(token);
		}

		const settings = JSON.parse(read(userSettingsPath(box))) as {env: Record<string, string>; apiKeyHelper: string};
		expect(settings.env).toEqual({ANTHROPIC_BASE_URL: server.url});
		expect(secretFiles(box)).toHaveLength(1);
		expect(read(secretFiles(box)[0]!)).toBe(token);
		expectNotPrinted(run, token);
	});

	test('an untrusted project\'s own apiKeyHelper is not run to probe: exit 1, nothing written', async () => {
		const box = sandbox();
		const server = await gateway();
		const project = folder(box, 'cloned');
		const marker = path.join(box.home, 'helper-ran');
		const projectFile = path.join(project, '.claude', 'settings.json');
		const before = `${JSON.stringify({apiKeyHelper: `touch '${marker}'; echo ${token}`}, undefined, 2)}\n`;
		put(projectFile, before);

		const run = await ccgate(box, ['write', '--probe', '--scope', 'project', '--base-url', server.url], {cwd: project});

		expect(lines(run.stderr)).toEqual([
			'error: The apiKeyHelper in ~/cloned/.claude/settings.json comes from a folder Claude Code has not trusted, so ccgate will not run it to probe; open claude here and accept the trust dialog, or pass --trust-project.',
		]);
		expect(run.exitCode).toBe(1);
		expect(existsSync(marker)).toBe(false);
		expect(server.requests).toEqual([]);
		expect(read(projectFile)).toBe(before);
		expect(backups(box)).toEqual([]);
	});

	test.each([
		['exit 3', 'exit code 3'],
		['true', 'it printed nothing'],
	])('an apiKeyHelper that fails (%s) is named with its reason: exit 1, no request sent', async (command, reason) => {
		const box = sandbox();
		const server = await gateway();
		const run = await ccgate(box, ['probe', '--base-url', server.url, '--api-key-helper', command]);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: `error: The apiKeyHelper command failed (${reason}); run it in a shell and make it print only the key.\n`});
		expect(server.requests).toEqual([]);
	});

	test('a working apiKeyHelper\'s output goes out as both credential headers, as Claude Code sends it', async () => {
		const box = sandbox();
		const server = await gateway();
		const run = await ccgate(box, ['probe', '--base-url', server.url, '--api-key-helper', `echo ${token}`]);
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, token);
		expect(server.requests.length).toBeGreaterThan(0);
		for (const request of server.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-api-key']).toBe(token);
		}
	});

	test('an apiKeyHelper runs in the folder ccgate runs in, as Claude Code runs it there', async () => {
		const box = sandbox();
		const server = await gateway();
		const project = folder(box, 'project');
		put(path.join(project, 'key.txt'), token);
		const run = await ccgate(box, ['probe', '--base-url', server.url, '--api-key-helper', 'cat key.txt'], {cwd: project});
		expect(run.exitCode).toBe(0);
		expect(server.requests.length).toBeGreaterThan(0);
		for (const request of server.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
		}
	});
});

describe('the probe asks for the model the client asks for, and says which and why (issue 21.1)', () => {
	/** A gateway whose provider serves `model` only: any other gets Anthropic's 404 for an unknown model. */
	async function only(model: string): Promise<Gateway> {
		return gateway({handler(request, response) {
			const asked = request.method === 'POST' && request.body ? (JSON.parse(request.body) as {model?: string}).model : undefined;
			if (asked === undefined || asked === model) {
				return false;
			}

			sendError(response, 404, 'not_found_error', `model: ${asked}`);
			return true;
		}});
	}

	const askedFor = (server: Gateway) => server.requests.filter(request => request.method === 'POST').map(request => (JSON.parse(request.body) as {model: string}).model);

	test('a legacy ID goes out remapped, as the client sends it: a gateway that serves only the configured one is not usable, and the fix names the switch', async () => {
		const box = sandbox();
		const server = await only('claude-opus-4-1');

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--model', 'claude-opus-4-1']);

		expect(askedFor(server)).toEqual(['claude-opus-5-5', 'claude-opus-5-5']);
		expect(lines(run.stderr)[0]).toBe(`error: POST ${server.url}/v1/messages?beta=true answered 404: not_found_error: model: claude-opus-5-5: the gateway does not know the model claude-opus-5-5, which Claude Code asks for instead of the configured claude-opus-4-1: it remaps legacy Opus IDs to the opus tier, its own ID for the opus tier (ANTHROPIC_DEFAULT_OPUS_MODEL is not set); set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send claude-opus-4-1, map the opus tier to a model the gateway serves with ANTHROPIC_DEFAULT_OPUS_MODEL (--opus-model ID), or have the gateway serve claude-opus-5-5.`);
		expect(run.exitCode).toBe(1);
	});

	test('with CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 in the settings, the configured legacy ID goes out, and the gateway is usable', async () => {
		const box = sandbox();
		const server = await only('claude-opus-4-1');
		put(userSettingsPath(box), JSON.stringify({env: {CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP: 'true'}}));

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--model', 'claude-opus-4-1']);

		expect(askedFor(server)).toEqual(['claude-opus-4-1', 'claude-opus-4-1']);
		expect(withoutTimes(run.stdout).at(-1)).toBe('The gateway is usable by Claude Code');
		expect(run.stderr).toBe('');
	});

	test('a legacy ID the gateway serves once remapped: usable, with a warning that says which model goes out and why', async () => {
		const box = sandbox();
		const server = await only('claude-opus-5-5');

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--model', 'claude-opus-4-1']);

		expect(run.stderr).toBe('warning: Claude Code asks the gateway for claude-opus-5-5, not the configured claude-opus-4-1: it remaps legacy Opus IDs to the opus tier, its own ID for it (ANTHROPIC_DEFAULT_OPUS_MODEL is not set); set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send claude-opus-4-1.\n');
		expect(run.exitCode).toBe(0);
	});

	test('the alias sonnet unmapped asks for claude-sonnet-5-5: a gateway without it is not usable, and the fix maps the tier', async () => {
		const box = sandbox();
		const server = await only('claude-gw-sonnet');

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--model', 'sonnet']);
		const mapped = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--model', 'sonnet', '--sonnet-model', 'claude-gw-sonnet', '--json']);

		expect(askedFor(server)).toEqual(['claude-sonnet-5-5', 'claude-sonnet-5-5', 'claude-gw-sonnet', 'claude-gw-sonnet']);
		expect(lines(run.stderr)[0]).toBe(`error: POST ${server.url}/v1/messages?beta=true answered 404: not_found_error: model: claude-sonnet-5-5: the gateway does not know the model claude-sonnet-5-5, which Claude Code asks for the alias sonnet: its own ID for the sonnet tier (ANTHROPIC_DEFAULT_SONNET_MODEL is not set); map the sonnet tier to a model the gateway serves with ANTHROPIC_DEFAULT_SONNET_MODEL (--sonnet-model ID).`);
		expect(run.exitCode).toBe(1);
		const report = JSON.parse(mapped.stdout) as {verdict: string; findings: Array<{code: string; level: string; message: string}>};
		expect(report.verdict).toBe('usable');
		expect(report.findings).toContainEqual({code: 'probe-model-alias', level: 'ok', message: 'The alias sonnet asks the gateway for claude-gw-sonnet, its mapping (ANTHROPIC_DEFAULT_SONNET_MODEL)'});
	});
});

describe('the third verdict: only a real request can tell (issue 21)', () => {
	/** A gateway that answers the free request (max_tokens 0) with a bare 500 and serves real ones. */
	async function bare500(): Promise<Gateway> {
		return gateway({models: [{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'}], handler(request, response) {
			if (request.path === '/v1/messages?beta=true' && (JSON.parse(request.body) as {max_tokens: number}).max_tokens === 0) {
				sendJson(response, 500, {error: 'Invalid Anthropic request format'});
				return true;
			}

			return false;
		}});
	}

	const unproven = (url: string) => `warning: POST ${url}/v1/messages?beta=true answered 500: Invalid Anthropic request format to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests; run ccgate probe --live to send one real one-token message.\n`;

	test('probe says "cannot tell", names --live, and exits 0; --json carries the verdict', async () => {
		const box = sandbox();
		const server = await bare500();

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);
		const json = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--json']);

		expect(withoutTimes(run.stdout).at(-1)).toBe('Cannot tell whether the gateway is usable by Claude Code without a real request (--live sends one)');
		expect(run.stderr).toBe(unproven(server.url));
		expect(run.exitCode).toBe(0);
		expect(JSON.parse(json.stdout)).toMatchObject({verdict: 'cannot tell', usable: false});
		expect(json.exitCode).toBe(0);
	});

	test('probe --live sends the real message, which decides: usable', async () => {
		const box = sandbox();
		const server = await bare500();

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token, '--live']);

		expect(withoutTimes(run.stdout).at(-1)).toBe('The gateway is usable by Claude Code');
		expect(run.exitCode).toBe(0);
	});

	test('write --probe writes it, with the warning: only "not usable" refuses a write', async () => {
		const box = sandbox();
		const server = await bare500();

		const run = await ccgate(box, ['write', '--probe', '--base-url', server.url, '--auth-token', token]);

		expect(run).toEqual({
			exitCode: 0,
			stdout: 'Probe: only a real request can tell whether the gateway is usable by Claude Code (ccgate probe --live sends one); it is written.\nWrote ~/.claude/settings.json.\n',
			stderr: unproven(server.url),
		});
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token}});
	});

	test('doctor\'s verdict says only a real request can tell, and names --live', async () => {
		const box = sandbox();
		const server = await bare500();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['doctor']);

		expect(lines(run.stdout)[0]).toMatch(/^Verdict: only a real request can tell whether the gateway is usable \(0 errors, \d+ warnings?\); ccgate doctor --live sends one\.$/);
		expect(run.exitCode).toBe(0);
	});
});

describe('hostile gateway text and --timeout (issue 9, items 13 and 14)', () => {
	test('probe and doctor print no control character a gateway sent: OSC 52, title changes and screen clears are escaped', async () => {
		const box = sandbox();
		const evil = '\u001B]52;c;ZXZpbA==\u0007\u001B]0;pwned\u0007\u001B[2J\u009B31m';
		const server = await startServer((request, response) => {
			if (request.url?.startsWith('/v1/models')) {
				sendJson(response, 200, {data: [{id: `claude-${evil}`, display_name: evil}]});
				return;
			}

			sendError(response, 500, 'api_error', `failed ${evil}`);
		});
		servers.push(server);
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token}}));

		const probe = await ccgate(box, ['probe']);
		const doctor = await ccgate(box, ['doctor']);

		for (const run of [probe, doctor]) {
			// eslint-disable-next-line no-control-regex -- the control characters are what must not be there
			expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
			expect(run.stdout + run.stderr).toContain(String.raw`failed \x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\u009b31m`);
			// A bare 500 to the free request proves nothing either way: "cannot tell", a warning, exit 0.
			expect(run.exitCode).toBe(0);
		}

		expect(probe.stdout).toContain('Cannot tell whether the gateway is usable by Claude Code without a real request (--live sends one)');

		expect(probe.stdout).toContain(String.raw`Visible to discovery (1): claude-\x1b]52;c;ZXZpbA==\x07`);
	});

	test.each(['0', '600001', '3000000000', '99999999999', '1.5', '5s'])('--timeout %s is refused: exit 2, one sentence with the range and the fix', async value => {
		const box = sandbox();
		const run = await ccgate(box, ['probe', '--base-url', 'http://127.0.0.1:9', '--auth-token', token, '--timeout', value]);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: --timeout ${value} is not a number of milliseconds from 1 to 600000 (10 minutes); give --timeout 5000, for example.\n`});
	});

	test.each(['1', '600000'])('--timeout %s, the ends of the range, is taken', async value => {
		const box = sandbox();
		const port = await closedPort();
		const run = await ccgate(box, ['probe', '--base-url', `http://127.0.0.1:${port}`, '--auth-token', token, '--timeout', value]);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).not.toContain('is not a number of milliseconds');
	});
});
