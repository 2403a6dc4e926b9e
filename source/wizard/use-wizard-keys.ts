import {EventEmitter} from 'node:events';
import {useStdin} from 'ink';
import {type Dispatch, useEffect, useLayoutEffect, useMemo} from 'react';
import {renderNow} from './components/TextField.js';
import {keysInData, keysOfData} from './field-keys.js';
import type {WizardAction} from './reducer.js';

/**
The wizard's keys, one at a time. What the terminal sent in one read (Enter and the letters typed after it, or a
pasted token and its Enter) is split into its keys, and each is drawn before the next: a key that moves the focus
mounts the next field before the letters meant for it arrive. The wizard's tree reads keys from the stdin context
returned (`App` provides it): the reducer takes each as a command, the focused text field (components/TextField.tsx)
as text or an edit, and each drops what is the other's.
*/
export function useWizardKeys(dispatch: Dispatch<WizardAction>, isActive: boolean): ReturnType<typeof useStdin> {
	const stdin = useStdin();
	// Ink's stdin context holds a Node EventEmitter: the text fields' ink-text-input subscribes to one like it.
	// eslint-disable-next-line unicorn/prefer-event-target
	const keys = useMemo(() => new EventEmitter(), []);
	const context = useMemo(() => ({...stdin, internal_eventEmitter: keys}), [stdin, keys]);
	const {setRawMode, internal_eventEmitter: terminal} = stdin;
	useEffect(() => {
		if (!isActive) {
			return;
		}

		// Keys one by one, not lines: as Ink's useInput does.
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [isActive, setRawMode]);
	useLayoutEffect(() => {
		const split = (data: string | Uint8Array) => {
			for (const key of keysInData(String(data))) {
				renderNow(() => {
					keys.emit('input', key);
				});
			}
		};

		terminal.on('input', split);
		return () => {
			terminal.removeListener('input', split);
		};
	}, [terminal, keys]);
	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		const command = (data: string) => {
			for (const {input, key} of keysOfData(data)) {
				dispatch({type: 'key', input, key});
			}
		};

		keys.on('input', command);
		return () => {
			keys.removeListener('input', command);
		};
	}, [keys, dispatch, isActive]);
	return context;
}
