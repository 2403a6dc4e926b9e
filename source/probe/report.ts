import type {Finding} from '../core/findings.js';
import type {ProbeCheck, ProbeReport, ProbeVerdict} from './probe.js';

function modelLine(label: string, models: ReadonlyArray<{id: string; display_name?: string}>): string {
	const names = models.map(model => (model.display_name && model.display_name !== model.id ? `${model.id} (${model.display_name})` : model.id));
	return `${label} (${models.length}): ${names.length > 0 ? names.join(', ') : 'none'}`;
}

/** The verdict in one line, as every command prints it. */
export const verdictLine: Readonly<Record<ProbeVerdict, string>> = {
	usable: 'The gateway is usable by Claude Code',
	'not usable': 'The gateway is not usable by Claude Code',
	'cannot tell': 'Cannot tell whether the gateway is usable by Claude Code without a real request (--live sends one)',
};

/**
The probe as text for stdout: one line per check (level, name, request, status, time), the model
lists, and the verdict. The findings themselves go to stderr, one sentence each, from the caller.
*/
export function formatProbeReport(report: ProbeReport): string {
	const pathWidth = Math.max(...report.checks.map(check => check.path.length), 0);
	const lines = report.checks.map(check => [
		check.finding.level.padEnd(7),
		check.name.padEnd(12),
		check.method.padEnd(4),
		check.path.padEnd(pathWidth),
		String(check.status ?? '-').padStart(3),
		`${check.ms} ms`.padStart(8),
	].join('  '));
	if (report.models) {
		lines.push(modelLine('Visible to discovery', report.models.visible), modelLine('Hidden from discovery', report.models.hidden));
	}

	lines.push(verdictLine[report.verdict]);
	return lines.join('\n');
}

type CheckJson = Omit<ProbeCheck, 'status'> & {status: number | null};

/** The report for `--json`: stable keys, `null` where a value is absent, so consumers need not guess. */
export function probeReportJson(report: ProbeReport): {verdict: ProbeVerdict; usable: boolean; findings: Finding[]; checks: CheckJson[]; models: ProbeReport['models'] | null} {
	return {
		verdict: report.verdict,
		usable: report.usable,
		findings: report.findings.map(finding => ({...finding})),
		checks: report.checks.map(check => ({
			name: check.name,
			method: check.method,
			path: check.path,
			status: check.status ?? null,
			ms: check.ms,
			finding: {...check.finding},
		})),
		models: report.models ?? null,
	};
}
