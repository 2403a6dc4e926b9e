import {wizardRequest} from '../../../app/request.js';
import type {ValueRequest} from '../../../core/plan.js';
import {choose, hint, quit} from '../hints.js';
import type {TargetOption} from '../services.js';
import {answersOf, clampIndex, goTo, type Step, type WizardState} from '../state.js';

/* The target step: where the configuration is written (a settings file, a shell profile, printed lines). */

export function selectedTarget(state: WizardState): TargetOption {
	return state.setup.targets[state.target.index]!;
}

/** The request the review plans: the same shape `ccgate write` builds from its flags. */
export function writeRequest(state: WizardState, target: TargetOption = selectedTarget(state)): ValueRequest {
	return wizardRequest(answersOf(state), {...state.start, target: target.kind});
}

function confirm(state: WizardState): WizardState {
	const id = state.reviewRuns + 1;
	return goTo(state, 'review', {review: {status: 'planning', id}, reviewRuns: id});
}

export const targetStep: Step = {
	confirm,
	back: state => goTo(state, 'probe'),
	move: (state, delta) => ({...state, target: {index: clampIndex(state.target.index + delta, state.setup.targets.length)}}),
	keys: {},
	// What the step warns about is shown by its view (`target-findings.ts`) and never gates Enter.
	findings: () => [],
	hints: () => [choose, hint('confirm', 'review'), hint('back', 'back'), quit],
};
