import {checkBaseUrl} from '../core/base-url.js';
import {hasError} from '../core/findings.js';
import type {Header} from '../core/headers.js';
import {noAuthPlaceholder} from '../core/keys.js';
import type {Draft} from './draft.js';
import {credentialFindings, headersFindings} from './validation.js';

/** What the probe is asked to check: the gateway as Claude Code would reach it with the wizard's values. */
export type ProbeInput = {
	/** Normalised, no trailing slash. */
	readonly baseUrl: string;
	readonly authToken?: string;
	readonly apiKey?: string;
	/** A user's own apiKeyHelper command, run once per probe for the key (never while it is being typed). */
	readonly helperCommand?: string;
	readonly customHeaders: readonly Header[];
	/** The model for the probe's request bodies; absent for the probe's default. */
	readonly model?: string;
};

const aliasFields = {opus: 'opusModel', sonnet: 'sonnetModel', haiku: 'haikuModel'} as const;

/** The model ID a gateway gets for the default model: an alias goes through its mapping, if there is one. */
function probeModel(draft: Draft): string | undefined {
	const model = draft.model.replace(/\[1m]$/i, '');
	if (model === '') {
		return undefined;
	}

	if (model in aliasFields) {
		return draft[aliasFields[model as keyof typeof aliasFields]] || undefined;
	}

	return ['default', 'opusplan'].includes(model) ? undefined : draft.model;
}

/**
The probe's input, once the endpoint, credential and headers hold no error; undefined before.
Claude Code sends an apiKeyHelper's output (ccgate's secret file included) as both a bearer token and x-api-key.
*/
export function probeInputFrom(draft: Draft): ProbeInput | undefined {
	const {normalized} = checkBaseUrl(draft.baseUrl);
	if (normalized === undefined || hasError(credentialFindings(draft)) || hasError(headersFindings(draft.headers))) {
		return undefined;
	}

	const model = probeModel(draft);
	const common = {baseUrl: normalized, customHeaders: draft.headers, ...(model !== undefined && {model})};
	switch (draft.credentialStyle) {
		case 'none': {
			return {...common, authToken: noAuthPlaceholder};
		}

		case 'helper': {
			return {...common, helperCommand: draft.helper};
		}

		default: {
			if (draft.secretStorage === 'secret-file') {
				return {...common, authToken: draft.secret, apiKey: draft.secret};
			}

			return draft.credentialStyle === 'bearer' ? {...common, authToken: draft.secret} : {...common, apiKey: draft.secret};
		}
	}
}
