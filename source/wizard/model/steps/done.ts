import {hint} from '../hints.js';
import type {WizardResult} from '../services.js';
import type {Step, WizardState} from '../state.js';

/* The last step: what was written where; Enter or Ctrl+C closes the wizard (printed lines go out then). */

function doneResult(state: WizardState): WizardResult {
	const {review} = state;
	return review.status === 'written' && review.change.kind === 'print' ? {kind: 'printed', text: review.change.text} : {kind: 'written'};
}

function finish(state: WizardState): WizardState {
	return {...state, result: doneResult(state)};
}

export const doneStep: Step = {
	confirm: finish,
	// Written: there is no going back.
	back: state => state,
	keys: {cancel: finish},
	findings: () => [],
	hints: () => [hint('confirm', 'exit')],
};
