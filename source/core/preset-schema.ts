import * as z from 'zod/mini';
import type {Preset} from './presets.js';

/** Built on first use: `print` and `show` load this file and should not pay for the schema. */
function buildSchema() {
	/** A value the user fills in: a part of the base URL's template, or of a header's value. */
	const fieldSchema = z.strictObject({
		/** Its name in templates (`{account}`) and its flag (`--account`). */
		name: z.enum(['account', 'gateway', 'gateway-token', 'provider']),
		/** What goes there, in the user's words. */
		description: z.string(),
		secret: z.boolean(),
	});

	const headerSchema = z.strictObject({
		name: z.string(),
		/** The value, or its template: `{token}` is the credential given, `{NAME}` a field. */
		value: z.string(),
		/** What goes there, in the user's words. */
		description: z.string(),
		secret: z.boolean(),
	});

	const schema = z.strictObject({
		/** Lower-case, as typed after `--preset`. */
		id: z.string().check(z.regex(/^[a-z\d]+(?:-[a-z\d]+)*$/)),
		name: z.string().check(z.minLength(1)),
		/** The gateway's API format (docs/contract.md §4a). */
		api: z.enum(['anthropic', 'bedrock', 'vertex']),
		/** The base URL, or its template with `{field}` parts; for a self-hosted gateway, the documented default (give --base-url). */
		baseUrl: z.string().check(z.regex(/^https?:\/\//)),
		/** Self-hosted: the URL is the documented default, and the user's own host goes in --base-url. */
		selfHosted: z.boolean(),
		/** Which variable carries the credential; `none`: the credential travels in a header, and --no-auth keeps the user's login at home. */
		credential: z.enum(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'none']),
		/** A documented stand-in credential for a gateway that checks none ("required but ignored"). */
		placeholderToken: z.optional(z.string()),
		/** The docs ask for `ANTHROPIC_API_KEY=""`, so a key from elsewhere does not beat the token. */
		emptyApiKey: z.boolean(),
		fields: z.array(fieldSchema),
		headers: z.array(headerSchema),
		/** The model settings its page writes: `ANTHROPIC_MODEL`, `ANTHROPIC_DEFAULT_*_MODEL`, `CLAUDE_CODE_SUBAGENT_MODEL`. */
		models: z.optional(z.strictObject({
			model: z.optional(z.string()),
			opus: z.optional(z.string()),
			sonnet: z.optional(z.string()),
			haiku: z.optional(z.string()),
			subagent: z.optional(z.string()),
		})),
		/** The credential is the user's own Anthropic API key, which the gateway documents passing on to Anthropic. */
		ownAnthropicKey: z.optional(z.boolean()),
		/** Does `CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY` work there? `unknown` when the docs do not say. */
		discovery: z.enum(['works', 'no', 'unknown']),
		/** False: the gateway answers with its own models, said once at selection. */
		claudeModels: z.boolean(),
		/** One line for the user, said once at selection. */
		note: z.optional(z.string()),
		/** The page the facts come from. */
		source: z.string().check(z.regex(/^https:\/\//)),
		/** When they were checked, YYYY-MM-DD. */
		checked: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
	});
	return schema;
}

let schemaCache: ReturnType<typeof buildSchema> | undefined;

export function presetSchema(): ReturnType<typeof buildSchema> {
	schemaCache ??= buildSchema();
	return schemaCache;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod/mini says only "Invalid input": name the field and what is wrong with it. */
function describeIssue(issue: z.core.$ZodIssue, entry: unknown): string {
	const field = issue.path.join('.');
	if (issue.code === 'unrecognized_keys') {
		return `unknown field ${issue.keys.join(', ')}`;
	}

	let value: unknown = entry;
	for (const part of issue.path) {
		value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
	}

	return value === undefined ? `${field} is missing` : `${field} ${JSON.stringify(value)} is not ${issue.code === 'invalid_format' ? 'in the expected form' : 'a valid value'}`;
}

/** Every preset, each checked against the schema; a wrong entry is a problem with ccgate itself, named here. */
export function checkPresets(data: readonly unknown[]): Preset[] {
	const seen = new Set<string>();
	return data.map((entry, index) => {
		const result = presetSchema().safeParse(entry);
		if (!result.success) {
			const name = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : `#${index + 1}`;
			throw new Error(`Preset ${name}: ${result.error.issues.map(issue => describeIssue(issue, entry)).join('; ')}`);
		}

		const preset = result.data;
		if (seen.has(preset.id)) {
			throw new Error(`Preset id ${preset.id} is given twice`);
		}

		// Claude Code appends /v1/messages to an Anthropic-format base URL; a Vertex one keeps its /v1 (docs/contract.md §4a).
		if (/\/v1\/messages\/?$/.test(preset.baseUrl) || (preset.api === 'anthropic' && /\/v1\/?$/.test(preset.baseUrl))) {
			throw new Error(`Preset ${preset.id}: the base URL ${preset.baseUrl} ends in ${preset.baseUrl.includes('/messages') ? '/v1/messages' : '/v1'}, which Claude Code appends itself`);
		}

		seen.add(preset.id);
		return preset;
	});
}

/** The schema and the Preset type describe one shape: either drifting from the other fails the type check. */
type SchemaPreset = z.infer<ReturnType<typeof buildSchema>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemaMatchesType: Same<SchemaPreset, DeepMutable<Preset>> = true;
type DeepMutable<T> = T extends readonly unknown[] ? Array<DeepMutable<T[number]>> : T extends object ? {-readonly [K in keyof T]: DeepMutable<T[K]>} : T;
