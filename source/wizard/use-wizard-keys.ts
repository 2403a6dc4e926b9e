import {type Key, useInput} from 'ink';
import {type Dispatch, useCallback} from 'react';
import {renderNow} from './components/TextField.js';
import type {WizardAction} from './reducer.js';

/**
The wizard's one keypress hook for commands. It hands each key to the reducer as it came: the reducer knows, for
the state the key lands on, whether it is a command — even for keys that arrive together, before a re-render. Text
and cursor keys in a field are the field's (components/TextField.tsx, which reads the raw data first, and so tells
Delete from Backspace): the reducer drops them.
*/
export function useWizardKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	const handle = useCallback((input: string, key: Key) => {
		// Drawn at once: a key that moves the focus mounts the next field before the next key (read with it) arrives.
		renderNow(() => {
			dispatch({type: 'key', input, key});
		});
	}, [dispatch]);
	useInput(handle, {isActive});
}
