/** One edit of a single-line text field. */
export type TextEdit =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'delete-back'}
	| {readonly type: 'delete-forward'}
	| {readonly type: 'left'}
	| {readonly type: 'right'}
	| {readonly type: 'home'}
	| {readonly type: 'end'}
	| {readonly type: 'clear'};

/**
A field's text and where the cursor is in it, counted in characters (code points, 0 … length): a character
outside the BMP such as 😀 is one step of the cursor, as it is one cell of the drawn field.
*/
export type TextBuffer = {readonly text: string; readonly cursor: number};

/** The field's length as the cursor counts it. */
export function characterCount(text: string): number {
	return [...text].length;
}

/**
Apply an edit. Line breaks in pasted text are dropped: every field is one line, and a token pasted with its newline
should just work. Backspace deletes left of the cursor, Delete right of it; clear empties the whole field.
*/
export function applyEdit(buffer: TextBuffer, edit: TextEdit): TextBuffer {
	const characters = [...buffer.text];
	const cursor = Math.min(Math.max(buffer.cursor, 0), characters.length);
	const join = (parts: readonly string[], at: number): TextBuffer => ({text: parts.join(''), cursor: at});
	switch (edit.type) {
		case 'insert': {
			const inserted = [...edit.text.replaceAll(/[\r\n]/g, '')];
			return join([...characters.slice(0, cursor), ...inserted, ...characters.slice(cursor)], cursor + inserted.length);
		}

		case 'delete-back': {
			return cursor === 0 ? join(characters, cursor) : join([...characters.slice(0, cursor - 1), ...characters.slice(cursor)], cursor - 1);
		}

		case 'delete-forward': {
			return join([...characters.slice(0, cursor), ...characters.slice(cursor + 1)], cursor);
		}

		case 'left': {
			return join(characters, Math.max(cursor - 1, 0));
		}

		case 'right': {
			return join(characters, Math.min(cursor + 1, characters.length));
		}

		case 'home': {
			return join(characters, 0);
		}

		case 'end': {
			return join(characters, characters.length);
		}

		case 'clear': {
			return {text: '', cursor: 0};
		}
	}
}
