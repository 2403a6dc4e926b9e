import type {ProbeReport} from '../../../probe/probe.js';
import {hint, type KeyHint, quit} from '../hints.js';
import {probeInputFrom} from '../validation.js';
import {answersOf, goTo, type Step, type WizardState} from '../state.js';
import {selectedTarget} from './target.js';

/*
The probe step: the probe runs in the background from the credential step on, again whenever its input changes;
here the user sees its verdict and goes on, probes again, or goes on although the gateway is not usable (only that
verdict holds the user back: "cannot tell" goes on as "usable" does).
*/

/** Start the probe when its input is valid and differs from the last run's ("re-run on change"), or when `force`d. */
export function withProbe(state: WizardState, force = false): WizardState {
	// The write as the selected target would take it: the probe sends what will be written.
	const input = probeInputFrom(answersOf(state), {...state.start, target: selectedTarget(state).kind});
	if (input === undefined) {
		return state;
	}

	if (!force && state.probe.status !== 'idle' && JSON.stringify(state.probe.input) === JSON.stringify(input)) {
		return state;
	}

	const id = state.probeRuns + 1;
	return {...state, probe: {status: 'running', id, input}, probeRuns: id, acceptUnusable: false};
}

/** The probe's answer, whatever step is shown; a late answer from an older run is dropped. */
export function probeFinished(state: WizardState, id: number, report: ProbeReport): WizardState {
	const {probe} = state;
	if (probe.status !== 'running' || probe.id !== id) {
		return state;
	}

	return {...state, probe: {status: 'done', id: probe.id, input: probe.input, report}};
}

/** The gateway's model IDs from the last probe: those discovery lists first. */
export function probeModels(state: WizardState): string[] {
	const models = state.probe.status === 'done' ? state.probe.report.models : undefined;
	return models ? [...models.visible, ...models.hidden].map(model => model.id) : [];
}

function confirm(state: WizardState): WizardState {
	if (state.probe.status === 'running' || (state.probe.status === 'done' && state.probe.report.verdict === 'not usable' && !state.acceptUnusable)) {
		return state;
	}

	return goTo(state, 'target');
}

function acceptUnusable(state: WizardState): WizardState {
	if (state.probe.status !== 'done' || state.probe.report.verdict !== 'not usable') {
		return state;
	}

	return goTo(state, 'target', {acceptUnusable: true});
}

function hints(state: WizardState): KeyHint[] {
	const {probe} = state;
	const hints: KeyHint[] = [];
	if (probe.status !== 'running') {
		hints.push(probe.status === 'done' && probe.report.verdict === 'not usable' ? hint('accept-unusable', 'continue anyway') : hint('confirm', 'continue'));
	}

	if (probe.status !== 'idle') {
		hints.push(hint('rerun', 'probe again'));
	}

	return [...hints, hint('back', 'back'), quit];
}

export const probeStep: Step = {
	confirm,
	back: state => goTo(state, 'models'),
	keys: {
		rerun: state => withProbe(state, true),
		'accept-unusable': acceptUnusable,
	},
	findings: () => [],
	hints,
	blocked: state => (state.probe.status === 'running'
		? 'The probe is still running: Enter continues once it has answered.'
		: 'The gateway is not usable: press r to probe again, Esc to go back, or y to go on anyway.'),
};
