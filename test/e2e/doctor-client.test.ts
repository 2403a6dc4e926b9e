import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {startBedrockGateway} from '../helpers/bedrock-gateway.js';
import {claudeBinary} from '../helpers/claude.js';
import type {CliRun, Sandbox} from '../helpers/cli.js';
import {sendError, startGateway} from '../helpers/gateway.js';
import {startVertexGateway} from '../helpers/vertex-gateway.js';
import {ccgate, filesBelow, put, read, sandbox, userSettingsPath} from '../commands/support.js';

/*
`ccgate doctor --client` (issue 21.5): the real client (2.1.328) runs through ccgate's relay to loopback
gateways; the report is asserted whole, with times masked.
*/

const token = 'sk-client-relay-token-0123456789abcdef';
const servers: Array<{close(): Promise<void>}> = [];
afterAll(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function keep<T extends {close(): Promise<void>}>(server: Promise<T>): Promise<T> {
	const value = await server;
	servers.push(value);
	return value;
}

/** A sandbox whose PATH has the pinned client as `claude`, and whose user settings are `env`. */
function clientSandbox(env: Record<string, string>): Sandbox {
	const box = sandbox();
	const bin = path.join(box.home, 'bin');
	mkdirSync(bin);
	symlinkSync(claudeBinary, path.join(bin, 'claude'));
	box.env['PATH'] = `${bin}:/usr/bin:/bin`;
	put(userSettingsPath(box), `${JSON.stringify({env}, undefined, '\t')}\n`, 0o600);
	return box;
}

function masked(text: string): string {
	return text.replaceAll(/ +\d+ ms$/gm, ' N ms');
}

/** Runs `ccgate doctor --client`, and proves that it wrote nothing: every file in HOME as it was. */
async function doctorClient(box: Sandbox): Promise<CliRun> {
	const before = filesBelow(box.home).map(file => [file, read(path.join(box.home, file))]);
	const run = await ccgate(box, ['doctor', '--client'], {env: {TMPDIR: path.join(box.home, 'tmp')}});
	expect(filesBelow(box.home).map(file => [file, read(path.join(box.home, file))])).toEqual(before);
	expect(run.stdout + run.stderr).not.toContain(token);
	return run;
}

describe('doctor --client', {timeout: 90_000}, () => {
	test('a healthy gateway: Claude Code got its answer, and each exchange is listed', async () => {
		const gateway = await keep(startGateway({auth: {bearer: token}}));
		const box = clientSandbox({ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token});
		mkdirSync(path.join(box.home, 'tmp'));

		const run = await doctorClient(box);

		expect(masked(run.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${gateway.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			'POST  /v1/messages?beta=true  claude-opus-5-5  200 N ms',
			'',
			'Claude Code got its answer through the gateway.',
			'',
		].join('\n'));
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		// Every request went through the relay to the gateway, unchanged: the client's own user-agent and token.
		const messages = gateway.requests.filter(request => request.path === '/v1/messages?beta=true');
		expect(messages).toHaveLength(1);
		expect(messages[0]!.headers['authorization']).toBe(`Bearer ${token}`);
		expect(messages[0]!.headers['user-agent']).toMatch(/^claude-cli\/2\.1\.328 /);
	});

	test('a gateway that serves only the configured legacy model: the client\'s remap fails it, and --client names the switch', async () => {
		const gateway = await keep(startGateway({
			auth: {bearer: token},
			handler(request, response) {
				const model = request.method === 'POST' && request.body ? (JSON.parse(request.body) as {model?: string}).model : undefined;
				if (model === undefined || model === 'claude-opus-4-1') {
					return false;
				}

				sendError(response, 404, 'not_found_error', `model: ${model}`);
				return true;
			},
		}));
		const box = clientSandbox({ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_MODEL: 'claude-opus-4-1'});
		mkdirSync(path.join(box.home, 'tmp'));

		const run = await doctorClient(box);

		const notFound = (streamed: string) => `      error: ${streamed}POST ${gateway.url}/v1/messages?beta=true answered 404: not_found_error: model: claude-opus-5-5: the gateway does not know the model claude-opus-5-5; choose a model the gateway serves with --model.`;
		expect(masked(run.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${gateway.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			'POST  /v1/messages?beta=true  claude-opus-5-5  404 N ms',
			notFound('The streamed '),
			// The client's non-streamed retry.
			'POST  /v1/messages?beta=true  claude-opus-5-5  404 N ms',
			notFound(''),
			'',
			'Claude Code said: There\'s an issue with the selected model (claude-opus-5-5). It may not exist or you may not have access to it. Run --model to pick a different model.',
			'Claude Code said: ⚠ claude-opus-4-1 is automatically remapped to Opus 5.5 (the latest Opus). Set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to keep the requested model.',
			'',
			'error: Claude Code asked the gateway for claude-opus-5-5, not the configured claude-opus-4-1: it remaps legacy model IDs to the newest Opus, which the gateway refused; set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send claude-opus-4-1, or have the gateway serve claude-opus-5-5.',
			'',
			'Claude Code did not get its answer through the gateway (exit 1).',
			'',
		].join('\n'));
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(1);
		// The gateway saw the remapped model only: the configured one never went out.
		const asked = gateway.requests.filter(request => request.method === 'POST').map(request => (JSON.parse(request.body) as {model: string}).model);
		expect(new Set(asked)).toEqual(new Set(['claude-opus-5-5']));
	});

	test('the same gateway with CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1: the configured model goes out, and Claude Code gets its answer', async () => {
		const gateway = await keep(startGateway({
			auth: {bearer: token},
			handler(request, response) {
				const model = request.method === 'POST' && request.body ? (JSON.parse(request.body) as {model?: string}).model : undefined;
				if (model === undefined || model === 'claude-opus-4-1') {
					return false;
				}

				sendError(response, 404, 'not_found_error', `model: ${model}`);
				return true;
			},
		}));
		const box = clientSandbox({ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_MODEL: 'claude-opus-4-1', CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP: '1'});
		mkdirSync(path.join(box.home, 'tmp'));

		const run = await doctorClient(box);

		expect(masked(run.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${gateway.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			'POST  /v1/messages?beta=true  claude-opus-4-1  200 N ms',
			'',
			'Claude Code got its answer through the gateway.',
			'',
		].join('\n'));
		expect(run.exitCode).toBe(0);
	});

	test('a gateway that echoes the token in its refusal: the report shows it redacted', async () => {
		const gateway = await keep(startGateway({
			handler(request, response) {
				sendError(response, 401, 'authentication_error', `invalid token ${request.headers['authorization'] ?? ''}`);
				return true;
			},
		}));
		const box = clientSandbox({ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token});
		mkdirSync(path.join(box.home, 'tmp'));

		const run = await doctorClient(box);

		const refused = `      error: The gateway at ${gateway.url} rejects the credential (401: authentication_error: invalid token [redacted]); check the token in ANTHROPIC_AUTH_TOKEN.`;
		expect(masked(run.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${gateway.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			'POST  /v1/messages?beta=true  claude-opus-5-5  401 N ms',
			refused,
			// One retry: doctor --client lets the client retry once (CLAUDE_CODE_MAX_RETRIES=1 unless set).
			'POST  /v1/messages?beta=true  claude-opus-5-5  401 N ms',
			refused,
			'',
			'Claude Code said: Failed to authenticate. API Error: 401 invalid token [redacted]',
			'',
			'Claude Code did not get its answer through the gateway (exit 1).',
			'',
		].join('\n'));
		expect(run.exitCode).toBe(1);
	});

	test('Bedrock and Vertex gateways go through the same relay', async () => {
		const bedrock = await keep(startBedrockGateway({auth: {bearer: token}, basePath: '/bedrock'}));
		const vertex = await keep(startVertexGateway({auth: {bearer: token}, basePath: '/vertex_ai/v1', project: 'acme-ml'}));
		const bedrockBox = sandbox();
		const vertexBox = sandbox();
		for (const [box, args] of [
			[bedrockBox, ['--api', 'bedrock', '--base-url', bedrock.url, '--auth-token', token]],
			[vertexBox, ['--api', 'vertex', '--base-url', vertex.url, '--project', 'acme-ml', '--region', 'us-east5', '--auth-token', token]],
		] as const) {
			// eslint-disable-next-line no-await-in-loop
			expect((await ccgate(box, ['write', ...args])).exitCode).toBe(0);
			const bin = path.join(box.home, 'bin');
			mkdirSync(bin);
			mkdirSync(path.join(box.home, 'tmp'));
			symlinkSync(claudeBinary, path.join(bin, 'claude'));
			box.env['PATH'] = `${bin}:/usr/bin:/bin`;
		}

		const [bedrockRun, vertexRun] = await Promise.all([doctorClient(bedrockBox), doctorClient(vertexBox)]);

		expect(masked(bedrockRun.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${bedrock.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			// The AWS SDK's listing, sent without the bearer token: the client goes on without it.
			'GET   /inference-profiles?type=SYSTEM_DEFINED                          -                             401 N ms',
			`      warning: GET ${bedrock.url}/inference-profiles?type=SYSTEM_DEFINED answered 401: The security token included in the request is invalid although other requests accepted the credential; allow this endpoint for the credential on the gateway.`,
			'POST  /model/us.anthropic.claude-opus-5-5/invoke-with-response-stream  us.anthropic.claude-opus-5-5  200 N ms',
			'',
			'Claude Code got its answer through the gateway.',
			'',
		].join('\n'));
		expect(masked(vertexRun.stdout)).toBe([
			`This runs claude -p once, through a loopback relay to ${vertex.url}: it spends one real request.`,
			'',
			'Exchanges through the relay (method, path, model, status, time)',
			'POST  /projects/acme-ml/locations/us-east5/publishers/anthropic/models/claude-opus-5-5:streamRawPredict  claude-opus-5-5  200 N ms',
			'',
			'Claude Code got its answer through the gateway.',
			'',
		].join('\n'));
		// Both gateways got the client's requests, with its token, through the relay.
		for (const gateway of [bedrock, vertex]) {
			expect(gateway.requests.filter(request => request.method === 'POST').map(request => request.headers['authorization'])).toEqual([`Bearer ${token}`]);
		}

		expect([bedrockRun.exitCode, vertexRun.exitCode]).toEqual([0, 0]);
	});

	test('with --json or --live: exit 2, one sentence, and the client is not run', async () => {
		const box = sandbox();
		box.env['PATH'] = path.join(box.home, 'empty');

		expect(await ccgate(box, ['doctor', '--client', '--json'])).toEqual({stdout: '', stderr: 'error: ccgate doctor --client takes no --json: it reports what the client did, as text; run ccgate doctor --client alone.\n', exitCode: 2});
		expect(await ccgate(box, ['doctor', '--client', '--live'])).toEqual({stdout: '', stderr: 'error: ccgate doctor --client takes no --live: it reports what the client did, as text; run ccgate doctor --client alone.\n', exitCode: 2});
	});

	test('without claude on PATH: exit 2, one sentence', async () => {
		const box = sandbox();
		box.env['PATH'] = path.join(box.home, 'empty');
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['doctor', '--client']);

		expect(run).toEqual({stdout: '', stderr: 'error: ccgate doctor --client runs Claude Code, and no claude command is on PATH; install Claude Code, or add the folder of its claude command to PATH.\n', exitCode: 2});
	});
});

