import {Box} from 'ink';
import type {Finding} from '../../../core/findings.js';
import {isModelWarning} from '../../model/frame-text.js';
import {Prose} from './Prose.js';

export type Props = {
	/** The non-Claude model warnings, from checkModel. */
	readonly findings: readonly Finding[];
};

export {isModelWarning} from '../../model/frame-text.js';

/** The non-Claude model warning, hard to miss: a yellow box. */
export function ModelWarnings({findings}: Props) {
	const warnings = findings.filter(finding => isModelWarning(finding));
	if (warnings.length === 0) {
		return null;
	}

	return (
		<Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
			<Prose bold color="yellow">⚠ Not a Claude model</Prose>
			{warnings.map(finding => (
				<Prose key={finding.message} color="yellow">
					{finding.message}; {finding.fix}.
				</Prose>
			))}
		</Box>
	);
}
