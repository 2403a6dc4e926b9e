import {existsSync} from 'node:fs';
import {afterAll, describe, expect, test} from 'vitest';
import {presets} from '../../source/core/presets.js';
import type {Gateway} from '../helpers/gateway.js';
import {startImitation} from '../helpers/preset-gateways.js';
import {ccgate, ccgateBinary, expectNoStackTrace, lines, read, sandbox, userSettingsPath} from './support.js';

const token = 'gw-token-0123456789abcdef';
const gatewayToken = 'cf-aig-token-0123456789';

type Case = {
	/** The gateway's own Claude Code page (or, where it has none, the page closest to it) the row was written from, and the day it was read. */
	readonly page: string;
	readonly read: string;
	/** Flags beyond --preset ID and the token. */
	readonly flags: readonly string[];
	/** Is the token piped in with --token-stdin? (Ollama and LM Studio need none.) */
	readonly token: boolean;
	/** `env` of settings.json, exactly, from each gateway's own documentation. */
	readonly env: Record<string, string>;
	/** What the preset says once, on stderr. */
	readonly notice?: string;
};

// Written by hand from each gateway's page, not derived from the preset file; the preset must cite the same page and date.
const documented: Record<string, Case> = {
	litellm: {
		page: 'https://docs.litellm.ai/docs/proxy/client_setup/claude_code',
		read: '2026-12-05',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:4000', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: the base URL is your proxy\'s own address, and the token a LiteLLM virtual key.',
	},
	'claude-code-router': {
		page: 'https://github.com/musistudio/claude-code-router#readme',
		read: '2026-11-28',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:3456', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: claude-code-router answers with its own models, not Claude models; the token is the APIKEY of its config.json.',
	},
	portkey: {
		page: 'https://portkey.ai/docs/integrations/libraries/claude-code-anthropic',
		read: '2026-12-05',
		// Its "Claude Code with Anthropic" setup; its example model IDs are Anthropic's own, so no tier is mapped.
		flags: ['--provider', '@anthropic-prod'],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.portkey.ai', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: `x-portkey-api-key: ${token}\nx-portkey-provider: @anthropic-prod`},
		notice: 'note: the token is your Portkey API key, sent as the token and in x-portkey-api-key; the provider is the slug of your Anthropic provider in Portkey.',
	},
	openrouter: {
		page: 'https://openrouter.ai/docs/guides/coding-agents/claude-code-integration',
		read: '2026-11-28',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://openrouter.ai/api', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_API_KEY: ''},
	},
	cloudflare: {
		page: 'https://developers.cloudflare.com/ai-gateway/integrations/coding-agents/claude-code/',
		read: '2026-12-05',
		flags: ['--account', 'acct-0123', '--gateway', 'gw-main', '--gateway-token', gatewayToken],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://gateway.ai.cloudflare.com/v1/acct-0123/gw-main/anthropic', ANTHROPIC_API_KEY: token, ANTHROPIC_CUSTOM_HEADERS: `cf-aig-authorization: Bearer ${gatewayToken}`},
		notice: 'note: the token is your own Anthropic API key, which the gateway passes on.',
	},
	vercel: {
		page: 'https://vercel.com/docs/ai-gateway/claude-code',
		read: '2026-12-05',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://ai-gateway.vercel.sh', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_API_KEY: ''},
	},
	ollama: {
		page: 'https://docs.ollama.com/api/anthropic-compatibility',
		read: '2026-12-05',
		flags: [],
		token: false,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:11434', ANTHROPIC_AUTH_TOKEN: 'ollama', ANTHROPIC_API_KEY: ''},
		notice: 'note: Ollama answers with its own models, not Claude models.',
	},
	'lm-studio': {
		page: 'https://lmstudio.ai/docs/integrations/claude-code',
		read: '2026-11-28',
		flags: [],
		token: false,
		env: {ANTHROPIC_BASE_URL: 'http://localhost:1234', ANTHROPIC_AUTH_TOKEN: 'lmstudio'},
		notice: 'note: LM Studio answers with its own models, not Claude models; with Require Authentication on, give its API token.',
	},
	deepseek: {
		page: 'https://api-docs.deepseek.com/quick_start/agent_integrations/claude_code',
		read: '2026-12-05',
		// Every model setting its page exports; CLAUDE_CODE_EFFORT_LEVEL and CLAUDE_CODE_AUTO_COMPACT_WINDOW are not ccgate's, and the note names them.
		flags: [],
		token: true,
		env: {
			ANTHROPIC_BASE_URL: 'https://api.deepseek.com/anthropic',
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_OPUS_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_SONNET_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_HAIKU_MODEL: 'deepseek-flash',
			CLAUDE_CODE_SUBAGENT_MODEL: 'deepseek-flash',
		},
		notice: 'note: DeepSeek answers with its own models, not Claude models; its page also sets CLAUDE_CODE_EFFORT_LEVEL=max and CLAUDE_CODE_AUTO_COMPACT_WINDOW=786432, which are not gateway settings and which ccgate leaves to you.',
	},
	'kimi-code': {
		page: 'https://github.com/MoonshotAI/kimi-help-center/blob/7dd03a0e7f828512ae8b9e25e6c195840aa1e95a/en-US/kimi-code/third-party-agents.md',
		read: '2026-11-29',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.kimi.com/coding', ANTHROPIC_API_KEY: token},
		notice: 'note: Moonshot Kimi Code answers with its own models, not Claude models; the key is a Kimi Code API key from a Kimi membership; its page starts Claude Code on the model kimi-k2.5, which ANTHROPIC_MODEL sets.',
	},
	zai: {
		page: 'https://docs.z.ai/devpack/tool/claude',
		read: '2026-11-28',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.z.ai/api/anthropic', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_DEFAULT_OPUS_MODEL: 'glm-4.7', ANTHROPIC_DEFAULT_SONNET_MODEL: 'glm-4.7', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'glm-4.5-air'},
		notice: 'note: Z.ai (Zhipu GLM) answers with its own models, not Claude models.',
	},
	minimax: {
		page: 'https://platform.minimax.io/docs/token-plan/claude-code',
		read: '2026-11-28',
		flags: [],
		token: true,
		env: {ANTHROPIC_BASE_URL: 'https://api.minimax.io/anthropic', ANTHROPIC_AUTH_TOKEN: token},
		notice: 'note: MiniMax answers with its own models, not Claude models; in China the base URL is https://api.minimaxi.com/anthropic.',
	},
	dashscope: {
		page: 'https://www.alibabacloud.com/help/en/model-studio/claude-code',
		read: '2026-12-05',
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

test('every Anthropic-format preset has a row in this test\'s table, and cites the page and date the row was written from', () => {
	const anthropic = presets().filter(preset => preset.api === 'anthropic');
	expect(anthropic.map(preset => preset.id).sort()).toEqual(Object.keys(documented).sort());
	expect(anthropic.map(preset => ({id: preset.id, page: preset.source, read: preset.checked}))).toEqual(anthropic.map(preset => ({id: preset.id, page: documented[preset.id]!.page, read: documented[preset.id]!.read})));
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
		expect(lines(run.stderr)).toContain('warning: Portkey needs the header x-portkey-provider (the provider Portkey routes to), which the --header options given leave out; add --header \'x-portkey-provider: …\', or give no --header to use the preset\'s.');
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

	test.each([
		[['--account', 'abc/de f', '--gateway', 'gw-1', '--gateway-token', 'gw-token-0123'], 'error: "abc/de f" holds "/", which a part of a base URL cannot carry; give your Cloudflare account ID with letters, digits and - . _ ~ only.\n'],
		[['--account', 'acct-0123', '--gateway', 'gw 1', '--gateway-token', 'gw-token-0123'], 'error: "gw 1" holds a space, which a part of a base URL cannot carry; give the AI Gateway\'s ID with letters, digits and - . _ ~ only.\n'],
		[['--account', 'acct-0123', '--gateway', 'gw?x=1', '--gateway-token', 'gw-token-0123'], 'error: "gw?x=1" holds "?", which a part of a base URL cannot carry; give the AI Gateway\'s ID with letters, digits and - . _ ~ only.\n'],
		[['--account', 'acct-0123', '--gateway', 'gw-1', '--gateway-token', 'gw token 0123'], 'error: The value given holds a space, which a header value cannot carry here; give the gateway token (Run permission) of an authenticated gateway without spaces.\n'],
	])('a template field with a space or a URL-reserved character is exit 2, its value named (a secret\'s not), nothing written: %j', async (fields, error) => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'cloudflare', ...fields, '--api-key', token]);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `note: the token is your own Anthropic API key, which the gateway passes on.\n${error}`});
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});

	test('an unknown preset is exit 2 with the list of names', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['write', '--preset', 'acme', '--auth-token', token]);
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toBe(`error: There is no preset named acme; use one of: ${presets().map(preset => preset.id).join(', ')} (ccgate presets lists them).\n`);
		expectNoStackTrace(run);
	});

	test('a template flag without --preset is exit 2 with the fix', async () => {
		const box = sandbox();
		expect(await ccgate(box, ['write', '--account', 'acct-0123', '--base-url', 'https://gw.example.com', '--auth-token', token])).toEqual({exitCode: 2, stdout: '', stderr: 'error: --account fills a preset\'s template, and no --preset is given; give --preset NAME too (ccgate presets lists them).\n'});
	});

	test('the LiteLLM Bedrock and Vertex pass-through presets write the keys of docs/contract.md §4a', async () => {
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
		expect((await ccgate(box, ['write', '--preset', 'dashscope', '--auth-token', token])).exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://dashscope-intl.aliyuncs.com/apps/anthropic', ANTHROPIC_AUTH_TOKEN: token}});
	});

	test('--model given to DeepSeek is the starting model (settings model) in place of its ANTHROPIC_MODEL, which would beat it; the tiers stay its page\'s', async () => {
		const box = sandbox();
		expect((await ccgate(box, ['write', '--preset', 'deepseek', '--model', 'deepseek-v4-pro', '--haiku-model', 'deepseek-v4-flash', '--auth-token', token])).exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({
			model: 'deepseek-v4-pro',
			env: {
				ANTHROPIC_BASE_URL: 'https://api.deepseek.com/anthropic',
				ANTHROPIC_AUTH_TOKEN: token,
				ANTHROPIC_DEFAULT_OPUS_MODEL: 'deepseek-flash[1m]',
				ANTHROPIC_DEFAULT_SONNET_MODEL: 'deepseek-flash[1m]',
				ANTHROPIC_DEFAULT_HAIKU_MODEL: 'deepseek-v4-flash',
				CLAUDE_CODE_SUBAGENT_MODEL: 'deepseek-flash',
			},
		});
	});

	test('Portkey without --provider is exit 2 naming the flag, and nothing is written', async () => {
		const box = sandbox();
		expect(await ccgate(box, ['write', '--preset', 'portkey', '--auth-token', token])).toEqual({exitCode: 2, stdout: '', stderr: 'note: the token is your Portkey API key, sent as the token and in x-portkey-api-key; the provider is the slug of your Anthropic provider in Portkey.\nerror: The preset portkey needs the slug of your Anthropic provider in Portkey, with its @ (such as @anthropic-prod) for the header x-portkey-provider; give --provider VALUE.\n'});
		expect(existsSync(userSettingsPath(box))).toBe(false);
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

describe('what a preset\'s own page documents is not warned about', () => {
	const anthropicKey = 'sk-ant-api03-own-key-0123456789abcdef';

	test('Cloudflare with your own Anthropic key (its page\'s setup): no "the gateway receives your Anthropic key", only the key prompt', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'cloudflare', '--account', 'acct-0123', '--gateway', 'gw-main', '--gateway-token', gatewayToken, '--api-key', anthropicKey]);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: [
			'note: the token is your own Anthropic API key, which the gateway passes on.',
			'warning: ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored; use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key.',
			'',
		].join('\n')});
		// show reads the same file and knows the gateway by its URL.
		expect((await ccgate(box, ['show'])).stderr).toBe('warning: ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored; use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key.\n');
	});

	test('the same Anthropic key bound for another gateway is still the warning', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gateway.example.com/v1/acct-0123/gw-main/anthropic', '--api-key', anthropicKey]);
		expect(lines(run.stderr)).toContain('warning: ANTHROPIC_API_KEY holds an Anthropic key (sk-ant-…) bound for gateway.example.com, so the gateway receives your Anthropic key; use the credential the gateway issued.');
	});

	test('DeepSeek\'s five model settings are said once, as its note, not as five "not a Claude model" warnings', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--preset', 'deepseek', '--token-stdin'], {input: `${token}\n`});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: `${documented['deepseek']!.notice!}\n`});
		expect((await ccgate(box, ['show'])).stderr).toBe('');
	});

	test('a non-Claude model at a gateway ccgate does not know is still the warning', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://llm.example.com', '--auth-token', token, '--sonnet-model', 'deepseek-flash']);
		expect(lines(run.stderr)).toEqual(['warning: ANTHROPIC_DEFAULT_SONNET_MODEL names deepseek-flash, which is not a Claude model: gateway discovery will not list it, Claude-specific features may fail, and GUI hosts that wrap Claude Code send non-Claude models around the gateway; prefer a Claude model ID or an alias such as sonnet.']);
	});
});

describe('ccgate presets', () => {
	test('the table lists every preset with its id, format and base URL', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['presets']);
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
		expect(listed.find(preset => preset.id === 'deepseek')).toMatchObject({baseUrl: 'https://api.deepseek.com/anthropic', credential: 'ANTHROPIC_AUTH_TOKEN', source: 'https://api-docs.deepseek.com/quick_start/agent_integrations/claude_code', checked: '2026-12-05'});
	});
});
