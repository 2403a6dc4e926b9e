import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
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
		return <Prose>Nothing to probe yet: the endpoint or the credential is not complete.</Prose>;
	}

	if (probe.status === 'running') {
		return <Spinner since={probe.startedAt} label={`Probing ${probe.input.baseUrl} as Claude Code would reach it…`}/>;
	}

	const {report, input} = probe;
	return (
		<Box flexDirection="column">
			<Box>
				<Box flexShrink={0}><Prose>Probed </Prose></Box>
				<Prose>{input.baseUrl}:</Prose>
			</Box>
			{report.checks.map(check => (
				// A table: the level and the method in columns, the path with its answer wrapping under the path's column.
				<Box key={check.name}>
					<Box flexShrink={0}><Prose dimColor>{`  ${check.finding.level.padEnd(7)} ${check.method.padEnd(4)} `}</Prose></Box>
					<Prose dimColor>{`${check.path}  ${check.status ?? '-'}  ${check.ms} ms`}</Prose>
				</Box>
			))}
			<FindingList findings={report.findings.filter(finding => finding.level !== 'ok')}/>
			{report.verdict === 'usable' ? <Prose bold color="green">✓ The gateway is usable by Claude Code.</Prose> : null}
			{report.verdict === 'cannot tell'
				? (
					<Box flexDirection="column">
						<Prose bold color="yellow">? The probe cannot tell whether the gateway is usable by Claude Code without a real request.</Prose>
						<Prose>Your first message to Claude Code will tell. Enter goes on, r probes again.</Prose>
					</Box>
				)
				: null}
			{report.verdict === 'not usable'
				? (
					<Box flexDirection="column">
						<Prose bold color="red">✗ The gateway is not usable by Claude Code.</Prose>
						<Prose>Fix it and probe again (r), go back (Esc), or press y to go on and write it anyway.</Prose>
					</Box>
				)
				: null}
		</Box>
	);
}
