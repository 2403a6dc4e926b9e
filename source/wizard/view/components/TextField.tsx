import {Box, Text, Transform, useInput} from 'ink';
import TextInput from 'ink-text-input';
import {createContext, useCallback, useContext, useLayoutEffect, useState} from 'react';
import {noColor} from '../no-color.js';

/** The focused field's cursor (characters from the start) and whether its last edit left a character out: App provides it from the state. */
export const FieldCursor = createContext<{readonly cursor: number; readonly refused: boolean} | undefined>(undefined);

export type Props = {
	/** The field's text. */
	readonly value: string;
	/** The field takes keys and draws its cursor; a field without the focus shows its text alone. */
	readonly focused: boolean;
	/** Draw every character as • (a secret, or a credential-like header value). */
	readonly masked?: boolean;
	/** Shown while the field is empty. */
	readonly placeholder?: string;
	/** An example of a value, shown while the field is empty: dimmed, or as `(e.g. …)` without colour, where a dimmed text would look like a value. */
	readonly example?: string;
};

export const refusedNote = '  (left out: a character no gateway setting can hold)';

/** One drawing of the field: an ink-text-input of its own, its cursor put at `cursor`. */
type Drawing = {readonly id: number; readonly text: string; readonly cursor: number};

type PlacedProps = {
	readonly drawing: Drawing;
	/** Drawn on screen; a drawing still being placed is mounted hidden. */
	readonly shown: boolean;
	readonly masked: boolean;
	readonly placeholder: string;
	/** Called once the cursor is in place. */
	readonly onPlaced: (id: number) => void;
};

/**
An ink-text-input whose cursor is at `drawing.cursor`: ink-text-input has no prop for its cursor and starts it at
the end of the text it is mounted with, so it is mounted with the text up to the cursor, then given the whole text
(its cursor stays where it is when the text grows). Hidden until then: the drawing before it stays on screen.
*/
function PlacedInput({drawing, shown, masked, placeholder, onPlaced}: PlacedProps) {
	const [placed, setPlaced] = useState(false);
	useLayoutEffect(() => {
		setPlaced(true);
		onPlaced(drawing.id);
	}, [drawing.id, onPlaced]);
	const input = (
		<TextInput
			focus
			value={placed ? drawing.text : drawing.text.slice(0, drawing.cursor)}
			placeholder={placeholder}
			{...(masked && {mask: '•'})}
			// Every edit is the wizard's (the reducer's, at the cursor the state holds): ink-text-input only draws.
			onChange={ignore}
		/>
	);
	return (
		<Box display={shown ? 'flex' : 'none'}>
			{noColor()
				// Without colour there is no inverse cell: the cursor is a bar before the character it is on.
				? <Transform transform={line => `${line.slice(0, drawing.cursor)}|${line.slice(drawing.cursor)}`}>{input}</Transform>
				: input}
		</Box>
	);
}

function ignore(): void {}

/**
The wizard's one text field, ink-text-input wrapped: it draws the text, its mask or placeholder, and the cursor.
The keys are the wizard's (Ink's `useInput` in ../use-wizard-keys.ts, edits in ../logic/text-editing.ts), because
ink-text-input alone types the letter of Ctrl and Meta keys, lets its cursor step past either end, has no Home,
End or word keys, and reads its text and cursor from the last render when several keys come in one read. Its own
key handling still moves its cursor, so each key gets a new ink-text-input, placed where the state says.
*/
export function TextField({value, focused, masked = false, placeholder: shownEmpty = '', example}: Props) {
	const placeholder = example === undefined ? shownEmpty : (noColor() ? `(e.g. ${example})` : example);
	const edit = useContext(FieldCursor);
	const cursor = Math.min(edit?.cursor ?? value.length, value.length);
	const [keys, setKeys] = useState(0);
	useInput(() => {
		setKeys(count => count + 1);
	}, {isActive: focused});
	const [drawings, setDrawings] = useState<{readonly shown?: Drawing; readonly next?: Drawing; readonly of?: string}>({});
	const onPlaced = useCallback((id: number) => {
		setDrawings(current => (current.next?.id === id ? {shown: current.next, of: current.of} : current));
	}, []);
	// A new drawing for each key, and for each text or cursor put there otherwise (set while rendering: React
	// renders again at once, before anything is drawn).
	const of = `${keys}:${cursor}:${value}`;
	if (focused && drawings.of !== of) {
		const id = (drawings.next ?? drawings.shown)?.id ?? 0;
		setDrawings({...drawings, next: {id: id + 1, text: value, cursor}, of});
	}

	if (!focused) {
		return <TextInput focus={false} value={value} placeholder={placeholder} {...(masked && {mask: '•'})} onChange={ignore}/>;
	}

	const {shown, next} = drawings;
	return (
		<>
			{[shown, next].filter(drawing => drawing !== undefined).map(drawing => (
				<PlacedInput key={drawing.id} drawing={drawing} shown={drawing === shown || shown === undefined} masked={masked} placeholder={placeholder} onPlaced={onPlaced}/>
			))}
			{edit?.refused ? <Text dimColor>{refusedNote}</Text> : null}
		</>
	);
}
