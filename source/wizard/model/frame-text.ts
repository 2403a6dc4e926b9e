import {type ApiFormat, type CloudFormat, cloudKeys} from '../../core/api-format.js';
import type {Finding} from '../../core/findings.js';
import type {EffectiveConfig, ResolvedKey} from '../../core/layers.js';
import {maskValue} from '../../core/mask.js';
import type {Preset} from '../../core/presets.js';
import {escapeControl} from '../../core/safe-text.js';
import {displayPath} from './display.js';
import type {KeyHint} from './hints.js';
import {type CurrentChoice, stepOrder, type StepName} from './state.js';
import {inWizard} from './wizard-fix.js';

/*
The words and marks of the wizard's screens, apart from the components that draw them.
*/

const titles: Readonly<Record<StepName, string>> = {
	current: 'Current config',
	endpoint: 'Endpoint',
	credential: 'Credential',
	headers: 'Custom headers',
	models: 'Models and discovery',
	probe: 'Probe',
	target: 'Where to write',
	review: 'Review',
	done: 'Done',
};

/** "ccgate · 1/7 Endpoint": the first and last steps go unnumbered. */
export function stepHeading(step: StepName): string {
	const number = stepOrder.indexOf(step);
	return `ccgate · ${number === 0 || step === 'done' ? '' : `${number}/${stepOrder.length - 2} `}${titles[step]}`;
}

export const endpointPrompt = 'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.';

export const baseUrlPlaceholder = 'http://127.0.0.1:4000';

export const gatewayPrompt = 'Which gateway? Type to filter the list; Other is any gateway not in it.';

export const filterLabel = 'Filter: ';

export const filterPlaceholder = 'a name, such as litellm';

export const formatPrompt = 'The API format the gateway speaks (Claude Code\'s gateway docs name three):';

/** The format question's choices, in the order of `apiFormats`. */
export const formatChoices: readonly Choice[] = [
	{label: 'Anthropic', detail: 'Messages API, ANTHROPIC_BASE_URL: most gateways'},
	{label: 'Bedrock', detail: 'InvokeModel pass-through, ANTHROPIC_BEDROCK_BASE_URL'},
	{label: 'Vertex', detail: 'rawPredict pass-through, ANTHROPIC_VERTEX_BASE_URL'},
];

/** The examples text fields show while empty (the base URL's are in urlPrompts). */
export const fieldExamples = {project: 'my-project', helper: 'cat ~/.config/gateway/key', headerName: 'x-team', headerValue: 'core'} as const;

/** The base URL's prompt and placeholder in each format. */
export const urlPrompts: Readonly<Record<ApiFormat, {readonly prompt: string; readonly placeholder: string}>> = {
	anthropic: {prompt: endpointPrompt, placeholder: baseUrlPlaceholder},
	bedrock: {prompt: 'The gateway\'s Bedrock base URL (ANTHROPIC_BEDROCK_BASE_URL); Claude Code appends /model/….', placeholder: 'http://127.0.0.1:4000/bedrock'},
	vertex: {prompt: 'The gateway\'s Vertex base URL (ANTHROPIC_VERTEX_BASE_URL); Claude Code appends /projects/….', placeholder: 'http://127.0.0.1:4000/vertex_ai/v1'},
};

export function regionPrompt(format: CloudFormat): string {
	const keys = cloudKeys[format];
	return `The ${keys.cloud} region (${keys.region}): ${keys.defaultRegion} unless the gateway wants another.`;
}

export const projectPrompt = 'The Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID) Claude Code puts in every request path.';

/** A preset's template field: what goes there, in the preset's words, and where it goes (the base URL, or the header it fills). */
export function presetFieldPrompt(preset: Pick<Preset, 'baseUrl' | 'headers'>, field: {readonly name: string; readonly description: string}): string {
	const template = `{${field.name}}`;
	const header = preset.headers.find(header => header.value.includes(template));
	const where = preset.baseUrl.includes(template) || header === undefined ? 'in the base URL' : `sent in ${header.name}`;
	return `${field.description.charAt(0).toUpperCase()}${field.description.slice(1)} (${where}):`;
}

/** The bottom line of every step. */
export function hintLine(hints: readonly KeyHint[]): string {
	return hints.map(hint => `${hint.key} ${hint.action}`).join(' · ');
}

