import {afterEach, describe, expect, test} from 'vitest';
import type {CliRun, Sandbox} from '../helpers/cli.js';
import {type ClaudeRun, runClaude} from '../helpers/claude.js';
import {type Gateway, type GatewayOptions, sendError, sendJson, startGateway} from '../helpers/gateway.js';
import {closedPort, startServer} from '../probe/servers.js';
import {ccgate, lines, sandbox} from '../commands/support.js';

/*
The probe's verdict is only worth something if the real client agrees with it. Each case probes a
loopback server with `ccgate probe`, writes the same values with `ccgate write` into the sandbox's HOME,
and runs the real `claude -p` there.
*/

const token = 'sk-gw-agree-token-0123456789abcdef';
const reply = 'pong from the probed gateway';

const servers: Array<{close(): Promise<void>}> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

async function gateway(options: GatewayOptions): Promise<Gateway> {
	const started = await startGateway(options);
	servers.push(started);
	return started;
}

type Verdicts = {probe: CliRun; write: CliRun; claude: ClaudeRun};

/** `ccgate probe`, then `ccgate write` of the same values, then `claude -p` through the settings written. */
async function probeThenClaude(box: Sandbox, baseUrl: string): Promise<Verdicts> {
	const flags = ['--base-url', baseUrl, '--auth-token', token];
	const probe = await ccgate(box, ['probe', ...flags]);
	const write = await ccgate(box, ['write', ...flags]);
	// No retries: a failure then shows at once instead of after the client's back-off; the outcome is the same.
	const claude = await runClaude({home: box.home, prompt: 'Reply with one word.', env: {CLAUDE_CODE_MAX_RETRIES: '0'}});
	return {probe, write, claude};
}

function expectUsable({probe, write, claude}: Verdicts): void {
	expect(probe.exitCode).toBe(0);
	expect(lines(probe.stdout).at(-1)).toBe('The gateway is usable by Claude Code');
	expect(write.exitCode).toBe(0);
	expect(claude.stdout).toContain(reply);
	expect(claude.exitCode).toBe(0);
}

function expectUnusable({probe, write, claude}: Verdicts, diagnosis: string): void {
	expect(probe.exitCode).toBe(1);
	expect(lines(probe.stdout).at(-1)).toBe('The gateway is not usable by Claude Code');
	expect(lines(probe.stderr)).toContain(diagnosis);
	expect(write.exitCode).toBe(0);
	expect(claude.stdout).not.toContain(reply);
	expect(claude.exitCode).not.toBe(0);
}

describe('where the probe says usable, claude -p gets the gateway\'s answer', () => {
	test('a healthy gateway', async () => {
		const box = sandbox();
		const server = await gateway({reply, auth: {bearer: token}});

		const verdicts = await probeThenClaude(box, server.url);

		expectUsable(verdicts);
		expect(verdicts.probe.stderr).toBe('');
		expect(server.requests.some(request => request.path === '/v1/messages?beta=true' && JSON.parse(request.body).max_tokens > 0)).toBe(true);
	});

	test('a gateway under a base path that serves only /v1/messages (usable, with warnings)', async () => {
		const box = sandbox();
		const server = await gateway({
			reply,
			basePath: '/anthropic',
			auth: {bearer: token},
			handler(request, response) {
				if (request.path.startsWith('/anthropic/v1/messages?') || request.path === '/anthropic/v1/messages') {
					return false;
				}

				sendError(response, 404, 'not_found_error', `Not found: ${request.method} ${request.path}`);
				return true;
			},
		});

		const verdicts = await probeThenClaude(box, server.url);

		expectUsable(verdicts);
		expect(lines(verdicts.probe.stderr).every(line => line.startsWith('warning: '))).toBe(true);
		expect(lines(verdicts.probe.stderr)).toHaveLength(3);
	});
});

describe('where the probe says unusable, claude -p fails too', () => {
	test('a redirect to another host (which wants the token)', async () => {
		const box = sandbox();
		// The other host is a working gateway that checks the token: Claude Code follows the redirect but drops Authorization.
		const elsewhere = await gateway({host: '127.0.0.2', reply, auth: {bearer: token}});
		const server = await startServer((request, response) => {
			response.writeHead(307, {location: `${elsewhere.url}${request.url}`});
			response.end();
		});
		servers.push(server);

		const verdicts = await probeThenClaude(box, server.url);

		expectUnusable(verdicts, `error: POST ${server.url}/v1/messages?beta=true redirects (307) to ${elsewhere.url}/v1/messages?beta=true; set ANTHROPIC_BASE_URL to the gateway's own address: a redirect would carry x-api-key and custom headers to another host.`);
	});

	test('an OpenAI-format server', async () => {
		const box = sandbox();
		const server = await startServer((request, response) => {
			if (request.url === '/v1/chat/completions') {
				sendJson(response, 400, {error: {message: '[] is too short - \'messages\'', type: 'invalid_request_error', param: 'messages', code: null}});
				return;
			}

			sendJson(response, 404, {error: {message: `Invalid URL (${request.method} ${request.url.replace(/\?.*$/, '')})`, type: 'invalid_request_error', param: null, code: null}});
		});
		servers.push(server);

		const verdicts = await probeThenClaude(box, server.url);

		expectUnusable(verdicts, `error: POST ${server.url}/v1/messages?beta=true answered 404 with an OpenAI-style error: this is an OpenAI-format server; put a translation layer such as LiteLLM or claude-code-router between Claude Code and it.`);
		// The client did reach it, and was refused: the failure is the format, not the network.
		expect(server.requests.some(request => request.url === '/v1/messages?beta=true')).toBe(true);
	});

	test('a gateway that refuses the token', async () => {
		const box = sandbox();
		const server = await gateway({reply, auth: {bearer: 'the-gateway-wants-another-token'}});

		const verdicts = await probeThenClaude(box, server.url);

		expectUnusable(verdicts, `error: The gateway at ${server.url} rejects the credential (401: authentication_error: invalid x-api-key or bearer token); check the token in ANTHROPIC_AUTH_TOKEN.`);
	});

	test('nothing listening', async () => {
		const box = sandbox();
		const port = await closedPort();

		const verdicts = await probeThenClaude(box, `http://127.0.0.1:${port}`);

		expectUnusable(verdicts, `error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BASE_URL.`);
	});
});
