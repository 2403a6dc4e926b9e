import {Box} from 'ink';
import {hintLine} from '../../model/frame-text.js';
import type {KeyHint} from '../../model/hints.js';
import {Prose} from './Prose.js';

export type Props = {
	/** The keys that work on this step. */
	readonly hints: readonly KeyHint[];
	/** A short terminal: no blank line above. */
	readonly compact: boolean;
};

/** The bottom line of every step. */
export function KeyHints({hints, compact}: Props) {
	return (
		<Box marginTop={compact ? 0 : 1}>
			<Prose dimColor>{hintLine(hints)}</Prose>
		</Box>
	);
}
