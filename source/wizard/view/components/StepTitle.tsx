import {Box} from 'ink';
import {stepHeading} from '../../model/frame-text.js';
import type {ProbeState, StepName} from '../../model/state.js';
import {Prose} from './Prose.js';

export type Props = {
	/** The step shown. */
	readonly step: StepName;
	/** The background probe, summed up beside the title once it has started. */
	readonly probe: ProbeState;
	/** A short terminal: no blank line below. */
	readonly compact: boolean;
};

const verdictSummary = {
	usable: {text: 'probe: usable', color: 'green'},
	'not usable': {text: 'probe: not usable', color: 'red'},
	'cannot tell': {text: 'probe: cannot tell', color: 'yellow'},
} as const;

function probeSummary(probe: ProbeState): {text: string; color: string} | undefined {
	switch (probe.status) {
		case 'idle': {
			return undefined;
		}

		case 'running': {
			return {text: 'probe: running…', color: 'gray'};
		}

		case 'done': {
			return verdictSummary[probe.report.verdict];
		}
	}
}

/** "ccgate · 1/7 Endpoint", and how the probe is doing. */
export function StepTitle({step, probe, compact}: Props) {
	const summary = probeSummary(probe);
	return (
		<Box marginBottom={compact ? 0 : 1} gap={2}>
			<Prose bold>{stepHeading(step)}</Prose>
			{summary ? <Prose color={summary.color}>{summary.text}</Prose> : null}
		</Box>
	);
}
