import {UserError} from './findings.js';

/** The exact lines around ccgate's part of a shell profile, in the style of conda's block. */
export const blockStart = '# >>> ccgate >>>';
export const blockEnd = '# <<< ccgate <<<';

type Line = {
	/** The line without its terminator. */
	readonly content: string;
	/** `\n`, `\r\n`, or `''` for a last line without one. */
	readonly ending: string;
};

type Block = {
	/** Index of the start marker line. */
	readonly start: number;
	/** Index of the end marker line. */
	readonly end: number;
};

function splitLines(text: string): Line[] {
	const lines: Line[] = [];
	for (const match of text.matchAll(/([^\n]*?)(\r?\n|$)/g)) {
		const [whole, content = '', ending = ''] = match;
		if (whole === '') {
			break;
		}

		lines.push({content, ending});
	}

	return lines;
}

function joinLines(lines: readonly Line[]): string {
	return lines.map(line => line.content + line.ending).join('');
}

/** The file's own line ending, so a CRLF profile (PowerShell on Windows) stays CRLF. */
function lineEnding(text: string): string {
	const firstBreak = text.indexOf('\n');
	return firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
}

function isMarker(line: Line, marker: string): boolean {
	return line.content.trim() === marker;
}

function unbalanced(fileLabel: string, message: string, fix: string): UserError {
	return new UserError({code: 'profile-block-broken', level: 'error', message: `${fileLabel} ${message}`, fix, layer: fileLabel}, 1);
}

/** The block's position, or undefined; refuses to guess when the markers do not pair up. */
function findBlock(lines: readonly Line[], fileLabel: string): Block | undefined {
	let start: number | undefined;
	let block: Block | undefined;
	for (const [index, line] of lines.entries()) {
		const lineNumber = index + 1;
		if (isMarker(line, blockStart)) {
			if (start !== undefined) {
				throw unbalanced(fileLabel, `has a second "${blockStart}" on line ${lineNumber} before the one on line ${start + 1} is closed`, `remove the stray marker line ${lineNumber}`);
			}

			if (block !== undefined) {
				throw unbalanced(fileLabel, `has a second ccgate block starting on line ${lineNumber} (the first is on lines ${block.start + 1}–${block.end + 1})`, 'remove one of the two blocks');
			}

			start = index;
		} else if (isMarker(line, blockEnd)) {
			if (start === undefined) {
				throw unbalanced(fileLabel, `has "${blockEnd}" on line ${lineNumber} without "${blockStart}" before it`, `remove the stray marker line ${lineNumber}`);
			}

			block = {start, end: index};
			start = undefined;
		}
	}

	if (start !== undefined) {
		throw unbalanced(fileLabel, `has "${blockStart}" on line ${start + 1} without "${blockEnd}" after it`, `remove the stray marker line ${start + 1}`);
	}

	return block;
}

function bodyLines(body: string): string[] {
	if (body === '') {
		return [];
	}

	const lines = body.replace(/\r?\n$/, '').split(/\r?\n/);
	if (lines.some(line => line.trim() === blockStart || line.trim() === blockEnd)) {
		throw new UserError({code: 'profile-block-marker', level: 'error', message: 'The text for ccgate\'s profile block holds a ccgate marker line', fix: 'leave the marker lines out of it'});
	}

	return lines;
}

const ownLinePatterns = [
	/^# Claude Code's gateway, written by ccgate\b/,
	/^if \[ -f .+ \]; then \. .+; fi$/,
	/^if test -f .+; source .+; end$/,
	/^if \(Test-Path -LiteralPath .+\) \{ \. .+ \}$/,
];

/** Is this line of a managed block one ccgate writes there (its comment, the line sourcing its variables file)? */
export function isCcgateLine(line: string): boolean {
	return line.trim() === '' || ownLinePatterns.some(pattern => pattern.test(line));
}

/**
The profile with ccgate's block set to `body` (the lines between the markers):
replaced in place when there is one, so everything around it stays byte for byte, else appended after one blank line.

@param fileLabel - How messages name the file, such as `~/.bashrc`.
*/
export function replaceManagedBlock(text: string, body: string, fileLabel = 'The profile'): string {
	const lines = splitLines(text);
	const innerLines = bodyLines(body);
	const block = findBlock(lines, fileLabel);
	if (block) {
		// The old block's own line endings win, for files that mix them; the end marker keeps its
		// ending, so a block at the very end of a file without a final newline stays that way.
		const newline = lines[block.start]!.ending;
		const inner = innerLines.map(line => line + newline).join('');
		const endMarkerEnding = lines[block.end]!.ending;
		return joinLines(lines.slice(0, block.start)) + blockStart + newline + inner + blockEnd + endMarkerEnding + joinLines(lines.slice(block.end + 1));
	}

	const newline = lineEnding(text);
	const inner = innerLines.map(line => line + newline).join('');
	if (text === '') {
		return blockStart + newline + inner + blockEnd + newline;
	}

	const previous = text.endsWith('\n') ? text : text + newline;
	return previous + newline + blockStart + newline + inner + blockEnd + newline;
}

/**
The profile without ccgate's block, nor the blank line appending put before it;
unchanged when there is no block. Lines inside the block that `isOwnLine` does not claim (a line the user added
there) stay where the block was. After an append to a file ending in a newline, this gives back the original exactly.
*/
export function removeManagedBlock(text: string, fileLabel = 'The profile', isOwnLine: (line: string) => boolean = () => true): string {
	const lines = splitLines(text);
	const block = findBlock(lines, fileLabel);
	if (!block) {
		return text;
	}

	const after = lines.slice(block.end + 1);
	let before = lines.slice(0, block.start);
	// A line the user added inside the block is theirs: it stays where the block was.
	const userLines = lines.slice(block.start + 1, block.end).filter(line => !isOwnLine(line.content));
	if (userLines.length > 0) {
		return joinLines(before) + joinLines(userLines) + joinLines(after);
	}

	const lineBefore = before.at(-1);
	// Only the separator appending added: a blank line before the block, with nothing or another blank line after it.
	if (lineBefore?.content.trim() === '' && (after.length === 0 || after[0]!.content.trim() === '')) {
		before = before.slice(0, -1);
	}

	return joinLines(before) + joinLines(after);
}

/** The lines between ccgate's markers, each ending in `\n`, or undefined when the profile has no block. */
export function readManagedBlock(text: string, fileLabel = 'The profile'): string | undefined {
	const lines = splitLines(text);
	const block = findBlock(lines, fileLabel);
	if (!block) {
		return undefined;
	}

	return lines.slice(block.start + 1, block.end).map(line => line.content + '\n').join('');
}
