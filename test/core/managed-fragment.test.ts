import {describe, expect, test} from 'vitest';
import {credentialCommandPlaceholder, managedFileName, managedFragment} from '../../source/core/managed-fragment.js';

/* A profile as managed settings: everything a team shares, never a secret. */

const ownHelper = 'cat "$HOME"\'/.config/ccgate/secrets/user-settings-0123456789ab.key\'';
const isOwnSecretFile = (command: string) => command === ownHelper;

describe('the managed-settings fragment of a profile', () => {
	test('a token becomes the apiKeyHelper placeholder; the gateway, models, discovery and shared headers stay in env', () => {
		const fragment = managedFragment({
			ANTHROPIC_BASE_URL: 'https://gateway.example.com',
			ANTHROPIC_AUTH_TOKEN: 'gw-token-1234567890',
			ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme\nx-api-key-extra: s3cret-value',
			CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
			ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-5',
			model: 'claude-opus-4-5',
		}, isOwnSecretFile);

		expect(fragment).toEqual({
			settings: {
				env: {
					ANTHROPIC_BASE_URL: 'https://gateway.example.com',
					ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme',
					CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
					ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-5',
				},
				apiKeyHelper: credentialCommandPlaceholder,
			},
			credentialLeftOut: true,
			secretHeaders: ['x-api-key-extra'],
			modelLeftOut: true,
		});
		expect(JSON.stringify(fragment)).not.toContain('gw-token-1234567890');
		expect(JSON.stringify(fragment)).not.toContain('s3cret-value');
	});

	test('ccgate\'s own secret-file helper, which exists on this machine only, becomes the placeholder too', () => {
		expect(managedFragment({ANTHROPIC_BASE_URL: 'https://gateway.example.com', apiKeyHelper: ownHelper}, isOwnSecretFile).settings).toEqual({
			env: {ANTHROPIC_BASE_URL: 'https://gateway.example.com'},
			apiKeyHelper: credentialCommandPlaceholder,
		});
	});

	test('an organisation\'s own credential command stays as it is', () => {
		const helper = 'vault read -field=token secret/llm-gateway';
		expect(managedFragment({ANTHROPIC_BASE_URL: 'https://gateway.example.com', apiKeyHelper: helper}, isOwnSecretFile)).toEqual({
			settings: {env: {ANTHROPIC_BASE_URL: 'https://gateway.example.com'}, apiKeyHelper: helper},
			credentialLeftOut: false,
			secretHeaders: [],
			modelLeftOut: false,
		});
	});

	test('a gateway that wants no credential keeps the --no-auth placeholder and an empty ANTHROPIC_API_KEY, and gets no apiKeyHelper', () => {
		expect(managedFragment({ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth', ANTHROPIC_API_KEY: ''}, isOwnSecretFile).settings).toEqual({
			env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth', ANTHROPIC_API_KEY: ''},
		});
	});

	test('a Bedrock pass-through gateway keeps its switch, base URL, region and skip-auth', () => {
		expect(managedFragment({CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://litellm.example.com/bedrock', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'eu-west-1', ANTHROPIC_AUTH_TOKEN: 'gw-token-1234567890'}, isOwnSecretFile).settings).toEqual({
			env: {CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://litellm.example.com/bedrock', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'eu-west-1'},
			apiKeyHelper: credentialCommandPlaceholder,
		});
	});

	test('the drop-in is named after the profile only when the name is a plain file name', () => {
		expect(['work', 'team.prod', '../etc/passwd', '.hidden', 'a b', '__proto__'].map(name => managedFileName(name))).toEqual(['ccgate-work.json', 'ccgate-team.prod.json', 'ccgate.json', 'ccgate.json', 'ccgate.json', 'ccgate-__proto__.json']);
	});
});
