import {resolveEffective} from '../core/layers.js';
import {planValues} from '../core/plan.js';
import {readLayers} from '../io/read-layers.js';
import {formatProbeReport, probeReportJson} from '../probe/report.js';
import type {CommandContext} from '../app/context.js';
import {probeValues} from '../app/probe-values.js';
import {type Flags, timeoutFlag, valueRequest} from './flags.js';
import {reportFindings} from './shared.js';

/** Abort on Ctrl+C, so every request ends at once and the command exits 130. */
export function cancelOnInterrupt(): {signal: AbortSignal; dispose: () => void; interrupted: () => boolean} {
	const controller = new AbortController();
	const onSignal = () => {
		controller.abort();
	};

	process.once('SIGINT', onSignal);
	return {
		signal: controller.signal,
		dispose() {
			process.off('SIGINT', onSignal);
		},
		interrupted: () => controller.signal.aborted,
	};
}

/** `ccgate probe`: check a gateway (flags over the effective config) and print a diagnosis. Exit 1 not usable, else 0 ("cannot tell" is a warning naming --live). */
export async function runProbe(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const timeoutMs = timeoutFlag(flags);
	const request = await valueRequest(flags, context);
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const values = planValues({current: effective.values, request, target: 'settings', writtenByCcgate: () => false});
	const cancel = cancelOnInterrupt();
	try {
		const report = await probeValues(values, effective.env, {timeoutMs, live: Boolean(flags.live), signal: cancel.signal, cwd: context.cwd});
		if (cancel.interrupted()) {
			context.stderr('Probe cancelled.\n');
			return 130;
		}

		if (flags.json) {
			context.stdout(`${JSON.stringify(probeReportJson(report), undefined, 2)}\n`);
		} else {
			context.stdout(`${formatProbeReport(report)}\n`);
			reportFindings(report.findings, context);
		}

		return report.verdict === 'not usable' ? 1 : 0;
	} finally {
		cancel.dispose();
	}
}
