import {describe, expect, test} from 'vitest';
import {keyAction, splitKeys} from '../../source/wizard/model/keys.js';
import {applyEdit, sanitizeText} from '../../source/wizard/model/text-buffer.js';

describe('key bindings', () => {
	test('Ctrl+C, Enter and Esc mean the same everywhere', () => {
		for (const textFocused of [true, false]) {
			expect(keyAction('c', {ctrl: true}, textFocused)).toEqual({command: 'cancel'});
			expect(keyAction('', {return: true}, textFocused)).toEqual({command: 'confirm'});
			expect(keyAction('', {escape: true, meta: true}, textFocused)).toEqual({command: 'back'});
		}
	});

	test('Ctrl+R reveals rather than typing an r', () => {
		expect(keyAction('r', {ctrl: true}, true)).toEqual({command: 'reveal'});
	});

	test('a letter is text in a field and a command in a list', () => {
		expect(keyAction('d', {}, true)).toEqual({edit: {type: 'insert', text: 'd'}});
		expect(keyAction('d', {}, false)).toEqual({command: 'remove'});
		expect(keyAction(' ', {}, false)).toEqual({command: 'toggle'});
	});

	test('Backspace, reported by many terminals as delete, deletes before the cursor', () => {
		expect(keyAction('', {delete: true}, true)).toEqual({edit: {type: 'delete-back'}});
		expect(keyAction('', {backspace: true}, true)).toEqual({edit: {type: 'delete-back'}});
	});

	test('other Ctrl and Alt keys type nothing', () => {
		expect(keyAction('x', {ctrl: true}, true)).toBeUndefined();
		expect(keyAction('b', {meta: true}, true)).toBeUndefined();
	});
});

describe('text editing', () => {
	test('typing inserts at the cursor', () => {
		expect(applyEdit({text: 'ac', cursor: 1}, {type: 'insert', text: 'b'})).toEqual({text: 'abc', cursor: 2});
	});

	test('pasted line breaks are dropped', () => {
		expect(applyEdit({text: '', cursor: 0}, {type: 'insert', text: 'token\r\n'})).toEqual({text: 'token', cursor: 5});
	});

	test('Backspace at the start does nothing', () => {
		expect(applyEdit({text: 'ab', cursor: 0}, {type: 'delete-back'})).toEqual({text: 'ab', cursor: 0});
	});

	test('the cursor stays inside the text', () => {
		expect(applyEdit({text: 'ab', cursor: 2}, {type: 'right'})).toEqual({text: 'ab', cursor: 2});
		expect(applyEdit({text: 'ab', cursor: 0}, {type: 'left'})).toEqual({text: 'ab', cursor: 0});
	});

	test('Ctrl+U clears the whole field, wherever the cursor is', () => {
		expect(applyEdit({text: 'abcd', cursor: 2}, {type: 'clear'})).toEqual({text: '', cursor: 0});
	});

	test('Delete removes the character after the cursor; Backspace the one before', () => {
		expect(applyEdit({text: 'abcd', cursor: 2}, {type: 'delete-forward'})).toEqual({text: 'abd', cursor: 2});
		expect(applyEdit({text: 'abcd', cursor: 4}, {type: 'delete-forward'})).toEqual({text: 'abcd', cursor: 4});
		expect(applyEdit({text: 'abcd', cursor: 2}, {type: 'delete-back'})).toEqual({text: 'acd', cursor: 1});
	});

	test('a character outside the BMP is one cursor step, and Backspace removes it whole', () => {
		const typed = applyEdit({text: '', cursor: 0}, {type: 'insert', text: 'a😀b'});
		expect(typed).toEqual({text: 'a😀b', cursor: 3});
		const left = applyEdit(typed, {type: 'left'});
		expect(left).toEqual({text: 'a😀b', cursor: 2});
		expect(applyEdit(left, {type: 'delete-back'})).toEqual({text: 'ab', cursor: 1});
		expect(applyEdit({text: 'a😀b', cursor: 1}, {type: 'delete-forward'})).toEqual({text: 'ab', cursor: 1});
	});
});

