import type {LookupFunction} from 'node:net';
import {performance} from 'node:perf_hooks';
import {afterEach, beforeAll, describe, expect, test} from 'vitest';
import {probeGateway, type ProbeReport, type ProbeTarget} from '../../source/probe/probe.js';
import {betasFor, clientDefaultModel, userAgents} from '../../source/probe/wire.js';
import {formatProbeReport, probeReportJson} from '../../source/probe/report.js';
import {
	anthropicGateway,
	closedPort,
	makeSelfSignedCertificate,
	sendAnthropicError,
	sendJson,
	startConnectProxy,
	startServer,
	startUnresponsiveServer,
	type GatewayOptions,
	type TestServer,
} from './servers.js';

const token = 'tok-probe-0123456789-secret';
const healthyModels = [
	{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'},
	{id: 'gpt-4o'},
	{id: 'bedrock/Anthropic.Claude-3-haiku'},
];

const servers: TestServer[] = [];

afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function serve(server: Promise<TestServer>): Promise<TestServer> {
	const started = await server;
	servers.push(started);
	return started;
}

async function gateway(options: GatewayOptions = {}): Promise<TestServer> {
	return serve(startServer(anthropicGateway(options)));
}

function target(baseUrl: string, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
	return {baseUrl, authToken: token, customHeaders: [], env: {}, ...overrides};
}

const healthy: GatewayOptions = {models: healthyModels, countTokens: true, auth: {style: 'bearer', secret: token}};

function levelsAndMessages(report: ProbeReport): Array<[string, string, string | undefined]> {
	return report.findings.map(finding => [finding.level, finding.message, finding.fix]);
}

describe('a working gateway', () => {
	test('a healthy gateway is usable, with its models split by what discovery shows and every check timed', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(server.url, {customHeaders: [{name: 'X-Team', value: 'blue'}]}), {timeoutMs: 5000});

		expect(report.usable).toBe(true);
		expect(levelsAndMessages(report)).toEqual([
			['ok', `POST ${server.url}/v1/messages?beta=true answers in Anthropic's format (400 invalid_request_error to max_tokens 0)`, undefined],
			['ok', `GET ${server.url}/v1/models?limit=1000 lists 3 models, 2 visible to Claude Code's discovery`, undefined],
			['ok', `POST ${server.url}/v1/messages/count_tokens counts tokens (7 input tokens)`, undefined],
		]);
		expect(report.models).toEqual({
			visible: [{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'}, {id: 'bedrock/Anthropic.Claude-3-haiku'}],
			hidden: [{id: 'gpt-4o'}],
		});
		expect(report.checks.map(check => [check.name, check.method, check.path, check.status])).toEqual([
			['models', 'GET', '/v1/models?limit=1000', 200],
			['count_tokens', 'POST', '/v1/messages/count_tokens', 200],
			['messages', 'POST', '/v1/messages?beta=true', 400],
		]);
		for (const check of report.checks) {
			expect(check.ms).toBeGreaterThanOrEqual(0);
			expect(check.ms).toBeLessThan(5000);
		}
	});

	test('the requests carry what Claude Code sends: credential, custom headers, version, betas and user agent', async () => {
		const server = await gateway(healthy);
		await probeGateway(target(server.url, {customHeaders: [{name: 'X-Team', value: 'blue'}]}), {timeoutMs: 5000});

		const messages = server.requests.find(request => request.url === '/v1/messages?beta=true')!;
		expect(messages.headers).toMatchObject({
			authorization: `Bearer ${token}`,
			'x-team': 'blue',
			'anthropic-version': '2023-06-01',
			// The client's default model, whose betas test/e2e/wire.test.ts checks against the real client.
			'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
			'user-agent': 'claude-cli/2.1.328 (external, cli)',
			'content-type': 'application/json',
		});
		expect(messages.headers['x-api-key']).toBeUndefined();
		// Nothing else on the wire: Node's own http adds host, connection and content-length, as undici did (issue 21.7).
		expect(Object.keys(messages.headers).sort()).toEqual(['accept', 'anthropic-beta', 'anthropic-version', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'user-agent', 'x-app', 'x-team']);
		expect(messages.headers).toMatchObject({connection: 'keep-alive', 'content-length': String(Buffer.byteLength(messages.body))});
		expect(messages.headers['transfer-encoding']).toBeUndefined();
		expect(JSON.parse(messages.body)).toEqual({model: 'claude-opus-5-5', max_tokens: 0, messages: [{role: 'user', content: '.'}]});
		expect(betasFor(clientDefaultModel, false)).toBe(messages.headers['anthropic-beta']);
		expect(userAgents.interactive).toBe(messages.headers['user-agent']);
	});

	test('a messages-only gateway is usable, with a warning for each optional endpoint and one naming --live', async () => {
		const server = await gateway({models: 'absent', auth: {style: 'bearer', secret: token}});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(true);
		expect(levelsAndMessages(report)).toEqual([
			['ok', `POST ${server.url}/v1/messages?beta=true answers in Anthropic's format (400 invalid_request_error to max_tokens 0)`, undefined],
			['warning', `GET ${server.url}/v1/models?limit=1000 answered 404: the gateway lists no models, so discovery finds none`, 'set the model IDs by hand with --model'],
			['warning', `POST ${server.url}/v1/messages/count_tokens answered 404: the gateway does not count tokens, so Claude Code estimates them`, undefined],
			['warning', `Only a real message can confirm the credential for ${server.url}: /v1/models and count_tokens did not answer 200, and a gateway may refuse max_tokens 0 before it looks at the credential`, 'run the probe with --live to send one real one-token message'],
		]);
		expect(report.models).toBeUndefined();
	});

	test('a base path such as /anthropic is kept in every request', async () => {
		const server = await gateway({...healthy, basePath: '/anthropic'});
		const report = await probeGateway(target(`${server.url}/anthropic`), {timeoutMs: 5000});

		expect(report.usable).toBe(true);
		expect(server.requests.map(request => `${request.method} ${request.url}`).sort()).toEqual([
			'GET /anthropic/v1/models?limit=1000',
			'POST /anthropic/v1/messages/count_tokens',
			'POST /anthropic/v1/messages?beta=true',
		]);
		expect(report.checks.map(check => check.path)).toEqual(['/anthropic/v1/models?limit=1000', '/anthropic/v1/messages/count_tokens', '/anthropic/v1/messages?beta=true']);
	});

	test('an injected resolver reaches a gateway by host name', async () => {
		const server = await gateway(healthy);
		const lookup: LookupFunction = (hostname, options, callback) => {
			expect(hostname).toBe('gateway.example.test');
			if (options.all) {
				callback(null, [{address: '127.0.0.1', family: 4}]);
			} else {
				callback(null, '127.0.0.1', 4);
			}
		};

		const report = await probeGateway(target(`http://gateway.example.test:${server.port}`), {timeoutMs: 5000, lookup});
		expect(report.usable).toBe(true);
		expect(server.requests[0]?.headers.host).toBe(`gateway.example.test:${server.port}`);
	});

	test('--live streams a one-token message and so confirms the credential', async () => {
		const server = await gateway({models: 'absent', auth: {style: 'bearer', secret: token}});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.usable).toBe(true);
		const live = report.checks.find(check => check.name === 'live')!;
		expect(live.status).toBe(200);
		expect(live.finding).toEqual({code: 'probe-stream-ok', level: 'ok', message: `POST ${server.url}/v1/messages?beta=true streamed a one-token message (message_start … message_stop)`});
		expect(report.findings.map(finding => finding.message)).not.toContain(expect.stringContaining('--live'));
		expect(report.findings.some(finding => finding.fix?.includes('--live'))).toBe(false);
		const streamed = server.requests.find(request => request.body.includes('"stream":true'))!;
		expect(JSON.parse(streamed.body)).toEqual({model: 'claude-opus-5-5', max_tokens: 1, stream: true, messages: [{role: 'user', content: '.'}]});
	});
});

