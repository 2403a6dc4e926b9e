import {Box} from 'ink';
import type {PlannedChange} from '../../model/services.js';
import {Prose} from './Prose.js';
import {DiffView} from './DiffView.js';
import {FindingList} from './FindingList.js';
import {isModelWarning, ModelWarnings} from './ModelWarnings.js';

export type Props = {
	/** The planned write or printed lines, secrets already masked in what is shown. */
	readonly change: PlannedChange;
	/** The rows the diff or the lines may take, and how far they are scrolled. */
	readonly rows: number;
	readonly offset: number;
	/** The terminal's width: a diff line wraps in its column. */
	readonly columns: number;
};

/** An edit that changed no value writes nothing: said as such, not as a file that holds it. */
export function nothingToWrite(label: string): string {
	return `Nothing to write: no value was changed, and ${label} does not exist (an edit writes only what you change; start fresh to write every field there).`;
}

/** A planned change: the diff (or the lines to print) and what the checks found. */
export function PlannedChangeView({change, rows, offset, columns}: Props) {
	const findings = change.findings.filter(finding => finding.level !== 'ok');
	let body;
	if (change.kind === 'print') {
		body = (
			<Box flexDirection="column">
				<Prose>These lines for {change.shell} are printed when the wizard closes (secrets masked here):</Prose>
				<DiffView diff={change.maskedText} rows={rows} offset={offset} columns={columns}/>
			</Box>
		);
	} else if (change.diff === '') {
		// An empty diff is a file that holds the values already, or no value to write at all (an edit that changed nothing, bound for a file that does not exist).
		body = <Prose>{change.plan.beforeText === undefined ? nothingToWrite(change.label) : `${change.label} already holds this configuration: nothing to change.`}</Prose>;
	} else {
		body = (
			<Box flexDirection="column">
				<Prose>The change to {change.label} (secrets masked):</Prose>
				<DiffView diff={change.diff} rows={rows} offset={offset} columns={columns}/>
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
