import {afterAll, describe, type ExpectStatic, test} from 'vitest';
import {runClaude} from '../helpers/claude.js';
import {type Gateway, type RecordedRequest, startGateway} from '../helpers/gateway.js';
import {anthropicVersion, betasFor, clientDefaultModel, clientVersion, recordedBetas, userAgents} from '../../source/probe/wire.js';
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
const gateways: Gateway[] = [];

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
