import type {KeyValues} from '../core/keys.js';
import {planValues, secretForFile} from '../core/plan.js';
import {type RequestContext, wizardRequest, type WizardAnswers} from './request.js';

/**
The values the probe sends for a planned write: the target's values after it. A secret bound for ccgate's secret
file goes out as its apiKeyHelper would print it, as both a bearer token and x-api-key (Claude Code sends a
helper's output in both headers): the file does not exist before the write, so the helper cannot run yet.
*/
export function probedValues(after: KeyValues, secretFileText: string | undefined): KeyValues {
	if (secretFileText === undefined) {
		return after;
	}

	const {apiKeyHelper: _helper, ...values} = after;
	return {...values, ANTHROPIC_AUTH_TOKEN: secretFileText, ANTHROPIC_API_KEY: secretFileText};
}

/**
What the wizard probes: its answers as the request it writes, planned with every field by the planner the write
uses, so the probe sends what Claude Code will send once the configuration is written (a known gateway's
stand-in token and headers included). The probe runs before the file is chosen, so the target's other keys,
which no answer touches, play no part.
*/
export function wizardProbeValues(answers: WizardAnswers, context: Omit<RequestContext, 'allFields'>): KeyValues {
	const request = wizardRequest(answers, {...context, allFields: true});
	const after = planValues({current: {}, request, target: context.target === 'settings' ? 'settings' : 'shell', writtenByCcgate: () => true});
	return probedValues(after, request.secretFile ? secretForFile(after) : undefined);
}
