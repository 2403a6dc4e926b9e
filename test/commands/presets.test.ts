import {existsSync} from 'node:fs';
import {afterAll, describe, expect, test} from 'vitest';
import {presets} from '../../source/core/presets.js';
import type {Gateway} from '../helpers/gateway.js';
import {startImitation} from '../helpers/preset-gateways.js';
import {ccgate, expectNoStackTrace, lines, read, sandbox, userSettingsPath} from './support.js';

const token = 'gw-token-0123456789abcdef';
const gatewayToken = 'cf-aig-token-0123456789';

type Case = {
	/** Flags beyond --preset ID and the token. */
	readonly flags: readonly string[];
	/** Is the token piped in with --token-stdin? (Ollama and LM Studio need none.) */
	readonly token: boolean;
	/** `env` of settings.json, exactly, from each gateway's own documentation. */
	readonly env: Record<string, string>;
	/** What the preset says once, on stderr. */
	readonly notice?: string;
};

// Written by hand from each gateway's page, not derived from the preset file.
const documented: Record<string, Case> = {
	litellm: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:4000', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: give your proxy\'s address with --base-url and a LiteLLM virtual key as the token.',
	},
	'claude-code-router': {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:3456', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: claude-code-router answers with its own models, not Claude models; the token is the APIKEY of its config.json.',
	},
	portkey: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.portkey.ai', ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth', ANTHROPIC_CUSTOM_HEADERS: `x-portkey-api-key: ${token}\nx-portkey-provider: anthropic`},
		notice: 'note: the token is your Portkey API key, sent in x-portkey-api-key.',
	},
	openrouter: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://openrouter.ai/api', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_API_KEY: ''},
	},
	cloudflare: {
		flags: ['--account', 'acct-0123', '--gateway', 'gw-main', '--gateway-token', gatewayToken],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://gateway.ai.cloudflare.com/v1/acct-0123/gw-main/anthropic', ANTHROPIC_API_KEY: token, ANTHROPIC_CUSTOM_HEADERS: `cf-aig-authorization: Bearer ${gatewayToken}`},
		notice: 'note: the token is your own Anthropic API key, which the gateway passes on.',
	},
	vercel: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://ai-gateway.vercel.sh', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_API_KEY: ''},
	},
	ollama: {
		flags: [],
		token: false,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:11434', ANTHROPIC_AUTH_TOKEN: 'ollama', ANTHROPIC_API_KEY: ''},
		notice: 'note: Ollama answers with its own models, not Claude models.',
	},
	'lm-studio': {
		flags: [],
		token: false,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:1234', ANTHROPIC_AUTH_TOKEN: 'lmstudio'},
		notice: 'note: LM Studio answers with its own models, not Claude models; with Require Authentication on, give its API token.',
	},
	deepseek: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.deepseek.com/anthropic', ANTHROPIC_API_KEY: token},
		notice: 'note: DeepSeek answers with its own models, not Claude models; it maps claude-opus* to deepseek-v4-pro and other claude* names to deepseek-flash.',
	},
	'kimi-code': {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.kimi.com/coding', ANTHROPIC_API_KEY: token},
		notice: 'note: Moonshot Kimi Code answers with its own models, not Claude models; the key is a Kimi Code API key from a Kimi membership; start Claude Code with claude --model kimi-k2.5.',
	},
	zai: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.z.ai/api/anthropic', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_DEFAULT_OPUS_MODEL: 'glm-4.7', ANTHROPIC_DEFAULT_SONNET_MODEL: 'glm-4.7', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'glm-4.5-air'},
		notice: 'note: Z.ai (Zhipu GLM) answers with its own models, not Claude models.',
	},
	minimax: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.minimax.io/anthropic', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: MiniMax answers with its own models, not Claude models; in China the base URL is https://api.minimaxi.com/anthropic.',
	},
	dashscope: {
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://dashscope-intl.aliyuncs.com/apps/anthropic', ANTHROPIC_API_KEY: token},
		notice: 'note: Alibaba Cloud Model Studio (DashScope, Qwen) answers with its own models, not Claude models; this is the Singapore (international) endpoint, for pay-as-you-go keys made there.',
	},
};

const gateways: Gateway[] = [];
afterAll(async () => {
	await Promise.all(gateways.map(async gateway => gateway.close()));
});

test('every Anthropic-format preset has a row in this test\'s table', () => {
	expect(presets().filter(preset => preset.api === 'anthropic').map(preset => preset.id).sort()).toEqual(Object.keys(documented).sort());
});

