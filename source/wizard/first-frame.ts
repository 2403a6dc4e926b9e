import chalk from 'chalk';
import {baseUrlPlaceholder, endpointPrompt, fieldParts, findingColors, findingLines, hintLine, stepHeading} from './frame-text.js';
import {keyHints} from './hints.js';
import {stepFindings, type WizardState} from './reducer.js';

/** Characters beyond ASCII that the frame's own words use, each one column wide. */
const narrowSymbols = new Set(['❯', '·', '→', '✗', '✓', '•', '…', '↑', '↓']);

// eslint-disable-next-line no-control-regex
const styling = /\u001B\[[\d;]*m/g;

/** Each line fits the terminal unwrapped (Ink would wrap a longer one), counted in columns. */
function fits(lines: readonly string[], columns: number): boolean {
	return lines.every(line => {
		const characters = [...line.replaceAll(styling, '')];
		return characters.length < columns && characters.every(character => character <= '\u007E' || narrowSymbols.has(character));
	});
}

/**
The opening endpoint step as Ink draws it, in the same words (./frame-text.ts) and the same colours (Ink's chalk),
so the wizard can put it on screen before React, Ink and yoga have loaded. Undefined for any other state, or when
a line would not fit the terminal's width: then Ink draws the first frame itself.
*/
export function firstFrame(state: WizardState, columns: number): string[] | undefined {
	if (state.step !== 'endpoint' || state.probe.status !== 'idle') {
		return undefined;
	}

	const {before, at, after, empty} = fieldParts(state.draft.baseUrl, state.cursor);
	const lines = [
		chalk.bold(stepHeading(state.step)),
		'',
		endpointPrompt,
		`${chalk.cyan('❯ ')}${before}${chalk.inverse(at ?? ' ')}${after}${empty ? chalk.dim(baseUrlPlaceholder) : ''}`,
		...stepFindings(state).flatMap(finding => findingLines(finding).map(line => chalk[findingColors[finding.level]](line))),
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
	const lines = firstFrame(state, stdout.columns || 80);
	// Ink draws a frame as tall as the terminal differently (no line after it): leave that to Ink.
	if (lines === undefined || lines.length >= (stdout.rows || 24) || !stdin.isTTY) {
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
			}) as typeof stdout.write;
		},
	};
}