describe('keys typed faster than they are read', () => {
	test('a token and its Enter in one string are the token, then Enter', () => {
		expect(splitKeys('tok\r', {})).toEqual([{input: 'tok', key: {}}, {input: '', key: {return: true}}]);
	});

	test('Backspace and Ctrl keys inside text are keys again', () => {
		expect(splitKeys('ab\u007Fc\u0015', {})).toEqual([
			{input: 'ab', key: {}},
			{input: '', key: {delete: true}},
			{input: 'c', key: {}},
			{input: 'u', key: {ctrl: true}},
		]);
	});

	test('plain text and single keys pass as they are', () => {
		expect(splitKeys('x-team: core', {})).toEqual([{input: 'x-team: core', key: {}}]);
		expect(splitKeys('\r', {return: true})).toEqual([{input: '\r', key: {return: true}}]);
	});
});

describe('the editing keys of a shell prompt, as Ink\'s useInput reports them', () => {
	const action = (input: string, key: Parameters<typeof keyAction>[1]) => keyAction(input, key, true);

	test('Ctrl+W and Alt+Backspace delete a word, Ctrl+K to the end, Ctrl+U the field, Ctrl+D forward', () => {
		expect(action('w', {ctrl: true})).toEqual({edit: {type: 'delete-word'}});
		expect(action('', {delete: true, meta: true})).toEqual({edit: {type: 'delete-word'}});
		expect(action('', {backspace: true, meta: true})).toEqual({edit: {type: 'delete-word'}});
		expect(action('k', {ctrl: true})).toEqual({edit: {type: 'delete-to-end'}});
		expect(action('u', {ctrl: true})).toEqual({edit: {type: 'clear'}});
		expect(action('d', {ctrl: true})).toEqual({edit: {type: 'delete-forward'}});
	});

	test('Backspace, as DEL (which Ink reports as delete, as it does the Delete key) or Ctrl+H, deletes back', () => {
		expect(action('', {delete: true})).toEqual({edit: {type: 'delete-back'}});
		expect(action('', {backspace: true})).toEqual({edit: {type: 'delete-back'}});
	});

	test('a lone LF (Ctrl+J), which Ink passes as text, is Enter', () => {
		expect(splitKeys('\n', {})).toEqual([{input: '', key: {return: true}}]);
	});

	test('a paste and its Enter are the text, then the command', () => {
		expect(splitKeys('tok\r', {}).map(({input, key}) => action(input, key))).toEqual([{edit: {type: 'insert', text: 'tok'}}, {command: 'confirm'}]);
	});
});

describe('a word, for Ctrl+W and Alt+Backspace', () => {
	test('letters and digits; the separators before the cursor go with the word', () => {
		expect(applyEdit({text: 'http://127.0.0.1:4000', cursor: 21}, {type: 'delete-word'})).toEqual({text: 'http://127.0.0.1:', cursor: 17});
		expect(applyEdit({text: 'http://127.0.0.1:', cursor: 17}, {type: 'delete-word'})).toEqual({text: 'http://127.0.0.', cursor: 15});
		expect(applyEdit({text: 'ab cd', cursor: 3}, {type: 'delete-word'})).toEqual({text: 'cd', cursor: 0});
		expect(applyEdit({text: 'ab', cursor: 0}, {type: 'delete-word'})).toEqual({text: 'ab', cursor: 0});
	});

	test('Ctrl+K keeps what is left of the cursor', () => {
		expect(applyEdit({text: 'abcd', cursor: 1}, {type: 'delete-to-end'})).toEqual({text: 'a', cursor: 1});
	});
});

describe('what a field keeps of typed text', () => {
	test('one line, no control characters, nothing outside the BMP; Latin-1 and the rest of the BMP stay', () => {
		expect(sanitizeText('sk-1\r\n')).toEqual({text: 'sk-1', refused: false});
		expect(sanitizeText('a😀b')).toEqual({text: 'ab', refused: true});
		expect(sanitizeText('a\u0000b\u0085c')).toEqual({text: 'abc', refused: true});
		expect(sanitizeText('café-€')).toEqual({text: 'café-€', refused: false});
	});
});
