import {Box, Text} from 'ink';
import {type ProbeState, type StepName, stepOrder} from '../reducer.js';

export type Props = {
	/** The step shown. */
	readonly step: StepName;
	/** The background probe, summed up beside the title once it has started. */
	readonly probe: ProbeState;
};

const titles: Readonly<Record<StepName, string>> = {
	current: 'Current config',
	endpoint: 'Endpoint',
	credential: 'Credential',
	headers: 'Custom headers',
	models: 'Models and discovery',
	probe: 'Probe',
	target: 'Where to write',
	review: 'Review',
	done: 'Done',
};

function probeSummary(probe: ProbeState): {text: string; color: string} | undefined {
	switch (probe.status) {
		case 'idle': {
			return undefined;
		}

		case 'running': {
			return {text: 'probe: running…', color: 'gray'};
		}

		case 'done': {
			return probe.report.usable ? {text: 'probe: usable', color: 'green'} : {text: 'probe: not usable', color: 'red'};
		}
	}
}

/** "ccgate · 2/8 Endpoint", and how the probe is doing. */
export function StepTitle({step, probe}: Props) {
	const summary = probeSummary(probe);
	const number = stepOrder.indexOf(step);
	return (
		<Box marginBottom={1} gap={2}>
			<Text bold>
				ccgate · {number === 0 || step === 'done' ? '' : `${number}/${stepOrder.length - 2} `}{titles[step]}
			</Text>
			{summary ? <Text color={summary.color}>{summary.text}</Text> : null}
		</Box>
	);
}
