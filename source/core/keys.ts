/** The `env` variables ccgate owns in Claude Code's settings (and prints for shells). */
export const envKeys = [
	'ANTHROPIC_BASE_URL',
	'ANTHROPIC_AUTH_TOKEN',
	'ANTHROPIC_API_KEY',
	'ANTHROPIC_CUSTOM_HEADERS',
	'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY',
	'ANTHROPIC_MODEL',
	'ANTHROPIC_DEFAULT_OPUS_MODEL',
	'ANTHROPIC_DEFAULT_SONNET_MODEL',
	'ANTHROPIC_DEFAULT_HAIKU_MODEL',
	'ANTHROPIC_DEFAULT_FABLE_MODEL',
	'CLAUDE_CODE_SUBAGENT_MODEL',
	// One extra entry in /model, for a gateway whose models are not Claude models (and its name there).
	'ANTHROPIC_CUSTOM_MODEL_OPTION',
	'ANTHROPIC_CUSTOM_MODEL_OPTION_NAME',
	'CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS',
	// The pass-through formats of docs/contract.md §4a (core/api-format.ts): ccgate's only where ccgate wrote them.
	'CLAUDE_CODE_USE_BEDROCK',
	'ANTHROPIC_BEDROCK_BASE_URL',
	'CLAUDE_CODE_SKIP_BEDROCK_AUTH',
	'AWS_REGION',
	'CLAUDE_CODE_USE_VERTEX',
	'ANTHROPIC_VERTEX_BASE_URL',
	'CLAUDE_CODE_SKIP_VERTEX_AUTH',
	'ANTHROPIC_VERTEX_PROJECT_ID',
	'CLOUD_ML_REGION',
] as const;

export type EnvKey = (typeof envKeys)[number];

/** Top-level settings keys ccgate owns. */
export const settingsKeys = ['model', 'apiKeyHelper'] as const;

export type SettingsKey = (typeof settingsKeys)[number];

/** Every key ccgate may write: `env` variables by name, plus `model` and `apiKeyHelper`. */
export type OwnedKey = EnvKey | SettingsKey;

export const ownedKeys: readonly OwnedKey[] = [...envKeys, ...settingsKeys];

/**
ccgate's keys with their values, the one shape shared by layers, writers and printers.
A missing key means "not set".
*/
export type KeyValues = Partial<Record<OwnedKey, string>>;

/** Keys whose value is a secret: masked in output, never in a committed file. */
export const secretKeys: ReadonlySet<OwnedKey> = new Set<OwnedKey>(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']);

/** The credential keys; setting one style in a target drops the others ccgate wrote there. */
export const credentialKeys: readonly OwnedKey[] = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper'];

/** Written by `--no-auth`: keeps Claude Code from logging in or sending the user's own Anthropic login. */
export const noAuthPlaceholder = 'ccgate-no-auth';

/** Switches that send Claude Code to a cloud provider instead of `ANTHROPIC_BASE_URL`. */
/** Each sends Claude Code nothing at ANTHROPIC_BASE_URL (seen with 2.1.328 and 2.1.332; the Google Cloud one is in the same switch of the client's code). */
export const providerSwitches = ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY', 'CLAUDE_CODE_USE_ANTHROPIC_AWS', 'CLAUDE_CODE_USE_MANTLE', 'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD'] as const;

export function isEnvKey(key: string): key is EnvKey {
	return (envKeys as readonly string[]).includes(key);
}

export function isOwnedKey(key: string): key is OwnedKey {
	return (ownedKeys as readonly string[]).includes(key);
}
