import parseKeypress, {nonAlphanumericKeys} from 'ink-internals/parse-keypress.js';
import {type KeyPress, keysOfText, splitKeys} from './keys.js';

/*
The keys a text field reads from the terminal's raw data. Apart from ./keys.ts, which the first frame's CommonJS
half loads too: this one brings Ink's key parser, which only the Ink half may hold.
*/

/** The Delete key's sequence; Backspace sends DEL (\u007F), which Ink reports as `delete` too. */
export const deleteKey = '\u001B[3~';

/**
One input event as Ink's `useInput` reads it (Ink's own parser, the same mapping), split into the keys pressed, with
the Delete key told apart from Backspace by its sequence: what the text field reads from the terminal's raw data.
*/
export function keysOfData(data: string): Array<{input: string; key: KeyPress}> {
	const parsed = parseKeypress(data);
	const name = parsed.name as string | undefined;
	const key: KeyPress = {
		upArrow: name === 'up',
		downArrow: name === 'down',
		leftArrow: name === 'left',
		rightArrow: name === 'right',
		pageDown: name === 'pagedown',
		pageUp: name === 'pageup',
		home: name === 'home',
		end: name === 'end',
		return: name === 'return',
		escape: name === 'escape',
		ctrl: parsed.ctrl,
		tab: name === 'tab',
		backspace: name === 'backspace',
		delete: name === 'delete' && data !== deleteKey,
		forwardDelete: data === deleteKey,
		meta: parsed.meta || name === 'escape' || parsed.option,
	};
	let input = parsed.ctrl ? name ?? '' : parsed.sequence;
	if (name !== undefined && nonAlphanumericKeys.includes(name)) {
		input = '';
	}

	if (input.startsWith('\u001B')) {
		input = input.slice(1);
	}

	return splitKeys(input, key);
}

/**
One input event (Ink splits escape sequences apart, but not a run of text and control characters read together,
such as Enter and the letters after it) as the keys pressed, each as the terminal sent it.
*/
export function keysInData(data: string): string[] {
	if (data.startsWith('\u001B')) {
		return [data];
	}

	return data.replaceAll('\r\n', '\r').match(keysOfText) ?? [];
}
