import {Box} from 'ink';
import type {Finding} from '../../../core/findings.js';
import {findingColors, findingParts} from '../../model/frame-text.js';
import {Prose} from './Prose.js';

export type Props = {
	/** Findings to show, most important first; `ok` ones show as passed checks. */
	readonly findings: readonly Finding[];
};

/** Findings under a field: what is wrong, and on the next line the fix; a long one wraps under its text, not under its mark. */
export function FindingList({findings}: Props) {
	if (findings.length === 0) {
		return null;
	}

	return (
		<Box flexDirection="column">
			{findings.map(finding => (
				<Box key={`${finding.level}:${finding.message}`} flexDirection="column">
					{findingParts(finding).map(part => (
						<Box key={part.lead}>
							<Box flexShrink={0}><Prose color={findingColors[finding.level]}>{part.lead}</Prose></Box>
							<Prose color={findingColors[finding.level]}>{part.text}</Prose>
						</Box>
					))}
				</Box>
			))}
		</Box>
	);
}
