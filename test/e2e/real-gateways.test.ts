import {performance} from 'node:perf_hooks';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {CliRun, Sandbox} from '../helpers/cli.js';
import {type ClaudeRun, runClaude} from '../helpers/claude.js';
import {type Gateway, sendError, startGateway} from '../helpers/gateway.js';
import {type OpenAiUpstream, type RealGateway, startClaudeCodeRouter, startOpenAiUpstream, startPortkey} from '../helpers/real-gateways.js';
import {closedPort} from '../probe/servers.js';
import {ccgate, lines, put, sandbox, userSettingsPath} from '../commands/support.js';

/*
The probe against two gateways no one here wrote (claude-code-router 2.0.0, Portkey's gateway 1.15.2),
each in front of a loopback upstream, with the real client as the judge: for every case, `claude -p`
gets a reply exactly when `ccgate probe` says usable, and the probe's diagnosis names the cause and fix.
*/

const reply = 'pong through a real gateway';
const token = 'sk-real-gw-token-0123456789abcdef';

type Row = {name: string; client: string; probe: string; agree: boolean};
const table: Row[] = [];
const started = performance.now();

const servers: Array<{close(): Promise<void>}> = [];
let openAi: OpenAiUpstream;
let router: RealGateway;
let anthropic: Gateway;
let portkey: RealGateway;
let brokenPortkey: RealGateway;

async function keep<T extends {close(): Promise<void>}>(server: Promise<T>): Promise<T> {
	const value = await server;
	servers.push(value);
	return value;
}

beforeAll(async () => {
	openAi = await keep(startOpenAiUpstream(reply));
	anthropic = await keep(startGateway({reply, auth: {apiKey: token}}));
	[router, portkey, brokenPortkey] = await Promise.all([
		keep(startClaudeCodeRouter({upstream: openAi.url, apiKey: token, model: 'claude-gw-sonnet'})),
		keep(startPortkey()),
		keep(startPortkey({nodeServer: 'broken'})),
	]);
}, 60_000);

afterAll(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
	// The agreement table and the time, for the closing note of issue 10.
	console.log(`${table.map(row => `${row.name} | client ${row.client} | probe ${row.probe} | ${row.agree ? 'agree' : 'DISAGREE'}`).join('\n')}\nreal-gateway tests: ${Math.round((performance.now() - started) / 1000)} s`);
});

type Verdicts = {probe: CliRun; claude: ClaudeRun};

/** `ccgate probe` with `flags`, then the real `claude -p` through the settings `ccgate write` makes of the same flags. */
async function probeAndClaude(flags: string[], probeFlags: string[] = []): Promise<Verdicts & {box: Sandbox}> {
	const box = sandbox();
	const probe = await ccgate(box, ['probe', ...flags, ...probeFlags]);
	const write = await ccgate(box, ['write', ...flags]);
	expect(write.exitCode, write.stderr).toBe(0);
	const claude = await runClaude({home: box.home, prompt: 'Reply with one word.', timeoutMs: 60_000});
	return {box, probe, claude};
}

/** Records the row, then asserts the client and the probe agree, and the probe's first diagnosis. */
function expectAgreement(name: string, {probe, claude}: Verdicts, expected: {usable: boolean; stderr: string[]}): void {
	const replied = claude.exitCode === 0 && claude.stdout.includes(reply);
	const usable = probe.exitCode === 0;
	table.push({name, client: replied ? 'reply' : `fails (${claude.stdout.trim().split('\n')[0]})`, probe: usable ? 'usable' : 'not usable', agree: replied === usable});
	expect(replied, claude.stdout + claude.stderr).toBe(expected.usable);
	expect(usable).toBe(expected.usable);
	expect(lines(probe.stdout).at(-1)).toBe(expected.usable ? 'The gateway is usable by Claude Code' : 'The gateway is not usable by Claude Code');
	expect(lines(probe.stderr)).toEqual(expected.stderr);
	expect(probe.stdout + probe.stderr).not.toContain(token);
}

const portkeyHeaders = (upstream: string, provider = 'anthropic') => ['--header', `x-portkey-provider: ${provider}`, '--header', `x-portkey-custom-host: ${upstream}/v1`];