export const findingColors = {error: 'red', warning: 'yellow', ok: 'green'} as const;

const marks = {error: '✗', warning: '!', ok: '✓'} as const;

/** Whether a finding is the non-Claude model warning (docs/contract.md §3 Models), which gets a box of its own. */
export function isModelWarning(finding: Finding): boolean {
	return finding.code === 'model-not-claude';
}

/** A finding as the lines under a field, each a lead and a text that wraps under itself: what is wrong, then the fix. */
export function findingParts(finding: Finding): Array<{readonly lead: string; readonly text: string}> {
	const {fix} = inWizard(finding);
	return [{lead: `${marks[finding.level]} `, text: finding.message}, ...(fix ? [{lead: '  → ', text: fix}] : [])];
}

/** A finding as the lines under a field: what is wrong, then the fix. */
export function findingLines(finding: Finding): string[] {
	return findingParts(finding).map(part => `${part.lead}${part.text}`);
}

/** One line of a choice list: a ❯ on the highlighted one. */
export function choicePrefix(selected: boolean): string {
	return selected ? '❯ ' : '  ';
}

/** A choice: its label, and a dim explanation after it. */
export type Choice = {
	readonly label: string;
	readonly detail?: string;
};

export const nothingConfigured = 'Nothing of ccgate\'s is configured yet for Claude Code here.';

export const configuredHeading = 'What Claude Code uses now, and where it comes from:';

/** Labels padded to the longest, so the details line up. */
export function labelWidth(choices: readonly Choice[]): number {
	return Math.max(0, ...choices.map(choice => choice.label.length));
}

export function currentChoiceText(choice: CurrentChoice): Choice {
	switch (choice.kind) {
		case 'edit': {
			return {label: 'Edit the current config', detail: 'fields start as set now; only changes are written'};
		}

		case 'fresh': {
			return {label: 'Start fresh', detail: 'fields start empty and are written as entered'};
		}

		case 'profile': {
			return {label: `Load the profile "${choice.name}"${choice.active ? ' (active)' : ''}`, detail: 'its values replace the gateway settings'};
		}
	}
}

/** A line of the current config: a key in use (its source dim after it), or one that is ignored (all yellow). */
export type CurrentLine = {readonly text: string; readonly where: string; readonly ignored: false} | {readonly text: string; readonly ignored: true};

// Read from files: written out before Ink lays them out, whose wrapping would cut an escape sequence apart.
function where(resolved: Pick<ResolvedKey, 'layer'>): string {
	return resolved.layer.path ? `${resolved.layer.name}  ${escapeControl(displayPath(resolved.layer.path))}` : 'shell environment';
}

function shown(resolved: Pick<ResolvedKey, 'key' | 'value'>): string {
	return escapeControl(maskValue(resolved.key, resolved.value).replaceAll('\n', String.raw`\n`));
}

/** The columns a text takes, counted as the wizard's frames count them: a character a column. */
export function columnsOf(text: string): number {
	return [...text].length;
}

/**
A text cut into pieces of at most `width` columns: after a space or a URL's or a path's punctuation (/ . - , ? & =)
where one falls in the piece's second half (a space dropped), else wherever the width ends. A table's cell wraps this way under its own column.
*/
export function wrapText(text: string, width: number): string[] {
	const room = Math.max(width, 1);
	const pieces: string[] = [];
	let rest = [...text];
	while (rest.length > room) {
		let end = rest[room] === ' ' ? room : 0;
		for (let index = room; end === 0 && index > room / 2; index--) {
			if (' /.-,?&='.includes(rest[index - 1]!)) {
				end = index;
			}
		}

		end ||= room;
		pieces.push(rest.slice(0, end).join('').trimEnd());
		rest = rest.slice(end);
		while (rest[0] === ' ') {
			rest.shift();
		}
	}

	return [...pieces, rest.join('')];
}

/** The fewest columns a wrapped value keeps before the key takes a line of its own. */
const narrowestValue = 20;

/** The fewest columns a value wrapped beside the sources keeps; fewer, and the source moves under the value. */
const narrowestBesideSource = 30;

type CurrentRow = {readonly key: string; readonly value: string; readonly where: string; readonly ignored: readonly string[]};

