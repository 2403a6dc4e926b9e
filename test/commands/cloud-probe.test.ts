import type {ServerResponse} from 'node:http';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {chunkMessage, startBedrockGateway, type BedrockGatewayOptions} from '../helpers/bedrock-gateway.js';
import type {CloudGateway} from '../helpers/cloud-gateway.js';
import type {Sandbox} from '../helpers/cli.js';
import {startVertexGateway, type VertexGatewayOptions} from '../helpers/vertex-gateway.js';
import {closedPort} from '../probe/servers.js';
import {ccgate, ccgateBinary, expectNotPrinted, lines, put, sandbox, userSettingsPath} from './support.js';

// docs/contract.md §6 for the Bedrock and Vertex formats: the probe speaks each one, with the same diagnoses worded for it.
const token = 'T-cloud-probe-token-0123456789';
const binDirectory = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));
const claudeVersion = (JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/@anthropic-ai/claude-code/package.json', import.meta.url)), 'utf8')) as {version: string}).version;

const servers: CloudGateway[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function bedrock(options: BedrockGatewayOptions = {}): Promise<CloudGateway> {
	const started = await startBedrockGateway({auth: {bearer: token}, basePath: '/bedrock', ...options});
	servers.push(started);
	return started;
}

async function vertex(options: VertexGatewayOptions = {}): Promise<CloudGateway> {
	const started = await startVertexGateway({auth: {bearer: token}, basePath: '/vertex_ai/v1', project: 'acme-ml', ...options});
	servers.push(started);
	return started;
}

function withoutTimes(text: string): string[] {
	return lines(text).map(line => line.replace(/ +\d+ ms$/, ' <ms>'));
}

// The client's default model in each format (test/e2e/wire.test.ts records it): Opus 5.5.
const bedrockModelPath = '/model/us.anthropic.claude-opus-5-5';
const vertexModels = '/projects/acme-ml/locations/global/publishers/anthropic/models';

async function probeBedrock(box: Sandbox, url: string, ...extra: string[]) {
	return ccgate(box, ['probe', '--api', 'bedrock', '--base-url', url, '--auth-token', token, ...extra]);
}

async function probeVertex(box: Sandbox, url: string, ...extra: string[]) {
	return ccgate(box, ['probe', '--api', 'vertex', '--base-url', url, '--project', 'acme-ml', '--auth-token', token, ...extra]);
}

/** Answers the streamed request with `write`, everything else as the gateway would. */
function onStream(write: (response: ServerResponse) => void) {
	return (request: {path: string}, response: ServerResponse) => {
		if (!/invoke-with-response-stream|streamRawPredict/.test(request.path)) {
			return false;
		}

		write(response);
		return true;
	};
}

describe('ccgate probe --api bedrock', () => {
	test('a healthy gateway: POST /model/<id>/invoke with max_tokens 0 and the bearer only, exit 0, and --live is named for the credential', async () => {
		const box = sandbox();
		const gw = await bedrock();
		const run = await probeBedrock(box, gw.url);
		expect(run.exitCode).toBe(0);
		expect(withoutTimes(run.stdout)).toEqual([
			`ok       messages      POST  /bedrock${bedrockModelPath}/invoke  400 <ms>`,
			'The gateway is usable by Claude Code',
		]);
		expect(run.stderr).toBe(`warning: Only a real message can confirm the credential for the Bedrock gateway at ${gw.url}: a gateway may refuse max_tokens 0 before it looks at the credential; run the probe with --live to send one real one-token message.\n`);
		const [request] = gw.requests;
		expect(request?.headers['authorization']).toBe(`Bearer ${token}`);
		expect(request?.headers['x-api-key']).toBeUndefined();
		expect(request?.headers['anthropic-version']).toBe('2023-06-01');
		const body = JSON.parse(request!.body) as Record<string, unknown>;
		expect(body).toMatchObject({anthropic_version: 'bedrock-2023-05-31', max_tokens: 0});
		expect(body).not.toHaveProperty('model');
		// The betas split between the header and the body as the client splits them for its default model.
		expect(request?.headers['anthropic-beta']).toBe('claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24');
		expect(body['anthropic_beta']).toEqual(['interleaved-thinking-2025-05-14', 'tool-search-tool-2025-10-19', 'thinking-token-count-2026-05-13']);
	});

	test('--live parses a real event stream (prelude, CRCs, base64 chunks): exit 0, nothing to warn about', async () => {
		const box = sandbox();
		const gw = await bedrock();
		const run = await probeBedrock(box, gw.url, '--live');
		expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({exitCode: 0, stderr: ''});
		expect(withoutTimes(run.stdout)).toEqual([
			`ok       messages      POST  /bedrock${bedrockModelPath}/invoke                       400 <ms>`,
			`ok       live          POST  /bedrock${bedrockModelPath}/invoke-with-response-stream  200 <ms>`,
			'The gateway is usable by Claude Code',
		]);
	});

	test('a dead port: exit 1, nothing listening, fix names ANTHROPIC_BEDROCK_BASE_URL', async () => {
		const box = sandbox();
		const port = await closedPort();
		const run = await probeBedrock(box, `http://127.0.0.1:${port}/bedrock`);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BEDROCK_BASE_URL.\n`);
	});

	test('a 401: exit 1, the credential diagnosis for the Bedrock format, the token never printed', async () => {
		const box = sandbox();
		const gw = await bedrock({auth: {bearer: 'another-token-entirely'}});
		const run = await probeBedrock(box, gw.url);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: The Bedrock gateway at ${gw.url} rejects the credential (401: The security token included in the request is invalid); check the token in ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer).\n`);
		expectNotPrinted(run, token);
	});

	test('a wrong base path: exit 1, the 404 says where the Bedrock root is', async () => {
		const box = sandbox();
		const gw = await bedrock();
		const url = gw.url.replace('/bedrock', '/anthropic');
		const run = await probeBedrock(box, url);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: The Bedrock gateway at ${url} answered 404 to POST /model/<id>/invoke: no Bedrock InvokeModel endpoint at this base URL; set ANTHROPIC_BEDROCK_BASE_URL to the gateway's Bedrock root (LiteLLM: https://HOST:4000/bedrock); Claude Code appends /model/<id>/invoke itself.\n`);
	});

	test('a 401 whose message holds escape sequences and the token: printed escaped and redacted, exit 1', async () => {
		const box = sandbox();
		const gw = await bedrock({handler(_request, response) {
			response.writeHead(401, {'content-type': 'application/json'});
			response.end(JSON.stringify({type: 'error', error: {type: 'authentication_error', message: `bad \u001B]52;c;cHduZWQ=\u0007token ${token}\u001B[2J`}}));
			return true;
		}});
		const run = await probeBedrock(box, gw.url);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: The Bedrock gateway at ${gw.url} rejects the credential (401: authentication_error: bad \\x1b]52;c;cHduZWQ=\\x07token [redacted]\\x1b[2J); check the token in ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer).\n`);
		expectNotPrinted(run, token);
		// eslint-disable-next-line no-control-regex -- the control characters are what must not be there
		expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
	});

	test('an HTML page: exit 1, a login page or proxy in the way of ANTHROPIC_BEDROCK_BASE_URL', async () => {
		const box = sandbox();
		const gw = await bedrock({handler(_request, response) {
			response.writeHead(200, {'content-type': 'text/html'});
			response.end('<!doctype html><title>Sign in</title>');
			return true;
		}});
		const run = await probeBedrock(box, gw.url);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: POST ${gw.url}${bedrockModelPath}/invoke answered 200 with an HTML page, not JSON; point ANTHROPIC_BEDROCK_BASE_URL at the gateway itself: a login page or a proxy is in the way.\n`);
	});

	test('--live catches a broken event stream: a wrong message checksum', async () => {
		const box = sandbox();
		const gw = await bedrock({handler: onStream(response => {
			response.writeHead(200, {'content-type': 'application/vnd.amazon.eventstream'});
			const first = chunkMessage({type: 'message_start', message: {id: 'm', type: 'message', role: 'assistant', content: [], usage: {input_tokens: 1, output_tokens: 1}}});
			const second = chunkMessage({type: 'message_stop'});
			second.writeUInt8(second.readUInt8(second.length - 1) ^ 0xFF, second.length - 1);
			response.end(Buffer.concat([first, second]));
		})});
		const run = await probeBedrock(box, gw.url, '--live');
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: The event stream from POST ${gw.url}${bedrockModelPath}/invoke-with-response-stream is broken: message 2 has a wrong message checksum; check that every proxy between you and the gateway passes the stream through unbuffered.\n`);
	});

	test('--live catches a stream cut off after message_start, and JSON where the event stream belongs', async () => {
		const box = sandbox();
		const cut = await bedrock({handler: onStream(response => {
			response.writeHead(200, {'content-type': 'application/vnd.amazon.eventstream'});
			response.end(chunkMessage({type: 'message_start', message: {id: 'm', type: 'message', role: 'assistant', content: [], usage: {input_tokens: 1, output_tokens: 1}}}));
		})});
		const cutRun = await probeBedrock(box, cut.url, '--live');
		expect(cutRun.exitCode).toBe(1);
		expect(cutRun.stderr).toBe(`error: The stream from POST ${cut.url}${bedrockModelPath}/invoke-with-response-stream broke after message_start, before message_stop (the connection ended); check that every proxy between you and the gateway passes the stream through unbuffered.\n`);

		const json = await bedrock({streamContentType: 'application/json'});
		const jsonRun = await probeBedrock(box, json.url, '--live');
		expect(jsonRun.exitCode).toBe(1);
		expect(jsonRun.stderr).toBe(`error: POST ${json.url}${bedrockModelPath}/invoke-with-response-stream answered application/json instead of an AWS event stream (application/vnd.amazon.eventstream), which Claude Code refuses; make the gateway pass Bedrock's event stream through unchanged.\n`);
	});

	test('a gateway that never answers: exit 1 after --timeout, with the timeout diagnosis', async () => {
		const box = sandbox();
		const gw = await bedrock({handler: () => true});
		const run = await probeBedrock(box, gw.url, '--timeout', '300');
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: ${gw.url} did not answer within 300 ms; check that the gateway is up and reachable, or raise --timeout.\n`);
	});

	test('a configured model goes into the path verbatim, its :0 unescaped, as the client sends an ANTHROPIC_MODEL', async () => {
		const box = sandbox();
		const gw = await bedrock();
		const run = await probeBedrock(box, gw.url, '--model', 'eu.anthropic.claude-opus-4-1-20250805-v1:0');
		expect(run.exitCode).toBe(0);
		expect(gw.requests.map(request => request.path)).toEqual(['/bedrock/model/eu.anthropic.claude-opus-4-1-20250805-v1:0/invoke']);
	});
});

describe('ccgate probe --api vertex', () => {
	test('a healthy gateway: rawPredict and count-tokens:rawPredict below the /v1 base, bearer and x-api-key as the client sends them, exit 0', async () => {
		const box = sandbox();
		const gw = await vertex({auth: {bearer: token}});
		const run = await probeVertex(box, gw.url, '--api-key', 'K-vertex-key-0123456789');
		expect(run.exitCode).toBe(0);
		expect(withoutTimes(run.stdout)).toEqual([
			`ok       count_tokens  POST  /vertex_ai/v1${vertexModels}/count-tokens:rawPredict     200 <ms>`,
			`ok       messages      POST  /vertex_ai/v1${vertexModels}/claude-opus-5-5:rawPredict  400 <ms>`,
			'The gateway is usable by Claude Code',
		]);
		for (const request of gw.requests) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-api-key']).toBe('K-vertex-key-0123456789');
		}

		const messages = gw.requests.find(request => request.path.endsWith(':rawPredict') && !request.path.includes('count-tokens'));
		expect(JSON.parse(messages!.body)).toEqual({anthropic_version: 'vertex-2023-10-16', messages: [{role: 'user', content: '.'}], max_tokens: 0});
	});

	test('--live parses the SSE answer of :streamRawPredict: exit 0', async () => {
		const box = sandbox();
		const gw = await vertex();
		const run = await probeVertex(box, gw.url, '--live');
		expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({exitCode: 0, stderr: ''});
		expect(withoutTimes(run.stdout)[2]).toBe(`ok       live          POST  /vertex_ai/v1${vertexModels}/claude-opus-5-5:streamRawPredict  200 <ms>`);
	});

	test('--live catches a stream that ends before message_stop', async () => {
		const box = sandbox();
		const gw = await vertex({handler: onStream(response => {
			response.writeHead(200, {'content-type': 'text/event-stream'});
			response.end('event: message_start\ndata: {"type":"message_start"}\n\nevent: content_block_start\ndata: {}\n\n');
		})});
		const run = await probeVertex(box, gw.url, '--live');
		expect(run.exitCode).toBe(1);
		expect(run.stderr).toBe(`error: The stream from POST ${gw.url}${vertexModels}/claude-opus-5-5:streamRawPredict broke after content_block_start, before message_stop (the connection ended); check that every proxy between you and the gateway passes the stream through unbuffered.\n`);
	});

	test('a dead port, a 401 and a base URL without /v1: exit 1 each, with the diagnosis', async () => {
		const box = sandbox();
		const port = await closedPort();
		const dead = await probeVertex(box, `http://127.0.0.1:${port}/vertex_ai/v1`);
		expect({exitCode: dead.exitCode, stderr: dead.stderr}).toEqual({exitCode: 1, stderr: `error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_VERTEX_BASE_URL.\n`});

		const refusing = await vertex({auth: {bearer: 'another-token-entirely'}});
		const refused = await probeVertex(box, refusing.url);
		expect({exitCode: refused.exitCode, stderr: refused.stderr}).toEqual({exitCode: 1, stderr: `error: The Vertex gateway at ${refusing.url} rejects the credential (401: Request had invalid authentication credentials); check ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer) and ANTHROPIC_API_KEY (sent as x-api-key).\n`});

		const gw = await vertex();
		const url = gw.url.replace(/\/v1$/, '');
		const wrong = await probeVertex(box, url);
		expect(wrong.exitCode).toBe(1);
		expect(lines(wrong.stderr)).toEqual([
			`error: The Vertex gateway at ${url} answered 404 to POST /projects/<project>/…:rawPredict: no Vertex rawPredict endpoint at this base URL; set ANTHROPIC_VERTEX_BASE_URL to the gateway's Vertex root, ending in /v1 (LiteLLM: https://HOST:4000/vertex_ai/v1); Claude Code appends /projects/<project>/… itself.`,
		]);
	});

	test('a redirect is reported, never followed', async () => {
		const box = sandbox();
		const gw = await vertex({handler(_request, response) {
			response.writeHead(307, {location: 'http://127.0.0.2:9/elsewhere'});
			response.end();
			return true;
		}});
		const run = await probeVertex(box, gw.url);
		expect(run.exitCode).toBe(1);
		expect(lines(run.stderr)[0]).toBe(`error: POST ${gw.url}${vertexModels}/claude-opus-5-5:rawPredict redirects (307) to http://127.0.0.2:9/elsewhere; set ANTHROPIC_VERTEX_BASE_URL to the gateway's own address: a redirect would carry x-api-key and custom headers to another host.`);
	});
});