describe.each(Object.entries(documented))('--preset %s', (id, row) => {
	const args = (...more: string[]) => ['--preset', id, ...row.flags, ...(row.token ? ['--token-stdin'] : []), ...more];
	const input = row.token ? `${token}\n` : '';

	test('write writes exactly the documented keys, and says what the preset needs said once', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', ...args()], {input});
		expect(run.exitCode).toBe(0);
		expect(lines(run.stderr).filter(line => line.startsWith('note:'))).toEqual(row.notice === undefined ? [] : [row.notice]);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: row.env});
	});

	test('probe against its loopback imitation says usable', async () => {
		const box = sandbox();
		const secretHeader = id === 'cloudflare' ? `Bearer ${gatewayToken}` : undefined;
		const gateway = await startImitation(id, {credential: token, header: secretHeader});
		gateways.push(gateway);
		const run = await ccgate(box, ['probe', ...args('--base-url', gateway.url)], {input});
		expect(run.stdout).toContain('The gateway is usable by Claude Code');
		expect(run.exitCode).toBe(0);
		expect(gateway.requests.some(request => request.method === 'POST' && request.path.startsWith(`${new URL(gateway.url).pathname.replace(/\/$/, '')}/v1/messages`))).toBe(true);
	});
});

describe('a required header left out', () => {
	// Portkey's 400 answers max_tokens 0 too, which the free checks take as "the endpoint exists": only --live sees it refuse.
	test('Portkey without x-portkey-provider: the probe (--live) says unusable and names the header', async () => {
		const box = sandbox();
		const gateway = await startImitation('portkey', {credential: token});
		gateways.push(gateway);
		const run = await ccgate(box, ['probe', '--live', '--preset', 'portkey', '--base-url', gateway.url, '--header', `x-portkey-api-key: ${token}`], {input: ''});
		expect(run.exitCode).toBe(1);
		expect(run.stdout).toContain('The gateway is not usable by Claude Code');
		expect(lines(run.stderr)).toContain('warning: Portkey needs the header x-portkey-provider (the provider Portkey routes to), which the --header options given leave out; add --header \'x-portkey-provider: anthropic\', or give no --header to use the preset\'s.');
		expect(`${run.stdout}${run.stderr}`).toContain('Either x-portkey-config or x-portkey-provider header is required');
	});

	test('Cloudflare without cf-aig-authorization: the probe says unusable and names the header', async () => {
		const box = sandbox();
		const gateway = await startImitation('cloudflare', {credential: token, header: `Bearer ${gatewayToken}`});
		gateways.push(gateway);
		const run = await ccgate(box, ['probe', '--preset', 'cloudflare', '--base-url', gateway.url, '--api-key', token, '--header', 'cf-aig-metadata: {"team":"core"}'], {input: ''});
		expect(run.exitCode).toBe(1);
		expect(run.stdout).toContain('The gateway is not usable by Claude Code');
		expect(lines(run.stderr)).toContain('warning: Cloudflare AI Gateway needs the header cf-aig-authorization (the gateway token), which the --header options given leave out; add --header \'cf-aig-authorization: …\', or give no --header to use the preset\'s.');
	});
});

describe('--preset refusals', () => {
	test('a template field left out is exit 2 naming its flag, and nothing is written', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'cloudflare', '--account', 'acct-0123', '--gateway-token', gatewayToken, '--api-key', token]);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'note: the token is your own Anthropic API key, which the gateway passes on.\nerror: The preset cloudflare needs the AI Gateway\'s ID for its base URL; give --gateway VALUE.\n'});
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});

	test('an unknown preset is exit 2 with the list of names', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'acme', '--auth-token', token]);
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toBe(`error: There is no preset named acme; use one of: ${presets().map(preset => preset.id).join(', ')} (ccgate presets lists them).\n`);
		expectNoStackTrace(run);
	});

	test('a template flag without --preset is exit 2 with the fix', async () => {
		const box = sandbox();
		expect(await ccgate(box, ['write', '--account', 'acct-0123', '--base-url', 'https://gw.example.com', '--auth-token', token])).toEqual({exitCode: 2, stdout: '', stderr: 'error: --account fills a preset\'s template, and no --preset is given; give --preset NAME too (ccgate presets lists them).\n'});
	});

	test('the LiteLLM Bedrock and Vertex pass-through presets write the keys of SPEC §4a', async () => {
		const box = sandbox();
		const bedrock = await ccgate(box, ['write', '--preset', 'litellm-bedrock', '--auth-token', token]);
		expect(bedrock).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect((JSON.parse(read(userSettingsPath(box))) as {env: unknown}).env).toEqual({
			ANTHROPIC_AUTH_TOKEN: token,
			CLAUDE_CODE_USE_BEDROCK: '1',
			ANTHROPIC_BEDROCK_BASE_URL: 'http://localhost:4000/bedrock',
			CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
			AWS_REGION: 'us-east-1',
		});

		const other = sandbox();
		const vertex = await ccgate(other, ['write', '--preset', 'litellm-vertex', '--project', 'acme-ml', '--auth-token', token]);
		expect(vertex).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect((JSON.parse(read(userSettingsPath(other))) as {env: unknown}).env).toEqual({
			ANTHROPIC_AUTH_TOKEN: token,
			CLAUDE_CODE_USE_VERTEX: '1',
			ANTHROPIC_VERTEX_BASE_URL: 'http://localhost:4000/vertex_ai/v1',
			CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
			ANTHROPIC_VERTEX_PROJECT_ID: 'acme-ml',
			CLOUD_ML_REGION: 'global',
		});
	});
});

