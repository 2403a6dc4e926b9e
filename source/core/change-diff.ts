import {createTwoFilesPatch} from 'diff';
import {parseHeaders} from './headers.js';
import {type KeyValues, noAuthPlaceholder, secretKeys} from './keys.js';
import {isSecretHeaderName, maskSecret, noCredentialShown, scrubSecrets} from './mask.js';

/*
A diff shows secrets masked. Masking first and diffing after hides a changed secret whose masks are equal (two
short tokens are both `****`), so a token change looked like no change at all. Here a changed secret is taken out
of the line diff and shown as one masked line of its own: `ANTHROPIC_AUTH_TOKEN: sk-a…1234 → sk-b…5678`.
*/

/** A secret whose value a write changes: the name it is shown under, its old and its new value. */
export type SecretChange = {readonly name: string; readonly before: string; readonly after: string};

/** One file's text before and after a write; `secret` when the whole file is one secret (ccgate's secret file). */
export type FileTexts = {readonly path: string; readonly before: string | undefined; readonly after: string | undefined; readonly secret?: boolean};

function secretHeaders(value: string | undefined): Map<string, string> {
	return new Map(parseHeaders(value).filter(header => isSecretHeaderName(header.name) && header.value !== '').map(header => [header.name.toLowerCase(), header.value]));
}

/** The secrets that hold a value both before and after and change it: credential keys and credential-like header values. */
export function secretChanges(before: KeyValues, after: KeyValues): SecretChange[] {
	const changes: SecretChange[] = [];
	for (const key of secretKeys) {
		const old = before[key];
		const next = after[key];
		if (old && next && old !== next) {
			changes.push({name: key, before: old, after: next});
		}
	}

	const oldHeaders = secretHeaders(before.ANTHROPIC_CUSTOM_HEADERS);
	for (const header of parseHeaders(after.ANTHROPIC_CUSTOM_HEADERS)) {
		const old = oldHeaders.get(header.name.toLowerCase());
		if (old !== undefined && isSecretHeaderName(header.name) && header.value !== '' && old !== header.value) {
			changes.push({name: `ANTHROPIC_CUSTOM_HEADERS ${header.name}`, before: old, after: header.value});
		}
	}

	return changes;
}

/** The one line a changed secret is shown as. */
export function secretChangeLine(change: SecretChange): string {
	return `${change.name}: ${shownSecret(change.before)} → ${shownSecret(change.after)}`;
}

/** A secret masked; --no-auth's placeholder is none, and "****" would pass it off as one. */
function shownSecret(value: string): string {
	return value === noAuthPlaceholder ? noCredentialShown : maskSecret(value);
}

/** A file's text as the diff shows it: secrets masked, --no-auth's placeholder said to be no credential. */
function shownText(text: string, secrets: readonly string[]): string {
	return scrubSecrets(text, secrets.filter(secret => secret !== noAuthPlaceholder)).replaceAll(noAuthPlaceholder, noCredentialShown);
}

/** `text` with each changed secret's old value replaced by its new one, as written or JSON-escaped. */
function withNewSecrets(text: string, changes: readonly SecretChange[]): string {
	let result = text;
	for (const change of changes) {
		for (const [old, next] of new Map([[change.before, change.after], [JSON.stringify(change.before).slice(1, -1), JSON.stringify(change.after).slice(1, -1)]])) {
			result = result.replaceAll(old, next);
		}
	}

	return result;
}

function fileDiff(file: FileTexts, secrets: readonly string[], changes: readonly SecretChange[]): {patch: string; changes: SecretChange[]} {
	const ownChanges = file.secret && file.before !== undefined && file.after !== undefined && file.before !== file.after
		? [{name: file.path, before: file.before, after: file.after}]
		: [];
	const all = [...changes, ...ownChanges];
	const before = file.before === undefined ? undefined : withNewSecrets(file.before, all);
	// Only the changes that showed in this file's text are this file's to report.
	const shown = all.filter(change => file.before !== undefined && file.after?.includes(change.after) && withNewSecrets(file.before, [change]) !== file.before);
	if (before === file.after && shown.length === 0) {
		return {patch: '', changes: []};
	}

	const header = `--- ${file.before === undefined ? '/dev/null' : file.path}\n+++ ${file.after === undefined ? '/dev/null' : file.path}\n`;
	const patch = before === file.after
		? header
		: createTwoFilesPatch(file.before === undefined ? '/dev/null' : file.path, file.after === undefined ? '/dev/null' : file.path, shownText(before ?? '', secrets), shownText(file.after ?? '', secrets), undefined, undefined, {context: 3})
			.replace(/^(?:Index: .*\n)?=+\n/, '');
	return {patch, changes: shown};
}

/**
The unified diff of a write's files, every secret masked, and under each file the changed secrets it holds as one
`NAME: old → new` line each, masked. Empty when nothing changes.
*/
export function changeDiff(files: readonly FileTexts[], values: {readonly before: KeyValues; readonly after: KeyValues}, secrets: readonly string[]): string {
	const changes = secretChanges(values.before, values.after);
	const reported = new Set<string>();
	return files.map(file => {
		const {patch, changes: shown} = fileDiff(file, secrets, changes);
		const lines = shown.filter(change => !reported.has(change.name)).map(change => {
			reported.add(change.name);
			return `${secretChangeLine(change)}\n`;
		});
		return patch + lines.join('');
	}).join('');
}
