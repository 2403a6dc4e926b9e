/*
What the pinned Claude Code puts on the wire, recorded from the real client against a loopback gateway
(test/e2e/wire.test.ts records it again and fails when the client and this file part ways).
The probe copies it, so that a gateway that rejects one of the client's betas fails the probe too.
*/

/** The client these values were recorded from. */
export const clientVersion = '2.1.328';

/** `claude -p` says `sdk-cli`; an interactive session says `cli`. The probe speaks for the interactive one. */
export const userAgents = {
	interactive: `claude-cli/${clientVersion} (external, cli)`,
	print: `claude-cli/${clientVersion} (external, sdk-cli)`,
} as const;

export const anthropicVersion = '2023-06-01';

export const appHeader = 'cli';

/** The model the client asks for when none is configured. */
export const clientDefaultModel = 'claude-opus-5-5';

type BetaLists = {readonly normal: string; readonly disabled: string};

/** Any model the client does not know (a gateway's own ID such as `claude-gw-sonnet`, or `gpt-4o`). */
const otherModel: BetaLists = {
	normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
	disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24',
};

/** `anthropic-beta` as sent for each model, normally and with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1, in the client's order. */
export const recordedBetas: Readonly<Record<string, BetaLists>> = {
	'claude-opus-5-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24',
	},
	'claude-opus-4-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24',
	},
	'claude-sonnet-4-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14',
	},
	'claude-haiku-4-5': {
		normal: 'interleaved-thinking-2025-05-14,context-management-2025-06-27,claude-code-20250219,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20',
		disabled: 'interleaved-thinking-2025-05-14,claude-code-20250219',
	},
	// `sonnet` unmapped (seen: the same list as the default Opus).
	'claude-sonnet-5-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,per-turn-control-2026-07-01,mid-conversation-tool-changes-2026-07-01,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20,effort-2025-11-24',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,effort-2025-11-24',
	},
	// A legacy ID goes out only with CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1; else the client asks for the opus tier.
	'claude-opus-4-1': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,thinking-token-count-2026-05-13,advanced-tool-use-2025-11-20',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14',
	},
	'claude-gw-sonnet': otherModel,
};

/** The `anthropic-beta` value the client sends for `model`. */
export function betasFor(model: string, disabled: boolean): string {
	const lists = recordedBetas[model.toLowerCase()] ?? otherModel;
	return disabled ? lists.disabled : lists.normal;
}

/** The Anthropic model inside a Bedrock or Vertex ID: `us.anthropic.claude-opus-5-5` → claude-opus-5-5, `claude-sonnet-4-5@20250929` → claude-sonnet-4-5. */
function baseModel(id: string): string {
	return id.toLowerCase().replace(/^(?:[a-z]+\.)?anthropic\./, '').replace(/@.*$/, '').replace(/-\d{8}(?:-v\d+:\d+)?$/, '').replace(/-v\d+:\d+$/, '');
}

/** The default model of the Bedrock and Vertex formats (seen: `us.anthropic.claude-opus-5-5`, `claude-opus-5-5`). */
export const cloudDefaultModel = 'claude-opus-5-5';

type BedrockBetas = {readonly header: string; readonly body: readonly string[]};

/**
Bedrock splits the betas between the `anthropic-beta` header and the body's `anthropic_beta` (seen, 2.1.328), per
model, normally and with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1.
*/
const bedrockRecorded: Readonly<Record<string, {normal: BedrockBetas; disabled: BedrockBetas}>> = {
	'claude-opus-5-5': {
		normal: {header: 'claude-code-20250219,thinking-token-count-2026-05-13,effort-2025-11-24', body: ['interleaved-thinking-2025-05-14', 'tool-search-tool-2025-10-19', 'thinking-token-count-2026-05-13']},
		disabled: {header: 'claude-code-20250219,effort-2025-11-24', body: ['interleaved-thinking-2025-05-14']},
	},
	// `haiku` unmapped asks for the Haiku 4.5 ID (seen: with the switch on, claude-code goes in the body too).
	'claude-haiku-4-5': {
		normal: {header: 'claude-code-20250219', body: ['tool-search-tool-2025-10-19']},
		disabled: {header: 'claude-code-20250219', body: ['claude-code-20250219']},
	},
};

/** Any other model in the Bedrock format (seen: claude-opus-4-1, the Sonnet 4.5 ID the `sonnet` alias asks for). */
const bedrockOther = {
	normal: {header: 'claude-code-20250219', body: ['interleaved-thinking-2025-05-14', 'tool-search-tool-2025-10-19']},
	disabled: {header: 'claude-code-20250219', body: ['interleaved-thinking-2025-05-14']},
} as const;

export function bedrockBetas(model: string, disabled: boolean): BedrockBetas {
	const lists = bedrockRecorded[baseModel(model)] ?? bedrockOther;
	return disabled ? lists.disabled : lists.normal;
}

/** Vertex sends its betas in the `anthropic-beta` header only (seen, 2.1.328), per model. */
const vertexRecorded: Readonly<Record<string, BetaLists>> = {
	'claude-opus-5-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,thinking-token-count-2026-05-13,tool-search-tool-2025-10-19,effort-2025-11-24',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,effort-2025-11-24',
	},
	'claude-sonnet-4-5': {
		normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05,tool-search-tool-2025-10-19',
		disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05',
	},
	'claude-haiku-4-5': {
		normal: 'claude-code-20250219,web-search-2025-03-05,tool-search-tool-2025-10-19',
		disabled: 'claude-code-20250219,web-search-2025-03-05',
	},
};

/** Any other model in the Vertex format (seen: claude-opus-4-1). */
const vertexOther: BetaLists = {
	normal: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05',
	disabled: 'claude-code-20250219,interleaved-thinking-2025-05-14,web-search-2025-03-05',
};

export function vertexBetas(model: string, disabled: boolean): string {
	const lists = vertexRecorded[baseModel(model)] ?? vertexOther;
	return disabled ? lists.disabled : lists.normal;
}