describe('flags given win over the preset', () => {
	test('--base-url and --sonnet-model replace the preset\'s, the rest stays the preset\'s', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'zai', '--base-url', 'https://glm.example.com/api/anthropic', '--sonnet-model', 'glm-5', '--auth-token', token]);
		expect(run.exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://glm.example.com/api/anthropic', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_DEFAULT_OPUS_MODEL: 'glm-4.7', ANTHROPIC_DEFAULT_SONNET_MODEL: 'glm-5', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'glm-4.5-air'}});
	});

	test('--auth-token given to a preset that documents ANTHROPIC_API_KEY stays a token', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--preset', 'deepseek', '--auth-token', token])).exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://api.deepseek.com/anthropic', ANTHROPIC_AUTH_TOKEN: token}});
	});

	test('print --preset prints the preset\'s lines with the flags on top, token and all', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', '--preset', 'openrouter', '--token-stdin'], {input: `${token}\n`});
		expect(run).toEqual({exitCode: 0, stdout: `export ANTHROPIC_BASE_URL='https://openrouter.ai/api'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\nexport ANTHROPIC_API_KEY=''\n`, stderr: ''});
	});
});

describe('profile save --preset', () => {
	test('saves the preset\'s values with the token, writes no settings file, and use then writes them', async () => {
		const box = sandbox();
		const saved = await ccgate(box, ['profile', 'save', 'router', '--preset', 'openrouter', '--token-stdin'], {input: `${token}\n`});
		expect(saved).toEqual({exitCode: 0, stdout: 'Saved profile router (https://openrouter.ai/api).\n', stderr: ''});
		expect(existsSync(userSettingsPath(box))).toBe(false);
		expect((await ccgate(box, ['profile', 'use', 'router'])).exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://openrouter.ai/api', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_API_KEY: ''}});
	});
});

describe('ccgate presets', () => {
	test('the table lists every preset with its id, format and base URL', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['presets']);
		expect(run.exitCode).toBe(0);
		const rows = lines(run.stdout);
		expect(rows[0]).toMatch(/^ID +NAME +API +BASE URL +CREDENTIAL +ASKS FOR$/);
		expect(rows).toContainEqual(expect.stringMatching(/^openrouter +OpenRouter +anthropic +https:\/\/openrouter\.ai\/api +ANTHROPIC_AUTH_TOKEN$/));
		expect(rows).toContainEqual(expect.stringMatching(/^cloudflare +Cloudflare AI Gateway +anthropic +https:\/\/gateway\.ai\.cloudflare\.com\/v1\/{account}\/{gateway}\/anthropic +ANTHROPIC_API_KEY +--account --gateway --gateway-token$/));
		expect(rows).toContainEqual(expect.stringMatching(/^litellm-vertex +LiteLLM \(Vertex pass-through\) +vertex +http:\/\/localhost:4000\/vertex_ai\/v1 +ANTHROPIC_AUTH_TOKEN +--base-url$/));
		expect(rows).toHaveLength(presets().length + 3);
	});

	test('--json holds every preset with its source and checked date', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['presets', '--json']);
		expect(run.exitCode).toBe(0);
		const listed = JSON.parse(run.stdout) as Array<{id: string; source: string; checked: string}>;
		expect(listed.map(preset => preset.id)).toEqual(presets().map(preset => preset.id));
		expect(listed.find(preset => preset.id === 'deepseek')).toMatchObject({baseUrl: 'https://api.deepseek.com/anthropic', credential: 'ANTHROPIC_API_KEY', source: 'https://api-docs.deepseek.com/guides/anthropic_api', checked: '2026-11-28'});
	});
});
