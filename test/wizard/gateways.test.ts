import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {startBedrockGateway} from '../helpers/bedrock-gateway.js';
import {runClaude} from '../helpers/claude.js';
import {ccgateBin, makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import type {CloudGateway} from '../helpers/cloud-gateway.js';
import {defaultReply, type Gateway, type RecordedRequest} from '../helpers/gateway.js';
import {startImitation} from '../helpers/preset-gateways.js';
import {startVertexGateway} from '../helpers/vertex-gateway.js';
import {TerminalSession} from './tmux.js';

/*
The wizard's "Which gateway?" and format questions in a real terminal (tmux, CI=true), and the real claude -p
(pinned, temporary HOME) using what the wizard wrote, against loopback gateways. Run `npx tsup` first (npm test does).
*/

let session: TerminalSession | undefined;
let gateway: Gateway | CloudGateway | undefined;
afterEach(async () => {
	session?.kill();
	session = undefined;
	await gateway?.close();
	gateway = undefined;
});

function startCcgate(sandbox: Sandbox): TerminalSession {
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home});
	return session;
}

function userSettings(sandbox: Sandbox): unknown {
	return JSON.parse(readFileSync(path.join(sandbox.home, '.claude', 'settings.json'), 'utf8'));
}

/** The answers after the endpoint: a bearer token kept in the settings file, the headers given, no model; the probe must say usable; written to user settings. */
async function credentialToWrite(terminal: TerminalSession, token: string, headers: readonly string[] = []): Promise<void> {
	await terminal.until('How does the gateway want the credential?');
	terminal.press('Enter');
	await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
	terminal.type(token);
	terminal.press('Enter');
	await terminal.until('Where should the token live?');
	terminal.press('Enter');
	await terminal.until('Headers sent with every request');
	for (const [index, header] of headers.entries()) {
		// After a header is added the selection is on Continue; Add is just above it.
		terminal.press(...(index === 0 ? [] : ['Up']), 'Enter');
		terminal.type(header);
		terminal.press('Enter');
		// eslint-disable-next-line no-await-in-loop
		await terminal.until(`  ${header}`);
	}

	terminal.press(...(headers.length === 0 ? ['Down'] : []), 'Enter');
	await terminal.until('4/7 Models and discovery');
	terminal.press('Enter');
	await terminal.until('✓ The gateway is usable by Claude Code.');
	terminal.press('Enter');
	await terminal.until('Where should the configuration go?');
	terminal.press('Enter');
	await terminal.until('Enter write');
	terminal.press('Enter');
	await terminal.until('✓ Wrote ~/.claude/settings.json.');
	terminal.press('Enter');
	await terminal.until('[exit 0]');
}

function posts(recorded: readonly RecordedRequest[]): RecordedRequest[] {
	// The client's own requests: the wizard's probe ran before the file was written and is cleared first.
	const found = recorded.filter(request => request.method === 'POST');
	expect(found.length).toBeGreaterThan(0);
	return found;
}

describe('"Which gateway?" in a real terminal', () => {
	test('issue 13 point 5: choosing LiteLLM, pointing its prefilled URL at the proxy and typing only a token writes a config the real claude uses', async () => {
		const token = 'sk-litellm-virtual-key-0123';
		gateway = await startImitation('litellm', {credential: token});
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await terminal.until('Which gateway?');
		terminal.type('unified');
		await terminal.until('❯ LiteLLM (unified endpoint)');
		terminal.press('Enter');
		// The preset's documented default is in the field, and its note is said once.
		await terminal.until('❯ http://localhost:4000');
		expect(terminal.visibleScreen()).toContain('note: the base URL is your proxy\'s own address, and the token a LiteLLM virtual key.');
		terminal.press('C-u');
		terminal.type(gateway.url);
		terminal.press('Enter');
		await credentialToWrite(terminal, token);
		expect(userSettings(sandbox)).toEqual({env: {ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token}});

		gateway.requests.splice(0);
		const claude = await runClaude({home: sandbox.home, prompt: 'Say hello'});
		expect(claude.stdout).toContain(defaultReply);
		for (const request of posts(gateway.requests)) {
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
		}
	}, 120_000);
});

