import {emptyDraft} from '../draft.js';
import {currentLines} from '../frame-text.js';
import {choose, hint, type KeyHint, quit} from '../hints.js';
import type {WizardSetup} from '../services.js';
import {clampIndex, type CurrentChoice, goTo, type Step, type TerminalSize, withEndpoint, type WizardState} from '../state.js';
import {withProbe} from './probe.js';

/*
The first step: what is configured now, and whether to edit it, start fresh, or load a saved profile. The wizard
opens on it only when it has something to show.
*/

/**
The current-config step has something to show: a configured key, one ignored in an untrusted folder, a finding,
or a profile to load. A first-time user has none of these and starts on the endpoint.
*/
export function opensOnCurrent(setup: WizardSetup): boolean {
	const {effective} = setup;
	return effective.keys.length > 0 || effective.untrustedOnly.length > 0 || setup.currentFindings.length > 0 || setup.profiles.length > 0;
}

export function initialState(setup: WizardSetup, terminal?: TerminalSize): WizardState {
	const state = {...openingState(setup), ...(terminal && {terminal})};
	return opensOnCurrent(setup) ? state : goTo(withEndpoint({...state, ...startFrom(setup, {kind: 'fresh'})}, {part: 'gateway', asked: true}), 'endpoint');
}

function openingState(setup: WizardSetup): WizardState {
	return {
		setup,
		step: 'current',
		draft: setup.baseline,
		start: {baseline: setup.baseline, fromShell: setup.fromShell},
		reveal: false,
		current: {index: 0},
		endpoint: {part: 'gateway', filter: '', index: 0, fields: {}, fieldIndex: 0, asked: false},
		credential: {part: 'style'},
		headers: {index: 0},
		models: {row: 'model'},
		target: {index: setup.defaultTarget},
		probe: {status: 'idle'},
		probeRuns: 0,
		acceptUnusable: false,
		review: {status: 'idle'},
		reviewRuns: 0,
		touched: new Set(),
		blocked: false,
		terminal: {rows: 24, columns: 80},
		scroll: 0,
	};
}

/** The choices of the first step: edit what is configured (if anything is), start fresh, or load a saved profile. */
export function currentChoices(setup: WizardSetup): CurrentChoice[] {
	const configured = setup.effective.keys.length > 0;
	return [
		...(configured ? [{kind: 'edit'} as const] : []),
		{kind: 'fresh'},
		...setup.profiles.map(profile => ({kind: 'profile', name: profile.name, active: profile.name === setup.activeProfile}) as const),
	];
}

/**
Editing measures changes against the current config. A profile replaces it: a field the profile leaves empty is
cleared. A fresh start is the same from empty fields: what the screen shows is what is written, an empty field
included.
*/
function startFrom(setup: WizardSetup, choice: CurrentChoice): Pick<WizardState, 'draft' | 'start'> {
	switch (choice.kind) {
		case 'edit': {
			return {draft: setup.baseline, start: {baseline: setup.baseline, fromShell: setup.fromShell}};
		}

		case 'profile': {
			const draft = setup.profiles.find(profile => profile.name === choice.name)?.draft ?? emptyDraft;
			return {draft, start: {baseline: setup.baseline, fromShell: new Set(), profile: choice.name}};
		}

		case 'fresh': {
			return {draft: emptyDraft, start: {baseline: setup.baseline, fromShell: new Set()}};
		}
	}
}

function confirm(state: WizardState): WizardState {
	const {setup} = state;
	const choice = currentChoices(setup)[state.current.index] ?? {kind: 'fresh'};
	// A fresh start first asks which gateway; editing a config or a profile starts on its format, fields filled.
	const part = choice.kind === 'fresh' ? 'gateway' : 'format';
	return withProbe(goTo({...state, ...startFrom(setup, choice)}, 'endpoint', {endpoint: {part, asked: part === 'gateway', filter: '', index: 0, fields: {}, fieldIndex: state.endpoint.fieldIndex}}));
}

function hints(): KeyHint[] {
	return [choose, hint('confirm', 'continue'), quit];
}

export const currentStep: Step = {
	confirm,
	// The first question: nothing before it.
	back: state => state,
	move: (state, delta) => ({...state, current: {index: clampIndex(state.current.index + delta, currentChoices(state.setup).length)}}),
	keys: {},
	findings: () => [],
	hints,
	scrollLines: state => currentLines(state.setup.effective, state.terminal.columns).length,
};
