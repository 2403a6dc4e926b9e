import {readLayers} from '../io/read-layers.js';
import {Store} from '../io/store.js';
import {applyWrite, planDiff, planRemove, targetLabel} from '../io/targets.js';
import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';
import {targetFromFlags} from './target-flags.js';

/** `ccgate remove`: take out only the keys still holding what ccgate wrote, and ccgate's secret files for that target. */
export async function runRemove(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	if (rest.length > 0) {
		context.stderr(`error: ccgate remove takes no argument ("${rest.join(' ')}"); name the target with --scope, --settings or --to shell.\n`);
		return 2;
	}

	const target = targetFromFlags(flags, context);
	const store = new Store(context.env);
	if (store.writeRecord(target.path) === undefined) {
		context.stdout(`ccgate has written nothing to ${targetLabel(target)}; nothing to remove.\n`);
		return 0;
	}

	const layers = readLayers({cwd: context.cwd, env: context.env});
	const plan = planRemove(target, {env: context.env, store, layers});
	if (flags['dry-run']) {
		const diff = planDiff(plan);
		context.stdout(diff === '' ? `No change to ${targetLabel(target)}.\n` : diff);
		return 0;
	}

	const result = await applyWrite(plan, {env: context.env, store});
	context.stdout(`Removed ccgate's configuration from ${targetLabel(target)}.${result.backup ? ` Backup: ${result.backup}` : ''}\n`);
	return 0;
}
