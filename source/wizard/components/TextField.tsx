import {EventEmitter} from 'node:events';
import {Text, Transform} from 'ink';
import StdinContext from 'ink-internals/components/StdinContext.js';
import reconciler from 'ink-internals/reconciler.js';
import TextInput from 'ink-text-input';
import {createContext, useContext, useLayoutEffect, useMemo, useRef, useState} from 'react';
import {noColor} from '../hide-ci.js';
import {keysOfData} from '../field-keys.js';
import {keyAction} from '../keys.js';
import {sanitizeText, type TextEdit} from '../text-buffer.js';

/** Where a field's new text goes: the wizard's reducer (App provides it); nowhere when a frame is only measured. */
export const FieldText = createContext<(text: string) => void>(() => undefined);

export type Props = {
	/** The field's text. */
	readonly value: string;
	/** The field takes keys and draws its cursor; a field without the focus shows its text alone. */
	readonly focused: boolean;
	/** Draw every character as • (a secret, or a credential-like header value). */
	readonly masked?: boolean;
	/** Shown while the field is empty. */
	readonly placeholder?: string;
};

export const refusedNote = '  (left out: a character no gateway setting can hold)';

const arrows = {left: '\u001B[D', right: '\u001B[C'} as const;
const backspace = '\u007F';

/**
Runs `update` and draws its result before returning, effects included: ink-text-input reads its text and cursor
from the last render (and re-subscribes its key handler after each), and React otherwise renders a microtask later,
after every other key that came in the same read. (A state set in an effect still waits: so nothing here relies on
ink-text-input's effect that moves its cursor when the text shrinks.)
*/
export function renderNow(update: () => void): void {
	reconciler.flushPassiveEffects();
	reconciler.flushSyncFromReconciler(update);
	reconciler.flushPassiveEffects();
}

/**
The wizard's one text field: ink-text-input, given keys through a gate of its own (its stdin context's event
emitter) so that it only ever sees what it handles right. ink-text-input types the letter of any Ctrl or Meta key
but Ctrl+C, deletes left on Delete, lets its cursor step past either end, and has no Home, End or clear; the gate
reads the terminal's raw data first (a listener put ahead of Ink's), classifies each key with the wizard's bindings
(../keys.ts), drops the wizard's commands, and hands on sanitised text, ← →, Backspace; Delete it performs with
those, End with a new ink-text-input (its cursor starts at the end), Home with a new one over an empty text given
its text back (the cursor stays at 0), Ctrl+U by emptying the text under a new one; it keeps a copy of
ink-text-input's cursor to stay in bounds.
*/
export function TextField({value, focused, masked = false, placeholder = ''}: Props) {
	const setText = useContext(FieldText);
	const stdin = useContext(StdinContext);
	// Ink's stdin context holds a Node EventEmitter, and ink-text-input's useInput subscribes to it.
	// eslint-disable-next-line unicorn/prefer-event-target
	const gate = useMemo(() => new EventEmitter(), []);
	const context = useMemo(() => ({...stdin, internal_eventEmitter: gate}), [stdin, gate]);
	const [refused, setRefused] = useState(false);
	const [generation, setGeneration] = useState(0);
	const [blank, setBlank] = useState(false);
	// ink-text-input's cursor as it will be: it starts at the end and is put back at the end when the text shrinks under it.
	const cursor = useRef(value.length);
	// The text as last drawn, or as just handed to the wizard when that is newer.
	const text = useRef(value);
	// The text this field last handed to the wizard. Another one came from elsewhere (Tab took the shown fix or a
	// gateway's model ID): a new ink-text-input shows it with the cursor at its end.
	const own = useRef(value);
	const [replaced, setReplaced] = useState(0);
	useLayoutEffect(() => {
		text.current = value;
		if (value !== own.current) {
			own.current = value;
			cursor.current = value.length;
			setReplaced(count => count + 1);
		} else if (focused && cursor.current > value.length - 1) {
			cursor.current = value.length;
		}
	}, [value, focused]);

	const change = (next: string) => {
		text.current = next;
		own.current = next;
		setText(next);
	};

	useLayoutEffect(() => {
		if (!focused) {
			return;
		}

		const forward = (data: string) => {
			renderNow(() => {
				gate.emit('input', data);
			});
		};

		const step = (direction: 'left' | 'right') => {
			forward(arrows[direction]);
			cursor.current += direction === 'left' ? -1 : 1;
		};

		const apply = (edit: TextEdit) => {
			const length = text.current.length;
			switch (edit.type) {
				case 'insert': {
					const sanitized = sanitizeText(edit.text);
					setRefused(sanitized.refused);
					if (sanitized.text !== '') {
						forward(sanitized.text);
						cursor.current += sanitized.text.length;
					}

					break;
				}

				case 'delete-back': {
					if (cursor.current > 0) {
						forward(backspace);
						cursor.current--;
					}

					break;
				}

				case 'delete-forward': {
					// The character right of the cursor: a step right, then Backspace.
					if (cursor.current < length) {
						step('right');
						forward(backspace);
						cursor.current--;
					}

					break;
				}

				case 'left': {
					if (cursor.current > 0) {
						step('left');
					}

					break;
				}

				case 'right': {
					if (cursor.current < length) {
						step('right');
					}

					break;
				}

				case 'home': {
					// A new ink-text-input over an empty text has its cursor at 0, where it stays as the text comes back:
					// two renders, where a step left for each character would be one each.
					if (cursor.current > 0) {
						cursor.current = 0;
						renderNow(() => {
							setBlank(true);
							setGeneration(generation => generation + 1);
						});
						renderNow(() => {
							setBlank(false);
						});
					}

					break;
				}

				case 'end': {
					// A new ink-text-input has its cursor at the end.
					if (cursor.current < length) {
						cursor.current = length;
						renderNow(() => {
							setGeneration(generation => generation + 1);
						});
					}

					break;
				}

				case 'clear': {
					// Emptied, and a new ink-text-input: its cursor starts at the end of an empty text.
					text.current = '';
					own.current = '';
					cursor.current = 0;
					renderNow(() => {
						setText('');
						setGeneration(generation => generation + 1);
					});
					break;
				}

				case 'set': {
					break;
				}
			}
		};

		const read = (data: string | Uint8Array) => {
			for (const {input, key} of keysOfData(String(data))) {
				const action = keyAction(input, key, true);
				if (action !== undefined && 'edit' in action) {
					apply(action.edit);
				}
			}
		};

		stdin.internal_eventEmitter.prependListener('input', read);
		return () => {
			stdin.internal_eventEmitter.removeListener('input', read);
		};
	}, [focused, stdin, gate, setText]);

	const input = (
		<StdinContext.Provider value={context}>
			<TextInput
				key={`${generation}.${replaced}`}
				value={blank ? '' : value}
				focus={focused}
				// While blank (Home), the text shows as its placeholder, cursor on its first character: no empty frame in between.
				placeholder={blank ? (masked ? '•'.repeat(value.length) : value) : placeholder}
				{...(masked && {mask: '•'})}
				onChange={next => {
					change(sanitizeText(next).text);
				}}
			/>
		</StdinContext.Provider>
	);
	return (
		<>
			{focused && noColor()
				// Without colour there is no inverse cell: the cursor is a bar before the character it is on.
				? <Transform transform={line => `${line.slice(0, cursor.current)}|${line.slice(cursor.current)}`}>{input}</Transform>
				: input}
			{focused && refused ? <Text dimColor>{refusedNote}</Text> : null}
		</>
	);
}
