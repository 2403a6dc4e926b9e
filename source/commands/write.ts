import {resolveEffective} from '../core/layers.js';
import {readLayers} from '../io/read-layers.js';
import {Store} from '../io/store.js';
import {applyWrite, planDiff, planWrite, type Target, targetLabel, type WritePlan} from '../io/targets.js';
import type {ValueRequest} from '../core/plan.js';
import type {CommandContext} from './context.js';
import {ExitCode} from './exit-code.js';
import {type Flags, timeoutFlag, valueRequest} from './flags.js';
import {refuseOnError, reportFindings} from './shared.js';
import {targetFromFlags} from './target-flags.js';

export type WriteOptions = {
	readonly dryRun: boolean;
	/** Probe the gateway the result points at first; an unusable one refuses the write. */
	readonly probe: boolean;
	readonly timeoutMs: number;
	readonly trustProject: boolean;
};

/**
The one write path, shared by `write`, `profile use` and the wizard: plan, check, (probe,) back up, write.
Returns the exit code.
*/
export async function writeTarget(target: Target, request: ValueRequest, options: WriteOptions, context: CommandContext): Promise<number> {
	const store = new Store(context.env);
	const layers = readLayers({cwd: context.cwd, env: context.env, trustProject: options.trustProject});
	const plan = await planWrite(target, request, {env: context.env, store, layers});
	refuseOnError(plan.findings, context);
	if (options.dryRun) {
		const diff = planDiff(plan);
		context.stdout(diff === '' ? `No change to ${targetLabel(target)}.\n` : diff);
		return 0;
	}

	if (options.probe && !(await probeBeforeWrite(plan, options, context))) {
		context.stderr(`error: Nothing was written to ${targetLabel(target)}, because the gateway is not usable; fix it, or write without --probe.\n`);
		return 1;
	}

	const result = await applyWrite(plan, {env: context.env, store});
	if (!result.changed) {
		context.stdout(`${targetLabel(target)} already holds this configuration; nothing changed.\n`);
		return 0;
	}

	const where = result.inPlace ? ' (in place: its folder is not writable)' : '';
	context.stdout(`Wrote ${targetLabel(target)}${where}.${result.backup ? ` Backup: ${result.backup}` : ''}\n`);
	if (target.kind === 'shell') {
		context.stdout('Open a new shell (or source the profile) to use it; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.\n');
	}

	return 0;
}

async function probeBeforeWrite(plan: WritePlan, options: WriteOptions, context: CommandContext): Promise<boolean> {
	const {probeValues} = await import('./probe-values.js');
	const layers = readLayers({cwd: context.cwd, env: context.env, trustProject: options.trustProject});
	const effective = resolveEffective(layers);
	const report = await probeValues(plan.after, effective.env, {timeoutMs: options.timeoutMs});
	reportFindings(report.findings, context);
	return report.usable;
}

export async function runWrite(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	if (rest.length > 0) {
		throw new ExitCode(usage(rest, context));
	}

	const target = targetFromFlags(flags, context);
	const request = await valueRequest(flags, context.stdin);
	return writeTarget(target, request, {dryRun: Boolean(flags['dry-run']), probe: Boolean(flags.probe), timeoutMs: timeoutFlag(flags), trustProject: Boolean(flags['trust-project'])}, context);
}

function usage(rest: string[], context: CommandContext): number {
	context.stderr(`error: ccgate write takes no argument ("${rest.join(' ')}"); give values as options, such as --base-url URL.\n`);
	return 2;
}
