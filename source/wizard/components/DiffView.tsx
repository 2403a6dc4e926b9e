import {Box, Text} from 'ink';

export type Props = {
	/** A unified diff, secrets already masked. */
	readonly diff: string;
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

/** A diff with added lines green and removed lines red. */
export function DiffView({diff}: Props) {
	const lines = diff.replace(/\n$/, '').split('\n');
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				// eslint-disable-next-line react/no-array-index-key
				<Text key={index} color={color(line)}>{line === '' ? ' ' : line}</Text>
			))}
		</Box>
	);
}
