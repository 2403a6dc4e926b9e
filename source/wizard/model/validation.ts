import {checkCloudBaseUrl, checkFormatValues, cloudKeys} from '../../core/api-format.js';
import {checkBaseUrl} from '../../core/base-url.js';
import type {FindingCode} from '../../core/finding-codes.js';
import {type Finding, hasError} from '../../core/findings.js';
import {type Header, parseHeader} from '../../core/headers.js';
import {type KeyValues, noAuthPlaceholder} from '../../core/keys.js';
import {checkHeaderLine, checkHeaders, checkModel, checkValues} from '../../core/validate.js';
import {wizardProbeValues} from '../../app/probed-values.js';
import type {RequestContext, WizardAnswers} from '../../app/request.js';
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

/** The keys of a Bedrock or Vertex gateway (docs/contract.md §4a) for the draft's format; none for the Anthropic format. */
export function formatValues(draft: Pick<Draft, 'api' | 'baseUrl' | 'region' | 'project'>): KeyValues {
	if (draft.api === 'anthropic') {
		return {};
	}

	const keys = cloudKeys[draft.api];
	return {
		[keys.switch]: '1',
		[keys.baseUrl]: draft.baseUrl,
		[keys.skipAuth]: '1',
		...(draft.region !== '' && {[keys.region]: draft.region}),
		...(draft.api === 'vertex' && draft.project !== '' && {ANTHROPIC_VERTEX_PROJECT_ID: draft.project}),
	};
}

/** The base URL's findings in the draft's format: Claude Code appends /v1/messages, /model/… or /projects/… to it. */
export function endpointFindings(baseUrl: string, api: Draft['api'] = 'anthropic'): Finding[] {
	if (api === 'anthropic') {
		return checkBaseUrl(baseUrl).findings;
	}

	const check = checkCloudBaseUrl(baseUrl);
	if (check.normalized === undefined) {
		return check.findings;
	}

	// The format's own checks of the URL (Vertex wants /v1), without those of a region or project not asked yet.
	return [...check.findings, ...checkFormatValues(formatValues({api, baseUrl: check.normalized, region: '', project: 'p'})).findings];
}

/** The normalised base URL in the draft's format, undefined while it has an error. */
export function normalizedBaseUrl(draft: Pick<Draft, 'api' | 'baseUrl'>): string | undefined {
	return draft.api === 'anthropic' ? checkBaseUrl(draft.baseUrl).normalized : checkCloudBaseUrl(draft.baseUrl).normalized;
}

/** What the format's checks say about the region or the project. */
export function formatFieldFindings(draft: Draft, field: 'region' | 'project'): Finding[] {
	if (draft.api === 'anthropic') {
		return [];
	}

	const key = field === 'project' ? 'ANTHROPIC_VERTEX_PROJECT_ID' : cloudKeys[draft.api].region;
	const values = formatValues({...draft, baseUrl: 'http://127.0.0.1', region: draft.region, project: field === 'project' ? draft.project : 'p'});
	// An empty region is checked too (formatValues leaves it out): it is a value with no text.
	const region = field === 'region' ? {[key]: draft.region} : {};
	const codes: ReadonlySet<FindingCode> = new Set(field === 'project' ? ['vertex-project-missing', 'vertex-project-invalid'] : ['region-invalid']);
	return checkFormatValues({...values, ...region}).findings.filter(finding => codes.has(finding.code));
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
	const findings = added(checkValues({...base, ...credentialValues(draft)}), checkValues(base));
	if (draft.api === 'bedrock' && draft.credentialStyle === 'x-api-key') {
		// The client sends no x-api-key to a Bedrock gateway: the format's check says so.
		findings.push(...checkFormatValues({...formatValues(draft), ANTHROPIC_API_KEY: draft.secret}).findings.filter(finding => finding.code === 'bedrock-api-key'));
	}

	return findings;
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
	{field: 'fableModel', variable: 'ANTHROPIC_DEFAULT_FABLE_MODEL', label: 'fable maps to'},
	{field: 'subagentModel', variable: 'CLAUDE_CODE_SUBAGENT_MODEL', label: 'Subagents use'},
	// Offered where the gateway's models are not Claude models (logic/models.ts): one more entry in /model.
	{field: 'customModel', variable: 'ANTHROPIC_CUSTOM_MODEL_OPTION', label: 'Extra in /model'},
	{field: 'customModelName', variable: 'ANTHROPIC_CUSTOM_MODEL_OPTION_NAME', label: '  shown as'},
] as const;

export type ModelField = (typeof modelFields)[number]['field'];

/** An empty model field means "not set", which is fine. The extra /model entry is there for a non-Claude model: no warning for it. */
export function modelFindings(field: ModelField, id: string): Finding[] {
	const variable = modelFields.find(entry => entry.field === field)!.variable;
	if (id === '' || field === 'customModelName') {
		return [];
	}

	const findings = checkModel(variable, id);
	return field === 'customModel' ? findings.filter(finding => finding.level === 'error') : findings;
}

/** Discovery's own warnings for this base URL (the claude version is checked at review, where the plan asks for it). */
export function discoveryFindings(draft: Draft): Finding[] {
	if (!draft.discovery) {
		return [];
	}

	if (draft.api !== 'anthropic') {
		// The format's own warning, said where discovery is turned on: a Bedrock or Vertex gateway lists no models.
		const values = formatValues({...draft, baseUrl: 'http://127.0.0.1', project: 'p'});
		return checkFormatValues({...values, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}).findings.filter(finding => finding.code === 'discovery-cloud-format');
	}

	const base: KeyValues = {ANTHROPIC_BASE_URL: draft.baseUrl, ...credentialValues(draft)};
	return added(checkValues({...base, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}), checkValues(base));
}

/** What the probe is asked to check: the values the wizard will write, as `ccgate probe` reads them from a settings file. */
export type ProbeInput = {
	/** The base URL normalised, for the screen. */
	readonly baseUrl: string;
	/** The values `ccgate probe` would probe (app/probe-values.ts turns them into the request). */
	readonly values: KeyValues;
};

/**
The probe's input, once the endpoint, credential and headers hold no error; undefined before. Its values are the
write of the wizard's answers (app/probed-values.ts), so the wizard probes exactly what it will write; the request,
the target and the model are worked out from them by the same function `ccgate probe` uses.
*/
export function probeInputFrom(answers: WizardAnswers, context: Omit<RequestContext, 'allFields'>): ProbeInput | undefined {
	const {draft} = answers;
	const normalized = normalizedBaseUrl(draft);
	if (normalized === undefined || hasError(credentialFindings(draft)) || hasError(headersFindings(draft.headers))) {
		return undefined;
	}

	if (draft.api !== 'anthropic' && (hasError(formatFieldFindings(draft, 'region')) || hasError(formatFieldFindings(draft, 'project')))) {
		return undefined;
	}

	try {
		return {baseUrl: normalized, values: wizardProbeValues({...answers, draft: {...draft, baseUrl: normalized}}, context)};
	} catch {
		// A known gateway's template that cannot be filled yet (its header waits for the credential): nothing to probe.
		return undefined;
	}
}
