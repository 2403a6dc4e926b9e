import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
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
};

type Row = {readonly label: string; readonly value: ReactNode};

const labelWidth = 'Secret: '.length;

/** Labels and values in two columns: a long value (a temporary path) wraps under its own column. */
function SummaryTable({rows}: {readonly rows: readonly Row[]}) {
	return (
		<Box flexDirection="column">
			{rows.map(row => (
				<Box key={row.label}>
					<Box flexShrink={0} width={labelWidth}><Text>{row.label}</Text></Box>
					<Text>{row.value}</Text>
				</Box>
			))}
		</Box>
	);
}

/** A line after a mark, wrapping under its text. */
function Marked({mark, color, children}: {readonly mark: string; readonly color: string; readonly children: ReactNode}) {
	return (
		<Box>
			<Box flexShrink={0}><Text color={color}>{mark} </Text></Box>
			<Text color={color}>{children}</Text>
		</Box>
	);
}

const tryIt = <>run <Text bold>claude</Text>, and type /status to see the base URL it uses.</>;

/** The last row: try it, or, where the probe found the gateway not usable, fix it first. */
function nextRow(unusable: boolean): Row {
	return unusable ? {label: 'Next:', value: <>fix the gateway, then check it with <Text bold>ccgate doctor</Text>.</>} : {label: 'Try it:', value: tryIt};
}

/** What was written where, and how to check it. */
export function DoneStep({change, outcome, shellProfile, secret, probe, unusable}: Props) {
	if (change.kind === 'print') {
		return (
			<Box flexDirection="column">
				<Text>The export lines for {change.shell} are printed below when you leave: paste them into your shell.</Text>
				<SummaryTable rows={[{label: 'Secret:', value: secret}, {label: 'Probe:', value: probe}, nextRow(unusable)]}/>
			</Box>
		);
	}

	// An edit that changed nothing, bound for a file that does not exist, wrote nothing: no secret moved, no shell to open.
	const holds = outcome.changed || change.plan.beforeText !== undefined;
	return (
		<Box flexDirection="column">
			{outcome.changed
				? <Marked mark="✓" color="green">Wrote {change.label}{outcome.inPlace ? ' (in place: its folder is not writable)' : ''}.</Marked>
				: <Text color="green">{change.plan.beforeText === undefined ? `Nothing was written: no value was changed, and ${change.label} does not exist.` : `${change.label} already held this configuration; nothing changed.`}</Text>}
			{shellProfile && holds ? <Text color="yellow">Open a new shell (or source the profile) first; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.</Text> : null}
			{/* The backup's path whole, on a line of its own, so that it can be copied. */}
			{outcome.backup ? <><Text>Backup, which ccgate restore puts back:</Text><Text dimColor>{outcome.backup}</Text></> : null}
			<SummaryTable rows={[
				...(holds ? [{label: 'Secret:', value: secret}] : []),
				{label: 'Probe:', value: probe},
				nextRow(unusable),
			]}/>
		</Box>
	);
}
