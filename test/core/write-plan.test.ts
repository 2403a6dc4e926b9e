import {describe, expect, test} from 'vitest';
import type {WriteRecord} from '../../source/io/store-read.js';
import type {ValueRequest} from '../../source/core/plan.js';
import {hashValue, planRemoveOver, planWriteOver, type PlanInputs, type SettingsTarget, type ShellTarget, type WritePlan} from '../../source/core/write-plan.js';

/* The write planner on its own: texts in, the exact plan out, nothing read or written. */

const home = '/home/ada';
const settings: SettingsTarget = {kind: 'settings', path: `${home}/.claude/settings.json`, layer: 'user', explicit: false};
const token = 'gw-token-1234567890';

function inputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
	return {
		target: settings,
		label: '~/.claude/settings.json',
		targetText: undefined,
		ownTexts: new Map(),
		record: undefined,
		secretsDirectory: `${home}/.config/ccgate/secrets`,
		home,
		layers: [],
		committed: () => ({target: false, linkTarget: false}),
		linksOutOfProject: false,
		secretFileHelper: file => `cat '${file}'`,
		isSecretFileHelper: (command, file) => command === `cat '${file}'`,
		...overrides,
	};
}

function request(overrides: Partial<ValueRequest> = {}): ValueRequest {
	return {set: {}, unset: [], noAuth: false, secretFile: false, ...overrides};
}

/** The record ccgate keeps after writing these values itself. */
function recordOf(values: Record<string, string>, extra: Partial<WriteRecord> = {}): WriteRecord {
	return {kind: 'settings', keys: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, hashValue(value)])), ...extra};
}

function summary(plan: WritePlan) {
	return {after: plan.after, afterText: plan.afterText, files: plan.files, findings: plan.findings, record: plan.record};
}

