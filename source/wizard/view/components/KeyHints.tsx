import {Box, Text} from 'ink';
import {hintLine} from '../../model/frame-text.js';
import type {KeyHint} from '../../model/hints.js';

export type Props = {
	/** The keys that work on this step. */
	readonly hints: readonly KeyHint[];
};

/** The bottom line of every step. */
export function KeyHints({hints}: Props) {
	return (
		<Box marginTop={1}>
			<Text dimColor>{hintLine(hints)}</Text>
		</Box>
	);
}
