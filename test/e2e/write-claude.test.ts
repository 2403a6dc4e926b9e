import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {afterEach, expect, test} from 'vitest';
import {claudeBinary, readGatewayModelsCache, runClaude, waitFor} from '../helpers/claude.js';
import {makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';

// The proof that ccgate's output works: the real Claude Code client, with nothing but ccgate's files.
let gateway: Gateway | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
});

function inference(gw: Gateway) {
	const messages = gw.requests.filter(request => request.method === 'POST' && request.path.startsWith('/v1/messages'));
	expect(messages.length).toBeGreaterThan(0);
	return messages;
}

async function write(sandbox: Sandbox, args: string[], input?: string) {
	const result = await runCcgate(['write', ...args], {env: sandbox.env, ...(input === undefined ? {} : {input})});
	expect(result.stderr).toBe('');
	expect(result.exitCode).toBe(0);
	return result;
}

test('after ccgate write, the real claude -p reaches the gateway with the token and header, and discovery keeps only Claude models', async () => {
	const sandbox = makeSandbox();
	let cacheSeen = false;
	gateway = await startGateway({
		auth: {bearer: 'T-e2e-token'},
		async handler(request) {
			// Discovery is fire-and-forget: hold the answer until Claude Code has cached the model list.
			if (request.path.startsWith('/v1/messages')) {
				cacheSeen = await waitFor(async () => (await readGatewayModelsCache(sandbox.home)) !== undefined, {timeoutMs: 5000});
			}

			return false;
		},
	});
	await write(sandbox, ['--base-url', gateway.url, '--auth-token', 'T-e2e-token', '--header', 'x-tenant: acme', '--discovery']);

	const run = await runClaude({home: sandbox.home});
	expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
	for (const request of inference(gateway)) {
		expect(request.headers['authorization']).toBe('Bearer T-e2e-token');
		expect(request.headers['x-tenant']).toBe('acme');
	}

	expect(cacheSeen).toBe(true);
	const cache = await readGatewayModelsCache(sandbox.home);
	expect(cache?.baseUrl).toBe(gateway.url);
	expect(cache?.models).toEqual([{id: 'claude-gw-sonnet', display_name: 'GW Sonnet'}]);
});

test('after ccgate write --to shell, a real bash sourcing the profile runs claude -p against the gateway', async () => {
	const sandbox = makeSandbox();
	gateway = await startGateway({auth: {bearer: 'T-shell-token'}});
	await runCcgate(['write', '--to', 'shell', '--shell', 'bash', '--base-url', gateway.url, '--auth-token', 'T-shell-token', '--header', 'x-tenant: shell'], {env: sandbox.env});
	const bashrc = readFileSync(path.join(sandbox.home, '.bashrc'), 'utf8');
	expect(bashrc).not.toContain('T-shell-token');

	const run = await execa('bash', ['-c', '. "$HOME/.bashrc" && exec "$CLAUDE" -p "Say hello."'], {
		cwd: sandbox.home,
		extendEnv: false,
		env: {PATH: process.env['PATH'], HOME: sandbox.home, CLAUDE: claudeBinary, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0'},
		reject: false,
		timeout: 20_000,
	});
	expect(run.stdout).toBe('pong from gateway');
	expect(run.exitCode).toBe(0);
	for (const request of inference(gateway)) {
		expect(request.headers['authorization']).toBe('Bearer T-shell-token');
		expect(request.headers['x-tenant']).toBe('shell');
	}
});

test('after ccgate write --api-key, claude -p sends the key as x-api-key', async () => {
	const sandbox = makeSandbox();
	gateway = await startGateway({auth: {apiKey: 'K-e2e-key'}});
	const result = await runCcgate(['write', '--base-url', gateway.url, '--api-key', 'K-e2e-key'], {env: sandbox.env});
	expect(result.exitCode).toBe(0);
	expect(result.stderr).toBe('warning: ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored; use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key.\n');

	const run = await runClaude({home: sandbox.home});
	expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
	for (const request of inference(gateway)) {
		expect(request.headers['x-api-key']).toBe('K-e2e-key');
	}
});

test('after ccgate write --secret-file, the settings file holds no secret and claude -p still sends it', async () => {
	const sandbox = makeSandbox();
	gateway = await startGateway({auth: {apiKey: 'K-secret-file-key'}});
	await write(sandbox, ['--base-url', gateway.url, '--token-stdin', '--auth-style', 'x-api-key', '--secret-file'], 'K-secret-file-key\n');
	const settingsFile = path.join(sandbox.home, '.claude', 'settings.json');
	const settings = readFileSync(settingsFile, 'utf8');
	expect(settings).not.toContain('K-secret-file-key');
	const {apiKeyHelper} = JSON.parse(settings) as {apiKeyHelper: string};
	// Written from $HOME, so the settings file works for another home folder; Claude Code's shell expands it.
	const relative = /^cat "\$HOME"'(.+)'$/.exec(apiKeyHelper)?.[1];
	expect(relative).toBeDefined();
	const secretFile = path.join(sandbox.home, relative!);
	expect(path.dirname(secretFile)).toBe(path.join(sandbox.ccgateDirectory, 'secrets'));
	expect(statSync(secretFile).mode & 0o777).toBe(0o600);
	expect(readFileSync(secretFile, 'utf8')).toBe('K-secret-file-key');

	const run = await runClaude({home: sandbox.home});
	expect(run).toEqual({stdout: 'pong from gateway\n', stderr: '', exitCode: 0});
	for (const request of inference(gateway)) {
		expect(request.headers['x-api-key']).toBe('K-secret-file-key');
	}
});
