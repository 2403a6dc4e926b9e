import {type Finding, UserError} from './findings.js';
import type {OwnedKey} from './keys.js';
import type {ValueRequest} from './plan.js';
import {presetData} from './preset-data.js';

/** A template field the user fills in: a part of the base URL, or of a header's value. */
export type PresetField = {
	/** Its name in templates (`{account}`) and its flag (`--account`). */
	readonly name: 'account' | 'gateway' | 'gateway-token' | 'provider';
	/** What goes there, in the user's words. */
	readonly description: string;
	readonly secret: boolean;
};

export type PresetHeader = {
	readonly name: string;
	/** The value, or its template: `{token}` is the credential given, `{NAME}` a field. */
	readonly value: string;
	/** What goes there, in the user's words. */
	readonly description: string;
	readonly secret: boolean;
};

/**
A known gateway (docs/contract.md §9): its facts as its own documentation gives them. The data is in preset-data.ts and is
checked by the zod schema in preset-schema.ts (by `ccgate presets` and by the tests); this type and the schema
are held equal at compile time.
*/
export type Preset = {
	/** Lower-case, as typed after `--preset`. */
	readonly id: string;
	readonly name: string;
	/** The gateway's API format (docs/contract.md §4a). */
	readonly api: 'anthropic' | 'bedrock' | 'vertex';
	/** The base URL, or its template with `{field}` parts; for a self-hosted gateway, the documented default. */
	readonly baseUrl: string;
	/** Self-hosted: the user's own host goes in --base-url. */
	readonly selfHosted: boolean;
	/** Which variable carries the credential; `none`: it travels in a header, and --no-auth keeps the user's login at home. */
	readonly credential: 'ANTHROPIC_AUTH_TOKEN' | 'ANTHROPIC_API_KEY' | 'none';
	/** A documented stand-in credential for a gateway that checks none ("required but ignored"). */
	readonly placeholderToken?: string;
	/** The docs ask for `ANTHROPIC_API_KEY=""`, so a key from elsewhere does not beat the token. */
	readonly emptyApiKey: boolean;
	readonly fields: readonly PresetField[];
	readonly headers: readonly PresetHeader[];
	/** The model settings its page writes: `ANTHROPIC_MODEL` (model), `ANTHROPIC_DEFAULT_*_MODEL`, `CLAUDE_CODE_SUBAGENT_MODEL` (subagent). */
	readonly models?: {readonly model?: string; readonly opus?: string; readonly sonnet?: string; readonly haiku?: string; readonly subagent?: string};
	/** The credential is the user's own Anthropic API key, which the gateway documents passing on to Anthropic. */
	readonly ownAnthropicKey?: boolean;
	/** Does gateway model discovery work there? `unknown` when the docs do not say. */
	readonly discovery: 'works' | 'no' | 'unknown';
	/** False: the gateway answers with its own models, said once at selection. */
	readonly claudeModels: boolean;
	/** One line for the user, said once at selection. */
	readonly note?: string;
	/** The page the facts come from. */
	readonly source: string;
	/** When they were checked, YYYY-MM-DD. */
	readonly checked: string;
};

/** The known gateways. */
export function presets(): readonly Preset[] {
	return presetData;
}

/** The hosted preset whose base URL (its template's fixed parts) this URL is, else undefined; a self-hosted one's URL is only its default. */
export function presetAt(baseUrl: string): Preset | undefined {
	const url = baseUrl.trim().replace(/\/+$/, '').toLowerCase();
	return presets().find(preset => {
		if (preset.selfHosted) {
			return false;
		}

		const pattern = preset.baseUrl.toLowerCase().split(/{[\w-]+}/).map(part => part.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)).join('[^/]+');
		return new RegExp(`^${pattern}$`).test(url);
	});
}

export function findPreset(id: string): Preset {
	const preset = presets().find(candidate => candidate.id === id.toLowerCase());
	if (preset === undefined) {
		throw new UserError({code: 'preset-unknown', level: 'error', message: `There is no preset named ${id}`, fix: `use one of: ${presets().map(candidate => candidate.id).join(', ')} (ccgate presets lists them)`});
	}

	return preset;
}

export type PresetInput = {
	/** `--account`, `--gateway`, …: the template fields given. */
	readonly fields: Readonly<Record<string, string | undefined>>;
	/** Did the credential come from --token-stdin without --auth-style? Then it goes where the preset wants it. */
	readonly credentialStyleChosen: boolean;
};

