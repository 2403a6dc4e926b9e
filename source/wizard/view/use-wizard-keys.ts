import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {keyAction} from '../model/keys.js';
import type {WizardAction} from '../model/reducer.js';

/**
The wizard's keys, through Ink's `useInput`: every key goes to the reducer, which splits what the terminal sent in
one read (Enter and the letters typed after it, a pasted token and its Enter) into its keys and takes each as a
command or as an edit of the focused field, in order, so a key that moves the focus has moved it before the letters
meant for the next field are typed. Ctrl+L draws the screen again (`redraw`), and changes no state.
*/
export function useWizardKeys(dispatch: Dispatch<WizardAction>, isActive: boolean, redraw: () => void): void {
	useInput((input, key) => {
		const action = keyAction(input, key, false);
		if (action !== undefined && 'command' in action && action.command === 'redraw') {
			redraw();
			return;
		}

		dispatch({type: 'key', input, key});
	}, {isActive});
}
