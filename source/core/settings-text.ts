import {applyEdits, findNodeAtLocation, type FormattingOptions, modify, type Node, parse, parseTree, type ParseError, printParseErrorCode} from 'jsonc-parser';
import {UserError} from './findings.js';
import {readAs, settingsTopLevel} from './client-files.js';
import {isJsonObject} from './json-shape.js';
import {envKeys, isEnvKey, type KeyValues, type OwnedKey, settingsKeys} from './keys.js';

/** A parsed settings file: its top level, always an object. */
export type SettingsData = Record<string, unknown>;

function lineAndColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, offset).split(/\r\n|\r|\n/);
	return {line: before.length, column: (before.at(-1)?.length ?? 0) + 1};
}

/**
Parse a settings file strictly (Claude Code reads plain JSON: no comments, no trailing commas).
Refuses, as a `UserError` with exit code 1, invalid JSON (with line and column) and a top level that is not an object.
An empty file counts as `{}`.
*/
export function parseSettingsText(text: string, label: string): SettingsData {
	// A UTF-8 byte-order mark: Claude Code reads past it, and so does ccgate.
	text = withoutBom(text);
	if (text.trim() === '') {
		return {};
	}

	let data: unknown;
	let firstError: {offset: number; reason: string} | undefined;
	try {
		// JSON.parse is strict JSON, as Claude Code reads it, and cheap; jsonc-parser only locates an error.
		data = JSON.parse(text);
	} catch (error_) {
		const errors: ParseError[] = [];
		parse(text, errors, {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false});
		const error = errors[0];
		const position = /position (\d+)/.exec(String(error_))?.[1];
		firstError = error ? {offset: error.offset, reason: printParseErrorCode(error.error)} : {offset: Number(position ?? 0), reason: 'InvalidSymbol'};
	}

	if (firstError) {
		const {line, column} = lineAndColumn(text, firstError.offset);
		throw new UserError({code: 'settings-invalid-json', level: 'error', message: `${label} is not valid JSON at line ${line}, column ${column} (${firstError.reason})`, fix: 'fix the file by hand, or run ccgate restore; nothing was changed'}, 1);
	}

	if (!isJsonObject(data)) {
		throw new UserError({code: 'settings-not-object', level: 'error', message: `${label} does not hold a JSON object at its top level`, fix: 'make the file an object such as {} by hand; nothing was changed'}, 1);
	}

	return data;
}

const bom = '\uFEFF';

function withoutBom(text: string): string {
	return text.startsWith(bom) ? text.slice(bom.length) : text;
}

/** Deeper than this, ccgate will not edit a file (its JSON editor recurses); Claude Code's settings nest a few levels. */
export const maxEditDepth = 256;

/**
Scan valid JSON without recursion: the first key an object holds twice (with the keys that lead to it), and the deepest nesting.
*/
function scanJson(text: string): {duplicate?: string[]; depth: number} {
	type Frame = {keys: Set<string> | undefined; key?: string};
	const stack: Frame[] = [];
	let depth = 0;
	let pendingKey: string | undefined;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		switch (char) {
			case '"': {
				let end = index + 1;
				while (text[end] !== '"') {
					end += text[end] === '\\' ? 2 : 1;
				}

				const value = String(JSON.parse(text.slice(index, end + 1)));
				index = end;
				const top = stack.at(-1);
				let next = end + 1;
				while (/\s/.test(text[next] ?? '')) {
					next++;
				}

				if (top?.keys && text[next] === ':') {
					if (top.keys.has(value)) {
						return {duplicate: [...stack.map(frame => frame.key).filter((key): key is string => key !== undefined), value], depth};
					}

					top.keys.add(value);
					pendingKey = value;
				}

				break;
			}

			case '{':
			case '[': {
				stack.push({keys: char === '{' ? new Set() : undefined, key: pendingKey});
				pendingKey = undefined;
				depth = Math.max(depth, stack.length);
				if (depth > maxEditDepth) {
					return {depth};
				}

				break;
			}

			case '}':
			case ']': {
				stack.pop();

				break;
			}
		// No default
		}
	}

	return {depth};
}

