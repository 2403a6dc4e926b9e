import {renderToString} from 'ink';
import {type Dispatch, useCallback, useRef, useState} from 'react';
import {bodyRows, minimumRows} from '../model/layout.js';
import type {TerminalSize, WizardAction, WizardState} from '../model/state.js';
import {initialState, wizardReducer} from '../model/reducer.js';
import type {WizardSetup} from '../model/services.js';
import type {BodyWindow} from './Screen.js';
import {StepView} from './StepView.js';

/** The state, and where its step's body is taller than the rows the terminal leaves it, the part drawn. */
export type FittedState = {readonly state: WizardState; readonly window?: BodyWindow | undefined};

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

/**
Drawn off screen at the terminal's width, does the body take more rows than it has? Then the rows drawn are those
around the focus: from the line above the last `❯` (a field's prompt, or the row above the highlighted one) down,
moved further down, as far as the focus allows, to keep the first ✗ under it in sight.
*/
function windowOf(state: WizardState): BodyWindow | undefined {
	if (state.result || state.terminal.rows < minimumRows) {
		return undefined;
	}

	const lines = renderToString(<StepView state={state}/>, {columns: state.terminal.columns}).replaceAll(ansi, '').split('\n');
	const limit = bodyRows(state);
	if (lines.length <= limit) {
		return undefined;
	}

	const rows = Math.max(limit - 1, 1);
	const focus = lines.reduce((last, line, index) => (line.trimStart().startsWith('❯') ? index : last), -1);
	let start = focus < 0 ? 0 : Math.max(0, Math.min(focus - 1, lines.length - rows));
	const error = lines.findIndex((line, index) => index > focus && line.startsWith('✗'));
	if (focus >= 0 && error !== -1) {
		// The error and its fix (the line after it) in sight, the focused line still at the top at the most.
		const end = Math.min(error + 1, lines.length - 1);
		start = Math.max(start, Math.min(focus, end - rows + 1));
	}

	const below = start + rows < lines.length;
	return {start, rows, more: start === 0 ? 'below' : (below ? 'above and below' : 'above')};
}

/**
The reducer, run as each action comes (a key, the probe's answer), so the next body is measured before it is drawn:
a frame as tall as the terminal makes Ink clear the screen and the user's scrollback, so one is never drawn.
Measuring while React renders would nest one Ink render in another; here it happens outside any render.
*/
export function useFittedState(setup: WizardSetup, terminal: TerminalSize): [FittedState, Dispatch<WizardAction>] {
	const [fitted, setFitted] = useState<FittedState>(() => ({state: initialState(setup, terminal)}));
	const latest = useRef(fitted);
	const dispatch = useCallback((action: WizardAction) => {
		const state = wizardReducer(latest.current.state, action);
		if (state === latest.current.state) {
			return;
		}

		latest.current = {state, window: windowOf(state)};
		setFitted(latest.current);
	}, []);
	return [fitted, dispatch];
}
