import path from 'node:path';
import {readLayers} from '../io/read-layers.js';
import {Store} from '../io/store.js';
import {applyWrite, planDiff, planRemove, targetLabel} from '../io/targets.js';
import {UserError} from '../core/findings.js';
import type {CommandContext} from '../app/context.js';
import {askLine} from './ask.js';
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

/**
Asked at a terminal, with the change shown first; without one nothing is removed unless --yes says so, since a
script that did not mean it cannot be asked.
*/
async function confirmed(diff: string, label: string, context: CommandContext): Promise<boolean> {
	if (!context.isTerminal) {
		throw new UserError({code: 'remove-no-terminal', level: 'error', message: `ccgate remove asks before it takes ccgate's configuration out of ${label}, and there is no terminal to ask at`, fix: 'pass --yes to remove it, or --dry-run to see what would go'});
	}

	context.stdout(diff);
	const answer = await askLine(`Remove ccgate's configuration from ${label}? [y/N] `, context);
	return /^y(?:es)?$/i.test(answer.trim());
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

	if (!flags.yes && !(await confirmed(planDiff(plan), targetLabel(target, context.home), context))) {
		context.stderr('Nothing was removed.\n');
		return 1;
	}

	const result = await applyWrite(plan, {env: context.env, home: context.home, now: context.now, store});
	context.stdout(`Removed ccgate's configuration from ${targetLabel(target, context.home)}.${result.backup ? ` Backup: ${result.backup}` : ''}\n`);
	return 0;
}
