import {type Key, useInput, useStdin} from 'ink';
import {type Dispatch, useCallback, useEffect, useRef} from 'react';
import type {WizardAction} from './reducer.js';

/** The Delete key's sequence; Backspace sends DEL (\u007F), which Ink reports as `delete` too. */
const deleteKey = '\u001B[3~';

/**
The wizard's one keypress hook. It hands each key to the reducer as it came: the reducer knows, for the state
the key lands on, whether it is text or a command — even for keys that arrive together, before a re-render.
*/
export function useWizardKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): void {
	// Ink's key carries no raw sequence, so Delete and Backspace look the same; the raw data is read first, here.
	const {internal_eventEmitter: events} = useStdin();
	const lastData = useRef('');
	useEffect(() => {
		const remember = (data: string | Uint8Array) => {
			lastData.current = String(data);
		};

		events?.prependListener('input', remember);
		return () => {
			events?.removeListener('input', remember);
		};
	}, [events]);
	const handle = useCallback((input: string, key: Key) => {
		dispatch({type: 'key', input, key: key.delete && lastData.current === deleteKey ? {...key, delete: false, forwardDelete: true} : key});
	}, [dispatch]);
	useInput(handle, {isActive});
}
