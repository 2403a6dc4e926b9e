import {type ApiFormat, planFormat} from './api-format.js';
import {formatHeaders, parseHeader} from './headers.js';
import {credentialKeys, type KeyValues, noAuthPlaceholder, type OwnedKey} from './keys.js';

/** What the value flags (or the wizard) ask for: keys to set, keys to remove, and how. */
export type ValueRequest = {
	/** Values given (the credential from --token-stdin included). */
	readonly set: Partial<Record<OwnedKey, string>>;
	/** Keys to take out (`--unset`, `--no-discovery`). */
	readonly unset: readonly OwnedKey[];
	/** Given at all, the custom headers are exactly these `Name: Value` lines. */
	readonly headers?: readonly string[];
	readonly noAuth: boolean;
	readonly secretFile: boolean;
	/** `--api`: the gateway's format; absent, the target's own format stays (docs/contract.md §4a). */
	readonly api?: ApiFormat;
	/** `--region`, `--project`: for the Bedrock and Vertex formats. */
	readonly region?: string;
	readonly project?: string;
};

export type PlanInput = {
	/** The target's own values: never values from other layers. */
	readonly current: KeyValues;
	readonly request: ValueRequest;
	/** Shell output has no `model` key: the model goes to `ANTHROPIC_MODEL`. */
	readonly target: 'settings' | 'shell';
	/** Does the target's value for this key still hold what ccgate wrote? (A user's own apiKeyHelper stays.) */
	readonly writtenByCcgate: (key: OwnedKey) => boolean;
};

/** The target's values after the request: given values win, the rest of the target's own values stay. */
export function planValues({current, request, target, writtenByCcgate}: PlanInput): KeyValues {
	const next: KeyValues = {...current};
	const set: Partial<Record<OwnedKey, string>> = {...request.set};
	if (request.noAuth) {
		set.ANTHROPIC_AUTH_TOKEN = noAuthPlaceholder;
	}

	if (request.headers !== undefined) {
		const headers = formatHeaders(request.headers.map(line => parseHeader(line)));
		if (headers === undefined) {
			delete next.ANTHROPIC_CUSTOM_HEADERS;
		} else {
			set.ANTHROPIC_CUSTOM_HEADERS = headers;
		}
	}

	if (target === 'shell' && set.model !== undefined) {
		set.ANTHROPIC_MODEL = set.model;
		delete set.model;
	}

	// A model in ANTHROPIC_MODEL would beat the settings key `model`, so it follows.
	if (set.model !== undefined && current.ANTHROPIC_MODEL !== undefined) {
		set.ANTHROPIC_MODEL = set.model;
	}

	planFormat({current, set, next, api: request.api, region: request.region, project: request.project, writtenByCcgate});

	const givenCredentials = credentialKeys.filter(key => set[key] !== undefined);
	if (givenCredentials.length > 0) {
		for (const key of credentialKeys) {
			if (set[key] === undefined && next[key] !== undefined && (key !== 'apiKeyHelper' || writtenByCcgate(key))) {
				delete next[key];
			}
		}
	}

	Object.assign(next, set);
	for (const key of request.unset) {
		delete next[key];
	}

	return next;
}

/** The secret `--secret-file` moves into ccgate's file: the token, else the key (the no-auth placeholder is no secret). */
export function secretForFile(values: KeyValues): string | undefined {
	return values.ANTHROPIC_AUTH_TOKEN === noAuthPlaceholder ? undefined : values.ANTHROPIC_AUTH_TOKEN ?? values.ANTHROPIC_API_KEY;
}

/** Keys whose value differs between two sets of values, with the new value (undefined: removed). */
export function changedKeys(before: KeyValues, after: KeyValues): Partial<Record<OwnedKey, string | undefined>> {
	const changes: Partial<Record<OwnedKey, string | undefined>> = {};
	const keys = new Set([...Object.keys(before), ...Object.keys(after)] as OwnedKey[]);
	for (const key of keys) {
		if (before[key] !== after[key]) {
			changes[key] = after[key];
		}
	}

	return changes;
}
