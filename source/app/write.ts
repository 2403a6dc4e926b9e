import type {KeyValues} from '../core/keys.js';
import type {Layer} from '../core/layers.js';
import type {ValueRequest} from '../core/plan.js';
import {isSecretFileHelper} from '../io/secret-file-helper.js';
import {Store} from '../io/store.js';
import {type ApplyResult, applyWrite, planWrite, type Target, type WritePlan} from '../io/targets.js';
import type {CommandContext} from './context.js';
import {probedValues} from './probed-values.js';

/*
The write, shared by `write`, `profile use` and the wizard: plan it (nothing touched; the plan holds the diff and
the findings), derive the probe's values from the plan, apply it.
*/

/** Plan a write of `request` into `target`, read against every layer (`layers`) for shadowing warnings. */
export async function planTargetWrite(target: Target, request: ValueRequest, layers: readonly Layer[], context: CommandContext): Promise<WritePlan> {
	return planWrite(target, request, {env: context.env, home: context.home, store: new Store(context), layers});
}

/** Back up, write, and record what ccgate wrote, under the store's lock. */
export async function applyTargetWrite(plan: WritePlan, context: CommandContext): Promise<ApplyResult> {
	return applyWrite(plan, {env: context.env, home: context.home, now: context.now, store: new Store(context)});
}

/** The values the probe sends for a planned write: the target's values after it, a secret file it creates read as its helper would print it. */
export function planProbeValues(plan: WritePlan, home: string): KeyValues {
	const secretFile = plan.files.find(file => file.path === plan.record?.secretFile && file.text !== undefined);
	const moved = secretFile?.text !== undefined && isSecretFileHelper(plan.after.apiKeyHelper, secretFile.path, home);
	return probedValues(plan.after, moved ? secretFile.text : undefined);
}