/**
Parse a settings file ccgate is about to edit: as `parseSettingsText`, and refuse (exit 1) what an edit would get wrong:
a key held twice (Claude Code uses the last, an edit the first), an `env` that is not an object, nesting too deep to edit.
*/
export function parseSettingsForEdit(text: string, label: string): SettingsData {
	const data = parseSettingsText(text, label);
	const {duplicate, depth} = scanJson(withoutBom(text));
	if (depth > maxEditDepth) {
		throw new UserError({code: 'settings-too-deep', level: 'error', message: `${label} nests deeper than ${maxEditDepth} levels, too deep for ccgate to edit`, fix: 'flatten the file by hand; nothing was changed'}, 1);
	}

	if (duplicate) {
		const where = duplicate.length > 1 ? ` in ${duplicate.slice(0, -1).map(key => JSON.stringify(key)).join(' → ')}` : '';
		throw new UserError({code: 'settings-duplicate-key', level: 'error', message: `${label} holds the key ${JSON.stringify(duplicate.at(-1))} twice${where}, and Claude Code uses the last one`, fix: 'delete one of them by hand; nothing was changed'}, 1);
	}

	const env = data['env'];
	if (env !== undefined && (typeof env !== 'object' || env === null || Array.isArray(env))) {
		throw new UserError({code: 'settings-env-not-object', level: 'error', message: `${label} has an "env" that is not an object (${env === null ? 'null' : Array.isArray(env) ? 'an array' : typeof env}), which Claude Code ignores`, fix: 'make it an object such as {} by hand, or delete it; nothing was changed'}, 1);
	}

	return data;
}

/**
A settings file as ccgate reads it, through its schema once (core/client-files.ts): the `env` object, string values
only (a number or boolean becomes its string, as the client reads it; Claude Code ignores the rest), and ccgate's keys.
*/
export function readSettings(data: SettingsData): {readonly env: Record<string, string>; readonly values: KeyValues} {
	const top = readAs(settingsTopLevel(), data);
	const env: Record<string, string> = {};
	for (const [name, value] of Object.entries(top?.env ?? {})) {
		if (typeof value === 'string') {
			env[name] = value;
		} else if (typeof value === 'number' || typeof value === 'boolean') {
			env[name] = String(value);
		}
	}

	const values: KeyValues = {};
	for (const key of envKeys) {
		if (env[key] !== undefined) {
			values[key] = env[key];
		}
	}

	for (const key of settingsKeys) {
		const value = top?.[key];
		if (value !== undefined) {
			values[key] = value;
		}
	}

	return {env, values};
}

/** The `env` object of a settings file, string values only (readSettings). */
export function settingsEnv(data: SettingsData): Record<string, string> {
	return readSettings(data).env;
}

/** ccgate's keys as a settings file holds them (readSettings). */
export function settingsValues(data: SettingsData): KeyValues {
	return readSettings(data).values;
}

function detectFormatting(text: string): FormattingOptions {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const indent = /^([ \t]+)\S/m.exec(text)?.[1];
	if (indent?.startsWith('\t')) {
		return {insertSpaces: false, tabSize: 1, eol};
	}

	return {insertSpaces: true, tabSize: indent?.length ?? 2, eol};
}

function keyPath(key: OwnedKey): string[] {
	return isEnvKey(key) ? ['env', key] : [key];
}

/**
Edit only ccgate's keys in a settings file's text: each key in `changes` is set to its value, or removed when the value is undefined.
Everything else keeps its bytes. An `env` that these edits emptied is removed.
*/
export function editSettingsText(text: string, changes: Partial<Record<OwnedKey, string | undefined>>): string {
	if (text.startsWith(bom)) {
		// The mark stays where it was; the edit is of the JSON after it.
		return bom + editSettingsText(text.slice(bom.length), changes);
	}

	const entries = Object.entries(changes) as Array<[OwnedKey, string | undefined]>;
	if (text.trim() === '') {
		const data: Record<string, unknown> = {};
		for (const [key, value] of entries) {
			if (value === undefined) {
				continue;
			}

			if (isEnvKey(key)) {
				const env = (data['env'] ?? {}) as Record<string, string>;
				env[key] = value;
				data['env'] = env;
			} else {
				data[key] = value;
			}
		}

		return Object.keys(data).length === 0 ? text : `${JSON.stringify(data, undefined, 2)}\n`;
	}

	const formattingOptions = detectFormatting(text);
	const envBefore = Object.keys(settingsEnv(parseSettingsText(text, 'The settings file'))).length;
	let edited = text;
	for (const [key, value] of entries) {
		edited = value === undefined ? removeProperty(edited, keyPath(key)) : setProperty(edited, keyPath(key), value, formattingOptions);
	}

	const after = parseSettingsText(edited, 'The settings file');
	const env = after['env'];
	if (envBefore > 0 && typeof env === 'object' && env !== null && Object.keys(env).length === 0) {
		edited = removeProperty(edited, ['env']);
	}

	return edited;
}

