import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {type Layer} from '../core/layers.js';
import {type ValueRequest} from '../core/plan.js';
import {hasSecret, ownFiles, type PlanInputs, planRemoveOver, planWriteOver, type Target, type WritePlan} from '../core/write-plan.js';
import {installedClaudeVersion} from './claude-version.js';
import {fileLabel} from './file-errors.js';
import {assertFileUnchanged, backupFile, deleteFile, purgeBackupsHolding, readSettled, readTextIfExists, resolveLinkTarget, writeFileSafely} from './files.js';
import {gitVerdict} from './git.js';
import {repositoryAbove} from './git-folder.js';
import {ccgateDirectory, type Place} from './paths.js';
import {isSecretFileHelper, secretFileHelper} from './secret-file-helper.js';
import type {Store} from './store.js';

/*
The reading, locking and applying of a write. The planning itself, over the texts read here, is `core/write-plan.ts`.
*/

export type {FileChange, SettingsTarget, ShellTarget, Target, WritePlan} from '../core/write-plan.js';
export {planDiff} from '../core/write-plan.js';

/** Where a path really leads: its nearest existing folder's real path (links in any folder resolved), then its own link. */
function realPathOf(file: string, home: string): string {
	const last = resolveLinkTarget(file, home);
	let folder = path.dirname(last);
	const rest = [path.basename(last)];
	while (!existsSync(folder)) {
		rest.unshift(path.basename(folder));
		folder = path.dirname(folder);
	}

	return path.join(realpathSync(folder), ...rest);
}

/** Is the target a project's `.claude/` file (by scope, not `--settings`) that leads out of that project, by a link to the file or to its `.claude` folder? */
function linksOutOfProject(target: Target, home: string): boolean {
	if (target.kind !== 'settings' || target.explicit || target.layer === 'user') {
		return false;
	}

	const project = path.dirname(path.dirname(path.resolve(target.path)));
	const real = realPathOf(target.path, home);
	return real !== path.resolve(target.path) && !real.startsWith(realPathOf(project, home) + path.sep);
}

/** How output names a target: `~/…`, and a project file linked out of its project also by where it leads. */
export function targetLabel(target: Target, home: string): string {
	const label = fileLabel(target.path, home);
	return linksOutOfProject(target, home) ? `${label} (a link to ${fileLabel(realPathOf(target.path, home), home)})` : label;
}

/**
What git says of the target and of where it really leads. A target whose folder is reached through a link is judged
by where it leads alone (git sees only the link); a repository git will not read proves nothing ignored, and is named.
*/
function committedBy(target: Target, context: Place): ReturnType<PlanInputs['committed']> {
	const literal = path.resolve(target.path);
	const real = realPathOf(literal, context.home);
	const folderLinked = path.join(realPathOf(path.dirname(literal), context.home), path.basename(literal)) !== literal;
	const realVerdict = gitVerdict(real, context.env);
	const ownVerdict = folderLinked ? realVerdict : gitVerdict(literal, context.env);
	const counts = (verdict: string) => verdict === 'committed' || verdict === 'unknown';
	const unknown = [ownVerdict, realVerdict].includes('unknown') ? repositoryAbove(path.dirname(real)) ?? repositoryAbove(path.dirname(literal)) : undefined;
	return {target: counts(ownVerdict), linkTarget: counts(realVerdict), ...(unknown === undefined ? {} : {unreadableRepository: fileLabel(unknown, context.home)})};
}

export type PlanContext = Place & {
	readonly store: Store;
	/** Every layer as read, for shadowing and provider-switch warnings. */
	readonly layers: readonly Layer[];
};

async function claudeVersionFor(request: ValueRequest, env: Place['env']): Promise<string | undefined> {
	if (request.set.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY === undefined) {
		return undefined;
	}

	return installedClaudeVersion(env);
}

/** Read what a plan is made over: the target (through its links, refused unless a regular UTF-8 file), ccgate's own files for it. */
function readInputs(target: Target, context: PlanContext, claudeVersion: string | undefined): PlanInputs {
	const {home} = context;
	const record = context.store.writeRecord(target.path);
	const secretsDirectory = path.join(ccgateDirectory(context), 'secrets');
	const own = ownFiles(target, record, secretsDirectory);
	const ownTexts = new Map<string, string | undefined>();
	for (const file of [own.variablesFile, own.valuesFile, own.secretFile, record?.valuesFile, record?.variablesFile]) {
		if (file !== undefined && !ownTexts.has(file)) {
			ownTexts.set(file, readTextIfExists(file, home));
		}
	}

	return {
		target,
		label: targetLabel(target, home),
		targetText: readSettled(resolveLinkTarget(target.path, home), targetLabel(target, home), home),
		ownTexts,
		record,
		secretsDirectory,
		home,
		layers: context.layers,
		...(claudeVersion ? {claudeVersion} : {}),
		committed: () => committedBy(target, context),
		linksOutOfProject: linksOutOfProject(target, home),
		secretFileHelper: file => secretFileHelper(file, home),
		isSecretFileHelper: (command, file) => isSecretFileHelper(command, file, home),
	};
}

