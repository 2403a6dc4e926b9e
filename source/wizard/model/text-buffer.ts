/** One edit of a single-line text field. */
export type TextEdit =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'delete-back'}
	| {readonly type: 'delete-forward'}
	/** The word left of the cursor, and the separators between it and the cursor. */
	| {readonly type: 'delete-word'}
	| {readonly type: 'delete-to-end'}
	| {readonly type: 'left'}
	| {readonly type: 'right'}
	| {readonly type: 'home'}
	| {readonly type: 'end'}
	| {readonly type: 'clear'}
	/** The field's whole new text, as the text field reports it after an edit. */
	| {readonly type: 'set'; readonly text: string};

/**
A field's text and where the cursor is in it, counted in characters (code points, 0 … length): a character
outside the BMP such as 😀 is one step of the cursor, as it is one cell of the drawn field.
*/
export type TextBuffer = {readonly text: string; readonly cursor: number};

/** The field's length as the cursor counts it. */
export function characterCount(text: string): number {
	return [...text].length;
}

/** A character of a word, for Ctrl+W and Alt+Backspace: a letter or a digit; any other ends a word (`/`, `.`, `:`, `-`). */
const wordCharacter = /[\p{L}\p{N}]/u;

/**
Apply an edit. Line breaks in pasted text are dropped: every field is one line, and a token pasted with its newline
should just work. Backspace deletes left of the cursor, Ctrl+D right of it; clear empties the whole field.
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

		case 'delete-word': {
			let start = cursor;
			while (start > 0 && !wordCharacter.test(characters[start - 1]!)) {
				start--;
			}

			while (start > 0 && wordCharacter.test(characters[start - 1]!)) {
				start--;
			}

			return join([...characters.slice(0, start), ...characters.slice(cursor)], start);
		}

		case 'delete-to-end': {
			return join(characters.slice(0, cursor), cursor);
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

		case 'set': {
			return {text: edit.text, cursor: characterCount(edit.text)};
		}
	}
}

/**
What a field keeps of typed or pasted text: one line (CR and LF dropped, so a token pasted with its newline just
works), no control characters, and nothing outside the Basic Multilingual Plane. No field of ccgate's can hold such
a character (header values and tokens go through Node's fetch as Latin-1; URLs, model IDs, regions are ASCII), and
ink-text-input counts the cursor in UTF-16 units but draws it by character, so 😀 would put the drawn cursor a
cell off. `refused` says something was left out, for the note beside the field.
*/
export function sanitizeText(text: string): {text: string; refused: boolean} {
	// eslint-disable-next-line no-control-regex
	const kept = text.replaceAll(/[\r\n]/g, '').replaceAll(/[\u0000-\u001F\u007F-\u009F]|[^\u0000-\uFFFF]|[\uD800-\uDFFF]/gu, '');
	const lineless = text.replaceAll(/[\r\n]/g, '');
	return {text: kept, refused: kept !== lineless};
}

/** A field's text and cursor, and whether the last text typed into it had something left out (for the note beside it). */
export type FieldBuffer = TextBuffer & {readonly refused: boolean};

/** An edit of a field as the wizard makes it: typed or pasted text sanitised first (sanitizeText), then applied at the cursor. */
export function editField(buffer: FieldBuffer, edit: TextEdit): FieldBuffer {
	const sanitized = edit.type === 'insert' || edit.type === 'set' ? {type: edit.type, ...sanitizeText(edit.text)} : undefined;
	const after = applyEdit(buffer, sanitized ?? edit);
	return {...after, refused: sanitized?.refused ?? buffer.refused};
}
