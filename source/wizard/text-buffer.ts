/** One edit of a single-line text field. */
export type TextEdit =
	| {readonly type: 'insert'; readonly text: string}
	| {readonly type: 'delete-back'}
	| {readonly type: 'left'}
	| {readonly type: 'right'}
	| {readonly type: 'home'}
	| {readonly type: 'end'}
	| {readonly type: 'clear'};

/** A field's text and where the cursor is in it (0 … length). */
export type TextBuffer = {readonly text: string; readonly cursor: number};

/** Apply an edit. Line breaks in pasted text are dropped: every field is one line, and a token pasted with its newline should just work. */
export function applyEdit(buffer: TextBuffer, edit: TextEdit): TextBuffer {
	const {text} = buffer;
	const cursor = Math.min(Math.max(buffer.cursor, 0), text.length);
	switch (edit.type) {
		case 'insert': {
			const inserted = edit.text.replaceAll(/[\r\n]/g, '');
			return {text: text.slice(0, cursor) + inserted + text.slice(cursor), cursor: cursor + inserted.length};
		}

		case 'delete-back': {
			return cursor === 0 ? {text, cursor} : {text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1};
		}

		case 'left': {
			return {text, cursor: Math.max(cursor - 1, 0)};
		}

		case 'right': {
			return {text, cursor: Math.min(cursor + 1, text.length)};
		}

		case 'home': {
			return {text, cursor: 0};
		}

		case 'end': {
			return {text, cursor: text.length};
		}

		case 'clear': {
			return {text: text.slice(cursor), cursor: 0};
		}
	}
}
