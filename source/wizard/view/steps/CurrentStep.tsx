import {Box, Text} from 'ink';
import {Prose} from '../components/Prose.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {configuredHeading, currentChoiceText, currentLines, labelWidth, nothingConfigured} from '../../model/frame-text.js';
import {scrollWindow} from '../../model/layout.js';
import {currentChoices} from '../../model/steps/current.js';
import type {WizardSetup} from '../../model/services.js';

export type Props = {
	/** The effective config, the findings about it, and the saved profiles. */
	readonly setup: WizardSetup;
	/** The highlighted choice. */
	readonly selected: number;
	/** The rows the table may take, and how far it is scrolled. */
	readonly rows: number;
	readonly offset: number;
	/** The terminal's width: a row too wide for it wraps inside its columns. */
	readonly columns: number;
};

/** What Claude Code uses now, from which file, and how to begin. */
export function CurrentStep({setup, selected, rows, offset, columns}: Props) {
	const lines = currentLines(setup.effective, columns);
	const {shown, first, position} = scrollWindow(lines, rows, offset);
	const choices = currentChoices(setup).map(choice => currentChoiceText(choice));
	return (
		<Box flexDirection="column" gap={1}>
			{lines.length === 0
				? <Prose>{nothingConfigured}</Prose>
				: (
					<Box flexDirection="column">
						<Prose>{configuredHeading}</Prose>
						{shown.map((line, index) => (line.ignored
							// A line's place in the table: a wrapped row's lines can repeat, so the text alone is no key.
							// eslint-disable-next-line react/no-array-index-key
							? <Text key={first + index} wrap="truncate-end" color="yellow">{line.text}</Text>
							// eslint-disable-next-line react/no-array-index-key
							: <Text key={first + index} wrap="truncate-end">{line.text}{line.where === '' ? null : <Text dimColor>{line.where}</Text>}</Text>))}
						{position === undefined ? null : <Prose dimColor>{`  ${position} · PgUp PgDn scroll`}</Prose>}
					</Box>
				)}
			<FindingList findings={setup.currentFindings}/>
			<ChoiceList choices={choices} labelWidth={labelWidth(choices)} selected={selected}/>
		</Box>
	);
}
