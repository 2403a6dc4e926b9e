import {Box} from 'ink';
import {type Choice, choicePrefix} from '../../model/frame-text.js';
import {Prose} from './Prose.js';

export type {Choice} from '../../model/frame-text.js';

export type Props = {
	/** The choices, top to bottom. */
	readonly choices: readonly Choice[];
	/** The highlighted choice. */
	readonly selected: number;
	/** Pad labels to this width, so details line up. */
	readonly labelWidth?: number;
};

/**
A vertical list with a ❯ on the highlighted choice. The labels and the details are two columns: a detail too long
for the terminal wraps under its own column, not back under the ❯.
*/
export function ChoiceList({choices, selected, labelWidth = 0}: Props) {
	return (
		<Box flexDirection="column">
			{choices.map((choice, index) => {
				const isSelected = index === selected;
				const color = isSelected ? 'cyan' : undefined;
				return (
					<Box key={choice.label}>
						<Box flexShrink={0}>
							<Prose color={color}>{choicePrefix(isSelected)}{choice.label.padEnd(labelWidth)}{choice.detail ? '  ' : ''}</Prose>
						</Box>
						{choice.detail ? <Prose dimColor color={color}>{choice.detail}</Prose> : null}
					</Box>
				);
			})}
		</Box>
	);
}
