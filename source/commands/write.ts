import path from 'node:path';
import {UserError} from '../core/findings.js';
import {resolveEffective} from '../core/layers.js';
import {readLayers} from '../io/read-layers.js';
import {planDiff, type Target, targetLabel, type WritePlan} from '../io/targets.js';
import type {KeyValues} from '../core/keys.js';
import type {ValueRequest} from '../core/plan.js';
import type {CommandContext} from '../app/context.js';
import {applyTargetWrite, planProbeValues, planTargetWrite} from '../app/write.js';
import {type Flags, timeoutFlag, valueRequest} from './flags.js';
import {refuseOnError, reportFindings} from './shared.js';
import {targetFromFlags} from './target-flags.js';

export type WriteOptions = {
	readonly dryRun: boolean;
	/** Probe the gateway the result points at first; one the probe finds not usable refuses the write. */
	readonly probe: boolean;
	readonly timeoutMs: number;
	readonly trustProject: boolean;
};

/**
The one write path, shared by `write`, `profile use` and the wizard: plan, check, (probe,) back up, write.
Returns the exit code.
*/
export async function writeTarget(target: Target, request: ValueRequest, options: WriteOptions, context: CommandContext): Promise<number> {
	const layers = readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: options.trustProject});
	const plan = await planTargetWrite(target, request, layers, context);
	refuseOnError(plan.findings, context);
	if (options.dryRun) {
		const diff = planDiff(plan);
		context.stdout(diff === '' ? `No change to ${targetLabel(target, context.home)}.\n` : diff);
		return 0;
	}

	if (options.probe && !(await probeBeforeWrite(plan, request, options, context))) {
		throw new UserError({code: 'write-refused-unusable', level: 'error', message: `Nothing was written to ${targetLabel(target, context.home)}, because the gateway is not usable`, fix: 'fix it, or write without --probe'}, 1);
	}

	const result = await applyTargetWrite(plan, context);
	if (!result.changed) {
		context.stdout(`${targetLabel(target, context.home)} already holds this configuration; nothing changed.\n`);
		return 0;
	}

	const where = result.inPlace ? ' (in place: its folder is not writable)' : '';
	context.stdout(`Wrote ${targetLabel(target, context.home)}${where}.${result.backup ? ` Backup: ${result.backup}` : ''}\n`);
	if (target.kind === 'shell') {
		context.stdout('Open a new shell (or source the profile) to use it; Claude Code started from an IDE or a GUI does not see shell variables, only settings.json.\n');
	}

	// For a person at a terminal, the next step; piped output stays the record of what was done.
	if (context.stdoutTerminal) {
		context.stdout('Next: ccgate doctor checks that Claude Code works through it.\n');
	}

	return 0;
}

const probeVerdictSentence = {
	usable: 'the gateway is usable by Claude Code.',
	'not usable': 'the gateway is not usable by Claude Code.',
	'cannot tell': 'only a real request can tell whether the gateway is usable by Claude Code (ccgate probe --live sends one); it is written.',
} as const;

async function probeBeforeWrite(plan: WritePlan, request: ValueRequest, options: WriteOptions, context: CommandContext): Promise<boolean> {
	const layers = readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: options.trustProject});
	const values = planProbeValues(plan, context.home);
	const layer = layers.find(candidate => candidate.path !== undefined && path.resolve(candidate.path) === path.resolve(plan.target.path));
	// The probe sends the credential to the target's base URL; one that a folder Claude Code has not trusted wrote
	// (not given now) is the repository's choice, and never gets the user's credential (docs/contract.md §5).
	const untrusted = layer !== undefined && !layer.trusted;
	const keptUrls = (Object.keys(values) as Array<keyof KeyValues>).filter(key => key.endsWith('BASE_URL') && values[key] !== undefined && request.set[key] === undefined && values[key] === plan.before[key]);
	if (untrusted && keptUrls.length > 0) {
		throw new UserError({code: 'probe-untrusted-base-url', level: 'error', message: `The base URL in ${plan.label} comes from a folder Claude Code has not trusted, so ccgate will not send a credential to it to probe`, fix: 'give the base URL with --base-url, open claude here and accept the trust dialog, or pass --trust-project'}, 1);
	}

	const {probeValues} = await import('../app/probe-values.js');
	const effective = resolveEffective(layers);
	// The probe would run the target's own apiKeyHelper; one from a folder Claude Code has not trusted never runs (docs/contract.md §5).
	const helperWouldRun = values.apiKeyHelper !== undefined && values.ANTHROPIC_AUTH_TOKEN === undefined && values.ANTHROPIC_API_KEY === undefined;
	if (layer && !layer.trusted && helperWouldRun && values.apiKeyHelper === plan.before.apiKeyHelper) {
		throw new UserError({code: 'probe-untrusted-helper', level: 'error', message: `The apiKeyHelper in ${targetLabel(plan.target, context.home)} comes from a folder Claude Code has not trusted, so ccgate will not run it to probe`, fix: 'open claude here and accept the trust dialog, or pass --trust-project'}, 1);
	}

	const report = await probeValues(values, effective.env, {timeoutMs: options.timeoutMs, cwd: context.cwd});
	reportFindings(report.findings, context);
	// The verdict in one line whatever it is, so a successful probe is not silent. Only "not usable" refuses the write.
	context.stdout(`Probe: ${probeVerdictSentence[report.verdict]}\n`);
	return report.verdict !== 'not usable';
}

export async function runWrite(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const target = targetFromFlags(flags, context);
	const request = await valueRequest(flags, context);
	if (isEmptyRequest(request)) {
		throw new UserError({code: 'write-nothing', level: 'error', message: 'ccgate write was given no value to write', fix: 'give one, such as --base-url URL or --auth-token TOKEN, or run ccgate alone for the wizard'});
	}

	return writeTarget(target, request, {dryRun: Boolean(flags['dry-run']), probe: Boolean(flags.probe), timeoutMs: timeoutFlag(flags), trustProject: Boolean(flags['trust-project'])}, context);
}

/** No key to set or unset, no header, no credential switch: a write that could only say "nothing changed". */
function isEmptyRequest(request: ValueRequest): boolean {
	return Object.keys(request.set).length === 0 && request.unset.length === 0 && request.headers === undefined && !request.noAuth && !request.secretFile;
}
