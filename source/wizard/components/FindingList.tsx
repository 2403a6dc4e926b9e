import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';
import {findingColors, findingLines} from '../frame-text.js';

export type Props = {
	/** Findings to show, most important first; `ok` ones show as passed checks. */
	readonly findings: readonly Finding[];
};

/** Findings under a field: what is wrong, and on the next line the fix. */
export function FindingList({findings}: Props) {
	if (findings.length === 0) {
		return null;
	}

	return (
		<Box flexDirection="column">
			{findings.map(finding => (
				<Box key={`${finding.level}:${finding.message}`} flexDirection="column">
					{findingLines(finding).map(line => <Text key={line} color={findingColors[finding.level]}>{line}</Text>)}
				</Box>
			))}
		</Box>
	);
}
