import {Box, Text} from 'ink';

/** One line of a choice list. */
export type Choice = {
	readonly label: string;
	/** A dim explanation after the label. */
	readonly detail?: string;
};

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
						{isSelected ? '❯ ' : '  '}
						{choice.label.padEnd(labelWidth)}
						{choice.detail ? <Text dimColor>  {choice.detail}</Text> : null}
					</Text>
				);
			})}
		</Box>
	);
}