describe('claude-code-router 2.0.0 in front of an OpenAI-format provider', {timeout: 90_000}, () => {
	test('healthy: usable, and the max_tokens 0 check is said to have cost a request', async () => {
		const before = openAi.requests.length;
		const verdicts = await probeAndClaude(['--base-url', router.url, '--auth-token', token]);

		expectAgreement('ccr healthy', verdicts, {usable: true, stderr: [
			`warning: POST ${router.url}/v1/messages?beta=true answered 200 with a generated message to max_tokens 0: a translating gateway passed the invalid request to its provider, so this check cost a request.`,
			`warning: GET ${router.url}/v1/models?limit=1000 answered 404: the gateway lists no models, so discovery finds none; set the model IDs by hand with --model.`,
		]});
		// The router really passed max_tokens 0 on to the provider.
		expect(openAi.requests.slice(before).some(request => (JSON.parse(request.body) as {max_tokens: number}).max_tokens === 0)).toBe(true);
	});

	test('a wrong key, answered 401 in plain text, is a credential diagnosis', async () => {
		const verdicts = await probeAndClaude(['--base-url', router.url, '--auth-token', 'sk-not-the-router-key-0123456789']);

		expectAgreement('ccr wrong key (401 text/plain)', verdicts, {usable: false, stderr: [
			`error: The gateway at ${router.url} rejects the credential (401: Invalid API key); check the token in ANTHROPIC_AUTH_TOKEN.`,
		]});
		expect(verdicts.claude.stdout).toContain('401 Invalid API key');
	});

	test('a base URL ending in /v1 fails, and the probe says that without /v1 it works', async () => {
		const verdicts = await probeAndClaude(['--base-url', `${router.url}/v1`, '--auth-token', token]);

		expectAgreement('ccr base URL + /v1', verdicts, {usable: false, stderr: [
			`error: The base URL ${router.url}/v1 ends in /v1, so Claude Code posts to /v1/v1/messages (404); without /v1 the gateway is usable; use ${router.url}.`,
			`error: POST ${router.url}/v1/v1/messages?beta=true answered 404: no Anthropic Messages endpoint at this base URL; try ANTHROPIC_BASE_URL=${router.url} without /v1, or the base path the gateway documents for Anthropic's format.`,
		]});
	});

	test('a provider that is down', async () => {
		const port = await closedPort();
		const deadRouter = await keep(startClaudeCodeRouter({upstream: `http://127.0.0.1:${port}`, apiKey: token, model: 'claude-gw-sonnet'}));
		const verdicts = await probeAndClaude(['--base-url', deadRouter.url, '--auth-token', token]);

		expect(verdicts.probe.exitCode).toBe(1);
		expectAgreement('ccr provider down', verdicts, {usable: false, stderr: lines(verdicts.probe.stderr)});
		// The gateway's 500 carries its upstream's cause (issue 21.2): named, with the fix for the gateway's operator.
		expect(lines(verdicts.probe.stderr)[0]).toMatch(new RegExp(`^error: POST ${deadRouter.url}/v1/messages\\?beta=true answered 500: .*: the gateway could not reach its upstream provider; have whoever runs the gateway check its upstream provider \\(its address, that it is up, its credential\\)\\.$`));
	});
});