describe('the API format question in a real terminal', () => {
	test('issue 11 point 1: Other → Bedrock, the region left at us-east-1: the real claude -p gets its reply through the Bedrock gateway with Bearer T, the header and the betas', async () => {
		const token = 'T-bedrock-token';
		const bedrock = await startBedrockGateway({auth: {bearer: token}, basePath: '/bedrock'});
		gateway = bedrock;
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await terminal.until('Which gateway?');
		terminal.type('other');
		await terminal.until('Filter: other');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		terminal.press('Down');
		await terminal.until('❯ Bedrock');
		terminal.press('Enter');
		await terminal.until('(ANTHROPIC_BEDROCK_BASE_URL)');
		terminal.type(bedrock.url);
		terminal.press('Enter');
		await terminal.until('The AWS region (AWS_REGION): us-east-1 unless the gateway wants another.');
		expect(terminal.visibleScreen()).toContain('❯ us-east-1');
		terminal.press('Enter');
		await credentialToWrite(terminal, token, ['x-tenant: acme']);
		expect(userSettings(sandbox)).toEqual({env: {
			CLAUDE_CODE_USE_BEDROCK: '1',
			ANTHROPIC_BEDROCK_BASE_URL: bedrock.url,
			CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
			AWS_REGION: 'us-east-1',
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme',
		}});

		bedrock.requests.splice(0);
		const run = await runClaude({home: sandbox.home, timeoutMs: 40_000});
		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		for (const request of posts(bedrock.requests)) {
			expect(request.path).toMatch(/^\/bedrock\/model\/us\.anthropic\.claude-[\w.-]+\/invoke-with-response-stream$/);
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-tenant']).toBe('acme');
			expect(request.headers['anthropic-beta']).toMatch(/^claude-code-20250219(,[\w-]+)*$/);
			const body = JSON.parse(request.body) as Record<string, unknown>;
			expect(body['anthropic_version']).toBe('bedrock-2023-05-31');
			expect((body['anthropic_beta'] as unknown[]).length).toBeGreaterThan(0);
		}
	}, 120_000);

	test('issue 11 point 1: Other → Vertex with region us-east5 and project acme-ml: the real claude -p gets its reply through the Vertex gateway with Bearer T, the header and the betas', async () => {
		const token = 'T-vertex-token';
		const vertex = await startVertexGateway({auth: {bearer: token}, basePath: '/vertex_ai/v1', project: 'acme-ml'});
		gateway = vertex;
		const sandbox = makeSandbox();
		const terminal = startCcgate(sandbox);
		await terminal.until('Which gateway?');
		terminal.type('other');
		await terminal.until('Filter: other');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		terminal.press('Down', 'Down');
		await terminal.until('❯ Vertex');
		terminal.press('Enter');
		await terminal.until('(ANTHROPIC_VERTEX_BASE_URL)');
		terminal.type(vertex.url);
		terminal.press('Enter');
		await terminal.until('The Google Cloud region (CLOUD_ML_REGION): global unless the gateway wants another.');
		terminal.press('C-u');
		terminal.type('us-east5');
		terminal.press('Enter');
		await terminal.until('The Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID)');
		// No project, no request path: Enter is refused with the reason.
		terminal.press('Enter');
		await terminal.until('✗ A Vertex gateway needs the Google Cloud project ID');
		terminal.type('acme-ml');
		terminal.press('Enter');
		await credentialToWrite(terminal, token, ['x-tenant: acme']);
		expect(userSettings(sandbox)).toEqual({env: {
			CLAUDE_CODE_USE_VERTEX: '1',
			ANTHROPIC_VERTEX_BASE_URL: vertex.url,
			CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
			CLOUD_ML_REGION: 'us-east5',
			ANTHROPIC_VERTEX_PROJECT_ID: 'acme-ml',
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme',
		}});

		vertex.requests.splice(0);
		const run = await runClaude({home: sandbox.home, timeoutMs: 40_000});
		expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
		for (const request of posts(vertex.requests)) {
			expect(request.path).toMatch(/^\/vertex_ai\/v1\/projects\/acme-ml\/locations\/us-east5\/publishers\/anthropic\/models\/claude-[\w.@-]+:(?:streamRawPredict|rawPredict)$/);
			expect(request.headers['authorization']).toBe(`Bearer ${token}`);
			expect(request.headers['x-tenant']).toBe('acme');
		}

		const streamed = vertex.requests.filter(request => request.path.endsWith(':streamRawPredict'));
		expect(streamed.length).toBeGreaterThan(0);
		for (const request of streamed) {
			expect(request.headers['anthropic-beta']).toMatch(/^claude-code-20250219(,[\w-]+)*$/);
			expect((JSON.parse(request.body) as Record<string, unknown>)['anthropic_version']).toBe('vertex-2023-10-16');
		}
	}, 120_000);

	test.each([
		{format: 'Bedrock', args: ['--api', 'bedrock', '--base-url', 'http://127.0.0.1:4000/bedrock', '--region', 'us-west-2'], fields: ['❯ http://127.0.0.1:4000/bedrock', '❯ us-west-2']},
		{format: 'Vertex', args: ['--api', 'vertex', '--base-url', 'http://127.0.0.1:4000/vertex_ai/v1', '--region', 'europe-west1', '--project', 'acme-ml'], fields: ['❯ http://127.0.0.1:4000/vertex_ai/v1', '❯ europe-west1', '❯ acme-ml']},
	])('issue 11 point 5: editing a $format config starts on that format, every field filled', async ({format, args, fields}) => {
		const sandbox = makeSandbox();
		mkdirSync(path.join(sandbox.home, '.claude'), {recursive: true});
		const written = await runCcgate(['write', ...args, '--auth-token', 'T-old-token-0000'], {env: sandbox.env});
		expect(written.exitCode).toBe(0);
		const before = readFileSync(path.join(sandbox.home, '.claude', 'settings.json'), 'utf8');
		const terminal = startCcgate(sandbox);
		await terminal.until('❯ Edit the current config');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		expect(terminal.visibleScreen()).toContain(`❯ ${format}`);
		for (const field of fields) {
			terminal.press('Enter');
			// eslint-disable-next-line no-await-in-loop
			await terminal.until(field);
		}

		terminal.press('Enter');
		await terminal.until('How does the gateway want the credential?');
		terminal.press('Enter');
		await terminal.until('❯ [T-ol…0000]');
		terminal.press('C-c');
		await terminal.until('[exit 130]');
		expect(readFileSync(path.join(sandbox.home, '.claude', 'settings.json'), 'utf8')).toBe(before);
	}, 60_000);
});
