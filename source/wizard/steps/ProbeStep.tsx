import {Box, Text} from 'ink';
import {FindingList} from '../components/FindingList.js';
import {Spinner} from '../components/Spinner.js';
import type {ProbeState} from '../logic/state.js';

export type Props = {
	/** The background probe: not started, running, or its report. */
	readonly probe: ProbeState;
};

/** The probe's result: usable or not, each check, and what to do. */
export function ProbeStep({probe}: Props) {
	if (probe.status === 'idle') {
		return <Text>Nothing to probe yet: the endpoint or the credential is not complete.</Text>;
	}

	if (probe.status === 'running') {
		return <Spinner since={probe.startedAt} label={`Probing ${probe.input.baseUrl} as Claude Code would reach it…`}/>;
	}

	const {report, input} = probe;
	return (
		<Box flexDirection="column">
			<Text>Probed {input.baseUrl}:</Text>
			{report.checks.map(check => (
				<Text key={check.name} dimColor>
					{`  ${check.finding.level.padEnd(7)} ${check.method.padEnd(4)} ${check.path}  ${check.status ?? '-'}  ${check.ms} ms`}
				</Text>
			))}
			<FindingList findings={report.findings.filter(finding => finding.level !== 'ok')}/>
			{report.usable
				? <Text bold color="green">✓ The gateway is usable by Claude Code.</Text>
				: (
					<Box flexDirection="column">
						<Text bold color="red">✗ The gateway is not usable by Claude Code.</Text>
						<Text>Fix it and probe again (r), go back (Esc), or press y to go on and write it anyway.</Text>
					</Box>
				)}
		</Box>
	);
}