describe('Portkey gateway 1.15.2 in front of an Anthropic-format provider', {timeout: 90_000}, () => {
	test('healthy, with x-portkey-provider (not a secret: printed nowhere as [redacted])', async () => {
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', token, ...portkeyHeaders(anthropic.url)]);

		expectAgreement('portkey healthy', verdicts, {usable: true, stderr: []});
		expect(verdicts.probe.stdout).not.toContain('[redacted]');
	});

	test('healthy, with the key as ANTHROPIC_API_KEY', async () => {
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--api-key', token, ...portkeyHeaders(anthropic.url)]);

		expectAgreement('portkey healthy (x-api-key)', verdicts, {usable: true, stderr: []});
	});

	test('without x-portkey-provider: the header it wants is named, once', async () => {
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', token]);

		expectAgreement('portkey without x-portkey-provider', verdicts, {usable: false, stderr: [
			`error: The gateway at ${portkey.url} wants a header Claude Code does not send (400: Either x-portkey-config or x-portkey-provider header is required); add x-portkey-config or x-portkey-provider with --header "x-portkey-provider: VALUE" (it goes into ANTHROPIC_CUSTOM_HEADERS).`,
		]});
	});

	test('a provider name it does not know', async () => {
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', token, ...portkeyHeaders(anthropic.url, 'antropic')]);

		expectAgreement('portkey unknown provider', verdicts, {usable: false, stderr: [
			`error: POST ${portkey.url}/v1/messages?beta=true answered 400: Invalid provider passed: the gateway refuses the request Claude Code sends; check the custom headers and the model the gateway expects, and its logs.`,
			`warning: GET ${portkey.url}/v1/models?limit=1000 answered 400: Invalid provider passed; check that ANTHROPIC_BASE_URL points at a gateway that speaks Anthropic's Messages API.`,
			`warning: POST ${portkey.url}/v1/messages/count_tokens answered 400: Invalid provider passed; check that ANTHROPIC_BASE_URL points at a gateway that speaks Anthropic's Messages API.`,
		]});
	});

	test('a base URL ending in /v1 works on Portkey (its /v1/* route), with a warning', async () => {
		const verdicts = await probeAndClaude(['--base-url', `${portkey.url}/v1`, '--auth-token', token, ...portkeyHeaders(anthropic.url)]);

		expectAgreement('portkey base URL + /v1', verdicts, {usable: true, stderr: [
			`warning: The base URL ${portkey.url}/v1 ends in /v1, so Claude Code posts to /v1/v1/messages: this gateway answers there, most would not; keep it if the gateway documents it, or try ${portkey.url}.`,
		]});
	});

	test('a wrong key, refused by the provider behind it (Portkey words the refusal differently per endpoint: said once)', async () => {
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', 'sk-not-the-provider-key-0123456789', ...portkeyHeaders(anthropic.url)]);

		expectAgreement('portkey wrong key', verdicts, {usable: false, stderr: [
			`error: The gateway at ${portkey.url} rejects the credential (401: anthropic error: invalid x-api-key or bearer token); check the token in ANTHROPIC_AUTH_TOKEN.`,
		]});
	});

	test('a provider that rejects one of the client\'s newer betas: the client drops it and retries, and so does the probe', async () => {
		const picky = await keep(startGateway({
			reply,
			auth: {apiKey: token},
			handler(request, response) {
				if (!(request.headers['anthropic-beta'] ?? '').includes('per-turn-control-2026-07-01')) {
					return false;
				}

				sendError(response, 400, 'invalid_request_error', 'Unexpected value(s) `per-turn-control-2026-07-01` for the `anthropic-beta` header');
				return true;
			},
		}));
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', token, ...portkeyHeaders(picky.url)]);

		expectAgreement('portkey, provider rejects one beta', verdicts, {usable: true, stderr: [
			`warning: The gateway at ${portkey.url} rejects the anthropic-beta per-turn-control-2026-07-01: Claude Code drops it and sends the request again, which the gateway accepts.`,
		]});
		// The client did: the beta went out, was refused, and the request went again without it.
		const betas = picky.requests.filter(request => request.path === '/v1/messages' && (request.headers['user-agent'] ?? '') === 'node').map(request => request.headers['anthropic-beta'] ?? '');
		expect(betas.some(list => list.includes('per-turn-control-2026-07-01'))).toBe(true);
		expect(betas.some(list => list !== '' && !list.includes('per-turn-control-2026-07-01'))).toBe(true);
	});

	test('a provider that is down', async () => {
		const port = await closedPort();
		const verdicts = await probeAndClaude(['--base-url', portkey.url, '--auth-token', token, ...portkeyHeaders(`http://127.0.0.1:${port}`)]);

		expect(verdicts.probe.exitCode).toBe(1);
		expectAgreement('portkey provider down', verdicts, {usable: false, stderr: lines(verdicts.probe.stderr)});
		// The gateway's 500 carries its upstream's cause (issue 21.2): named, with the fix for the gateway's operator.
		expect(lines(verdicts.probe.stderr)[0]).toMatch(new RegExp(`^error: POST ${portkey.url}/v1/messages\\?beta=true answered 500: .*: the gateway could not reach its upstream provider; have whoever runs the gateway check its upstream provider \\(its address, that it is up, its credential\\)\\.$`));
	});

	test('on @hono/node-server 1.19 its streamed answers break: probe --live says so, as the client finds', async () => {
		const verdicts = await probeAndClaude(['--base-url', brokenPortkey.url, '--auth-token', token, ...portkeyHeaders(anthropic.url)], ['--live']);

		expectAgreement('portkey streaming broken (probe --live)', verdicts, {usable: false, stderr: [
			`error: The streamed POST ${brokenPortkey.url}/v1/messages?beta=true failed on the server (500: Something went wrong); retry later, or check the gateway's logs and its upstream provider.`,
			`warning: GET ${brokenPortkey.url}/v1/models?limit=1000 failed on the server (500: Something went wrong); retry later, or check the gateway's logs and its upstream provider.`,
			`warning: POST ${brokenPortkey.url}/v1/messages/count_tokens failed on the server (500: Something went wrong); retry later, or check the gateway's logs and its upstream provider.`,
		]});
	});

	test('on @hono/node-server 1.19, doctor without --live says that only --live can tell, and with --live finds it', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: brokenPortkey.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: `x-portkey-provider: anthropic\nx-portkey-custom-host: ${anthropic.url}/v1`}}));

		const plain = await ccgate(box, ['doctor']);
		const live = await ccgate(box, ['doctor', '--live']);

		expect(lines(plain.stdout)[0]).toMatch(/^Verdict: ready, the gateway is usable \(0 errors, \d warnings\)\. Only --live can tell whether its streamed answers work\.$/);
		expect(plain.exitCode).toBe(0);
		expect(lines(live.stdout)[0]).toMatch(/^Verdict: Claude Code will not work through this configuration \(1 error, \d warnings\)\.$/);
		expect(live.stdout).toContain(`error: The streamed POST ${brokenPortkey.url}/v1/messages?beta=true failed on the server (500: Something went wrong); retry later, or check the gateway's logs and its upstream provider.`);
		expect(live.exitCode).toBe(1);
		expect(plain.stdout + live.stdout).not.toContain(token);
	});
});
