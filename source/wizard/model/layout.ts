import type {Finding} from '../../core/findings.js';
import {type Choice, columnsOf, currentLines, findingParts, hintLine, isModelWarning, labelWidth} from './frame-text.js';
import {gatewayChoices} from './gateway-choice.js';
import {currentChoices} from './steps/current.js';
import type {WizardState} from './state.js';
import {blockedLine, keyHints} from './reducer.js';

/*
Every frame fits the terminal. Ink clears the whole screen, and the user's scrollback with it, once a frame is as
tall as the terminal; so the long parts of a step (the review's diff, the current-config table) scroll inside a
view sized from the rows the rest of the frame leaves. The rest is counted here, as Ink will wrap it.
*/

/** The terminal rows a text takes at this width, its long lines wrapped. */
export function rowsOf(text: string, columns: number): number {
	const width = Math.max(columns, 1);
	return text.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil([...line].length / width)), 0);
}

/** The rows findings take, each line's text wrapping under itself past its mark (components/FindingList.tsx). */
function findingRows(findings: readonly Finding[], columns: number): number {
	return findings.reduce((rows, finding) => rows + findingParts(finding).reduce((sum, part) => sum + rowsOf(part.text, columns - columnsOf(part.lead)), 0), 0);
}

/** Below this many rows the wizard shows only a line saying the terminal is too short. */
export const minimumRows = 10;

/** A short terminal (an IDE panel): the blank lines between the title, the body and the bottom line go, for the body. */
export function isCompact(state: WizardState): boolean {
	return state.terminal.rows < 16;
}

/** The rows a step's body may take: the terminal's less the title, the bottom line, a refused Enter's line, and the one Ink keeps below a frame. */
export function bodyRows(state: WizardState): number {
	const {rows, columns} = state.terminal;
	const blocked = blockedLine(state);
	const hints = rowsOf(hintLine(keyHints(state)), columns);
	const margin = isCompact(state) ? 0 : 1;
	// Title and its margin; the hints and their margin; the refused-Enter line and its margin; the line below the frame; one row of slack for the probe's summary beside the title.
	return rows - (1 + margin) - (hints + margin) - (blocked === undefined ? 0 : rowsOf(blocked, columns) + margin) - 1 - 1;
}

/** The rows of a view that scrolls, at least three: its lines and, when they do not all fit, the line saying where it is. */
export function viewRows(available: number): number {
	return Math.max(available, 3);
}

/** How many rows the review's diff may take. */
export function reviewDiffRows(state: WizardState): number {
	const {review, acceptUnusable} = state;
	const {columns} = state.terminal;
	if (review.status !== 'planned' && review.status !== 'write-failed') {
		return viewRows(bodyRows(state));
	}

	const {change} = review;
	const findings = change.findings.filter(finding => finding.level !== 'ok');
	const warnings = findings.filter(finding => isModelWarning(finding));
	const heading = change.kind === 'print' ? `These lines for ${change.shell} are printed when the wizard closes (secrets masked here):` : `The change to ${change.label} (secrets masked):`;
	const warningRows = warnings.length === 0 ? 0 : 3 + warnings.reduce((sum, finding) => sum + rowsOf(`${finding.message}; ${finding.fix ?? ''}.`, columns - 4), 0);
	const others = rowsOf(heading, columns)
		+ warningRows
		+ findingRows(findings.filter(finding => !isModelWarning(finding)), columns)
		+ (review.status === 'write-failed' ? findingRows([review.finding], columns) : 0)
		+ (acceptUnusable ? 1 : 0);
	return viewRows(bodyRows(state) - others);
}

/** How many rows the current-config table may take, its heading not counted. */
export function currentTableRows(state: WizardState): number {
	const {setup} = state;
	const {columns} = state.terminal;
	const sections = [currentLines(setup.effective).length > 0, setup.currentFindings.length > 0, true].filter(Boolean).length;
	const others = 1 + findingRows(setup.currentFindings, columns) + currentChoices(setup).length + (sections - 1);
	return viewRows(bodyRows(state) - others);
}

/** The rows of the step's scrolling view: the review's diff, or the current-config table. */
export function scrollRows(state: WizardState): number {
	return state.step === 'review' ? reviewDiffRows(state) : currentTableRows(state);
}

/** The lines a scrolling view shows from `offset`, and the line saying where it is when not all fit. */
export function scrollWindow<T>(lines: readonly T[], rows: number, offset: number): {shown: readonly T[]; first: number; position?: string} {
	if (lines.length <= rows) {
		return {shown: lines, first: 0};
	}

	const visible = Math.max(rows - 1, 1);
	const first = Math.min(Math.max(offset, 0), lines.length - visible);
	return {shown: lines.slice(first, first + visible), first, position: `lines ${first + 1}–${first + visible} of ${lines.length}`};
}

/** The largest offset worth scrolling to. */
export function maxScroll(lineCount: number, rows: number): number {
	return lineCount <= rows ? 0 : lineCount - Math.max(rows - 1, 1);
}

/** The "Which gateway?" list as it fits: the rows around the highlighted one, details cut to the width, and where it is when not all fit. */
export function gatewayWindow(state: WizardState): {choices: Choice[]; selected: number; width: number; position?: string} {
	const all = gatewayChoices(state.endpoint.filter);
	const width = labelWidth(all);
	const room = Math.max(state.terminal.columns - 2 - width - 2, 0);
	const choices = all.map(choice => ({label: choice.label, detail: cut(choice.detail, room)}));
	// The prompt, the filter and the blank line before the list; the notice is not shown on this question.
	const rows = viewRows(bodyRows(state) - 3);
	if (choices.length <= rows) {
		return {choices, selected: state.endpoint.index, width};
	}

	const visible = Math.max(rows - 1, 1);
	const first = Math.min(Math.max(state.endpoint.index - visible + 1, 0), choices.length - visible);
	return {choices: choices.slice(first, first + visible), selected: state.endpoint.index - first, width, position: `${first + 1} to ${first + visible} of ${choices.length}: ↑↓ for more`};
}

function cut(text: string, room: number): string {
	const characters = [...text];
	return characters.length <= room ? text : `${characters.slice(0, Math.max(room - 1, 0)).join('')}…`;
}
