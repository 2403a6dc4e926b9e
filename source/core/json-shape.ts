import type * as z from 'zod/mini';

/*
JSON from outside is checked before any code reads it, never cast. ccgate's store, backups, imported profiles and the
values behind a shell profile pass zod schemas (core/schema.ts, core/profile-share.ts, io/store-read.ts); Claude
Code's own files (settings layers, `~/.claude.json`, the credentials file, the discovery cache) pass the schemas of
core/client-files.ts. zod/mini is loaded by the commands that read them, not by `--version`.
*/

function valueAt(data: unknown, pathParts: readonly PropertyKey[]): unknown {
	let value = data;
	for (const part of pathParts) {
		value = typeof value === 'object' && value !== null && Object.hasOwn(value, part) ? (value as Record<PropertyKey, unknown>)[part] : undefined;
	}

	return value;
}

/** The first thing wrong with a JSON value, as a sentence says it: `unknown field x.y`, `x is missing`, `x.y is not valid`. */
export function shapeProblem(data: unknown, error: z.core.$ZodError): string {
	const issue = error.issues[0];
	if (issue === undefined) {
		return 'it is not valid';
	}

	const field = issue.path.map(String).map(part => (part.length > 64 ? `${part.slice(0, 61)}...` : part)).join('.');
	if (issue.code === 'unrecognized_keys') {
		return `unknown field ${[field, ...issue.keys.map(key => key.slice(0, 64))].filter(Boolean).join('.')}`;
	}

	if (field === '') {
		return 'its top level is not valid';
	}

	return valueAt(data, issue.path) === undefined ? `${field} is missing` : `${field} is not valid`;
}

/** JSON text parsed, or undefined when it is not JSON: the caller says what the file should be. */
export function parseJson(text: string): {readonly data: unknown} | undefined {
	try {
		const data: unknown = JSON.parse(text);
		return {data};
	} catch {
		return undefined;
	}
}

/** A JSON object (not null, not an array): the top level of every settings file. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field of a JSON object, or undefined for anything else (an own property only: `constructor` is not a field). */
export function fieldOf(value: unknown, key: string): unknown {
	return isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
