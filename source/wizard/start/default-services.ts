import type {CommandContext} from '../../app/context.js';
import {settingsPath} from '../../io/paths.js';
import {defaultProfilePath} from '../../io/profile-path.js';
import type {Target} from '../../io/targets.js';
import type {ProbeReport} from '../../probe/probe.js';
import {findingOf} from '../model/finding-of.js';
import type {ProbeInput} from '../model/validation.js';
import type {TargetOption, WizardServices, WizardSetup} from '../model/services.js';
import {printChange} from './print-lines.js';

function ioTarget(option: TargetOption, setup: WizardSetup, context: CommandContext): Target {
	if (option.kind === 'shell') {
		return {kind: 'shell', shell: setup.shell, path: defaultProfilePath(setup.shell, context)};
	}

	const scope = option.scope ?? 'user';
	return {kind: 'settings', path: settingsPath(scope, context, context.cwd), layer: scope, explicit: false};
}

/**
The probe of `ccgate probe`, on the wizard's values: the same function builds the request, the probe target and the
model from them, so the wizard and the command send the same probe for the same configuration.
*/
async function probe(input: ProbeInput, signal: AbortSignal, setup: WizardSetup, options: {readonly timeoutMs: number; readonly cwd: string}): Promise<ProbeReport> {
	// Loaded when the first probe starts: undici is not needed to draw the first screen.
	// probeValues speaks the values' format: Anthropic Messages, or Bedrock's and Vertex's pass-through paths.
	const {probeValues} = await import('../../app/probe-values.js');
	try {
		return await probeValues(input.values, setup.effective.env, {timeoutMs: options.timeoutMs, cwd: options.cwd, signal});
	} catch (error) {
		return {verdict: 'not usable', usable: false, findings: [findingOf(error)], checks: []};
	}
}

/**
The real side effects: the probe of `ccgate probe`, and the plan and write of `ccgate write` (app/).
Each loads its code when first used, so Ink, not the writers, is what the wizard loads first.
*/
export function defaultServices(setup: WizardSetup, context: CommandContext, options: {readonly timeoutMs: number}): WizardServices {
	return {
		probe: async (input, signal) => probe(input, signal, setup, {timeoutMs: options.timeoutMs, cwd: context.cwd}),
		async plan(option, request) {
			if (option.kind === 'print') {
				return printChange(setup.effective.values, request, setup.shell);
			}

			const [{planDiff, targetLabel}, {planTargetWrite}] = await Promise.all([import('../../io/targets.js'), import('../../app/write.js')]);
			const target = ioTarget(option, setup, context);
			const plan = await planTargetWrite(target, request, setup.layers, context);
			// A shell profile's values file is ccgate's own bookkeeping (what it wrote, to edit it next time): the review leaves it out.
			const shown = {...plan, files: plan.files.filter(file => file.path !== plan.record?.valuesFile)};
			return {kind: 'write', label: targetLabel(target, context.home), diff: planDiff(shown), findings: plan.findings, plan};
		},
		async apply(change, profile) {
			if (change.kind === 'print') {
				return {changed: false, inPlace: false};
			}

			const [{applyTargetWrite}, {Store}] = await Promise.all([import('../../app/write.js'), import('../../io/store.js')]);
			const result = await applyTargetWrite(change.plan, context);
			if (profile !== undefined) {
				// As `profile use` does: the profile now in force is the active one in `profile list`.
				await new Store(context).setActiveProfile(profile);
			}

			return {changed: result.changed, inPlace: result.inPlace, ...(result.backup !== undefined && {backup: result.backup})};
		},
	};
}
