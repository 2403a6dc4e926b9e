import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';

export type Props = {
	/** Findings to show, most important first; `ok` ones show as passed checks. */
	readonly findings: readonly Finding[];
};

const marks = {error: '✗', warning: '!', ok: '✓'} as const;
const colors = {error: 'red', warning: 'yellow', ok: 'green'} as const;

/** Findings under a field: what is wrong, and on the next line the fix. */
export function FindingList({findings}: Props) {
	if (findings.length === 0) {
		return null;
	}

	return (
		<Box flexDirection="column">
			{findings.map(finding => (
				<Box key={`${finding.level}:${finding.message}`} flexDirection="column">
					<Text color={colors[finding.level]}>{marks[finding.level]} {finding.message}</Text>
					{finding.fix ? <Text color={colors[finding.level]}>  → {finding.fix}</Text> : null}
				</Box>
			))}
		</Box>
	);
}