/**
What is wrong with a template field's value, if anything: a field of the base URL is one path segment, so it holds
only letters, digits and - . _ ~ (a space, /, ?, # or % would change the URL Claude Code calls); a header's field
holds no whitespace. The commands (exit 2) and the wizard (under the field) ask the same.
*/
export function presetFieldProblem(preset: Preset, field: PresetField, value: string): Finding | undefined {
	const inUrl = preset.baseUrl.includes(`{${field.name}}`);
	const bad = inUrl ? /[^\w.~-]/.exec(value)?.[0] : /\s/.exec(value)?.[0];
	if (bad === undefined) {
		return undefined;
	}

	const what = /\s/.test(bad) ? 'a space' : `"${bad}"`;
	// A secret field's value is not repeated.
	const given = field.secret ? 'The value given' : `"${value}"`;
	return inUrl
		? {code: 'preset-field-invalid', level: 'error', message: `${given} holds ${what}, which a part of a base URL cannot carry`, fix: `give ${field.description} with letters, digits and - . _ ~ only`}
		: {code: 'preset-field-invalid', level: 'error', message: `${given} holds ${what}, which a header value cannot carry here`, fix: `give ${field.description} without spaces`};
}

function fill(template: string, values: Readonly<Record<string, string | undefined>>, preset: Preset, what: string): string {
	return template.replaceAll(/{([\w-]+)}/g, (_match, name: string) => {
		const value = values[name];
		const field = preset.fields.find(candidate => candidate.name === name);
		if (value === undefined || value === '') {
			const flag = name === 'token' ? '--auth-token TOKEN (or --token-stdin)' : `--${name} VALUE`;
			throw new UserError({code: 'preset-field-missing', level: 'error', message: `The preset ${preset.id} needs ${field?.description ?? 'the gateway\'s credential'} for ${what}`, fix: `give ${flag}`});
		}

		const problem = field === undefined ? undefined : presetFieldProblem(preset, field, value);
		if (problem) {
			throw new UserError(problem);
		}

		return value;
	});
}

/** The model settings the preset's page writes, where the flags leave them open. */
function addModels(preset: Preset, set: Partial<Record<OwnedKey, string>>): void {
	const models = preset.models ?? {};
	// The starting model goes where its page puts it (ANTHROPIC_MODEL), unless another is given (--model writes `model`, which ANTHROPIC_MODEL would beat).
	if (models.model !== undefined && set.ANTHROPIC_MODEL === undefined && (set.model === undefined || set.model === models.model)) {
		set.ANTHROPIC_MODEL = models.model;
		delete set.model;
	}

	set.ANTHROPIC_DEFAULT_OPUS_MODEL ??= models.opus;
	set.ANTHROPIC_DEFAULT_SONNET_MODEL ??= models.sonnet;
	set.ANTHROPIC_DEFAULT_HAIKU_MODEL ??= models.haiku;
	set.CLAUDE_CODE_SUBAGENT_MODEL ??= models.subagent;
}

/**
The request a preset makes, with the flags' request on top: flags given win. The credential given goes to the
preset's variable (or into its header), documented stand-ins and `ANTHROPIC_API_KEY=""` are added, and the
preset's headers and model mappings fill what the flags leave open.
*/
export function applyPreset(preset: Preset, request: ValueRequest, input: PresetInput): ValueRequest {
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

	addModels(preset, set);
	for (const key of Object.keys(set) as OwnedKey[]) {
		if (set[key] === undefined) {
			delete set[key];
		}
	}

	// A pass-through preset's base URL goes to its format's variable (planFormat); --api given wins.
	return {...request, set, noAuth, api: request.api ?? preset.api, ...(headers === undefined ? {} : {headers})};
}

/** The preset's headers that `--header` lines (which replace the preset's) leave out: the gateway refuses requests without them. */
export function missingPresetHeaders(preset: Preset, headerLines: readonly string[] | undefined): Finding[] {
	if (headerLines === undefined) {
		return [];
	}

	const given = new Set(headerLines.map(line => line.split(':')[0]!.trim().toLowerCase()));
	return preset.headers
		.filter(header => !given.has(header.name.toLowerCase()))
		.map(header => ({code: 'preset-header-missing' as const, level: 'warning' as const, message: `${preset.name} needs the header ${header.name} (${header.description}), which the --header options given leave out`, fix: `add --header '${header.name}: ${header.secret || header.value.includes('{') ? '…' : header.value}', or give no --header to use the preset's`}));
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
