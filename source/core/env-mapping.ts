import type {Finding} from './findings.js';
import {envKeys, type KeyValues} from './keys.js';

/**
ccgate's values as shell variables: the settings key `model` becomes `ANTHROPIC_MODEL`
(unless that is set too, and wins); `apiKeyHelper` has no variable and is left out with a warning.
*/
export function shellVariables(values: KeyValues): {entries: Array<[string, string]>; findings: Finding[]} {
	const merged: KeyValues = {...values};
	if (merged.model !== undefined && merged.ANTHROPIC_MODEL === undefined) {
		merged.ANTHROPIC_MODEL = merged.model;
	}

	const entries: Array<[string, string]> = [];
	for (const key of envKeys) {
		const value = merged[key];
		if (value !== undefined) {
			entries.push([key, value]);
		}
	}

	const findings: Finding[] = [];
	if (values.apiKeyHelper !== undefined) {
		findings.push({level: 'warning', message: 'apiKeyHelper is a settings key that no shell variable carries, so it is left out', fix: 'write it to a settings file with ccgate write --api-key-helper'});
	}

	return {entries, findings};
}
