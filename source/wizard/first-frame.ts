import chalk from 'chalk';
import type {Finding} from '../core/findings.js';
import {
	baseUrlPlaceholder, type Choice, choicePrefix, configuredHeading, currentChoiceText, currentLines, endpointPrompt,
	filterLabel, filterPlaceholder, findingColors, findingLines as findingText, gatewayPrompt, hintLine, labelWidth, nothingConfigured, stepHeading,
} from './frame-text.js';
import {gatewayWindow} from './layout.js';
import {currentChoices} from './logic/current.js';
import type {WizardState} from './logic/state.js';
import {keyHints, shownFindings} from './reducer.js';
import {noColor} from './hide-ci.js';

/** Characters beyond ASCII that the frame's own words use, each one column wide. */
const narrowSymbols = new Set(['❯', '·', '→', '✗', '✓', '•', '…', '↑', '↓']);

// eslint-disable-next-line no-control-regex
const styling = /\u001B\[[\d;]*m/g;

/** Each line fits the terminal's width (Ink would wrap a longer one), counted in columns. */
function fits(lines: readonly string[], columns: number): boolean {
	return lines.every(line => {
		const characters = [...line.replaceAll(styling, '')];
		return characters.length <= columns && characters.every(character => character <= '\u007E' || narrowSymbols.has(character));
	});
}

function findingLines(findings: readonly Finding[]): string[] {
	return findings.flatMap(finding => findingText(finding).map(line => chalk[findingColors[finding.level]](line)));
}

function choiceLine(choice: Choice, selected: boolean, width: number): string {
	// The gap before the detail is the label's, as ChoiceList's two columns draw it.
	const text = `${choicePrefix(selected)}${choice.label.padEnd(width)}${choice.detail ? `  ${chalk.dim(choice.detail)}` : ''}`;
	return selected ? chalk.cyan(text) : text;
}

/** The current-config step's body: its sections a blank line apart, as Ink's `gap` puts them. */
function currentBody(state: WizardState, columns: number): string[] {
	const {setup} = state;
	const lines = currentLines(setup.effective, columns);
	const choices = currentChoices(setup).map(choice => currentChoiceText(choice));
	const sections = [
		lines.length === 0 ? [nothingConfigured] : [configuredHeading, ...lines.map(line => (line.ignored ? chalk.yellow(line.text) : `${line.text}${chalk.dim(line.where)}`))],
		findingLines(setup.currentFindings),
		choices.map((choice, index) => choiceLine(choice, index === state.currentIndex, labelWidth(choices))),
	].filter(section => section.length > 0);
	return sections.flatMap((section, index) => (index === 0 ? section : ['', ...section]));
}

/**
A focused text field as ink-text-input draws it with its cursor at the end (where a field's cursor starts): the
text and an inverse space, or the placeholder's first character inverse and the rest grey; without colour, a bar.
*/
function focusedField(value: string, placeholder: string): string {
	if (noColor()) {
		return value === '' ? `|${placeholder}` : `${value}|`;
	}

	return value === '' ? `${chalk.inverse(placeholder[0] ?? ' ')}${chalk.grey(placeholder.slice(1))}` : `${value}${chalk.inverse(' ')}`;
}

/** The "Which gateway?" question: the filter, a blank line as Ink's margin puts it, the list. */
function gatewayBody(state: WizardState): string[] {
	const list = gatewayWindow(state);
	return [
		gatewayPrompt,
		`${filterLabel}${focusedField(state.gatewayFilter, filterPlaceholder)}`,
		'',
		...list.choices.map((choice, index) => choiceLine(choice, index === list.selected, list.width)),
		...(list.position === undefined ? [] : [chalk.dim(list.position)]),
	];
}

function endpointBody(state: WizardState): string[] {
	return [
		endpointPrompt,
		`${chalk.cyan('❯ ')}${focusedField(state.draft.baseUrl, baseUrlPlaceholder)}`,
		...findingLines(shownFindings(state)),
	];
}

/**
The wizard's opening step (the current config, or for a first-time user the endpoint) as Ink draws it, in the same
words (./frame-text.ts) and colours (Ink's chalk), so it can be on screen before React, Ink and yoga have loaded.
Undefined for any other state, or when a line would not fit the terminal's width: then Ink draws it itself.
*/
export function firstFrame(state: WizardState, columns: number): string[] | undefined {
	const opening = state.step === 'current' || (state.step === 'endpoint' && (state.endpointPart === 'gateway' || state.endpointPart === 'url'));
	if (state.probe.status !== 'idle' || !opening) {
		return undefined;
	}

	const lines = [
		chalk.bold(stepHeading(state.step)),
		'',
		...(state.step === 'current' ? currentBody(state, columns) : (state.endpointPart === 'gateway' ? gatewayBody(state) : endpointBody(state))),
		'',
		chalk.dim(hintLine(keyHints(state))),
	];
	return fits(lines, columns) ? lines : undefined;
}

const hideCursor = '\u001B[?25l';
const showCursor = '\u001B[?25h';

/** What ansi-escapes' eraseLines(count) writes, as Ink's log-update uses it: clear each line going up, then column 1. */
function eraseLines(count: number): string {
	return `${'\u001B[2K\u001B[1A'.repeat(count - 1)}\u001B[2K\u001B[G`;
}

/** A first frame on screen, waiting for Ink. */
export type PaintedFrame = {
	/** Make Ink's first write start by erasing this frame, so Ink's own frame takes its place in one write. */
	handOver(): void;
};

/**
Draw the first frame now, when there is one to draw. The terminal goes to raw mode at once, so keys typed before Ink
listens are neither echoed nor lost: they wait in the terminal until Ink reads them.
*/
export function paintFirstFrame(state: WizardState, stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): PaintedFrame | undefined {
	// A terminal that gives no size is measured by Ink its own way; and Ink draws a frame as tall as the terminal
	// differently (no line after it). Both are left to Ink.
	// Nor is a terminal without colour (NO_COLOR), whose cursor Ink draws as a bar.
	if (!stdout.columns || !stdout.rows || !stdin.isTTY || noColor()) {
		return undefined;
	}

	// Laid out for this terminal, as Ink will lay out its own first frame (the gateway list's details, the table's rows).
	const lines = firstFrame({...state, terminal: {rows: stdout.rows, columns: stdout.columns}}, stdout.columns);
	if (lines === undefined || lines.length >= stdout.rows) {
		return undefined;
	}

	stdin.setRawMode(true);
	stdout.write(`${hideCursor}${lines.join('\n')}\n`);
	let handedOver = false;
	process.once('exit', () => {
		if (!handedOver) {
			stdout.write(showCursor);
		}
	});
	return {
		handOver() {
			handedOver = true;
			const {write} = stdout;
			// Ink counts a frame as its lines and the one the cursor waits on below them.
			const erase = eraseLines(lines.length + 1);
			stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
				stdout.write = write;
				return write.call(stdout, typeof chunk === 'string' ? erase + chunk : Buffer.concat([Buffer.from(erase), chunk]), ...rest);
			});
		},
	};
}
