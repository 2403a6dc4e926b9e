import {applyEdits, findNodeAtLocation, type FormattingOptions, modify, type Node, parse, parseTree, type ParseError, printParseErrorCode} from 'jsonc-parser';
import {UserError} from './findings.js';
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
		throw new UserError({level: 'error', message: `${label} is not valid JSON at line ${line}, column ${column} (${firstError.reason})`, fix: 'fix the file by hand, or run ccgate restore; nothing was changed'}, 1);
	}

	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new UserError({level: 'error', message: `${label} does not hold a JSON object at its top level`, fix: 'make the file an object such as {} by hand; nothing was changed'}, 1);
	}

	return data as SettingsData;
}

/** The `env` object of a settings file, string values only (Claude Code ignores the rest). */
export function settingsEnv(data: SettingsData): Record<string, string> {
	const env = data['env'];
	const result: Record<string, string> = {};
	if (typeof env === 'object' && env !== null && !Array.isArray(env)) {
		for (const [name, value] of Object.entries(env)) {
			if (typeof value === 'string') {
				result[name] = value;
			} else if (typeof value === 'number' || typeof value === 'boolean') {
				result[name] = String(value);
			}
		}
	}

	return result;
}

/** ccgate's keys as a settings file holds them. */
export function settingsValues(data: SettingsData): KeyValues {
	const values: KeyValues = {};
	const env = settingsEnv(data);
	for (const key of envKeys) {
		if (env[key] !== undefined) {
			values[key] = env[key];
		}
	}

	for (const key of settingsKeys) {
		const value = data[key];
		if (typeof value === 'string') {
			values[key] = value;
		}
	}

	return values;
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
