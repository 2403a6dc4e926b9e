import {Box, Text} from 'ink';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {configuredHeading, currentChoiceText, currentLines, labelWidth, nothingConfigured} from '../frame-text.js';
import {scrollWindow} from '../layout.js';
import {currentChoices} from '../logic/current.js';
import type {WizardSetup} from '../services.js';

export type Props = {
	/** The effective config, the findings about it, and the saved profiles. */
	readonly setup: WizardSetup;
	/** The highlighted choice. */
	readonly selected: number;
	/** The rows the table may take, and how far it is scrolled. */
	readonly rows: number;
	readonly offset: number;
};

/** What Claude Code uses now, from which file, and how to begin. */
export function CurrentStep({setup, selected, rows, offset}: Props) {
	const lines = currentLines(setup.effective);
	const {shown, position} = scrollWindow(lines, rows, offset);
	const choices = currentChoices(setup).map(choice => currentChoiceText(choice));
	return (
		<Box flexDirection="column" gap={1}>
			{lines.length === 0
				? <Text>{nothingConfigured}</Text>
				: (
					<Box flexDirection="column">
						<Text>{configuredHeading}</Text>
						{shown.map(line => (line.ignored
							? <Text key={line.text} color="yellow">{line.text}</Text>
							: <Text key={line.text}>{line.text}<Text dimColor>{line.where}</Text></Text>))}
						{position === undefined ? null : <Text dimColor>{`  ${position} · PgUp PgDn scroll`}</Text>}
					</Box>
				)}
			<FindingList findings={setup.currentFindings}/>
			<ChoiceList choices={choices} labelWidth={labelWidth(choices)} selected={selected}/>
		</Box>
	);
}
