import {type Key, useInput, useStdin} from 'ink';
import {type Dispatch, useCallback, useEffect, useRef} from 'react';
import {renderNow} from './components/TextField.js';
import {deleteKey} from './keys.js';
import type {WizardAction} from './reducer.js';

/**
The wizard's one keypress hook. It hands each key to the reducer as it came: the reducer knows, for the state
the key lands on, whether it is a command or text — even for keys that arrive together, before a re-render. Text
and cursor keys in a field are the field's (components/TextField.tsx, which reads them first): the reducer drops them.
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
		// Drawn at once: a key that moves the focus mounts the next field before the next key (read with it) arrives.
		renderNow(() => {
			dispatch({type: 'key', input, key: key.delete && lastData.current === deleteKey ? {...key, delete: false, forwardDelete: true} : key});
		});
	}, [dispatch]);
	useInput(handle, {isActive});
}
