import type {ValueRequest} from '../../core/plan.js';
import {applyPreset} from '../../core/presets.js';
import {choose, hint, quit} from '../hints.js';
import {requestFromDraft} from '../request.js';
import type {TargetOption} from '../services.js';
import {clampIndex, goTo, type Step, type WizardState} from './state.js';

/* The target step: where the configuration is written (a settings file, a shell profile, printed lines). */

export function selectedTarget(state: WizardState): TargetOption {
	return state.setup.targets[state.targetIndex]!;
}

/** The request the review plans: the same shape `ccgate write` builds from its flags. */
export function writeRequest(state: WizardState, target: TargetOption = selectedTarget(state)): ValueRequest {
	const request = requestFromDraft(state.draft, {...state.start, target: target.kind});
	// A known gateway's rules, as `--preset` applies them: `ANTHROPIC_API_KEY=""`, a stand-in token, a credential that travels in a header.
	return state.preset === undefined ? request : applyPreset(state.preset, request, {fields: state.presetFields, credentialStyleChosen: true});
}

function confirm(state: WizardState): WizardState {
	const id = state.reviewRuns + 1;
	return goTo(state, 'review', {review: {status: 'planning', id}, reviewRuns: id});
}

export const targetStep: Step = {
	confirm,
	back: state => goTo(state, 'probe'),
	move: (state, delta) => ({...state, targetIndex: clampIndex(state.targetIndex + delta, state.setup.targets.length)}),
	keys: {},
	// What the step warns about is shown by its view (`target-findings.ts`) and never gates Enter.
	findings: () => [],
	hints: () => [choose, hint('confirm', 'review'), hint('back', 'back'), quit],
};
