import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {everyTierModels, type Gateway, startGateway} from '../helpers/gateway.js';
import {ccgate, lines, put, sandbox, userSettingsPath} from './support.js';

/*
A switch is read as Claude Code reads it (core/switches.ts): `1`, `true`, `yes`, `on` in any case are on; `0`,
`false`, `no`, `off` and the empty string are off, for a provider switch and for gateway discovery alike.
*/

const token = 'sk-gw-switch-token-0123456789abcdef';
const binDirectory = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));
const claudeVersion = (JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/@anthropic-ai/claude-code/package.json', import.meta.url)), 'utf8')) as {version: string}).version;

const servers: Gateway[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

const offValues = ['no', 'off', 'NO', ''];
const onValues = ['yes', 'TRUE'];

function table(value: string): string {
	const width = Math.max(value.length, 25);
	return [
		`KEY                                         ${'VALUE'.padEnd(width)}  LAYER  SHADOWS`,
		`ANTHROPIC_BASE_URL                          ${'https://api.anthropic.com'.padEnd(width)}  user   -`,
		`ANTHROPIC_AUTH_TOKEN                        ${'sk-g…cdef'.padEnd(width)}  user   -`,
		`CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY  ${value.padEnd(width)}  user   -`,
	].map(line => line.trimEnd()).join('\n');
}

describe.concurrent('switch values in show', () => {
	test.each(offValues)('CLAUDE_CODE_USE_FOUNDRY=%j and discovery %j are off: no bypass error, no discovery warning', async value => {
		const box = sandbox();
		const user = userSettingsPath(box);
		put(user, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://api.anthropic.com', ANTHROPIC_AUTH_TOKEN: token, CLAUDE_CODE_USE_FOUNDRY: value, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: value}}));
		const run = await ccgate(box, ['show']);
		expect(run).toEqual({exitCode: 0, stdout: `${table(value)}\n\nLayers:\n  user     ${user}\n`, stderr: ''});
	});

	test.each(onValues)('CLAUDE_CODE_USE_FOUNDRY=%j and discovery %j are on: the bypass error and the discovery warning', async value => {
		const box = sandbox();
		const user = userSettingsPath(box);
		put(user, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://api.anthropic.com', ANTHROPIC_AUTH_TOKEN: token, CLAUDE_CODE_USE_FOUNDRY: value, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: value}}));
		const run = await ccgate(box, ['show']);
		expect(run).toEqual({
			exitCode: 0,
			stdout: `${table(value)}\n\nLayers:\n  user     ${user}\n`,
			stderr: `error: CLAUDE_CODE_USE_FOUNDRY=${value} in user settings (${user}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_FOUNDRY from ${user} to use the gateway.\n`
				+ 'warning: Gateway model discovery does nothing with the base URL api.anthropic.com; turn discovery off with --no-discovery, or point the base URL at a gateway.\n',
		});
	});
});

describe('switch values in doctor', () => {
	async function doctorWith(value: string) {
		const box = sandbox();
		// Every tier served: doctor's findings are about the switch, and the one model /model leaves out with discovery off.
		const gateway = await startGateway({models: everyTierModels});
		servers.push(gateway);
		const user = userSettingsPath(box);
		put(user, JSON.stringify({env: {ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, CLAUDE_CODE_USE_BEDROCK: value}}));
		const run = await ccgate(box, ['doctor'], {env: {PATH: `${binDirectory}:${box.env['PATH']!}`}});
		return {run, gateway, user, output: lines(run.stdout).map(line => line.replace(/ +\d+ ms$/, ' <ms>'))};
	}

	test.each(offValues)('CLAUDE_CODE_USE_BEDROCK=%j is off: the gateway is usable, exit 0', async value => {
		const {run, gateway, user, output} = await doctorWith(value);
		const width = Math.max(gateway.url.length, value.length);
		expect(output).toEqual([
			'Verdict: ready, the gateway is usable (0 errors, 1 warning). Only --live can tell whether its streamed answers work.',
			'',
			'Effective configuration',
			`KEY                      ${'VALUE'.padEnd(width)}  LAYER  SHADOWS`,
			`ANTHROPIC_BASE_URL       ${gateway.url.padEnd(width)}  user   -`,
			`ANTHROPIC_AUTH_TOKEN     ${'sk-g…cdef'.padEnd(width)}  user   -`,
			`CLAUDE_CODE_USE_BEDROCK  ${value.padEnd(width)}  user   -`.trimEnd(),
			'',
			'Layers:',
			`  user     ${user}`,
			'',
			`Claude Code on PATH: ${claudeVersion}`,
			'',
			`Probe of ${gateway.url}`,
			'ok       models        GET   /v1/models?limit=1000      200 <ms>',
			'ok       count_tokens  POST  /v1/messages/count_tokens  200 <ms>',
			'ok       messages      POST  /v1/messages?beta=true     400 <ms>',
			'Visible to discovery (5): claude-gw-sonnet (GW Sonnet), claude-opus-5-5, claude-sonnet-5-5, claude-haiku-5-5, claude-fable-5-2',
			'Hidden from discovery (1): gpt-4o (GPT-4o)',
			'The gateway is usable by Claude Code',
			'',
			'Findings',
			'warning: /model will not offer a model the gateway lists (claude-gw-sonnet), because gateway model discovery is off; turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want.',
		]);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
	});

	test.each(onValues)('CLAUDE_CODE_USE_BEDROCK=%j is on: the bypass is an error, exit 1', async value => {
		const {run, user, output} = await doctorWith(value);
		expect(output[0]).toBe('Verdict: Claude Code will not work through this configuration (1 error, 1 warning).');
		expect(output.slice(output.indexOf('Findings') + 1)).toEqual([
			`error: CLAUDE_CODE_USE_BEDROCK=${value} in user settings (${user}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_BEDROCK from ${user} to use the gateway.`,
			'warning: /model will not offer a model the gateway lists (claude-gw-sonnet), because gateway model discovery is off; turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want.',
		]);
		expect(run.exitCode).toBe(1);
	});
});
