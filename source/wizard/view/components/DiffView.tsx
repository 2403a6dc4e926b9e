import {Box, Text} from 'ink';
import {diffRows} from '../../model/diff-rows.js';
import {scrollWindow} from '../../model/layout.js';
import {Prose} from './Prose.js';

export type Props = {
	/** A unified diff, secrets already masked. */
	readonly diff: string;
	/** The rows the view may take; a longer diff scrolls. */
	readonly rows: number;
	/** The first row shown. */
	readonly offset: number;
	/** The terminal's width: a longer line wraps in its column. */
	readonly columns: number;
};

function color(line: string): string | undefined {
	if (line.startsWith('+++') || line.startsWith('---')) {
		return undefined;
	}

	if (line.startsWith('+')) {
		return 'green';
	}

	if (line.startsWith('-')) {
		return 'red';
	}

	return line.startsWith('@@') ? 'cyan' : undefined;
}

/** A diff with added lines green and removed lines red, in a view of `rows` rows that scrolls; a line too long for the terminal wraps under its text (../../model/diff-rows.ts). */
export function DiffView({diff, rows, offset, columns}: Props) {
	const {shown, first, position} = scrollWindow(diffRows(diff, columns), rows, offset);
	return (
		<Box flexDirection="column">
			{shown.map((row, index) => (
				// A row's number in the diff: rows repeat, so the text alone is no key.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={first + index} wrap="truncate-end" color={color(row.line)}>{row.text === '' ? ' ' : row.text}</Text>
			))}
			{position === undefined ? null : <Prose dimColor>{`  ${position} · ↑↓ scroll`}</Prose>}
		</Box>
	);
}
