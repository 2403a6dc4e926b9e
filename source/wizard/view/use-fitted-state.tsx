import {renderToString} from 'ink';
import {type Dispatch, useCallback, useRef, useState} from 'react';
import {bodyRows} from '../model/layout.js';
import type {TerminalSize, WizardAction, WizardState} from '../model/state.js';
import {initialState, wizardReducer} from '../model/reducer.js';
import type {WizardSetup} from '../model/services.js';
import {StepView} from './StepView.js';

/** The state, and whether its step's body is taller than the rows the terminal leaves it. */
export type FittedState = {readonly state: WizardState; readonly tall: boolean};

/** Drawn off screen at the terminal's width, does the body take more rows than it has? */
function isTall(state: WizardState): boolean {
	if (state.result) {
		return false;
	}

	return renderToString(<StepView state={state}/>, {columns: state.terminal.columns}).split('\n').length > bodyRows(state);
}

/**
The reducer, run as each action comes (a key, the probe's answer), so the next body is measured before it is drawn:
a frame as tall as the terminal makes Ink clear the screen and the user's scrollback, so one is never drawn.
Measuring while React renders would nest one Ink render in another; here it happens outside any render.
*/
export function useFittedState(setup: WizardSetup, terminal: TerminalSize): [FittedState, Dispatch<WizardAction>] {
	const [fitted, setFitted] = useState<FittedState>(() => ({state: initialState(setup, terminal), tall: false}));
	const latest = useRef(fitted);
	const dispatch = useCallback((action: WizardAction) => {
		const state = wizardReducer(latest.current.state, action);
		if (state === latest.current.state) {
			return;
		}

		latest.current = {state, tall: isTall(state)};
		setFitted(latest.current);
	}, []);
	return [fitted, dispatch];
}
