import type {Finding} from '../../core/findings.js';
import type {KeyHint} from './hints.js';
import {type Command, keyAction, splitKeys} from './keys.js';
import {maxScroll, scrollRows} from './layout.js';
import {credentialStep} from './steps/credential.js';
import {currentStep} from './steps/current.js';
import {doneStep} from './steps/done.js';
import {endpointStep} from './steps/endpoint.js';
import {headersStep} from './steps/headers.js';
import {modelsStep} from './steps/models.js';
import {probeFinished, probeStep} from './steps/probe.js';
import {planFailed, planned, reviewStep, writeFailed, written} from './steps/review.js';
import type {Step, StepName, WizardAction, WizardState} from './state.js';
import {targetStep} from './steps/target.js';
import {edit, emptyExampleLine, focusedField, quietField, toggleReveal} from './text-editing.js';

/*
The wizard's state machine: pure, so every transition is tested without rendering. Each step's logic is in its own
module (`logic/<step>.ts`); this file hands a key to the step the state is on, and an async answer (the probe's,
the plan's, the write's) to the step it belongs to.
*/

export {initialState} from './steps/current.js';
export type {WizardAction, WizardState} from './state.js';

/** Each step's logic, by name. */
export const steps: Readonly<Record<StepName, Step>> = {
	current: currentStep,
	endpoint: endpointStep,
	credential: credentialStep,
	headers: headersStep,
	models: modelsStep,
	probe: probeStep,
	target: targetStep,
	review: reviewStep,
	done: doneStep,
};

/** The findings the screen shows: none under an empty field the user has not typed in yet, unless Enter was refused. */
export function shownFindings(state: WizardState): Finding[] {
	return quietField(state) ? [] : steps[state.step].findings(state);
}

/** The keys that work on this step, as the bottom line shows them. */
export function keyHints(state: WizardState): KeyHint[] {
	return steps[state.step].hints(state);
}

/** Why the last Enter did nothing, said until the next key; undefined when it was not refused. */
export function blockedLine(state: WizardState): string | undefined {
	if (!state.blocked) {
		return undefined;
	}

	return steps[state.step].blocked?.(state) ?? emptyExampleLine(state) ?? 'Enter continues once the ✗ above is fixed.';
}

/** Scroll the step's view by `delta` lines, kept within it; a step without a view does not scroll. */
function scrollBy(state: WizardState, delta: number): WizardState {
	const lines = steps[state.step].scrollLines?.(state);
	if (lines === undefined) {
		return state;
	}

	return {...state, scroll: Math.min(Math.max(state.scroll + delta, 0), maxScroll(lines, scrollRows(state)))};
}

/** PgUp and PgDn move by the view's rows less one, so a line of the last page stays in sight. */
function page(state: WizardState): number {
	return steps[state.step].scrollLines?.(state) === undefined ? 1 : Math.max(scrollRows(state) - 1, 1);
}

/** Enter that changed nothing was refused: an error on the step, a plan that cannot be written, a probe still running. */
function confirmOrBlock(state: WizardState): WizardState {
	const next = steps[state.step].confirm(state);
	return next === state ? {...state, blocked: true} : {...next, blocked: false};
}

function command(state: WizardState, name: Command): WizardState {
	if (state.blocked && name !== 'confirm') {
		return command({...state, blocked: false}, name);
	}

	const step = steps[state.step];
	const own = step.keys[name];
	if (own) {
		return own(state);
	}

	switch (name) {
		case 'confirm': {
			return confirmOrBlock(state);
		}

		case 'back': {
			return step.back(state);
		}

		case 'cancel': {
			return {...state, result: {kind: 'cancelled'}};
		}

		case 'up':
		case 'down': {
			const delta = name === 'up' ? -1 : 1;
			return step.move ? step.move(state, delta) : scrollBy(state, delta);
		}

		case 'page-up': {
			return scrollBy(state, -page(state));
		}

		case 'page-down': {
			return scrollBy(state, page(state));
		}

		case 'reveal': {
			return toggleReveal(state);
		}

		default: {
			return state;
		}
	}
}

/** The wizard's reducer: a key goes to the step the state is on, an async answer to the step it is for. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	if (state.result) {
		return state;
	}

	switch (action.type) {
		case 'key': {
			return splitKeys(action.input, action.key).reduce((next, {input, key}) => {
				const keyed = keyAction(input, key, focusedField(next) !== undefined);
				if (next.result || keyed === undefined) {
					return next;
				}

				return 'command' in keyed ? command(next, keyed.command) : edit(next, keyed.edit);
			}, state);
		}

		case 'command': {
			return command(state, action.command);
		}

		case 'edit': {
			return edit(state, action.edit);
		}

		case 'terminal': {
			return scrollBy({...state, terminal: action.size}, 0);
		}

		case 'probe-started': {
			return state.probe.status === 'running' && state.probe.id === action.id ? {...state, probe: {...state.probe, startedAt: action.at}} : state;
		}

		case 'probe-finished': {
			return probeFinished(state, action.id, action.report);
		}

		case 'planned': {
			return planned(state, action.id, action.change);
		}

		case 'plan-failed': {
			return planFailed(state, action.id, action.finding);
		}

		case 'written': {
			return written(state, action.outcome);
		}

		case 'write-failed': {
			return writeFailed(state, action.finding);
		}
	}
}