describe('a settings file', () => {
	test('a new file gets ccgate\'s keys under env, and the record holds their hashes', () => {
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token}}), inputs());

		expect(plan.beforeText).toBeUndefined();
		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token},
			afterText: `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`,
			files: [],
			findings: [],
			record: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token}),
		});
		expect(plan.secrets).toEqual([token]);
	});

	test('the other keys of the file stay byte for byte, and the new ones are indented like the file', () => {
		const text = '{\n\t"permissions": {"allow": ["Bash(ls)"]},\n\t"env": {\n\t\t"FOO": "bar"\n\t},\n\t"model": "opus"\n}\n';
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://gateway.example.com'}}), inputs({targetText: text}));

		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', model: 'opus'},
			afterText: '{\n\t"permissions": {"allow": ["Bash(ls)"]},\n\t"env": {\n\t\t"FOO": "bar",\n\t\t"ANTHROPIC_BASE_URL": "https://gateway.example.com"\n\t},\n\t"model": "opus"\n}\n',
			files: [],
			findings: [{
				code: 'credential-none',
				level: 'warning',
				message: 'No credential is set for the gateway, so Claude Code falls back to your own Anthropic login and sends it there',
				fix: 'give it with --token-stdin, or --no-auth for a gateway that wants no credential',
			}],
			record: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com'}),
		});
	});

	test('a key given in another credential style takes out ccgate\'s token and helper, but not the user\'s own helper', () => {
		const ownHelper = 'vault read -field=key secret/gateway';
		const text = `{\n  "apiKeyHelper": "${ownHelper}",\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`;
		const record = recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token});
		const plan = planWriteOver(request({set: {ANTHROPIC_API_KEY: 'gw-key-0987654321'}}), inputs({targetText: text, record}));

		expect(summary(plan)).toEqual({
			after: {apiKeyHelper: ownHelper, ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_API_KEY: 'gw-key-0987654321'},
			afterText: `{\n  "apiKeyHelper": "${ownHelper}",\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n    "ANTHROPIC_API_KEY": "gw-key-0987654321"\n  }\n}\n`,
			files: [],
			findings: [{
				code: 'api-key-prompt',
				level: 'warning',
				message: 'ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored',
				fix: 'use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key',
			}],
			record: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_API_KEY: 'gw-key-0987654321'}),
		});
	});

	test('a token replaces ccgate\'s own apiKeyHelper and its secret file goes with it', () => {
		const secretFile = `${home}/.config/ccgate/secrets/user-settings.key`;
		const helper = `cat '${secretFile}'`;
		const text = `{\n  "apiKeyHelper": "${helper}",\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com"\n  }\n}\n`;
		const record = recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', apiKeyHelper: helper}, {secretFile});
		const plan = planWriteOver(request({set: {ANTHROPIC_AUTH_TOKEN: token}}), inputs({targetText: text, record, ownTexts: new Map([[secretFile, 'old-secret-5678']])}));

		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token},
			afterText: `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`,
			files: [{path: secretFile, before: 'old-secret-5678', text: undefined, secret: true}],
			findings: [],
			record: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token}),
		});
		expect(plan.secrets).toContain('old-secret-5678');
	});

	test('--secret-file puts the token in ccgate\'s 0600 file and an apiKeyHelper that prints it in the settings', () => {
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token}, secretFile: true}), inputs());
		const secretFile = plan.files[0]!.path;

		expect(secretFile).toMatch(/^\/home\/ada\/\.config\/ccgate\/secrets\/user-settings-[\da-f]{12}\.key$/);
		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', apiKeyHelper: `cat '${secretFile}'`},
			afterText: `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com"\n  },\n  "apiKeyHelper": "cat '${secretFile}'"\n}\n`,
			files: [{path: secretFile, before: undefined, text: token, secret: true}],
			findings: [],
			record: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', apiKeyHelper: `cat '${secretFile}'`}, {secretFile}),
		});
		expect(plan.afterText).not.toContain(token);
	});

	test('--unset takes a key out, and an env left empty goes with it', () => {
		const text = '{\n  "theme": "dark",\n  "env": {\n    "ANTHROPIC_MODEL": "claude-opus-4-5"\n  }\n}\n';
		const plan = planWriteOver(request({unset: ['ANTHROPIC_MODEL']}), inputs({targetText: text}));

		expect(summary(plan)).toEqual({
			after: {},
			afterText: '{\n  "theme": "dark"\n}\n',
			files: [],
			findings: [],
			record: undefined,
		});
	});

	test('a model given beside an ANTHROPIC_MODEL in the file sets both, since the variable would beat the key', () => {
		const text = '{\n  "env": {\n    "ANTHROPIC_MODEL": "claude-sonnet-4-5"\n  }\n}\n';
		const plan = planWriteOver(request({set: {model: 'claude-opus-4-5'}}), inputs({targetText: text}));

		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_MODEL: 'claude-opus-4-5', model: 'claude-opus-4-5'},
			afterText: '{\n  "env": {\n    "ANTHROPIC_MODEL": "claude-opus-4-5"\n  },\n  "model": "claude-opus-4-5"\n}\n',
			files: [],
			findings: [],
			record: recordOf({ANTHROPIC_MODEL: 'claude-opus-4-5', model: 'claude-opus-4-5'}),
		});
	});

	test('--api bedrock moves the gateway to Bedrock\'s keys and takes out ccgate\'s Anthropic base URL', () => {
		const text = `{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://litellm.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`;
		const record = recordOf({ANTHROPIC_BASE_URL: 'https://litellm.example.com', ANTHROPIC_AUTH_TOKEN: token});
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://litellm.example.com/bedrock'}, api: 'bedrock', region: 'eu-west-1'}), inputs({targetText: text, record}));

		expect(summary(plan)).toEqual({
			after: {
				ANTHROPIC_AUTH_TOKEN: token,
				ANTHROPIC_BEDROCK_BASE_URL: 'https://litellm.example.com/bedrock',
				CLAUDE_CODE_USE_BEDROCK: '1',
				CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
				AWS_REGION: 'eu-west-1',
			},
			afterText: `{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "${token}",\n    "ANTHROPIC_BEDROCK_BASE_URL": "https://litellm.example.com/bedrock",\n    "CLAUDE_CODE_USE_BEDROCK": "1",\n    "CLAUDE_CODE_SKIP_BEDROCK_AUTH": "1",\n    "AWS_REGION": "eu-west-1"\n  }\n}\n`,
			files: [],
			findings: [],
			record: recordOf({ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_BEDROCK_BASE_URL: 'https://litellm.example.com/bedrock', CLAUDE_CODE_USE_BEDROCK: '1', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'eu-west-1'}),
		});
	});

	test('a base URL the user wrote is not ccgate\'s to take out on a format switch', () => {
		const text = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://mine.example.com"\n  }\n}\n';
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://litellm.example.com/vertex_ai/v1'}, api: 'vertex', project: 'acme-ml'}), inputs({targetText: text}));

		expect(plan.after).toEqual({
			ANTHROPIC_BASE_URL: 'https://mine.example.com',
			ANTHROPIC_VERTEX_BASE_URL: 'https://litellm.example.com/vertex_ai/v1',
			CLAUDE_CODE_USE_VERTEX: '1',
			CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
			CLOUD_ML_REGION: 'global',
			ANTHROPIC_VERTEX_PROJECT_ID: 'acme-ml',
		});
	});

	test('a secret bound for the project\'s shared file is an error finding in the plan', () => {
		const target: SettingsTarget = {kind: 'settings', path: '/work/app/.claude/settings.json', layer: 'project', explicit: false};
		const plan = planWriteOver(request({set: {ANTHROPIC_AUTH_TOKEN: token}}), inputs({target, label: '/work/app/.claude/settings.json'}));

		expect(plan.findings).toEqual([{code: 'secret-target-shared', level: 'error', message: '/work/app/.claude/settings.json is the project\'s shared settings file, which is committed, and a secret must not go there', fix: 'use --scope local in a git-ignored file, or --secret-file'}]);
	});
});

