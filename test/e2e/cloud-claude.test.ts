import {rmSync} from 'node:fs';
import {afterEach, expect, test} from 'vitest';
import {startBedrockGateway} from '../helpers/bedrock-gateway.js';
import {runClaude} from '../helpers/claude.js';
import {makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import type {CloudGateway} from '../helpers/cloud-gateway.js';
import type {RecordedRequest} from '../helpers/gateway.js';
import {startVertexGateway} from '../helpers/vertex-gateway.js';

// The proof for docs/contract.md §4a: the real client, in its Bedrock or Vertex mode, with nothing but what ccgate wrote.
let gateway: CloudGateway | undefined;
let box: Sandbox | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
	if (box) {
		rmSync(box.home, {recursive: true, force: true});
		box = undefined;
	}
});

async function write(sandbox: Sandbox, args: string[]): Promise<void> {
	const result = await runCcgate(['write', ...args], {env: sandbox.env});
	expect(result).toEqual({stdout: 'Wrote ~/.claude/settings.json.\n', stderr: '', exitCode: 0});
}

function posts(recorded: readonly RecordedRequest[]): RecordedRequest[] {
	const found = recorded.filter(request => request.method === 'POST');
	expect(found.length).toBeGreaterThan(0);
	return found;
}

test('after ccgate write --api bedrock, the real claude -p gets its reply through the Bedrock gateway, with the bearer token, the header and the betas', async () => {
	box = makeSandbox();
	gateway = await startBedrockGateway({auth: {bearer: 'T-bedrock-token'}, basePath: '/bedrock'});
	await write(box, ['--api', 'bedrock', '--base-url', gateway.url, '--auth-token', 'T-bedrock-token', '--header', 'x-tenant: acme']);

	const run = await runClaude({home: box.home, timeoutMs: 40_000});
	expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
	for (const request of posts(gateway.requests)) {
		expect(request.path).toMatch(/^\/bedrock\/model\/us\.anthropic\.claude-[\w.-]+\/invoke-with-response-stream$/);
		expect(request.headers['authorization']).toBe('Bearer T-bedrock-token');
		expect(request.headers['x-tenant']).toBe('acme');
		expect(request.headers['anthropic-beta']).toMatch(/^claude-code-20250219(,[\w-]+)*$/);
		const body = JSON.parse(request.body) as Record<string, unknown>;
		expect(body['anthropic_version']).toBe('bedrock-2023-05-31');
		// The body's list (not the header's, which differs): betas named name-YYYY-MM-DD.
		expect(Array.isArray(body['anthropic_beta'])).toBe(true);
		expect((body['anthropic_beta'] as unknown[]).length).toBeGreaterThan(0);
		for (const beta of body['anthropic_beta'] as unknown[]) {
			expect(beta).toMatch(/^[a-z-]+-\d{4}-\d{2}-\d{2}$/);
		}

		expect(body).not.toHaveProperty('model');
	}
});

test('after ccgate write --api vertex, the real claude -p gets its reply through the Vertex gateway (/v1 base), with the bearer token, the header and the betas', async () => {
	box = makeSandbox();
	gateway = await startVertexGateway({auth: {bearer: 'T-vertex-token'}, basePath: '/vertex_ai/v1', project: 'acme-ml'});
	await write(box, ['--api', 'vertex', '--base-url', gateway.url, '--project', 'acme-ml', '--region', 'us-east5', '--auth-token', 'T-vertex-token', '--header', 'x-tenant: acme']);

	const run = await runClaude({home: box.home, timeoutMs: 40_000});
	expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
	for (const request of posts(gateway.requests)) {
		expect(request.path).toMatch(/^\/vertex_ai\/v1\/projects\/acme-ml\/locations\/us-east5\/publishers\/anthropic\/models\/claude-[\w.@-]+:streamRawPredict$/);
		expect(request.headers['authorization']).toBe('Bearer T-vertex-token');
		expect(request.headers['x-tenant']).toBe('acme');
		expect(request.headers['anthropic-version']).toBe('2023-06-01');
		expect(request.headers['anthropic-beta']).toMatch(/^claude-code-20250219(,[\w-]+)*$/);
		const body = JSON.parse(request.body) as Record<string, unknown>;
		expect(body['anthropic_version']).toBe('vertex-2023-10-16');
		expect(body['stream']).toBe(true);
		expect(body).not.toHaveProperty('model');
	}
});