describe('ccgate write --probe in the pass-through formats', () => {
	test('a usable Bedrock gateway is written; a Vertex gateway that refuses the token is not (exit 1)', async () => {
		const box = sandbox();
		const gw = await bedrock();
		const written = await ccgateBinary(box, ['write', '--probe', '--api', 'bedrock', '--base-url', gw.url, '--auth-token', token]);
		expect(written.exitCode).toBe(0);
		expect(gw.requests.map(request => request.path)).toEqual([`/bedrock${bedrockModelPath}/invoke`]);

		const other = sandbox();
		const refusing = await vertex({auth: {bearer: 'another-token-entirely'}});
		const refused = await ccgateBinary(other, ['write', '--probe', '--api', 'vertex', '--base-url', refusing.url, '--project', 'acme-ml', '--auth-token', token]);
		expect(refused).toEqual({
			stdout: 'Probe: the gateway is not usable by Claude Code.\n',
			stderr: `error: The Vertex gateway at ${refusing.url} rejects the credential (401: Request had invalid authentication credentials); check ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer) and ANTHROPIC_API_KEY (sent as x-api-key).\nerror: Nothing was written to ~/.claude/settings.json, because the gateway is not usable; fix it, or write without --probe.\n`,
			exitCode: 1,
		});
	});
});

