import {Box, Text} from 'ink';
import {scrollWindow} from '../../model/layout.js';

export type Props = {
	/** A unified diff, secrets already masked. */
	readonly diff: string;
	/** The rows the view may take; a longer diff scrolls. */
	readonly rows: number;
	/** The first line shown. */
	readonly offset: number;
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

/** A diff with added lines green and removed lines red, in a view of `rows` lines that scrolls; a line too long for the terminal is cut, so a line is a row. */
export function DiffView({diff, rows, offset}: Props) {
	const lines = diff.replace(/\n$/, '').split('\n');
	const {shown, first, position} = scrollWindow(lines, rows, offset);
	return (
		<Box flexDirection="column">
			{shown.map((line, index) => (
				// A line's number in the diff: lines repeat, so the text alone is no key.
				// eslint-disable-next-line react/no-array-index-key
				<Text key={first + index} wrap="truncate-end" color={color(line)}>{line === '' ? ' ' : line}</Text>
			))}
			{position === undefined ? null : <Text dimColor>{`  ${position} · ↑↓ scroll`}</Text>}
		</Box>
	);
}