function setProperty(text: string, path: string[], value: string, formattingOptions: FormattingOptions): string {
	const root = parseTree(text);
	if (root === undefined) {
		return applyEdits(text, modify(text, path, value, {formattingOptions}));
	}

	if (findNodeAtLocation(root, path) !== undefined) {
		// Replacing a value touches only its string.
		return applyEdits(text, modify(text, path, value, {}));
	}

	// Insert by hand: jsonc-parser formats the whole line where it inserts, which re-indents an inline
	// object or array that happens to end that line (such as "permissions": {"allow": []}).
	const [first, second] = path as [string, string | undefined];
	if (second === undefined) {
		return insertProperty(text, root, first, value, formattingOptions);
	}

	const parent = findNodeAtLocation(root, [first]);
	if (parent === undefined) {
		return insertProperty(text, root, first, {[second]: value}, formattingOptions);
	}

	if (parent.type === 'object') {
		return insertProperty(text, parent, second, value, formattingOptions);
	}

	// `env` is there but is no object: Claude Code ignores it, so it is replaced.
	return applyEdits(text, modify(text, [first], {[second]: value}, {formattingOptions}));
}

function lineIndent(text: string, offset: number): string {
	const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
	return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** `value` (a string, or an object of strings) as JSON on one line, spaced as people write it: `{"A": "b"}`. */
function inlineJson(value: string | Record<string, string>): string {
	if (typeof value === 'string') {
		return JSON.stringify(value);
	}

	return `{${Object.entries(value).map(([name, item]) => `${JSON.stringify(name)}: ${JSON.stringify(item)}`).join(', ')}}`;
}

/** Add a property after the object's last one, indented like its siblings; nothing else in the text moves. */
function insertProperty(text: string, object: Node, name: string, value: string | Record<string, string>, formattingOptions: FormattingOptions): string {
	const eol = formattingOptions.eol ?? '\n';
	const unit = formattingOptions.insertSpaces === false ? '\t' : ' '.repeat(formattingOptions.tabSize ?? 2);
	const last = object.children?.at(-1);
	if (last !== undefined && !/[\r\n]/.test(text.slice(object.offset, last.offset))) {
		// An object written on one line stays on one line.
		const end = last.offset + last.length;
		return `${text.slice(0, end)}, ${JSON.stringify(name)}: ${inlineJson(value)}${text.slice(end)}`;
	}

	const objectIndent = lineIndent(text, object.offset);
	const indent = last === undefined ? objectIndent + unit : lineIndent(text, last.offset);
	const property = `${JSON.stringify(name)}: ${JSON.stringify(value, undefined, unit).replaceAll('\n', eol + indent)}`;
	if (last !== undefined) {
		const end = last.offset + last.length;
		return `${text.slice(0, end)},${eol}${indent}${property}${text.slice(end)}`;
	}

	const closing = object.offset + object.length - 1;
	return `${text.slice(0, object.offset + 1)}${eol}${indent}${property}${eol}${objectIndent}${text.slice(closing)}`;
}

/**
Take a property out by cutting its own text (and one comma), so no neighbour is re-indented:
jsonc-parser's formatter would reformat the sibling before it.
*/
function removeProperty(text: string, path: string[]): string {
	const root = parseTree(text);
	const valueNode = root && findNodeAtLocation(root, path);
	const property = valueNode?.parent;
	const object = property?.parent;
	if (!property || !object?.children) {
		return text;
	}

	const siblings = object.children;
	const index = siblings.indexOf(property);
	const next = siblings[index + 1];
	const previous = siblings[index - 1];
	if (next) {
		return text.slice(0, property.offset) + text.slice(next.offset);
	}

	if (previous) {
		return text.slice(0, previous.offset + previous.length) + text.slice(property.offset + property.length);
	}

	// The only property: keep the braces, drop what was between them.
	const closing = object.offset + object.length - 1;
	return text.slice(0, object.offset + 1) + text.slice(closing);
}
