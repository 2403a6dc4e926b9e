import {checkBaseUrl} from '../core/base-url.js';
import {type Finding, hasError} from '../core/findings.js';
import {formatHeaders, type Header, parseHeader} from '../core/headers.js';
import {type KeyValues, noAuthPlaceholder} from '../core/keys.js';
import {checkHeaderLine, checkHeaders, checkModel, checkValues} from '../core/validate.js';
import type {Draft} from './draft.js';

/*
The wizard's live validation: each step asks the core validators about its own fields, so the wizard and the
commands agree on every value. An error blocks Enter; a warning is shown and allowed.
*/

/** Findings in `findings` that `without` does not have: what one field adds to a check of the whole. */
function added(findings: readonly Finding[], without: readonly Finding[]): Finding[] {
	const seen = new Set(without.map(finding => `${finding.level}\n${finding.message}`));
	return findings.filter(finding => !seen.has(`${finding.level}\n${finding.message}`));
}

export function endpointFindings(baseUrl: string): Finding[] {
	return checkBaseUrl(baseUrl).findings;
}

/** The credential keys as the settings file would hold them (ccgate's secret file is validated as a token, as `write --secret-file` does). */
export function credentialValues(draft: Draft): KeyValues {
	switch (draft.credentialStyle) {
		case 'none': {
			return {ANTHROPIC_AUTH_TOKEN: noAuthPlaceholder};
		}

		case 'helper': {
			return {apiKeyHelper: draft.helper};
		}

		case 'x-api-key': {
			return draft.secretStorage === 'secret-file' ? {ANTHROPIC_AUTH_TOKEN: draft.secret} : {ANTHROPIC_API_KEY: draft.secret};
		}

		case 'bearer': {
			return {ANTHROPIC_AUTH_TOKEN: draft.secret};
		}
	}
}

/** What `checkValues` says about the credential, bound for this base URL. */
export function credentialFindings(draft: Draft): Finding[] {
	const base: KeyValues = draft.baseUrl === '' ? {} : {ANTHROPIC_BASE_URL: draft.baseUrl};
	return added(checkValues({...base, ...credentialValues(draft)}), checkValues(base));
}

/** A header line being typed, checked against the headers already there. */
export function headerLineFindings(line: string, others: readonly Header[]): Finding[] {
	const lineFindings = checkHeaderLine(line);
	if (hasError(lineFindings)) {
		return lineFindings;
	}

	return added(checkHeaders([...others, parseHeader(line)]), checkHeaders(others));
}

export function headersFindings(headers: readonly Header[]): Finding[] {
	return checkHeaders(headers);
}

/** The model fields, each with the variable it sets. */
export const modelFields = [
	{field: 'model', variable: 'model', label: 'Default model'},
	{field: 'opusModel', variable: 'ANTHROPIC_DEFAULT_OPUS_MODEL', label: 'opus maps to'},
	{field: 'sonnetModel', variable: 'ANTHROPIC_DEFAULT_SONNET_MODEL', label: 'sonnet maps to'},
	{field: 'haikuModel', variable: 'ANTHROPIC_DEFAULT_HAIKU_MODEL', label: 'haiku maps to'},
] as const;

export type ModelField = (typeof modelFields)[number]['field'];

/** An empty model field means "not set", which is fine. */
export function modelFindings(field: ModelField, id: string): Finding[] {
	const variable = modelFields.find(entry => entry.field === field)!.variable;
	return id === '' ? [] : checkModel(variable, id);
}

/** Discovery's own warnings for this base URL (the claude version is checked at review, where the plan asks for it). */
export function discoveryFindings(draft: Draft): Finding[] {
	if (!draft.discovery) {
		return [];
	}

	const base: KeyValues = {ANTHROPIC_BASE_URL: draft.baseUrl, ...credentialValues(draft)};
	return added(checkValues({...base, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}), checkValues(base));
}

/** What the probe is asked to check: the wizard's values as `ccgate probe` reads them from a settings file. */
export type ProbeInput = {
	/** The base URL normalised, for the screen. */
	readonly baseUrl: string;
	/** The values `ccgate probe` would probe (commands/probe-values.ts turns them into the request). */
	readonly values: KeyValues;
};

/**
The probe's input, once the endpoint, credential and headers hold no error; undefined before. The request, the
target and the model are worked out from these values by the same function `ccgate probe` uses. A secret in
ccgate's secret file goes out as its apiKeyHelper's output would, as both a bearer token and x-api-key (as
`ccgate write --probe` sends it).
*/
export function probeInputFrom(draft: Draft): ProbeInput | undefined {
	const {normalized} = checkBaseUrl(draft.baseUrl);
	if (normalized === undefined || hasError(credentialFindings(draft)) || hasError(headersFindings(draft.headers))) {
		return undefined;
	}

	const secretFile = (draft.credentialStyle === 'bearer' || draft.credentialStyle === 'x-api-key') && draft.secretStorage === 'secret-file';
	const headers = formatHeaders(draft.headers);
	const models: KeyValues = {
		...(draft.model !== '' && {model: draft.model}),
		...(draft.opusModel !== '' && {ANTHROPIC_DEFAULT_OPUS_MODEL: draft.opusModel}),
		...(draft.sonnetModel !== '' && {ANTHROPIC_DEFAULT_SONNET_MODEL: draft.sonnetModel}),
		...(draft.haikuModel !== '' && {ANTHROPIC_DEFAULT_HAIKU_MODEL: draft.haikuModel}),
	};
	return {
		baseUrl: normalized,
		values: {
			ANTHROPIC_BASE_URL: normalized,
			...(secretFile ? {ANTHROPIC_AUTH_TOKEN: draft.secret, ANTHROPIC_API_KEY: draft.secret} : credentialValues(draft)),
			...(headers === undefined ? {} : {ANTHROPIC_CUSTOM_HEADERS: headers}),
			...models,
		},
	};
}
