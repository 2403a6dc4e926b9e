import * as z from 'zod/mini';
import {type Finding, UserError} from './findings.js';
import type {OwnedKey} from './keys.js';
import type {ValueRequest} from './plan.js';
import {presetData} from './preset-data.js';

/** Built on first use: `print` and `show` load this file and should not pay for the schema. */
function buildSchema() {
	/** A value the user fills in: a part of the base URL's template, or of a header's value. */
	const fieldSchema = z.strictObject({
		/** Its name in templates (`{account}`) and its flag (`--account`). */
		name: z.enum(['account', 'gateway', 'gateway-token']),
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
		/** The gateway's API format (SPEC §4a). */
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
		/** `ANTHROPIC_DEFAULT_*_MODEL` as documented. */
		models: z.optional(z.strictObject({
			opus: z.optional(z.string()),
			sonnet: z.optional(z.string()),
			haiku: z.optional(z.string()),
		})),
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

export type Preset = z.infer<ReturnType<typeof buildSchema>>;

export type PresetField = Preset['fields'][number];

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
		value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[part as PropertyKey] : undefined;
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

		// Claude Code appends /v1/messages to an Anthropic-format base URL; a Vertex one keeps its /v1 (SPEC §4a).
		if (/\/v1\/messages\/?$/.test(preset.baseUrl) || (preset.api === 'anthropic' && /\/v1\/?$/.test(preset.baseUrl))) {
			throw new Error(`Preset ${preset.id}: the base URL ${preset.baseUrl} ends in ${preset.baseUrl.includes('/messages') ? '/v1/messages' : '/v1'}, which Claude Code appends itself`);
		}

		seen.add(preset.id);
		return preset;
	});
}

let checked: Preset[] | undefined;

/** The known gateways (SPEC §9), checked on first use. */
export function presets(): Preset[] {
	checked ??= checkPresets(presetData);
	return checked;
}

export function findPreset(id: string): Preset {
	const preset = presets().find(candidate => candidate.id === id.toLowerCase());
	if (preset === undefined) {
		throw new UserError({level: 'error', message: `There is no preset named ${id}`, fix: `use one of: ${presets().map(candidate => candidate.id).join(', ')} (ccgate presets lists them)`});
	}

	return preset;
}

/** The template fields a preset asks for (base URL and headers), in order. */
export function templateNames(text: string): string[] {
	return [...text.matchAll(/{([\w-]+)}/g)].map(match => match[1]!);
}

export type PresetInput = {
	/** `--account`, `--gateway`, …: the template fields given. */
	readonly fields: Readonly<Record<string, string | undefined>>;
	/** Did the credential come from --token-stdin without --auth-style? Then it goes where the preset wants it. */
	readonly credentialStyleChosen: boolean;
};

function fill(template: string, values: Readonly<Record<string, string | undefined>>, preset: Preset, what: string): string {
	return template.replaceAll(/{([\w-]+)}/g, (_match, name: string) => {
		const value = values[name];
		if (value === undefined || value === '') {
			const field = preset.fields.find(candidate => candidate.name === name);
			const flag = name === 'token' ? '--auth-token TOKEN (or --token-stdin)' : `--${name} VALUE`;
			throw new UserError({level: 'error', message: `The preset ${preset.id} needs ${field?.description ?? 'the gateway\'s credential'} for ${what}`, fix: `give ${flag}`});
		}

		return value;
	});
}

/**
The request a preset makes, with the flags' request on top: flags given win. The credential given goes to the
preset's variable (or into its header), documented stand-ins and `ANTHROPIC_API_KEY=""` are added, and the
preset's headers and model mappings fill what the flags leave open.
*/
export function applyPreset(preset: Preset, request: ValueRequest, input: PresetInput): ValueRequest {
	if (preset.api !== 'anthropic') {
		throw new UserError({level: 'error', message: `The preset ${preset.id} is a ${preset.api === 'bedrock' ? 'Bedrock' : 'Vertex'} pass-through gateway (--api ${preset.api}), which this ccgate cannot write yet`, fix: `point Claude Code at it by hand as ${preset.source} says, or use the preset litellm for its unified Anthropic endpoint`});
	}

	const set: Partial<Record<OwnedKey, string>> = {...request.set};
	set.ANTHROPIC_BASE_URL ??= fill(preset.baseUrl, input.fields, preset, 'its base URL');

	// --token-stdin without --auth-style: the secret goes where this gateway wants it.
	if (!input.credentialStyleChosen && preset.credential === 'ANTHROPIC_API_KEY' && set.ANTHROPIC_AUTH_TOKEN !== undefined && request.set.ANTHROPIC_API_KEY === undefined) {
		set.ANTHROPIC_API_KEY = set.ANTHROPIC_AUTH_TOKEN;
		delete set.ANTHROPIC_AUTH_TOKEN;
	}

	let noAuth = request.noAuth;
	const token = set.ANTHROPIC_AUTH_TOKEN ?? set.ANTHROPIC_API_KEY;
	if (preset.credential === 'none') {
		// The credential travels in a header; the placeholder keeps Claude Code from sending the user's own login.
		delete set.ANTHROPIC_AUTH_TOKEN;
		delete set.ANTHROPIC_API_KEY;
		noAuth = set.apiKeyHelper === undefined;
	} else if (token === undefined && set.apiKeyHelper === undefined && !noAuth && preset.placeholderToken !== undefined) {
		set[preset.credential] = preset.placeholderToken;
	}

	if (preset.emptyApiKey && set.ANTHROPIC_API_KEY === undefined && (set.ANTHROPIC_AUTH_TOKEN !== undefined || noAuth)) {
		set.ANTHROPIC_API_KEY = '';
	}

	const headers = request.headers ?? (preset.headers.length === 0
		? undefined
		: preset.headers.map(header => `${header.name}: ${fill(header.value, {...input.fields, token}, preset, `the header ${header.name}`)}`));

	set.ANTHROPIC_DEFAULT_OPUS_MODEL ??= preset.models?.opus;
	set.ANTHROPIC_DEFAULT_SONNET_MODEL ??= preset.models?.sonnet;
	set.ANTHROPIC_DEFAULT_HAIKU_MODEL ??= preset.models?.haiku;
	for (const key of Object.keys(set) as OwnedKey[]) {
		if (set[key] === undefined) {
			delete set[key];
		}
	}

	return {...request, set, noAuth, ...(headers === undefined ? {} : {headers})};
}

/** The preset's headers that `--header` lines (which replace the preset's) leave out: the gateway refuses requests without them. */
export function missingPresetHeaders(preset: Preset, headerLines: readonly string[] | undefined): Finding[] {
	if (headerLines === undefined) {
		return [];
	}

	const given = new Set(headerLines.map(line => line.split(':')[0]!.trim().toLowerCase()));
	return preset.headers
		.filter(header => !given.has(header.name.toLowerCase()))
		.map(header => ({level: 'warning' as const, message: `${preset.name} needs the header ${header.name} (${header.description}), which the --header options given leave out`, fix: `add --header '${header.name}: ${header.secret ? '…' : header.value}', or give no --header to use the preset's`}));
}

/** Said once when a preset is chosen: what the user should know before using it. */
export function presetNotice(preset: Preset): string | undefined {
	const parts: string[] = [];
	if (!preset.claudeModels) {
		parts.push(`${preset.name} answers with its own models, not Claude models`);
	}

	if (preset.note !== undefined) {
		parts.push(preset.note);
	}

	return parts.length === 0 ? undefined : `note: ${parts.join('; ')}.`;
}
