import {Box, Text} from 'ink';
import type {PlannedChange, WriteOutcome} from '../services.js';

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
};

/** What was written where, and how to check it. */
export function DoneStep({change, outcome, shellProfile, secret, probe}: Props) {
	if (change.kind === 'print') {
		return (
			<Box flexDirection="column">
				<Text>The export lines for {change.shell} are printed below when you leave: paste them into your shell.</Text>
				<Text>{secret}</Text>
				<Text>{probe}</Text>
				<Text>Then try it: run <Text bold>claude</Text>, and type /status to see the base URL it uses.</Text>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Text color="green">
				{outcome.changed ? `✓ Wrote ${change.label}${outcome.inPlace ? ' (in place: its folder is not writable)' : ''}.` : `${change.label} already held this configuration; nothing changed.`}
			</Text>
			{outcome.backup ? <Text dimColor>The file as it was is saved in {outcome.backup} (ccgate restore puts it back).</Text> : null}
			<Text>{secret}</Text>
			<Text>{probe}</Text>
			{shellProfile ? <Text color="yellow">Open a new shell (or source the profile) first; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.</Text> : null}
			<Text>Try it: run <Text bold>claude</Text>, and type /status to see the base URL it uses.</Text>
		</Box>
	);
}
