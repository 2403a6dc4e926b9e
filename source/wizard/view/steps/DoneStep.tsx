import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import stringWidth from 'string-width';
import {Prose} from '../components/Prose.js';
import type {PlannedChange, WriteOutcome} from '../../model/services.js';

export type Props = {
	/** What was written, or the lines to print. */
	readonly change: PlannedChange;
	/** Whether anything changed, and where the backup went. */
	readonly outcome: WriteOutcome;
	/** Was the target a shell profile? */
	readonly shellProfile: boolean;
	/** Where the secret lives, and what the probe said. */
	readonly secret: string;
	readonly probe: string;
	/** The probe found the gateway not usable: the next step is to fix it, not to try it. */
	readonly unusable: boolean;
	/** The terminal's width: a path that does not fit in a sentence gets a line of its own. */
	readonly columns: number;
};

type Row = {readonly label: string; readonly value: ReactNode};

const labelWidth = 'Secret: '.length;

/** Labels and values in two columns: a long value (a temporary path) wraps under its own column. */
function SummaryTable({rows}: {readonly rows: readonly Row[]}) {
	return (
		<Box flexDirection="column">
			{rows.map(row => (
				<Box key={row.label}>
					<Box flexShrink={0} width={labelWidth}><Prose>{row.label}</Prose></Box>
					<Prose>{row.value}</Prose>
				</Box>
			))}
		</Box>
	);
}

/** A line after a mark, wrapping under its text. */
function Marked({mark, color, children}: {readonly mark: string; readonly color: string; readonly children: ReactNode}) {
	return (
		<Box>
			<Box flexShrink={0}><Prose color={color}>{mark} </Prose></Box>
			<Prose color={color}>{children}</Prose>
		</Box>
	);
}

/**
A path whole on a line of its own, however narrow the terminal: the line is as wide as the path, so the terminal
wraps it, and it is selected and copied as one (Ink would break it in the middle of a name, with a newline).
*/
function WholePath({path}: {readonly path: string}) {
	return <Box width={Math.max(1, stringWidth(path))} flexShrink={0}><Prose dimColor>{path}</Prose></Box>;
}

/** "✓ Wrote PATH." where it fits on one line, else the path whole on the line under it. */
function Wrote({label, note, columns}: {readonly label: string; readonly note: string; readonly columns: number}) {
	const sentence = `Wrote ${label}${note}.`;
	if (stringWidth(`✓ ${sentence}`) <= columns) {
		return <Marked mark="✓" color="green">{sentence}</Marked>;
	}

	return (
		<>
			<Marked mark="✓" color="green">Wrote{note}:</Marked>
			<WholePath path={label}/>
		</>
	);
}

const tryIt = <>run <Text bold>claude</Text>, and type /status to see the base URL it uses.</>;

/** The last row: try it, or, where the probe found the gateway not usable, fix it first. */
function nextRow(unusable: boolean): Row {
	return unusable ? {label: 'Next:', value: <>fix the gateway, then check it with <Text bold>ccgate doctor</Text>.</>} : {label: 'Try it:', value: tryIt};
}

/** What was written where, and how to check it. */
export function DoneStep({change, outcome, shellProfile, secret, probe, unusable, columns}: Props) {
	if (change.kind === 'print') {
		return (
			<Box flexDirection="column">
				<Prose>The export lines for {change.shell} are printed below when you leave: paste them into your shell.</Prose>
				<SummaryTable rows={[{label: 'Secret:', value: secret}, {label: 'Probe:', value: probe}, nextRow(unusable)]}/>
			</Box>
		);
	}

	// An edit that changed nothing, bound for a file that does not exist, wrote nothing: no secret moved, no shell to open.
	const holds = outcome.changed || change.plan.beforeText !== undefined;
	return (
		<Box flexDirection="column">
			{outcome.changed
				? <Wrote label={change.label} note={outcome.inPlace ? ' (in place: its folder is not writable)' : ''} columns={columns}/>
				: <Prose color="green">{change.plan.beforeText === undefined ? `Nothing was written: no value was changed, and ${change.label} does not exist.` : `${change.label} already held this configuration; nothing changed.`}</Prose>}
			{shellProfile && holds ? <Prose color="yellow">Open a new shell (or source the profile) first; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.</Prose> : null}
			{/* The backup's path whole, on a line of its own, so that it can be copied. */}
			{outcome.backup ? <><Prose>Backup, which ccgate restore puts back:</Prose><WholePath path={outcome.backup}/></> : null}
			<SummaryTable rows={[
				...(holds ? [{label: 'Secret:', value: secret}] : []),
				{label: 'Probe:', value: probe},
				nextRow(unusable),
			]}/>
		</Box>
	);
}
