import {afterAll, describe, type ExpectStatic, test} from 'vitest';
import {runClaude} from '../helpers/claude.js';
import {type Gateway, type RecordedRequest, startGateway} from '../helpers/gateway.js';
import {anthropicVersion, bedrockBetas, betasFor, clientDefaultModel, clientVersion, recordedBetas, userAgents, vertexBetas} from '../../source/probe/wire.js';
import {startBedrockGateway} from '../helpers/bedrock-gateway.js';
import type {CloudGateway} from '../helpers/cloud-gateway.js';
import {startVertexGateway} from '../helpers/vertex-gateway.js';
import {isRemappedLegacyModel, legacyRemapSwitch} from '../../source/core/models.js';
import {ccgate, put, sandbox, userSettingsPath} from '../commands/support.js';

/*
The probe's wire (source/probe/wire.ts) against the real client: for each recorded model, normally and with
CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, `claude -p` and `ccgate probe` go to the same recording loopback
gateway, and must send the same anthropic-beta set, anthropic-version, and user-agent (the probe speaks as
an interactive session: `cli` where `-p` says `sdk-cli`). A new client that changes any of it fails here;
scripts/wire-drift.sh runs this file against the newest client from npm.
*/

const token = 'sk-wire-token-0123456789abcdef';
// One gateway per case: the cases run at the same time (each is mostly waiting for the client), and a gateway's
// recording must hold one case's requests only.
const gateways: Array<Gateway | CloudGateway> = [];

afterAll(async () => {
	await Promise.all(gateways.map(async gateway => gateway.close()));
});

function inference(expect: ExpectStatic, requests: readonly RecordedRequest[], userAgent: (value: string) => boolean): RecordedRequest {
	const found = requests.find(request => request.method === 'POST' && request.path === '/v1/messages?beta=true' && userAgent(request.headers['user-agent'] ?? ''));
	expect(found, requests.map(request => `${request.method} ${request.path} ${request.headers['user-agent']}`).join('\n')).toBeDefined();
	return found!;
}

function betaSet(value: string | undefined): string[] {
	return (value ?? '').split(',').filter(Boolean).sort();
}

// The client's default and every recorded model except its default spelt out (the same lists).
const models = [undefined, ...Object.keys(recordedBetas).filter(model => model !== clientDefaultModel)];

