import {Box, Text} from 'ink';
import {FindingList} from '../components/FindingList.js';
import {Spinner} from '../components/Spinner.js';
import type {ProbeState} from '../../model/state.js';

export type Props = {
	/** The background probe: not started, running, or its report. */
	readonly probe: ProbeState;
};

/** The probe's result: usable, not usable or cannot tell, each check, and what to do. */
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
			<Box>
				<Box flexShrink={0}><Text>Probed </Text></Box>
				<Text>{input.baseUrl}:</Text>
			</Box>
			{report.checks.map(check => (
				// A table: the level and the method in columns, the path with its answer wrapping under the path's column.
				<Box key={check.name}>
					<Box flexShrink={0}><Text dimColor>{`  ${check.finding.level.padEnd(7)} ${check.method.padEnd(4)} `}</Text></Box>
					<Text dimColor>{`${check.path}  ${check.status ?? '-'}  ${check.ms} ms`}</Text>
				</Box>
			))}
			<FindingList findings={report.findings.filter(finding => finding.level !== 'ok')}/>
			{report.verdict === 'usable' ? <Text bold color="green">✓ The gateway is usable by Claude Code.</Text> : null}
			{report.verdict === 'cannot tell'
				? (
					<Box flexDirection="column">
						<Text bold color="yellow">? The probe cannot tell whether the gateway is usable by Claude Code without a real request.</Text>
						<Text>Your first message to Claude Code will tell. Enter goes on, r probes again.</Text>
					</Box>
				)
				: null}
			{report.verdict === 'not usable'
				? (
					<Box flexDirection="column">
						<Text bold color="red">✗ The gateway is not usable by Claude Code.</Text>
						<Text>Fix it and probe again (r), go back (Esc), or press y to go on and write it anyway.</Text>
					</Box>
				)
				: null}
		</Box>
	);
}
