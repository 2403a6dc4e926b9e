import {Box, Text} from 'ink';
import type {PlannedChange, WriteOutcome} from '../services.js';

export type Props = {
	/** What was written, or the lines to print. */
	readonly change: PlannedChange;
	/** Whether anything changed, and where the backup went. */
	readonly outcome: WriteOutcome;
	/** Was the target a shell profile? */
	readonly shellProfile: boolean;
};

/** What was written where, and how to check it. */
export function DoneStep({change, outcome, shellProfile}: Props) {
	if (change.kind === 'print') {
		return (
			<Box flexDirection="column">
				<Text>The export lines for {change.shell} are printed below when you leave: paste them into your shell.</Text>
				<Text>Then check it: run claude, and type /status to see the base URL it uses.</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text color="green">
				{outcome.changed ? `✓ Wrote ${change.label}${outcome.inPlace ? ' (in place: its folder is not writable)' : ''}.` : `${change.label} already held this configuration; nothing changed.`}
			</Text>
			{outcome.backup ? <Text dimColor>The file as it was is saved in {outcome.backup} (ccgate restore puts it back).</Text> : null}
			{shellProfile ? <Text color="yellow">Open a new shell (or source the profile) first; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.</Text> : null}
			<Text>Check it: run claude, and type /status to see the base URL it uses.</Text>
		</Box>
	);
}
