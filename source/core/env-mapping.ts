import {apiFormats, formatKeys, formatOf} from './api-format.js';
import type {Finding} from './findings.js';
import {envKeys, type KeyValues} from './keys.js';
import {planValues, type ValueRequest} from './plan.js';
import {checkValues} from './validate.js';

/**
ccgate's values as shell variables: the settings key `model` becomes `ANTHROPIC_MODEL`
(unless that is set too, and wins); `apiKeyHelper` has no variable and is left out with a warning.
*/
export function shellVariables(values: KeyValues, helperGiven = true): {entries: Array<[string, string]>; findings: Finding[]} {
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
	if (values.apiKeyHelper !== undefined && !helperGiven) {
		// Configured in a settings file (a --secret-file's helper among them): Claude Code runs it from there.
		findings.push({code: 'shell-helper-credential', level: 'warning', message: 'The credential comes from an apiKeyHelper, which only a settings file can hold, so these lines carry no credential', fix: 'claude started anywhere still runs the helper from its settings file; for these lines alone, add --auth-token or --token-stdin'});
	} else if (values.apiKeyHelper !== undefined) {
		findings.push({code: 'shell-no-api-key-helper', level: 'warning', message: 'apiKeyHelper is a settings key that no shell variable carries, so it is left out', fix: 'write it to a settings file with ccgate write --api-key-helper'});
	}

	return {entries, findings};
}

/**
What `ccgate print` prints, shared with the wizard's "print the export lines": the configured values with the
request on top, as shell variables, and every finding about them.
*/
export function planPrint(current: KeyValues, request: ValueRequest): {values: KeyValues; entries: Array<[string, string]>; findings: Finding[]} {
	// Printed lines are the whole picture: `--api` takes the other formats' keys out of it, whoever set them.
	const formatKey = (key: string) => apiFormats.some(format => formatKeys[format].includes(key as never));
	const values = planValues({current, request, target: 'shell', writtenByCcgate: formatKey});
	// Only the format in force is printed: an AWS_REGION exported for other tools is no part of an Anthropic-format gateway.
	const format = formatOf(values);
	for (const other of apiFormats) {
		if (other !== format && other !== 'anthropic') {
			for (const key of formatKeys[other]) {
				delete values[key];
			}
		}
	}

	const {entries, findings} = shellVariables(values, request.set.apiKeyHelper !== undefined);
	return {values, entries, findings: [...checkValues(values), ...findings]};
}