describe('a shell profile', () => {
	const target: ShellTarget = {kind: 'shell', shell: 'bash', path: `${home}/.bashrc`};

	test('the profile gets one block sourcing a 0600 file of ccgate\'s, and the model goes to ANTHROPIC_MODEL', () => {
		const plan = planWriteOver(request({set: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token, model: 'claude-opus-4-5'}}), inputs({target, label: '~/.bashrc', targetText: 'alias ll="ls -l"\n'}));

		const own = `${home}/.config/ccgate/secrets/bash-profile-f8e7be9098a4`;
		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_MODEL: 'claude-opus-4-5'},
			afterText: [
				'alias ll="ls -l"',
				'',
				'# >>> ccgate >>>',
				'# Claude Code\'s gateway, written by ccgate; the values live in a 0600 file.',
				'if [ -f "$HOME"\'/.config/ccgate/secrets/bash-profile-f8e7be9098a4.sh\' ]; then . "$HOME"\'/.config/ccgate/secrets/bash-profile-f8e7be9098a4.sh\'; fi',
				'# <<< ccgate <<<',
				'',
			].join('\n'),
			files: [
				{path: `${own}.sh`, before: undefined, text: `# Written by ccgate for ~/.bashrc.\nexport ANTHROPIC_BASE_URL='https://gateway.example.com'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\nexport ANTHROPIC_MODEL='claude-opus-4-5'\n`, secret: true},
				{path: `${own}.json`, before: undefined, text: `{\n  "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n  "ANTHROPIC_AUTH_TOKEN": "${token}",\n  "ANTHROPIC_MODEL": "claude-opus-4-5"\n}\n`, secret: true},
			],
			findings: [],
			record: {
				kind: 'shell',
				keys: recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_MODEL: 'claude-opus-4-5'}).keys,
				shell: 'bash',
				variablesFile: `${own}.sh`,
				valuesFile: `${own}.json`,
			},
		});
		expect(plan.afterText).not.toContain(token);
	});
});

describe('remove', () => {
	test('only the keys still holding ccgate\'s value go; a key the user changed since stays', () => {
		const text = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gateway.example.com",\n    "ANTHROPIC_MODEL": "my-own-model"\n  }\n}\n';
		const record = recordOf({ANTHROPIC_BASE_URL: 'https://gateway.example.com', ANTHROPIC_MODEL: 'claude-opus-4-5'});
		const plan = planRemoveOver(inputs({targetText: text, record}));

		expect(summary(plan)).toEqual({
			after: {ANTHROPIC_MODEL: 'my-own-model'},
			afterText: '{\n  "env": {\n    "ANTHROPIC_MODEL": "my-own-model"\n  }\n}\n',
			files: [],
			findings: [],
			record: undefined,
		});
	});
});