/** Plan a write of `request` into `target`: reads files, writes nothing. */
export async function planWrite(target: Target, request: ValueRequest, context: PlanContext): Promise<WritePlan> {
	const claudeVersion = await claudeVersionFor(request, context.env);
	return planWriteOver(request, readInputs(target, context, claudeVersion));
}

/** Plan taking out what ccgate wrote to `target`: only keys still holding ccgate's values. */
export function planRemove(target: Target, context: PlanContext): WritePlan {
	return planRemoveOver(readInputs(target, context, undefined));
}

export type ApplyResult = {
	readonly backup?: string;
	readonly inPlace: boolean;
	readonly changed: boolean;
};

/**
Carry out a plan under the store's lock: check every file still holds what the plan was made over, write ccgate's
own files, back up and write the target, delete what goes, remember what was written.
On any failure, ccgate's own files and the backup made go back to how they were: no secret and no backup is left.
*/
export type ApplyContext = Place & {
	readonly store: Store;
	/** The clock, for the backup's name. */
	readonly now: () => number;
};

export async function applyWrite(plan: WritePlan, context: ApplyContext): Promise<ApplyResult> {
	return context.store.withLock(async () => applyLocked(plan, context));
}

async function applyLocked(plan: WritePlan, context: ApplyContext): Promise<ApplyResult> {
	const {target} = plan;
	const {home} = context;
	const directory = ccgateDirectory(context);
	const changed = plan.afterText !== plan.beforeText || plan.files.some(file => file.text !== file.before);
	// Checked first, so a refused write leaves no backup (which restore would then put back) and no secret file.
	const checks = [{file: resolveLinkTarget(target.path, home), expected: plan.beforeText, label: plan.label}, ...plan.files.map(file => ({file: file.path, expected: file.before, label: fileLabel(file.path, home)}))];
	for (const check of checks) {
		assertFileUnchanged(check.file, check.expected, check.label, home);
	}

	const undo: Array<() => void> = [];
	let backup: string | undefined;
	let inPlace = false;
	try {
		for (const file of plan.files) {
			if (file.text !== undefined && file.text !== file.before) {
				writeFileSafely(file.path, file.text, {expected: file.before, secret: true, label: fileLabel(file.path, home), home});
				undo.push(() => {
					if (file.before === undefined) {
						deleteFile(file.path, home);
					} else {
						writeFileSafely(file.path, file.before, {expected: file.text, secret: true, label: fileLabel(file.path, home), home});
					}
				});
			}
		}

		if (plan.afterText !== plan.beforeText) {
			if (plan.beforeText !== undefined) {
				backup = backupFile(directory, target.path, plan.beforeText, context);
				const made = backup;
				undo.push(() => {
					if (made) {
						deleteFile(made, home);
					}
				});
			}

			if (plan.afterText === undefined) {
				deleteFile(target.path, home);
			} else {
				const secret = target.kind === 'settings' && hasSecret(plan.after);
				const result = writeFileSafely(target.path, plan.afterText, {expected: plan.beforeText, secret, label: plan.label, home});
				inPlace = result.inPlace;
			}
		}
	} catch (error) {
		for (const step of undo.reverse()) {
			try {
				step();
			} catch {}
		}

		throw error;
	}

	for (const file of plan.files) {
		if (file.text === undefined) {
			deleteFile(file.path, home);
		}
	}

	// A secret moved out of the file into ccgate's secret file (`--secret-file`) leaves no plain copy in a backup.
	const moved = plan.files.find(file => file.path === plan.record?.secretFile && file.text !== undefined)?.text;
	if (moved && plan.beforeText?.includes(moved)) {
		purgeBackupsHolding(directory, target.path, moved, home);
		backup = undefined;
	}

	await context.store.setWriteRecord(target.path, plan.record);
	return {backup, inPlace, changed};
}
