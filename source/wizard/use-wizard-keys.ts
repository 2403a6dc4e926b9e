import {type Key, useInput} from 'ink';
import {type Dispatch, useCallback} from 'react';
import type {WizardAction} from './reducer.js';

/**
The wizard's one keypress hook. It hands each key to the reducer as it came: the reducer knows, for the state
the key lands on, whether it is text or a command — even for keys that arrive together, before a re-render.
*/
export function useWizardKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	const handle = useCallback((input: string, key: Key) => {
		dispatch({type: 'key', input, key});
	}, [dispatch]);
	useInput(handle, {isActive});
}
