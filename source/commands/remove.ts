import path from 'node:path';
import {readLayers} from '../io/read-layers.js';
import {Store} from '../io/store.js';
import {applyWrite, planDiff, planRemove, targetLabel} from '../io/targets.js';
import type {CommandContext} from '../app/context.js';
import type {Flags} from './flags.js';
import {targetFromFlags} from './target-flags.js';

/** Where else ccgate did write, and the flag that names it, so "nothing to remove" is not a dead end. */
function elsewhere(store: Store, targetPath: string, home: string): string {
	const others = store.writtenTargets().filter(written => path.resolve(written.path) !== path.resolve(targetPath));
	if (others.length === 0) {
		return '';
	}

	const shown = (file: string) => (file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file);
	return ` It did write ${others.map(({path: file, record}) => `${shown(file)} (${record.kind === 'shell' ? 'remove with --to shell' : 'remove with --settings ' + shown(file)})`).join(', ')}.`;
}

/** `ccgate remove`: take out only the keys still holding what ccgate wrote, and ccgate's secret files for that target. */
export async function runRemove(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const target = targetFromFlags(flags, context);
	const store = new Store(context);
	if (store.writeRecord(target.path) === undefined) {
		context.stdout(`ccgate has written nothing to ${targetLabel(target, context.home)}; nothing to remove.${elsewhere(store, target.path, context.home)}\n`);
		return 0;
	}

	const layers = readLayers({cwd: context.cwd, env: context.env, home: context.home});
	const plan = planRemove(target, {env: context.env, home: context.home, store, layers});
	if (flags['dry-run']) {
		const diff = planDiff(plan);
		context.stdout(diff === '' ? `No change to ${targetLabel(target, context.home)}.\n` : diff);
		return 0;
	}

	const result = await applyWrite(plan, {env: context.env, home: context.home, now: context.now, store});
	context.stdout(`Removed ccgate's configuration from ${targetLabel(target, context.home)}.${result.backup ? ` Backup: ${result.backup}` : ''}\n`);
	return 0;
}
