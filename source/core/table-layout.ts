/*
The one table layout of the command line (`show`, `doctor`, `presets`, `profile list`, `restore --list`): columns
padded to their widest cell and two spaces apart. Given a width (stdout is a terminal), a table wider than it gives
its widest columns less room, and their cells wrap inside their own column, at a space where there is one.
Without a width (piped output) the table is laid out at its natural width, byte for byte the same on every run.
*/

import {escapeControl} from './safe-text.js';

export type TableOptions = {
	/** The terminal's width; undefined for piped output. */
	readonly width?: number;
	/** Text before every line (`  ` for an indented table). */
	readonly indent?: string;
};

const gap = '  ';
/** A column never gets narrower than this, so a wrapped value keeps a few characters a line. */
const narrowest = 10;

function cellWidth(text: string): number {
	return [...text].length;
}

/** Cut text into lines of at most `width` characters: at the last space that fits, else after a `/`, `-`, `_` or `,`, else inside a word. */
export function wrapCell(text: string, width: number): string[] {
	const lines: string[] = [];
	let rest = [...text];
	while (rest.length > width) {
		const space = rest.lastIndexOf(' ', width);
		const line = rest;
		const after = Math.max(...['/', '-', '_', ','].map(mark => line.lastIndexOf(mark, width - 1)));
		const cut = space > 0 ? space : (after > 0 ? after + 1 : width);
		lines.push(rest.slice(0, cut).join('').trimEnd());
		rest = rest.slice(space > 0 ? cut + 1 : cut);
	}

	lines.push(rest.join(''));
	return lines;
}

/** The width each column gets: its widest cell, unless the table must shrink to fit `width`; then the widest shrink first. */
function columnWidths(natural: readonly number[], width: number | undefined, indent: number): number[] {
	const total = indent + natural.reduce((sum, each) => sum + each, 0) + (gap.length * (natural.length - 1));
	if (width === undefined || total <= width) {
		return [...natural];
	}

	// The widest columns give up room first, down to a level every shrunk column shares.
	const room = width - indent - (gap.length * (natural.length - 1));
	const widths = [...natural];
	while (widths.reduce((sum, each) => sum + each, 0) > room) {
		const widest = Math.max(...widths);
		if (widest <= narrowest) {
			break;
		}

		widths[widths.indexOf(widest)] = widest - 1;
	}

	return widths;
}

/** Lay out rows (the first is the header) as lines of text, each ending in a newline. */
export function layoutTable(given: ReadonlyArray<readonly string[]>, options: TableOptions = {}): string {
	// Escaped here as the output edge (main.ts) would, so a value read from a file keeps its column straight.
	const rows = given.map(row => row.map(cell => escapeControl(cell)));
	const indent = options.indent ?? '';
	const columns = Math.max(...rows.map(row => row.length));
	const natural = Array.from({length: columns}, (_, column) => Math.max(...rows.map(row => cellWidth(row[column] ?? ''))));
	const widths = columnWidths(natural, options.width, indent.length);
	let text = '';
	for (const row of rows) {
		const cells = widths.map((width, column) => wrapCell(row[column] ?? '', width));
		const height = Math.max(...cells.map(cell => cell.length));
		for (let line = 0; line < height; line++) {
			const parts = cells.map((cell, column) => {
				const part = cell[line] ?? '';
				return column === columns - 1 ? part : part + ' '.repeat(widths[column]! - cellWidth(part));
			});
			text += `${indent}${parts.join(gap)}`.trimEnd() + '\n';
		}
	}

	return text;
}
