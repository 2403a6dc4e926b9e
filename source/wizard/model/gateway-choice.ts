import {cloudKeys} from '../../core/api-format.js';
import {parseHeader} from '../../core/headers.js';
import type {ValueRequest} from '../../core/plan.js';
import {applyPreset, type Preset, presets} from '../../core/presets.js';
import type {Draft} from './draft.js';

/** A row of the "Which gateway?" list: a known gateway, or "Other" (any gateway, asked field by field). */
export type GatewayChoice = {readonly label: string; readonly detail: string; readonly preset?: Preset};

export const otherGateway: GatewayChoice = {label: 'Other', detail: 'any other gateway: its format and URL are asked next'};

/** The known gateways whose name or id holds the filter (any case), and "Other" last, always there. */
export function gatewayChoices(filter: string): GatewayChoice[] {
	const text = filter.trim().toLowerCase();
	const matching = presets().filter(preset => preset.name.toLowerCase().includes(text) || preset.id.includes(text));
	return [...matching.map(preset => ({label: preset.name, detail: `${withoutScheme(preset.baseUrl)}${preset.selfHosted ? ' · self-hosted' : ''}`, preset})), otherGateway];
}

/** A URL from its host on: the host and port tell gateways apart, and come first where a narrow list cuts the rest. */
function withoutScheme(url: string): string {
	return url.replace(/^https?:\/\//, '');
}

const noRequest: ValueRequest = {set: {}, unset: [], noAuth: false, secretFile: false};

/**
The preset through `applyPreset`, the function `--preset` uses: its base URL with the fields given, and its
headers once the credential a header may carry is known. Undefined while a field it needs is not given yet.
*/
function applied(preset: Preset, fields: Readonly<Record<string, string>>, request: ValueRequest): ValueRequest | undefined {
	try {
		return applyPreset(preset, request, {fields, credentialStyleChosen: true});
	} catch {
		return undefined;
	}
}

function needsToken(preset: Preset): boolean {
	return preset.headers.some(header => header.value.includes('{token}'));
}

/**
The wizard's fields for a chosen preset: everything it documents prefilled (format, base URL, headers, model
mappings, discovery, a stand-in token), so the user types only what it needs.
*/
export function presetDraft(preset: Preset, base: Draft, fields: Readonly<Record<string, string>>): Draft {
	// Headers left as given ([]) here: a header that carries the credential is filled once it is typed (withTokenHeaders).
	const values = applied(preset, fields, {...noRequest, headers: []});
	const withHeaders = needsToken(preset) ? undefined : applied(preset, fields, noRequest);
	return {
		...base,
		api: preset.api,
		baseUrl: values?.set.ANTHROPIC_BASE_URL ?? preset.baseUrl,
		region: preset.api === 'anthropic' ? '' : cloudKeys[preset.api].defaultRegion,
		project: '',
		credentialStyle: preset.credential === 'ANTHROPIC_API_KEY' ? 'x-api-key' : 'bearer',
		secret: preset.placeholderToken ?? '',
		helper: '',
		secretStorage: 'settings',
		headers: (withHeaders?.headers ?? []).map(line => parseHeader(line)),
		model: preset.models?.model ?? '',
		opusModel: preset.models?.opus ?? '',
		sonnetModel: preset.models?.sonnet ?? '',
		haikuModel: preset.models?.haiku ?? '',
		fableModel: '',
		subagentModel: preset.models?.subagent ?? '',
		customModel: '',
		customModelName: '',
		discovery: preset.discovery === 'works',
	};
}

/** Once the credential is typed: the preset's headers that carry it (Portkey's x-portkey-api-key), filled, in place of any of the same name. */
export function withTokenHeaders(preset: Preset, draft: Draft, fields: Readonly<Record<string, string>>): Draft {
	if (!needsToken(preset) || draft.secret === '') {
		return draft;
	}

	const lines = applied(preset, fields, {...noRequest, set: {ANTHROPIC_AUTH_TOKEN: draft.secret}})?.headers ?? [];
	const filled = lines.map(line => parseHeader(line));
	const names = new Set(filled.map(header => header.name.toLowerCase()));
	return {...draft, headers: [...draft.headers.filter(header => !names.has(header.name.toLowerCase())), ...filled]};
}