/**
What Claude Code uses now, a line per key in columns (key, value, the file it comes from), with what an untrusted
folder would have set. In a terminal too narrow for a row, the row takes more lines and each cell stays in its
column: the value wraps in the value column beside the sources when that column stays wide and it takes no more
lines, else the source moves under its value; in a terminal narrower still the key takes a line of its own. No line
is wider than `columns`.
*/
export function currentLines(effective: EffectiveConfig, columns = Number.POSITIVE_INFINITY): CurrentLine[] {
	const rows: CurrentRow[] = effective.keys.map(resolved => ({
		key: resolved.key,
		value: shown(resolved),
		where: where(resolved),
		ignored: resolved.untrusted.map(entry => `ignored: ${shown({key: resolved.key, value: entry.value})} in ${where(entry)} (untrusted folder)`),
	}));
	const notApplied = effective.untrustedOnly.map(resolved => ({key: resolved.key, text: `${shown(resolved)}  ${where(resolved)} (untrusted folder: not applied)`}));
	const width = Math.max(0, ...[...rows, ...notApplied].map(row => row.key.length));
	// Values line up too, so the layer column reads as a column.
	const valueWidth = Math.max(0, ...rows.map(row => columnsOf(row.value)));
	const oneLine: CurrentLine[] = [
		...rows.flatMap((row): CurrentLine[] => [
			{text: `  ${row.key.padEnd(width)}  ${row.value.padEnd(valueWidth)}  `, where: row.where, ignored: false},
			...row.ignored.map(text => ({text: `  ${''.padEnd(width)}  ${text}`, ignored: true as const})),
		]),
		...notApplied.map(row => ({text: `  ${row.key.padEnd(width)}  ${row.text}`, ignored: true as const})),
	];
	if (oneLine.every(line => columnsOf(line.text) + (line.ignored ? 0 : columnsOf(line.where)) <= columns)) {
		return oneLine;
	}

	const keyAbove = columns - (2 + width + 2) < narrowestValue;
	const indent = keyAbove ? 4 : 2 + width + 2;
	const room = columns - indent;
	const whereWidth = Math.max(0, ...rows.map(row => columnsOf(row.where)));
	const besideRoom = keyAbove ? 0 : room - 2 - whereWidth;
	const besideSource = Math.min(besideRoom, valueWidth);
	const pad = ' '.repeat(indent);
	const lead = (key: string) => (keyAbove ? pad : `  ${key.padEnd(width)}  `);
	const keyLine = (key: string, ignored: boolean): CurrentLine[] => (keyAbove ? [ignored ? {text: `  ${key}`, ignored: true} : {text: `  ${key}`, where: '', ignored: false}] : []);
	const ignoredLines = (row: CurrentRow) => row.ignored.flatMap(text => wrapText(text, room).map(piece => ({text: `${pad}${piece}`, ignored: true as const})));
	const beside = (row: CurrentRow): CurrentLine[] => {
		const pieces = wrapText(row.value, besideSource);
		return [
			{text: `${lead(row.key)}${pieces[0]!.padEnd(besideSource)}  `, where: row.where, ignored: false},
			...pieces.slice(1).map(piece => ({text: `${pad}${piece}`, where: '', ignored: false as const})),
			...ignoredLines(row),
		];
	};

	const under = (row: CurrentRow): CurrentLine[] => [
		...keyLine(row.key, false),
		...wrapText(row.value, room).map((piece, index) => ({text: `${index === 0 ? lead(row.key) : pad}${piece}`, where: '', ignored: false as const})),
		...wrapText(row.where, room).map(piece => ({text: pad, where: piece, ignored: false as const})),
		...ignoredLines(row),
	];
	const besideLines = besideSource > 0 && (besideRoom >= valueWidth || besideRoom >= narrowestBesideSource) ? rows.flatMap(row => beside(row)) : undefined;
	const underLines = rows.flatMap(row => under(row));
	return [
		...(besideLines !== undefined && besideLines.length <= underLines.length ? besideLines : underLines),
		...notApplied.flatMap(row => [
			...keyLine(row.key, true),
			...wrapText(row.text, room).map((piece, index) => ({text: `${index === 0 ? lead(row.key) : pad}${piece}`, ignored: true as const})),
		]),
	];
}