async function doctor(box: Sandbox, ...extra: string[]) {
	return ccgate(box, ['doctor', ...extra], {env: {PATH: `${binDirectory}:${box.env['PATH']!}`}});
}

describe('ccgate doctor and show on pass-through configurations', () => {
	test('a healthy Bedrock configuration: exit 0, the gateway is the Bedrock base URL, no switch to remove', async () => {
		const box = sandbox();
		const gw = await bedrock();
		await ccgateBinary(box, ['write', '--api', 'bedrock', '--base-url', gw.url, '--auth-token', token]);
		const run = await doctor(box, '--live');
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toContain('Verdict: ready, the gateway is usable (0 errors, 0 warnings).\n');
		expect(run.stdout).toContain(`\nClaude Code on PATH: ${claudeVersion}\n\nProbe of ${gw.url}\n`);
		expect(run.stdout).toContain('\nFindings\nnone\n');
		expect(run.stdout).not.toContain('remove CLAUDE_CODE_USE_BEDROCK');
	});

	test('a healthy Vertex configuration: exit 0, no switch to remove', async () => {
		const box = sandbox();
		const gw = await vertex();
		await ccgate(box, ['write', '--api', 'vertex', '--base-url', gw.url, '--project', 'acme-ml', '--auth-token', token]);
		const run = await doctor(box);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toContain('Verdict: ready, the gateway is usable (0 errors, 0 warnings). Only --live can tell whether its streamed answers work.\n');
		expect(run.stdout).not.toContain('remove CLAUDE_CODE_USE_VERTEX');
	});

	test('show lists a Bedrock configuration without any finding', async () => {
		const box = sandbox();
		await ccgate(box, ['write', '--api', 'bedrock', '--base-url', 'https://litellm.example.com/bedrock', '--auth-token', token]);
		const run = await ccgate(box, ['show']);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expect(lines(run.stdout).slice(0, 6)).toEqual([
			'KEY                            VALUE                                LAYER  SHADOWS',
			'ANTHROPIC_AUTH_TOKEN           T-cl…6789                            user   -',
			'CLAUDE_CODE_USE_BEDROCK        1                                    user   -',
			'ANTHROPIC_BEDROCK_BASE_URL     https://litellm.example.com/bedrock  user   -',
			'CLAUDE_CODE_SKIP_BEDROCK_AUTH  1                                    user   -',
			'AWS_REGION                     us-east-1                            user   -',
		]);
	});

	test('a switch with no gateway of its own beside an ANTHROPIC_BASE_URL is still flagged, exit 1', async () => {
		const box = sandbox();
		const settings = userSettingsPath(box);
		put(settings, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: token, CLAUDE_CODE_USE_VERTEX: '1'}}));
		const run = await doctor(box);
		expect(run.exitCode).toBe(1);
		expect(run.stdout).toContain(`error: CLAUDE_CODE_USE_VERTEX=1 in user settings (${settings}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_VERTEX from ${settings} to use the gateway.\n`);
	});

	test('a Bedrock gateway without CLAUDE_CODE_SKIP_BEDROCK_AUTH and no AWS credentials is diagnosed with its fix', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://litellm.example.com/bedrock', ANTHROPIC_AUTH_TOKEN: token}}));
		const run = await ccgate(box, ['show']);
		expect(run.stderr).toBe('warning: CLAUDE_CODE_SKIP_BEDROCK_AUTH is not set and no AWS credentials are configured, so Claude Code tries to sign its Bedrock requests itself and fails before reaching the gateway; set CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 (ccgate write --api bedrock) for a gateway that holds the AWS credentials.\n');
	});
});
