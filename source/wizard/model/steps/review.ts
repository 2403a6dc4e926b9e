import type {FindingCode} from '../../../core/finding-codes.js';
import {type Finding, hasError} from '../../../core/findings.js';
import {diffRows} from '../diff-rows.js';
import {hint, type KeyHint, quit} from '../hints.js';
import type {PlannedChange, WriteOutcome} from '../services.js';
import {goTo, type Step, type WizardState} from '../state.js';
import {selectedTarget} from './target.js';

/*
The review step: the change planned for the chosen target, shown before anything is touched, then written on
Enter. Planning and writing run outside the reducer; their answers come back as actions, handled here.
*/

/** A secret bound for a file that git may commit (core/write-plan.ts). */
const secretTargetCodes: ReadonlySet<FindingCode> = new Set(['secret-target-linked', 'secret-target-shared', 'secret-target-tracked', 'secret-target-in-repo']);

/**
The review refuses or warns about a secret in a settings file that git may commit: one key moves the secret into
ccgate's 0600 secret file and plans again, so the way out is on the screen, not five steps back.
*/
export function canUseSecretFile(state: WizardState): boolean {
	const {review, draft} = state;
	return state.step === 'review'
		&& review.status === 'planned'
		&& selectedTarget(state).kind === 'settings'
		&& (draft.credentialStyle === 'bearer' || draft.credentialStyle === 'x-api-key')
		&& draft.secretStorage === 'settings'
		&& review.change.findings.some(finding => secretTargetCodes.has(finding.code));
}

function confirm(state: WizardState): WizardState {
	const {review} = state;
	if (review.status !== 'planned' || hasError(review.change.findings)) {
		return state;
	}

	return {...state, review: {status: 'writing', change: review.change}};
}

function useSecretFile(state: WizardState): WizardState {
	if (!canUseSecretFile(state)) {
		return state;
	}

	const id = state.reviewRuns + 1;
	return {...state, draft: {...state.draft, secretStorage: 'secret-file'}, review: {status: 'planning', id}, reviewRuns: id};
}

function hints(state: WizardState): KeyHint[] {
	const {review} = state;
	const hints: KeyHint[] = [];
	if (review.status === 'planned' && !hasError(review.change.findings)) {
		// An empty diff writes nothing (the file holds it already, or an edit changed no value): Enter only finishes.
		hints.push(hint('confirm', review.change.kind === 'print' ? 'print' : (review.change.diff === '' ? 'finish' : 'write')));
	}

	if (canUseSecretFile(state)) {
		hints.push(hint('secret-file', 'secret file instead'));
	}

	return [...hints, hint('back', 'back'), quit];
}

function blocked(state: WizardState): string {
	const {review} = state;
	if (review.status === 'planned' || review.status === 'plan-failed') {
		return canUseSecretFile(state) ? 'Nothing is written while the ✗ above holds: press s, or Esc to go back.' : 'Nothing is written while the ✗ above holds: press Esc to go back and change it.';
	}

	return 'Still working out the change: Enter writes once it is shown.';
}

/** The lines of the diff (or of the printed lines), once planned. */
function scrollLines(state: WizardState): number | undefined {
	const {review} = state;
	if (review.status !== 'planned' && review.status !== 'write-failed') {
		return undefined;
	}

	const text = review.change.kind === 'print' ? review.change.maskedText : review.change.diff;
	return diffRows(text, state.terminal.columns).length;
}

/** The review has nothing to choose: its arrows scroll the diff (no `move`). */
export const reviewStep: Step = {
	confirm,
	back: state => (state.review.status === 'writing' ? state : goTo(state, 'target', {review: {status: 'idle'}})),
	keys: {
		'secret-file': useSecretFile,
		// A write under way finishes; leaving mid-write would make "nothing written" untrue.
		cancel: state => (state.review.status === 'writing' ? state : {...state, result: {kind: 'cancelled'}}),
	},
	findings: () => [],
	hints,
	blocked,
	scrollLines,
};

export function planned(state: WizardState, id: number, change: PlannedChange): WizardState {
	return state.review.status === 'planning' && state.review.id === id ? {...state, review: {status: 'planned', id, change}} : state;
}

export function planFailed(state: WizardState, id: number, finding: Finding): WizardState {
	return state.review.status === 'planning' && state.review.id === id ? {...state, review: {status: 'plan-failed', id, finding}} : state;
}

export function written(state: WizardState, outcome: WriteOutcome): WizardState {
	return state.review.status === 'writing' ? {...state, step: 'done', review: {status: 'written', change: state.review.change, outcome}} : state;
}

export function writeFailed(state: WizardState, finding: Finding): WizardState {
	return state.review.status === 'writing' ? {...state, review: {status: 'write-failed', change: state.review.change, finding}} : state;
}
