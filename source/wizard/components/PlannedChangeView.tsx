import {Box, Text} from 'ink';
import type {PlannedChange} from '../services.js';
import {DiffView} from './DiffView.js';
import {FindingList} from './FindingList.js';
import {isModelWarning, ModelWarnings} from './ModelWarnings.js';

export type Props = {
	/** The planned write or printed lines, secrets already masked in what is shown. */
	readonly change: PlannedChange;
	/** The rows the diff or the lines may take, and how far they are scrolled. */
	readonly rows: number;
	readonly offset: number;
};

/** A planned change: the diff (or the lines to print) and what the checks found. */
export function PlannedChangeView({change, rows, offset}: Props) {
	const findings = change.findings.filter(finding => finding.level !== 'ok');
	let body;
	if (change.kind === 'print') {
		body = (
			<Box flexDirection="column">
				<Text>These lines for {change.shell} are printed when the wizard closes (secrets masked here):</Text>
				<DiffView diff={change.maskedText} rows={rows} offset={offset}/>
			</Box>
		);
	} else if (change.diff === '') {
		body = <Text>{change.label} already holds this configuration: nothing to change.</Text>;
	} else {
		body = (
			<Box flexDirection="column">
				<Text>The change to {change.label} (secrets masked):</Text>
				<DiffView diff={change.diff} rows={rows} offset={offset}/>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			{body}
			<ModelWarnings findings={findings}/>
			<FindingList findings={findings.filter(finding => !isModelWarning(finding))}/>
		</Box>
	);
}
