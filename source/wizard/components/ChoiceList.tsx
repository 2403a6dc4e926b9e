import {Box, Text} from 'ink';
import {type Choice, choicePrefix} from '../frame-text.js';

export type {Choice} from '../frame-text.js';

export type Props = {
	/** The choices, top to bottom. */
	readonly choices: readonly Choice[];
	/** The highlighted choice. */
	readonly selected: number;
	/** Pad labels to this width, so details line up. */
	readonly labelWidth?: number;
};

/** A vertical list with a ❯ on the highlighted choice. */
export function ChoiceList({choices, selected, labelWidth = 0}: Props) {
	return (
		<Box flexDirection="column">
			{choices.map((choice, index) => {
				const isSelected = index === selected;
				return (
					<Text key={choice.label} color={isSelected ? 'cyan' : undefined}>
						{choicePrefix(isSelected)}
						{choice.label.padEnd(labelWidth)}
						{choice.detail ? <Text dimColor>  {choice.detail}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
