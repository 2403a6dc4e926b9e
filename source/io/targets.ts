import {createHash} from 'node:crypto';
import {mkdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {changeDiff} from '../core/change-diff.js';
import {shellVariables} from '../core/env-mapping.js';
import {type Finding, type LayerName, UserError} from '../core/findings.js';
import {type KeyValues, noAuthPlaceholder, type OwnedKey} from '../core/keys.js';
import {type Layer, providerSwitchFindings, shadowingFindings} from '../core/layers.js';
import {secretsIn} from '../core/mask.js';
import {changedKeys, planValues, type ValueRequest} from '../core/plan.js';
import {removeManagedBlock, replaceManagedBlock} from '../core/profile-block.js';
import {parseGatewayConfig} from '../core/schema.js';
import {parseSettingsText, settingsValues, editSettingsText} from '../core/settings-text.js';
import {renderAssignments, type ShellName, sourceLine, variablesFileExtension} from '../core/shell.js';
import {checkValues} from '../core/validate.js';
import {installedClaudeVersion} from './claude-version.js';
import {assertFileUnchanged, backupFile, readTextIfExists, resolveLinkTarget, writeFileSafely} from './files.js';
import {isTrackedByGit} from './git.js';
import {ccgateDirectory, type Environment} from './paths.js';
import {hashValue, type Store, type WriteRecord} from './store.js';
import {secretFileHelper} from './secret-file-helper.js';

export type SettingsTarget = {
	readonly kind: 'settings';
	readonly path: string;
	/** The layer the file is, for shadowing; an explicit `--settings` file counts as user. */
	readonly layer: Exclude<LayerName, 'shell' | 'managed'>;
	/** Was the file named by `--settings` rather than a scope? */
	readonly explicit: boolean;
};

export type ShellTarget = {
	readonly kind: 'shell';
	readonly shell: ShellName;
	readonly path: string;
};

export type Target = SettingsTarget | ShellTarget;

/** A file ccgate will create, replace or delete besides the target. */
export type FileChange = {readonly path: string; readonly text: string | undefined; readonly before: string | undefined; readonly secret: boolean};

/** Everything a write would do, computed before anything is touched. */
export type WritePlan = {
	readonly target: Target;
	readonly before: KeyValues;
	readonly after: KeyValues;
	readonly beforeText: string | undefined;
	readonly afterText: string | undefined;
	readonly files: readonly FileChange[];
	readonly findings: readonly Finding[];
	readonly record: WriteRecord | undefined;
	/** Strings to mask in any output about this plan. */
	readonly secrets: readonly string[];
};

function targetId(target: Target): string {
	const hash = createHash('sha256').update(path.resolve(target.path)).digest('hex').slice(0, 12);
	return target.kind === 'settings' ? `${target.layer}-settings-${hash}` : `${target.shell}-profile-${hash}`;
}

function secretsDirectory(env: Environment): string {
	return path.join(ccgateDirectory(env), 'secrets');
}


function label(target: Target): string {
	return target.path.startsWith(os.homedir() + path.sep) ? `~${target.path.slice(os.homedir().length)}` : target.path;
}

function hasSecret(values: KeyValues): boolean {
	return (values.ANTHROPIC_AUTH_TOKEN !== undefined && values.ANTHROPIC_AUTH_TOKEN !== noAuthPlaceholder) || values.ANTHROPIC_API_KEY !== undefined || secretsIn({ANTHROPIC_CUSTOM_HEADERS: values.ANTHROPIC_CUSTOM_HEADERS}).length > 0;
}

function writtenBy(record: WriteRecord | undefined, values: KeyValues): (key: OwnedKey) => boolean {
	return key => {
		const value = values[key];
		return value !== undefined && record?.keys[key] === hashValue(value);
	};
}

export type PlanContext = {
	readonly env: Environment;
	readonly store: Store;
	/** Every layer as read, for shadowing and provider-switch warnings. */
	readonly layers: readonly Layer[];
};

/** A unified diff of the change, with every secret masked; a changed secret is one masked `old → new` line. */
export function planDiff(plan: WritePlan): string {
	return changeDiff([{path: plan.target.path, before: plan.beforeText, after: plan.afterText}, ...plan.files.map(file => ({path: file.path, before: file.before, after: file.text, secret: file.secret}))], plan, plan.secrets);
}

function readCurrentShellValues(valuesFile: string | undefined): KeyValues {
	const text = valuesFile ? readTextIfExists(valuesFile) : undefined;
	if (text === undefined) {
		return {};
	}

	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {}

	const values = parseGatewayConfig(data);
	if (values === undefined) {
		throw new UserError({level: 'error', message: `${valuesFile!} does not hold ccgate's values`, fix: 'delete it and write the shell profile again'}, 1);
	}

	return values;
}

/**
What ccgate owns in the target after a write: the keys it set now, and the keys it set before that still hold its value.
A user's own `model` never becomes ccgate's.
*/
function recordFor(target: Target, before: KeyValues, after: KeyValues, oldRecord: WriteRecord | undefined, extra: Partial<WriteRecord>): WriteRecord | undefined {
	const ownedBefore = writtenBy(oldRecord, before);
	const keys: Partial<Record<OwnedKey, string>> = {};
	for (const [key, value] of Object.entries(after) as Array<[OwnedKey, string]>) {
		if (before[key] !== value || ownedBefore(key)) {
			keys[key] = hashValue(value);
		}
	}

	if (Object.keys(keys).length === 0 && extra.secretFile === undefined && extra.variablesFile === undefined) {
		return undefined;
	}

	return {kind: target.kind, keys, ...extra};
}

/** Plan a write of `request` into `target`: reads files, writes nothing. */
export async function planWrite(target: Target, request: ValueRequest, context: PlanContext): Promise<WritePlan> {
	const {env, store} = context;
	const oldRecord = store.writeRecord(target.path);
	const findings: Finding[] = [];
	if (target.kind === 'shell') {
		if (request.set.apiKeyHelper !== undefined || request.secretFile) {
			throw new UserError({level: 'error', message: `${request.secretFile ? '--secret-file' : '--api-key-helper'} is for settings files, and a shell profile cannot carry it`, fix: 'write to a settings file (--to settings); shell variables already live in a 0600 file of ccgate\'s'});
		}

		const variablesFile = oldRecord?.variablesFile ?? path.join(secretsDirectory(env), `${targetId(target)}.${variablesFileExtension(target.shell)}`);
		const valuesFile = oldRecord?.valuesFile ?? path.join(secretsDirectory(env), `${targetId(target)}.json`);
		const before = readCurrentShellValues(oldRecord?.valuesFile);
		const after = planValues({current: before, request, target: 'shell', writtenByCcgate: () => true});
		findings.push(...checkValues(after, await claudeVersionFor(after, env)));
		const {entries, findings: mappingFindings} = shellVariables(after);
		findings.push(...mappingFindings, ...shadowingFindings('shell', Object.keys(changedKeys(before, after)) as OwnedKey[], context.layers), ...providerSwitchFindings(context.layers, 'warning'));
		const beforeText = readTextIfExists(resolveLinkTarget(target.path));
		const body = `# Claude Code's gateway, written by ccgate; the values live in a 0600 file.\n${sourceLine(target.shell, variablesFile)}`;
		const empty = entries.length === 0;
		const afterText = empty ? (beforeText === undefined ? undefined : removeManagedBlock(beforeText, label(target))) : replaceManagedBlock(beforeText ?? '', body, label(target));
		const variablesBefore = readTextIfExists(variablesFile);
		const valuesBefore = readTextIfExists(valuesFile);
		const files: FileChange[] = [
			{path: variablesFile, before: variablesBefore, text: empty ? undefined : `# Written by ccgate for ${label(target)}.\n${renderAssignments(target.shell, entries)}`, secret: true},
			{path: valuesFile, before: valuesBefore, text: empty ? undefined : `${JSON.stringify(after, undefined, 2)}\n`, secret: true},
		];
		return {
			target,
			before,
			after,
			beforeText,
			afterText,
			files,
			findings,
			record: empty ? undefined : recordFor(target, {}, after, undefined, {shell: target.shell, variablesFile, valuesFile, ...((oldRecord ? oldRecord.createdProfile : beforeText === undefined) ? {createdProfile: true} : {})}),
			secrets: [...secretsIn(before), ...secretsIn(after)],
		};
	}

	const beforeText = readTextIfExists(resolveLinkTarget(target.path));
	const data = parseSettingsText(beforeText ?? '', label(target));
	const before = settingsValues(data);
	let after = planValues({current: before, request, target: 'settings', writtenByCcgate: writtenBy(oldRecord, before)});
	const files: FileChange[] = [];
	let secretFile = oldRecord?.secretFile;
	const secrets = [...secretsIn(before), ...secretsIn(after)];
	if (request.secretFile) {
		const secret = after.ANTHROPIC_AUTH_TOKEN === noAuthPlaceholder ? undefined : after.ANTHROPIC_AUTH_TOKEN ?? after.ANTHROPIC_API_KEY;
		if (secret === undefined) {
			throw new UserError({level: 'error', message: '--secret-file has no secret to keep', fix: 'give it with --auth-token, --api-key or --token-stdin'});
		}

		findings.push(...checkValues({ANTHROPIC_AUTH_TOKEN: secret}).filter(finding => finding.level === 'error'));
		secretFile ??= path.join(secretsDirectory(env), `${targetId(target)}.key`);
		files.push({path: secretFile, before: readTextIfExists(secretFile), text: secret, secret: true});
		after = {...after, apiKeyHelper: secretFileHelper(secretFile)};
		delete after.ANTHROPIC_AUTH_TOKEN;
		delete after.ANTHROPIC_API_KEY;
	} else if (secretFile !== undefined && after.apiKeyHelper !== secretFileHelper(secretFile)) {
		// The target no longer reads ccgate's secret file: take it away with the key.
		files.push({path: secretFile, before: readTextIfExists(secretFile), text: undefined, secret: true});
		secretFile = undefined;
	}

	const givenSecret = hasSecret(request.set) || (request.headers !== undefined && hasSecret({ANTHROPIC_CUSTOM_HEADERS: after.ANTHROPIC_CUSTOM_HEADERS}));
	if (givenSecret && !request.secretFile) {
		if (target.layer === 'project' && !target.explicit) {
			findings.push({level: 'error', message: `${label(target)} is the project's shared settings file, which is committed, and a secret must not go there`, fix: 'use --scope local in a git-ignored file, or --secret-file'});
		} else if (target.layer === 'local' && isTrackedByGit(target.path)) {
			findings.push({level: 'error', message: `${label(target)} would be committed by git (it is not ignored), and a secret must not go there`, fix: 'add .claude/settings.local.json to .gitignore, or use --secret-file'});
		} else if (isTrackedByGit(target.path) || isTrackedByGit(resolveLinkTarget(target.path))) {
			// A git-ignored file (or link target) is not committed: no warning for it.
			findings.push({level: 'warning', message: `${label(target)} sits in a git repository, so the secret may be committed with it`, fix: 'use --secret-file to keep the secret in a 0600 file of ccgate\'s'});
		}
	}

	const changes = changedKeys(before, after);
	findings.push(...checkValues(after, await claudeVersionFor(after, env)));
	findings.push(...shadowingFindings(target.layer, Object.keys(changes) as OwnedKey[], context.layers), ...providerSwitchFindings(context.layers, 'warning'));
	const afterText = Object.keys(changes).length === 0 ? beforeText : editSettingsText(beforeText ?? '', changes);
	secrets.push(...files.flatMap(file => [file.before, file.text]).filter((text): text is string => Boolean(text)));
	return {target, before, after, beforeText, afterText, files, findings, record: recordFor(target, before, after, oldRecord, secretFile ? {secretFile} : {}), secrets};
}

async function claudeVersionFor(values: KeyValues, env: Environment): Promise<{claudeVersion?: string}> {
	if (values.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY === undefined) {
		return {};
	}

	const claudeVersion = await installedClaudeVersion(env);
	return claudeVersion ? {claudeVersion} : {};
}

/** Plan taking out what ccgate wrote to `target`: only keys still holding ccgate's values. */
export function planRemove(target: Target, context: PlanContext): WritePlan {
	const record = context.store.writeRecord(target.path);
	const beforeText = readTextIfExists(resolveLinkTarget(target.path));
	const files: FileChange[] = [];
	for (const file of [record?.secretFile, record?.variablesFile, record?.valuesFile]) {
		if (file !== undefined) {
			files.push({path: file, before: readTextIfExists(file), text: undefined, secret: true});
		}
	}

	if (target.kind === 'shell') {
		const before = readCurrentShellValues(record?.valuesFile);
		const remaining = beforeText === undefined ? undefined : removeManagedBlock(beforeText, label(target));
		// A profile ccgate created (such as fish's conf.d/ccgate.fish) goes away with the block, as it was before.
		const afterText = record?.createdProfile && remaining === '' ? undefined : remaining;
		return {target, before, after: {}, beforeText, afterText, files, findings: [], record: undefined, secrets: secretsIn(before)};
	}

	const before = settingsValues(parseSettingsText(beforeText ?? '', label(target)));
	const owned = writtenBy(record, before);
	const after: KeyValues = {};
	for (const [key, value] of Object.entries(before) as Array<[OwnedKey, string]>) {
		if (!owned(key)) {
			after[key] = value;
		}
	}

	const changes = changedKeys(before, after);
	const afterText = Object.keys(changes).length === 0 ? beforeText : editSettingsText(beforeText ?? '', changes);
	const secrets = [...secretsIn(before), ...files.map(file => file.before).filter((text): text is string => Boolean(text))];
	return {target, before, after, beforeText, afterText, files, findings: [], record: undefined, secrets};
}

export type ApplyResult = {
	readonly backup?: string;
	readonly inPlace: boolean;
	readonly changed: boolean;
};

/** Carry out a plan: back up, write the target atomically, write or delete ccgate's own files, remember what was written. */
export async function applyWrite(plan: WritePlan, context: {env: Environment; store: Store}): Promise<ApplyResult> {
	const {target} = plan;
	const directory = ccgateDirectory(context.env);
	let backup: string | undefined;
	let inPlace = false;
	const changed = plan.afterText !== plan.beforeText || plan.files.some(file => file.text !== file.before);
	// Checked first, so a refused write leaves no backup (which restore would then put back) and no secret file.
	assertFileUnchanged(target.path, plan.beforeText, label(target));
	for (const file of plan.files) {
		if (file.text !== undefined) {
			mkdirSync(path.dirname(file.path), {recursive: true, mode: 0o700});
			// eslint-disable-next-line no-await-in-loop
			await writeFileSafely(file.path, file.text, {expected: readTextIfExists(file.path), secret: true, label: file.path});
		}
	}

	if (plan.afterText !== plan.beforeText) {
		if (plan.beforeText !== undefined) {
			backup = backupFile(directory, target.path, plan.beforeText);
		}

		if (plan.afterText === undefined) {
			rmSync(resolveLinkTarget(target.path), {force: true});
		} else {
			const secret = target.kind === 'settings' && hasSecret(plan.after);
			const result = await writeFileSafely(target.path, plan.afterText, {expected: plan.beforeText, secret, label: label(target)});
			inPlace = result.inPlace;
		}
	}

	for (const file of plan.files) {
		if (file.text === undefined) {
			rmSync(file.path, {force: true});
		}
	}

	await context.store.setWriteRecord(target.path, plan.record);
	return {backup, inPlace, changed};
}

export function targetLabel(target: Target): string {
	return label(target);
}