describe('what goes wrong, and the fix for each', () => {
	test('a host name that does not resolve is a DNS diagnosis', async () => {
		const lookup: LookupFunction = (hostname, _options, callback) => {
			callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {code: 'ENOTFOUND', hostname, syscall: 'getaddrinfo'}), '', 0);
		};

		const report = await probeGateway(target('https://gateway.example.test/anthropic'), {timeoutMs: 5000, lookup});
		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', 'The host name gateway.example.test does not resolve (ENOTFOUND)', 'check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN'],
		]);
		expect(report.checks.map(check => check.status)).toEqual([undefined, undefined, undefined]);
	});

	test('when one lookup fails and the others hang until the timeout, the DNS failure is said once, not three timeouts', async () => {
		let calls = 0;
		const lookup: LookupFunction = (hostname, _options, callback) => {
			calls++;
			if (calls === 1) {
				callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {code: 'ENOTFOUND', hostname, syscall: 'getaddrinfo'}), '', 0);
			}
		};

		const report = await probeGateway(target('https://gateway.example.test'), {timeoutMs: 300, lookup});
		expect(levelsAndMessages(report)).toEqual([
			['error', 'The host name gateway.example.test does not resolve (ENOTFOUND)', 'check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN'],
		]);
	});

	test('a host name whose lookup never answers is a timeout diagnosis within the timeout, not after undici\'s 10 s', async () => {
		const lookup: LookupFunction = () => undefined;
		const started = performance.now();
		const report = await probeGateway(target('https://gateway.example.test'), {timeoutMs: 300, lookup});

		expect(performance.now() - started).toBeLessThan(3000);
		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', 'https://gateway.example.test did not answer within 300 ms', 'check that the gateway is up and reachable, or raise --timeout'],
		]);
	});

	test('a closed port is a connection-refused diagnosis', async () => {
		const port = await closedPort();
		const report = await probeGateway(target(`http://127.0.0.1:${port}`), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `Nothing is listening at 127.0.0.1:${port} (connection refused)`, 'start the gateway, or correct the host and port in ANTHROPIC_BASE_URL'],
		]);
	});

	describe('TLS', () => {
		let certificate: ReturnType<typeof makeSelfSignedCertificate>;
		beforeAll(() => {
			certificate = makeSelfSignedCertificate();
		});

		test('a self-signed certificate is a TLS diagnosis whose fix is NODE_EXTRA_CA_CERTS', async () => {
			const server = await serve(startServer(anthropicGateway(healthy), {tls: certificate}));
			const report = await probeGateway(target(server.url), {timeoutMs: 5000});

			expect(report.usable).toBe(false);
			expect(levelsAndMessages(report)).toEqual([
				['error', `The TLS certificate of 127.0.0.1:${server.port} is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)`, 'set NODE_EXTRA_CA_CERTS=/path/ca.pem to your CA\'s certificate, never NODE_TLS_REJECT_UNAUTHORIZED=0'],
			]);
		});

		test('with NODE_EXTRA_CA_CERTS naming that certificate, the same gateway is usable', async () => {
			const server = await serve(startServer(anthropicGateway(healthy), {tls: certificate}));
			const report = await probeGateway(target(server.url, {env: {NODE_EXTRA_CA_CERTS: certificate.certPath}}), {timeoutMs: 5000});

			expect(report.findings.filter(finding => finding.level !== 'ok')).toEqual([]);
			expect(report.usable).toBe(true);
		});
	});

	test('an unresponsive gateway times out: the checks run in parallel, well under three timeouts', async () => {
		const server = await serve(startUnresponsiveServer());
		const started = performance.now();
		const report = await probeGateway(target(server.url), {timeoutMs: 500, live: true});
		const elapsed = performance.now() - started;

		expect(elapsed).toBeLessThan(4000);
		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `${server.url} did not answer within 500 ms`, 'check that the gateway is up and reachable, or raise --timeout'],
		]);
		expect(report.checks).toHaveLength(4);
		for (const check of report.checks) {
			expect(check.status).toBeUndefined();
			expect(check.ms).toBeGreaterThanOrEqual(450);
		}
	});

	test('an abort ends the probe promptly, with a cancelled finding', async () => {
		const server = await serve(startUnresponsiveServer());
		const controller = new AbortController();
		setTimeout(() => {
			controller.abort();
		}, 100);
		const started = performance.now();
		const report = await probeGateway(target(server.url), {timeoutMs: 10_000, signal: controller.signal});

		expect(performance.now() - started).toBeLessThan(1500);
		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([['error', `The probe of ${server.url} was cancelled`, undefined]]);
	});

	test('a redirect is never followed: the other host receives nothing and the diagnosis names the Location', async () => {
		const elsewhere = await serve(startServer(anthropicGateway(healthy), {host: '127.0.0.2'}));
		const server = await serve(startServer((request, response) => {
			response.writeHead(307, {location: `${elsewhere.url}${request.url}`}).end();
		}));
		const report = await probeGateway(target(server.url, {authToken: undefined, apiKey: token, customHeaders: [{name: 'X-Team', value: 'blue'}]}), {timeoutMs: 5000});

		expect(elsewhere.requests).toEqual([]);
		expect(server.requests).toHaveLength(3);
		expect(report.usable).toBe(false);
		const fix = 'set ANTHROPIC_BASE_URL to the gateway\'s own address: a redirect would carry x-api-key and custom headers to another host';
		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/v1/messages?beta=true redirects (307) to ${elsewhere.url}/v1/messages?beta=true`, fix],
			['warning', `GET ${server.url}/v1/models?limit=1000 redirects (307) to ${elsewhere.url}/v1/models?limit=1000`, fix],
			['warning', `POST ${server.url}/v1/messages/count_tokens redirects (307) to ${elsewhere.url}/v1/messages/count_tokens`, fix],
		]);
	});

	test('a 401 to the bearer token that x-api-key passes names ANTHROPIC_API_KEY', async () => {
		const server = await gateway({...healthy, auth: {style: 'x-api-key', secret: token}});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the token as Authorization: Bearer (401) but accepts it as x-api-key`, 'use ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN (or --secret-file)'],
		]);
		const retry = server.requests.at(-1)!;
		expect([retry.url, retry.headers['x-api-key'], retry.headers.authorization]).toEqual(['/v1/messages?beta=true', token, undefined]);
	});

	test('a 401 to x-api-key that a bearer token passes names ANTHROPIC_AUTH_TOKEN', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(server.url, {authToken: undefined, apiKey: token}), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the key as x-api-key (401) but accepts it as Authorization: Bearer`, 'use ANTHROPIC_AUTH_TOKEN instead of ANTHROPIC_API_KEY'],
		]);
	});

	test('a wrong token, refused in both header styles, is a credential diagnosis', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(server.url, {authToken: 'wrong-token-9876543210'}), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the credential (401: authentication_error: invalid credential)`, 'check the token in ANTHROPIC_AUTH_TOKEN'],
		]);
	});

	test('a 403 is a permission diagnosis', async () => {
		const forbidden = await serve(startServer((_request, response) => {
			sendAnthropicError(response, 403, 'permission_error', 'this key may not use claude-sonnet-4-5');
		}));
		const report = await probeGateway(target(forbidden.url, {authToken: undefined, apiKey: token}), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${forbidden.url} refuses the credential (403: permission_error: this key may not use claude-sonnet-4-5)`, 'check what this credential may do on the gateway, and the custom headers it expects'],
		]);
	});

	test('a wrong base path is a 404 diagnosis that suggests the URL without the path', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(`${server.url}/api`), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/api/v1/messages?beta=true answered 404: no Anthropic Messages endpoint at this base URL`, `try ANTHROPIC_BASE_URL=${server.url} without /api, or the base path the gateway documents for Anthropic's format`],
		]);
		// Asked only because /v1/messages was missing: is it an OpenAI server instead?
		expect(server.requests.map(request => request.url)).toContain('/api/v1/chat/completions');
	});

	test('a 404 at the root base URL says where Claude Code appends its paths', async () => {
		const server = await gateway({...healthy, basePath: '/anthropic'});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/v1/messages?beta=true answered 404: no Anthropic Messages endpoint at this base URL`, 'set ANTHROPIC_BASE_URL to the gateway\'s base path for Anthropic\'s format (Claude Code appends /v1/messages itself)'],
		]);
	});

	test('an OpenAI-format server, known by its 404 error shape, needs a translation layer', async () => {
		const server = await serve(startServer((request, response) => {
			if (request.url === '/v1/models?limit=1000') {
				sendJson(response, 200, {object: 'list', data: [{id: 'gpt-4o', object: 'model'}]});
				return;
			}

			sendJson(response, 404, {error: {message: `Invalid URL (${request.method} ${request.url})`, type: 'invalid_request_error', param: null, code: null}});
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/v1/messages?beta=true answered 404 with an OpenAI-style error: this is an OpenAI-format server`, 'put a translation layer such as LiteLLM or claude-code-router between Claude Code and it'],
			['warning', `GET ${server.url}/v1/models?limit=1000 lists 1 model, none with "claude" or "anthropic" in its ID: discovery shows none`, 'set the model IDs by hand with --model'],
		]);
		expect(report.models).toEqual({visible: [], hidden: [{id: 'gpt-4o'}]});
		expect(server.requests.map(request => request.url)).not.toContain('/v1/chat/completions');
	});

	test('an OpenAI-format server, known by /v1/chat/completions answering, needs a translation layer', async () => {
		const server = await serve(startServer((request, response) => {
			if (request.url === '/v1/chat/completions') {
				sendJson(response, 400, {error: {message: '\'messages\' must contain at least one message', type: 'invalid_request_error'}});
				return;
			}

			response.writeHead(404, {'content-type': 'text/plain'}).end('404 page not found');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/v1/messages?beta=true answered 404 but ${server.url}/v1/chat/completions answers: this is an OpenAI-format server`, 'put a translation layer such as LiteLLM or claude-code-router between Claude Code and it'],
		]);
	});

	test('an HTML login page in the way is a not-JSON diagnosis', async () => {
		const server = await serve(startServer((_request, response) => {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end('<!doctype html><title>Sign in</title><form></form>');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		const fix = 'point ANTHROPIC_BASE_URL at the gateway itself: a login page or a proxy is in the way';
		expect(levelsAndMessages(report)).toEqual([
			['error', `POST ${server.url}/v1/messages?beta=true answered 200 with an HTML page, not JSON`, fix],
			['warning', `GET ${server.url}/v1/models?limit=1000 answered 200 with an HTML page, not JSON`, fix],
			['warning', `POST ${server.url}/v1/messages/count_tokens answered 200 with an HTML page, not JSON`, fix],
		]);
	});

	test('a plain-text answer is a not-JSON diagnosis naming its content type', async () => {
		const server = await serve(startServer((_request, response) => {
			response.writeHead(200, {'content-type': 'text/plain'}).end('OK');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.findings[0]).toEqual({code: 'probe-not-json-page', level: 'error', message: `POST ${server.url}/v1/messages?beta=true answered 200 with text/plain, not JSON`, fix: 'point ANTHROPIC_BASE_URL at the gateway itself: a login page or a proxy is in the way'});
	});

	test('a rejected anthropic-beta header is fixed with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1', async () => {
		const server = await gateway({...healthy, rejectBetas: true});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the anthropic-beta header (400: invalid_request_error: Unexpected value(s) \`${betasFor(clientDefaultModel, false)}\` for the \`anthropic-beta\` header)`, 'set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1'],
		]);
	});

	test('with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS set, the betas Claude Code still sends go out, and the fix moves to the gateway', async () => {
		const server = await gateway({...healthy, rejectBetas: true});
		const report = await probeGateway(target(server.url, {env: {CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1'}}), {timeoutMs: 5000});

		expect(server.requests[0]?.headers['anthropic-beta']).toBe('claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24');
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the anthropic-beta header (400: invalid_request_error: Unexpected value(s) \`${betasFor(clientDefaultModel, true)}\` for the \`anthropic-beta\` header)`, 'make the gateway forward the anthropic-beta header, which Claude Code sends even with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1'],
		]);
	});

	test('a 429 is a rate-limit diagnosis', async () => {
		const server = await serve(startServer((_request, response) => {
			sendAnthropicError(response, 429, 'rate_limit_error', 'Number of requests has exceeded your per-minute rate limit.');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} is rate limiting (429: rate_limit_error: Number of requests has exceeded your per-minute rate limit)`, 'wait and retry, or ask for a higher rate limit on the gateway'],
		]);
	});

	test('a bare 5xx to the free request cannot tell, and names --live', async () => {
		const route = anthropicGateway(healthy);
		const server = await serve(startServer((request, response) => {
			if (request.url === '/v1/messages?beta=true') {
				response.writeHead(502, {'content-type': 'text/plain'}).end('Bad Gateway');
				return;
			}

			route(request, response);
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect([report.verdict, report.usable]).toEqual(['cannot tell', false]);
		expect(levelsAndMessages(report)[0]).toEqual(['warning', `POST ${server.url}/v1/messages?beta=true answered 502: Bad Gateway to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests`, 'run ccgate probe --live to send one real one-token message']);
		expect(formatProbeReport(report).split('\n').at(-1)).toBe('Cannot tell whether the gateway is usable by Claude Code without a real request (--live sends one)');
		expect(probeReportJson(report)).toMatchObject({verdict: 'cannot tell', usable: false});
	});

	test('a stream that breaks before message_stop, and whose non-streamed retry fails too, is a diagnosis', async () => {
		const server = await gateway({...healthy, breakStream: 'cut', failNonStreamed: true});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000, live: true});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['ok', `POST ${server.url}/v1/messages?beta=true answers in Anthropic's format (400 invalid_request_error to max_tokens 0)`, undefined],
			[
				'error',
				`The stream from POST ${server.url}/v1/messages?beta=true broke after content_block_start, before message_stop (ECONNRESET)`,
				'check that every proxy between you and the gateway passes server-sent events through unbuffered',
			],
			['ok', `GET ${server.url}/v1/models?limit=1000 lists 3 models, 2 visible to Claude Code's discovery`, undefined],
			['ok', `POST ${server.url}/v1/messages/count_tokens counts tokens (7 input tokens)`, undefined],
		]);
	});

	test('a stream that stalls, with a failing non-streamed retry, is a diagnosis once the timeout passes', async () => {
		const server = await gateway({...healthy, breakStream: 'stall', failNonStreamed: true});
		const report = await probeGateway(target(server.url), {timeoutMs: 500, live: true});

		expect(report.usable).toBe(false);
		expect(report.checks.find(check => check.name === 'live')?.finding).toEqual({
			code: 'probe-stream-broken',
			level: 'error',
			message: `The stream from POST ${server.url}/v1/messages?beta=true broke after content_block_start, before message_stop (nothing more within 500 ms)`,
			fix: 'check that every proxy between you and the gateway passes server-sent events through unbuffered',
		});
	});

	test('an empty model list is a warning, and the gateway stays usable', async () => {
		const server = await gateway({...healthy, models: []});
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(true);
		expect(report.findings).toContainEqual({code: 'probe-models-empty', level: 'warning', message: `GET ${server.url}/v1/models?limit=1000 lists no models`, fix: 'set the model IDs by hand with --model'});
		expect(report.models).toEqual({visible: [], hidden: []});
	});

	test('HTTP_PROXY is honoured, and NO_PROXY exempts the gateway from it', async () => {
		const server = await gateway(healthy);
		const proxy = await startConnectProxy();
		servers.push(proxy);

		const proxied = await probeGateway(target(server.url, {env: {http_proxy: proxy.url}}), {timeoutMs: 5000});
		expect(proxied.usable).toBe(true);
		expect(proxy.tunnels).toContain(`127.0.0.1:${server.port}`);

		proxy.tunnels.length = 0;
		const direct = await probeGateway(target(server.url, {env: {HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1'}}), {timeoutMs: 5000});
		expect(direct.usable).toBe(true);
		expect(proxy.tunnels).toEqual([]);
	});

	test('a proxy URL without a scheme is refused before any request', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(server.url, {env: {HTTP_PROXY: 'proxy.corp:3128'}}), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', 'HTTP_PROXY "proxy.corp:3128" is not an http:// or https:// URL', 'set HTTP_PROXY=http://proxy.corp:3128'],
		]);
		expect(report.checks).toEqual([]);
		expect(server.requests).toEqual([]);
	});
});

describe('the credential never shows', () => {
	test('the token appears nowhere in the text or JSON report, even when the gateway echoes it', async () => {
		const echo = await gateway({...healthy, echoCredential: true, models: [{id: 'claude-x', display_name: `for ${token}`}]});
		const redirecting = await serve(startServer((_request, response) => {
			response.writeHead(302, {location: `http://127.0.0.2:9/login?key=${token}`}).end();
		}));
		const scenarios: Array<[ProbeTarget, boolean?]> = [
			[target(echo.url)],
			[target(echo.url, {authToken: 'wrong-token-9876543210', apiKey: token})],
			[target(echo.url, {authToken: undefined, apiKey: token}), true],
			[target(echo.url, {authToken: undefined, customHeaders: [{name: 'X-Gateway-Token', value: token}]})],
			[target(redirecting.url, {authToken: undefined, apiKey: token})],
			[target(`http://127.0.0.1:${await closedPort()}`)],
		];
		for (const [scenario, live] of scenarios) {
			// eslint-disable-next-line no-await-in-loop
			const report = await probeGateway(scenario, {timeoutMs: 5000, live});
			expect(formatProbeReport(report)).not.toContain(token);
			expect(JSON.stringify(probeReportJson(report))).not.toContain(token);
		}

		// The echo really happened: without redaction the token would have shown.
		const echoed = await probeGateway(target(echo.url, {authToken: 'wrong-token-9876543210'}), {timeoutMs: 5000});
		expect(echoed.findings[0]?.message).toContain('invalid credential Bearer [redacted]');
	});
});

describe('the report', () => {
	test('the text report has one line per check with its time, the model lists and the verdict', async () => {
		const server = await gateway(healthy);
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(formatProbeReport(report).replaceAll(/ +\d+ ms/g, ' N ms').split('\n')).toEqual([
			'ok       models        GET   /v1/models?limit=1000      200 N ms',
			'ok       count_tokens  POST  /v1/messages/count_tokens  200 N ms',
			'ok       messages      POST  /v1/messages?beta=true     400 N ms',
			'Visible to discovery (2): claude-gw-sonnet (GW Sonnet), bedrock/Anthropic.Claude-3-haiku',
			'Hidden from discovery (1): gpt-4o',
			'The gateway is usable by Claude Code',
		]);
	});

	test('the JSON report holds the verdict, the findings, each check and the models', async () => {
		const port = await closedPort();
		const report = await probeGateway(target(`http://127.0.0.1:${port}`), {timeoutMs: 5000});
		const json = probeReportJson(report) as {usable: boolean; checks: Array<Record<string, unknown>>; models: unknown};

		expect(json.usable).toBe(false);
		expect(json.models).toBeNull();
		expect(json.checks[0]).toMatchObject({name: 'models', method: 'GET', path: '/v1/models?limit=1000', status: null, finding: {level: 'warning'}});
		// A round trip through JSON text, which structuredClone is not.
		// eslint-disable-next-line unicorn/prefer-structured-clone
		expect(JSON.parse(JSON.stringify(json))).toEqual(json);
	});
});

describe('real gateways\' answers, told as they are (issue 10)', () => {
	test('a 400 that is not about max_tokens is read from its body; a wanted header is named once', async () => {
		const server = await serve(startServer((_request, response) => {
			sendJson(response, 400, {status: 'failure', message: 'Either x-portkey-config or x-portkey-provider header is required'});
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} wants a header Claude Code does not send (400: Either x-portkey-config or x-portkey-provider header is required)`, 'add x-portkey-config or x-portkey-provider with --header "x-portkey-provider: VALUE" (it goes into ANTHROPIC_CUSTOM_HEADERS)'],
		]);
	});

	test('any other 400 on messages is its own diagnosis, not "the endpoint exists"', async () => {
		const server = await serve(startServer((request, response) => {
			if (request.url?.startsWith('/v1/messages?')) {
				sendAnthropicError(response, 400, 'invalid_request_error', 'no route for team blue');
				return;
			}

			sendAnthropicError(response, 404, 'not_found_error', 'nope');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(false);
		expect(report.checks.find(check => check.name === 'messages')!.finding).toEqual({
			code: 'probe-bad-request',
			level: 'error',
			message: `POST ${server.url}/v1/messages?beta=true answered 400: invalid_request_error: no route for team blue: the gateway refuses the request Claude Code sends`,
			fix: 'check the custom headers and the model the gateway expects, and its logs',
		});
	});

	test('a 200 to max_tokens 0 is usable, said to have cost a request', async () => {
		const server = await serve(startServer((request, response) => {
			if (request.url?.startsWith('/v1/messages?')) {
				sendJson(response, 200, {id: 'msg_1', type: 'message', role: 'assistant', content: [{type: 'text', text: 'a whole reply'}], model: 'x', stop_reason: 'end_turn', usage: {input_tokens: 1, output_tokens: 3}});
				return;
			}

			sendAnthropicError(response, 404, 'not_found_error', 'nope');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.usable).toBe(true);
		expect(report.findings[0]).toEqual({code: 'probe-messages-generated', level: 'warning', message: `POST ${server.url}/v1/messages?beta=true answered 200 with a generated message to max_tokens 0: a translating gateway passed the invalid request to its provider, so this check cost a request`});
	});

	test.each([
		['text/plain', 'Invalid API key', 'Invalid API key'],
		['text/html', '<html><body><h1>401 Authorization Required</h1></body></html>', undefined],
	])('a 401 in %s is a credential diagnosis, not "a login page is in the way"', async (contentType, body, detail) => {
		const server = await serve(startServer((_request, response) => {
			response.writeHead(401, {'content-type': contentType}).end(body);
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} rejects the credential (401${detail ? `: ${detail}` : ''})`, 'check the token in ANTHROPIC_AUTH_TOKEN'],
		]);
	});

	test('a WAF\'s HTML 403 is named as the credential or a firewall', async () => {
		const server = await serve(startServer((_request, response) => {
			response.writeHead(403, {'content-type': 'text/html'}).end('<!doctype html><title>Request blocked</title>');
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} refuses the request with an HTML page (403): a firewall in front of it, or the credential`, 'check the token in ANTHROPIC_AUTH_TOKEN, and have whoever runs the gateway exempt its /v1/messages path from the firewall\'s request-body inspection (AWS WAF: CrossSiteScripting_Body; ModSecurity: the OWASP CRS body rules)'],
		]);
	});

	test('a redirect to a sign-in page says a login page is in the way', async () => {
		const server = await serve(startServer((_request, response) => {
			response.writeHead(302, {location: 'https://sso.example.com/login?next=%2F'}).end();
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});

		expect(report.findings[0]).toEqual({code: 'probe-redirect-sign-in', level: 'error', message: `POST ${server.url}/v1/messages?beta=true redirects (302) to a sign-in page, https://sso.example.com/login?next=%2F`, fix: 'point ANTHROPIC_BASE_URL at the gateway itself: a login page or a proxy is in the way'});
	});

	test('only secret values are redacted: x-portkey-provider: anthropic stays readable, x-portkey-api-key does not', async () => {
		const server = await serve(startServer((request, response) => {
			sendAnthropicError(response, 403, 'permission_error', `provider anthropic refused key ${request.headers['x-portkey-api-key'] as string}`);
		}));
		const report = await probeGateway(target(server.url, {customHeaders: [{name: 'x-portkey-provider', value: 'anthropic'}, {name: 'x-portkey-api-key', value: 'pk-secret-0123456789'}]}), {timeoutMs: 5000});

		expect(levelsAndMessages(report)).toEqual([
			['error', `The gateway at ${server.url} refuses the credential (403: permission_error: provider anthropic refused key [redacted])`, 'check what this credential may do on the gateway, and the custom headers it expects'],
		]);
	});

	test('escape sequences in model ids and error text never reach the terminal', async () => {
		const osc52 = '\u001B]52;c;ZXZpbA==\u0007';
		const server = await serve(startServer((request, response) => {
			if (request.url?.startsWith('/v1/models')) {
				sendJson(response, 200, {data: [{id: `claude-${osc52}x`, display_name: '\u001B[2J\u001B]0;title\u0007GW'}]});
				return;
			}

			sendAnthropicError(response, 500, 'api_error', `boom ${osc52}\u001B[2J`);
		}));
		const report = await probeGateway(target(server.url), {timeoutMs: 5000});
		const text = `${formatProbeReport(report)}\n${JSON.stringify(report)}`;

		// eslint-disable-next-line no-control-regex -- the control characters are what must not be there
		expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
		expect(report.models!.visible).toEqual([{id: String.raw`claude-\x1b]52;c;ZXZpbA==\x07x`, display_name: String.raw`\x1b[2J\x1b]0;title\x07GW`}]);
		expect(report.findings[0]!.message).toBe(String.raw`POST ${server.url}/v1/messages?beta=true answered 500: api_error: boom \x1b]52;c;ZXZpbA==\x07\x1b[2J to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests`);
	});
});
