import type {TextEdit} from './text-buffer.js';

/** What a key means to the wizard, whatever step it is on. */
export type Command =
	| 'confirm'
	| 'back'
	| 'cancel'
	| 'up'
	| 'down'
	| 'reveal'
	| 'remove'
	| 'rerun'
	| 'accept-unusable'
	| 'toggle'
	| 'next-model'
	| 'secret-file'
	| 'page-up'
	| 'page-down'
	| 'redraw';

/** The keys as the bottom line of every step names them. */
export const keyLabels: Readonly<Record<Command | 'clear', string>> = {
	confirm: 'Enter',
	back: 'Esc',
	cancel: 'Ctrl+C',
	up: '↑',
	down: '↓',
	reveal: 'Ctrl+R',
	remove: 'd',
	rerun: 'r',
	'accept-unusable': 'y',
	toggle: 'Space',
	'next-model': 'Tab',
	'secret-file': 's',
	'page-up': 'PgUp',
	'page-down': 'PgDn',
	redraw: 'Ctrl+L',
	clear: 'Ctrl+U',
};

/** The parts of Ink's `Key` the wizard reads. */
export type KeyPress = {
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly tab?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly backspace?: boolean;
	/** Backspace sent as DEL and the Delete key (ESC [3~) alike: Ink's `useInput` reports both as `delete`. */
	readonly delete?: boolean;
};

export type KeyAction = {readonly command: Command} | {readonly edit: TextEdit};

/** A control character as Ink reports it when it comes alone. */
function controlKey(character: string): {input: string; key: KeyPress} {
	switch (character) {
		case '\r':
		case '\n': {
			return {input: '', key: {return: true}};
		}

		case '\t': {
			return {input: '', key: {tab: true}};
		}

		case '\b':
		case '\u007F': {
			return {input: '', key: {delete: true}};
		}

		default: {
			// Ctrl+A is \u0001, Ctrl+Z \u001A.
			return {input: String.fromCodePoint(character.codePointAt(0)! + 96), key: {ctrl: true}};
		}
	}
}

/** The control characters that are each a key of their own: every C0 control but Escape (which begins a sequence), and DEL. */
const controls = String.raw`\u0000-\u001A\u001C-\u001F\u007F`;
const control = new RegExp(`[${controls}]`);
/** A run of text, or one control character: the keys in what the terminal sent, in order (with String#match). */
export const keysOfText = new RegExp(`[${controls}]|[^${controls}]+`, 'g');

/**
Keys typed faster than the terminal is read arrive as one string, such as a token and its Enter ("tok\r"):
Ink passes that as text. Split it back into the keys that were pressed. A lone LF (Ctrl+J, or an Enter typed while
the terminal still turned CR into LF) is text to Ink too: it becomes Enter here.
*/
export function splitKeys(input: string, key: KeyPress): Array<{input: string; key: KeyPress}> {
	if (!control.test(input) || key.ctrl || key.meta || key.escape || key.return) {
		return [{input, key}];
	}

	const keys: Array<{input: string; key: KeyPress}> = [];
	let text = '';
	for (const character of input.replaceAll('\r\n', '\r')) {
		if (control.test(character)) {
			if (text !== '') {
				keys.push({input: text, key: {}});
				text = '';
			}

			keys.push(controlKey(character));
		} else {
			text += character;
		}
	}

	if (text !== '') {
		keys.push({input: text, key: {}});
	}

	return keys;
}

/**
Every binding of the wizard, in one place. Letters are commands only where no text field has the focus;
in a text field they are text. The editing keys are a shell prompt's: Ctrl+W and Alt+Backspace delete a word,
Ctrl+K to the end, Ctrl+U the whole field, Ctrl+D the character under the cursor. Many terminals send Backspace as
DEL, which Ink's `useInput` reports as `delete`, as it does the Delete key: both delete left of the cursor.
*/
export function keyAction(input: string, key: KeyPress, textFocused: boolean): KeyAction | undefined {
	if (key.ctrl && input === 'c') {
		return {command: 'cancel'};
	}

	if (key.return) {
		return {command: 'confirm'};
	}

	if (key.escape) {
		return {command: 'back'};
	}

	if (key.upArrow) {
		return {command: 'up'};
	}

	if (key.downArrow) {
		return {command: 'down'};
	}

	if (key.tab) {
		return {command: 'next-model'};
	}

	if (key.pageUp) {
		return {command: 'page-up'};
	}

	if (key.pageDown) {
		return {command: 'page-down'};
	}

	if (key.ctrl && input === 'r') {
		return {command: 'reveal'};
	}

	if (key.ctrl && input === 'l') {
		return {command: 'redraw'};
	}

	if (textFocused) {
		return textEdit(input, key);
	}

	switch (input) {
		case 'd': {
			return {command: 'remove'};
		}

		case 'r': {
			return {command: 'rerun'};
		}

		case 'y': {
			return {command: 'accept-unusable'};
		}

		case 's': {
			return {command: 'secret-file'};
		}

		case ' ': {
			return {command: 'toggle'};
		}

		default: {
			return undefined;
		}
	}
}

/** The Ctrl+letter keys that edit a field, as a shell prompt's do. */
const controlEdits: ReadonlyMap<string, TextEdit> = new Map<string, TextEdit>([
	['a', {type: 'home'}],
	['e', {type: 'end'}],
	['u', {type: 'clear'}],
	['w', {type: 'delete-word'}],
	['k', {type: 'delete-to-end'}],
	['d', {type: 'delete-forward'}],
]);

/** The edit a key makes: a key the terminal names, or a Ctrl+letter; typed text. */
function namedEdit(input: string, key: KeyPress): TextEdit | undefined {
	if (key.backspace || key.delete) {
		return key.meta ? {type: 'delete-word'} : {type: 'delete-back'};
	}

	if (key.leftArrow || key.rightArrow) {
		return {type: key.leftArrow ? 'left' : 'right'};
	}

	if (key.home || key.end) {
		return {type: key.home ? 'home' : 'end'};
	}

	return key.ctrl ? controlEdits.get(input) : undefined;
}

function textEdit(input: string, key: KeyPress): KeyAction | undefined {
	const named = namedEdit(input, key);
	if (named !== undefined) {
		return {edit: named};
	}

	if (key.ctrl || key.meta || input === '') {
		return undefined;
	}

	return {edit: {type: 'insert', text: input}};
}