describe.concurrent.each([false, true])('with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=%s', {timeout: 90_000}, disabled => {
	test.for(models.map(model => [model ?? `none configured (${clientDefaultModel})`, model] as const))('model %s: the probe sends what the client sends', async ([_label, model], {expect}) => {
		const gateway = await startGateway({auth: {bearer: token}});
		gateways.push(gateway);
		const box = sandbox();
		const env = {
			ANTHROPIC_BASE_URL: gateway.url,
			ANTHROPIC_AUTH_TOKEN: token,
			...(model && {ANTHROPIC_MODEL: model}),
			// A legacy ID goes out as itself only with the remap switched off (the remap has its own cases below).
			...(model && isRemappedLegacyModel(model) && {[legacyRemapSwitch]: '1'}),
			...(disabled && {CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1'}),
		};
		put(userSettingsPath(box), JSON.stringify({env}));
		const start = gateway.requests.length;

		const claude = await runClaude({home: box.home, prompt: 'Reply with one word.', timeoutMs: 60_000});
		const client = inference(expect, gateway.requests.slice(start), agent => agent.startsWith('claude-cli/'));
		const afterClient = gateway.requests.length;
		const probe = await ccgate(box, ['probe']);
		const probed = inference(expect, gateway.requests.slice(afterClient), agent => agent.startsWith('claude-cli/'));

		expect(claude.exitCode, claude.stdout).toBe(0);
		expect(probe.exitCode, probe.stderr).toBe(0);
		expect(client.headers['anthropic-version']).toBe(anthropicVersion);
		expect(probed.headers['anthropic-version']).toBe(anthropicVersion);
		expect(betaSet(client.headers['anthropic-beta'])).toEqual(betaSet(betasFor(model ?? clientDefaultModel, disabled)));
		expect(betaSet(probed.headers['anthropic-beta'])).toEqual(betaSet(client.headers['anthropic-beta']));
		expect((JSON.parse(client.body) as {model: string}).model).toBe(model ?? clientDefaultModel);
		// Last, so that a newer client (scripts/wire-drift.sh) shows first whether its betas moved, not only its version.
		expect(client.headers['user-agent']).toBe(userAgents.print);
		expect(probed.headers['user-agent']).toBe(userAgents.interactive);
		expect(userAgents.print.replace('sdk-cli', 'cli')).toBe(userAgents.interactive);
		expect(client.headers['user-agent']).toContain(`claude-cli/${clientVersion} `);
	});
});

/*
The model the client asks for (issue 21.1; reference: "Which model the client really asks for"): a legacy Opus ID is
remapped to the opus tier, an alias resolved through its tier's mapping or to the client's own ID for the tier. The
probe must ask for the same model with the same betas, and say which and why where it is not the configured one.
*/
describe.concurrent('the probe asks for the model the client asks for', {timeout: 90_000}, () => {
	const remapped = 'Claude Code asks the gateway for claude-opus-5-5, not the configured claude-opus-4-1: it remaps legacy Opus IDs to the opus tier, its own ID for it (ANTHROPIC_DEFAULT_OPUS_MODEL is not set); set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send claude-opus-4-1.';
	test.for([
		['a legacy ID is remapped to claude-opus-5-5', {ANTHROPIC_MODEL: 'claude-opus-4-1'}, 'claude-opus-5-5', `warning: ${remapped}\n`],
		['a legacy ID with the opus tier mapped goes out as the mapping', {ANTHROPIC_MODEL: 'claude-opus-4-20250514', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-gw-opus'}, 'claude-gw-opus', 'warning: Claude Code asks the gateway for claude-gw-opus, not the configured claude-opus-4-20250514: it remaps legacy Opus IDs to the opus tier, its mapping (ANTHROPIC_DEFAULT_OPUS_MODEL); set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 to send claude-opus-4-20250514.\n'],
		['a legacy ID with CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 goes out as it is', {ANTHROPIC_MODEL: 'claude-opus-4-1', [legacyRemapSwitch]: '1'}, 'claude-opus-4-1', ''],
		['sonnet unmapped asks for claude-sonnet-5-5', {ANTHROPIC_MODEL: 'sonnet'}, 'claude-sonnet-5-5', ''],
		['sonnet mapped asks for its mapping', {ANTHROPIC_MODEL: 'sonnet', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-gw-sonnet'}, 'claude-gw-sonnet', ''],
	] as const)('%s', async ([_label, settings, asked, stderr], {expect}) => {
		const gateway = await startGateway({auth: {bearer: token}});
		gateways.push(gateway);
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, ...settings}}));

		const claude = await runClaude({home: box.home, prompt: 'Reply with one word.', timeoutMs: 60_000});
		const client = inference(expect, gateway.requests, agent => agent.startsWith('claude-cli/'));
		const afterClient = gateway.requests.length;
		const probe = await ccgate(box, ['probe']);
		const probed = inference(expect, gateway.requests.slice(afterClient), agent => agent.startsWith('claude-cli/'));

		expect(claude.exitCode, claude.stdout + claude.stderr).toBe(0);
		expect((JSON.parse(client.body) as {model: string}).model).toBe(asked);
		expect((JSON.parse(probed.body) as {model: string}).model).toBe(asked);
		expect(betaSet(probed.headers['anthropic-beta'])).toEqual(betaSet(client.headers['anthropic-beta']));
		expect(probe.stderr).toBe(stderr);
		expect(probe.exitCode).toBe(0);
	});
});

type CloudCase = {format: 'bedrock' | 'vertex'; model?: string; disabled: boolean};

const cloudCases: CloudCase[] = [
	...(['bedrock', 'vertex'] as const).flatMap(format => [undefined, 'sonnet', 'haiku', 'claude-opus-4-1'].flatMap(model => [false, true].map(disabled => ({format, ...(model && {model}), disabled})))),
	// A configured Bedrock ID with its `:0`, which goes into the path as it is.
	{format: 'bedrock', model: 'us.anthropic.claude-opus-4-1-20250805-v1:0', disabled: false},
];

/** The model in a Bedrock or Vertex path, spelt as sent (the client sends Bedrock's `:0` unescaped): `/model/<id>/invoke…`, `…/models/<id>:rawPredict`. */
function pathModel(path: string): string {
	return (/\/model\/([^/]+)\/invoke/.exec(path) ?? /\/models\/([^/:]+):/.exec(path))?.[1] ?? '';
}

describe.concurrent('Bedrock and Vertex: the default model, and the betas split between header and body as the client splits them', {timeout: 90_000}, () => {
	test.for(cloudCases.map(row => [`${row.format}, model ${row.model ?? 'none configured'}, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=${row.disabled}`, row] as const))('%s', async ([_label, row], {expect}) => {
		const gateway = row.format === 'bedrock'
			? await startBedrockGateway({auth: {bearer: token}, basePath: '/bedrock'})
			: await startVertexGateway({auth: {bearer: token}, basePath: '/vertex_ai/v1', project: 'acme-ml'});
		gateways.push(gateway);
		const box = sandbox();
		const format = row.format === 'bedrock' ? ['--api', 'bedrock', '--region', 'us-east-1'] : ['--api', 'vertex', '--project', 'acme-ml'];
		const write = await ccgate(box, ['write', ...format, '--base-url', gateway.url, '--auth-token', token, ...(row.model ? ['--model', row.model] : [])]);
		expect(write.exitCode, write.stderr).toBe(0);
		const env: Record<string, string> = row.disabled ? {CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS: '1'} : {};

		const claude = await runClaude({home: box.home, prompt: 'Reply with one word.', timeoutMs: 60_000, env});
		const client = gateway.requests.find(request => request.method === 'POST' && /invoke-with-response-stream|:streamRawPredict/.test(request.path));
		expect(client, gateway.requests.map(request => `${request.method} ${request.path}`).join('\n') + claude.stdout + claude.stderr).toBeDefined();
		const afterClient = gateway.requests.length;
		const probe = await ccgate(box, ['probe'], {env});
		const probed = gateway.requests.slice(afterClient).find(request => request.method === 'POST' && /\/invoke$|:rawPredict$/.test(request.path) && !request.path.includes('count-tokens'))!;

		expect(claude.exitCode).toBe(0);
		expect(probe.exitCode, probe.stderr).toBe(0);
		const asked = pathModel(client!.path);
		expect(pathModel(probed.path)).toBe(asked);
		expect(betaSet(probed.headers['anthropic-beta'])).toEqual(betaSet(client!.headers['anthropic-beta']));
		const clientBody = JSON.parse(client!.body) as {anthropic_beta?: string[]};
		const probedBody = JSON.parse(probed.body) as {anthropic_beta?: string[]};
		expect([...probedBody.anthropic_beta ?? []].sort()).toEqual([...clientBody.anthropic_beta ?? []].sort());
		// The recorded lists (source/probe/wire.ts) are the client's.
		if (row.format === 'bedrock') {
			expect(betaSet(client!.headers['anthropic-beta'])).toEqual(betaSet(bedrockBetas(asked, row.disabled).header));
			expect([...clientBody.anthropic_beta ?? []].sort()).toEqual([...bedrockBetas(asked, row.disabled).body].sort());
		} else {
			expect(betaSet(client!.headers['anthropic-beta'])).toEqual(betaSet(vertexBetas(asked, row.disabled)));
			expect(clientBody.anthropic_beta).toBeUndefined();
		}

		if (row.model === undefined) {
			expect(asked).toBe(row.format === 'bedrock' ? 'us.anthropic.claude-opus-5-5' : 'claude-opus-5-5');
		}
	});
});
