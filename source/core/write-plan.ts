import {createHash} from 'node:crypto';
import path from 'node:path';
import type {WriteRecord} from '../io/store-read.js';
import {changeDiff} from './change-diff.js';
import {shellVariables} from './env-mapping.js';
import {type Finding, type LayerName, UserError} from './findings.js';
import {type KeyValues, noAuthPlaceholder, type OwnedKey} from './keys.js';
import {type Layer, providerSwitchFindings, shadowingFindings} from './layers.js';
import {secretsIn} from './mask.js';
import {changedKeys, planValues, secretForFile, type ValueRequest} from './plan.js';
import {isCcgateLine, removeManagedBlock, replaceManagedBlock} from './profile-block.js';
import {parseGatewayConfig} from './schema.js';
import {editSettingsText, parseSettingsForEdit, settingsValues} from './settings-text.js';
import {assertPathForCode, renderAssignments, type ShellName, sourceLine, variablesFileExtension} from './shell.js';
import {checkValues} from './validate.js';

/*
The planning of a write, pure: over the texts of the files as already read (by `io/targets.ts`) and facts looked up
there, it computes every file's new text and the record to keep. It reads, writes and runs nothing; each refusal of
a file's content (invalid JSON, a key held twice, an `env` that is no object, a secret bound for a committed file)
is made here, and each refusal of a file's state on disk (not a regular file, too large, not UTF-8, changed since it
was read) in `io/`.
*/

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
	/** How output names the target (`~/…`; a link out of its project by where it leads). */
	readonly label: string;
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

/** What `io/` read and looked up for a plan. */
export type PlanInputs = {
	readonly target: Target;
	readonly label: string;
	/** The target's text (through its links), undefined when it does not exist. */
	readonly targetText: string | undefined;
	/** The texts of ccgate's own files for this target (`ownFiles`), by path. */
	readonly ownTexts: ReadonlyMap<string, string | undefined>;
	readonly record: WriteRecord | undefined;
	readonly secretsDirectory: string;
	/** The home folder, for `$HOME`-relative paths in shell code and apiKeyHelper. */
	readonly home: string;
	/** Every layer as read, for shadowing and provider-switch warnings. */
	readonly layers: readonly Layer[];
	readonly claudeVersion?: string;
	/** Would git commit the target (or the file its link leads to)? Asked only when a secret is bound for it. */
	/** What git says: would it commit the file (or where its link leads)? A repository git will not read for this user proves nothing ignored, and is named (as output names it). */
	readonly committed: () => {target: boolean; linkTarget: boolean; unreadableRepository?: string};
	/** Set when the target is a project's `.claude/` file whose link leads out of the project. */
	readonly linksOutOfProject: boolean;
	/** The apiKeyHelper command that prints a secret file. */
	readonly secretFileHelper: (file: string) => string;
	readonly isSecretFileHelper: (command: string | undefined, file: string) => boolean;
};

export function hashValue(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

function targetId(target: Target): string {
	const hash = createHash('sha256').update(path.resolve(target.path)).digest('hex').slice(0, 12);
	return target.kind === 'settings' ? `${target.layer}-settings-${hash}` : `${target.shell}-profile-${hash}`;
}

/** ccgate's own files for a target: where they are (kept from the last write's record, else new names). */
export function ownFiles(target: Target, record: WriteRecord | undefined, secretsDirectory: string): {variablesFile?: string; valuesFile?: string; secretFile: string} {
	const id = targetId(target);
	if (target.kind === 'shell') {
		return {
			variablesFile: record?.variablesFile ?? path.join(secretsDirectory, `${id}.${variablesFileExtension(target.shell)}`),
			valuesFile: record?.valuesFile ?? path.join(secretsDirectory, `${id}.json`),
			secretFile: record?.secretFile ?? path.join(secretsDirectory, `${id}.key`),
		};
	}

	return {secretFile: record?.secretFile ?? path.join(secretsDirectory, `${id}.key`)};
}

export function hasSecret(values: KeyValues): boolean {
	return (values.ANTHROPIC_AUTH_TOKEN !== undefined && values.ANTHROPIC_AUTH_TOKEN !== noAuthPlaceholder) || values.ANTHROPIC_API_KEY !== undefined || secretsIn({ANTHROPIC_CUSTOM_HEADERS: values.ANTHROPIC_CUSTOM_HEADERS}).length > 0;
}

function writtenBy(record: WriteRecord | undefined, values: KeyValues): (key: OwnedKey) => boolean {
	return key => {
		const value = values[key];
		return value !== undefined && record?.keys[key] === hashValue(value);
	};
}

/** A unified diff of the change, with every secret masked; a changed secret is one masked `old → new` line. */
export function planDiff(plan: WritePlan): string {
	return changeDiff([{path: plan.target.path, before: plan.beforeText, after: plan.afterText}, ...plan.files.map(file => ({path: file.path, before: file.before, after: file.text, secret: file.secret}))], plan, plan.secrets);
}

function shellValues(valuesFile: string | undefined, text: string | undefined): KeyValues {
	if (text === undefined) {
		return {};
	}

	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {}

	const values = parseGatewayConfig(data);
	if (values === undefined) {
		throw new UserError({code: 'shell-values-file-foreign', level: 'error', message: `${valuesFile!} does not hold ccgate's values`, fix: 'delete it and write the shell profile again'}, 1);
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

function planShellWrite(target: ShellTarget, request: ValueRequest, inputs: PlanInputs): WritePlan {
	const {record: oldRecord, label} = inputs;
	if (request.set.apiKeyHelper !== undefined || request.secretFile) {
		throw new UserError({code: 'target-option-settings-only', level: 'error', message: `${request.secretFile ? '--secret-file' : '--api-key-helper'} is for settings files, and a shell profile cannot carry it`, fix: 'write to a settings file (--to settings); shell variables already live in a 0600 file of ccgate\'s'});
	}

	// The path goes into the profile's comments and its sourcing line: no newline may end that line early.
	assertPathForCode(target.path);
	const {variablesFile, valuesFile} = ownFiles(target, oldRecord, inputs.secretsDirectory) as {variablesFile: string; valuesFile: string};
	const before = shellValues(oldRecord?.valuesFile, oldRecord?.valuesFile === undefined ? undefined : inputs.ownTexts.get(oldRecord.valuesFile));
	const after = planValues({current: before, request, target: 'shell', writtenByCcgate: () => true});
	const findings: Finding[] = [...checkValues(after, inputs.claudeVersion ? {claudeVersion: inputs.claudeVersion} : {})];
	const {entries, findings: mappingFindings} = shellVariables(after);
	findings.push(...mappingFindings, ...shadowingFindings('shell', Object.keys(changedKeys(before, after)) as OwnedKey[], inputs.layers), ...providerSwitchFindings(inputs.layers, 'warning'));
	const beforeText = inputs.targetText;
	const empty = entries.length === 0;
	const body = empty ? '' : `# Claude Code's gateway, written by ccgate; the values live in a 0600 file.\n${sourceLine(target.shell, variablesFile, inputs.home)}`;
	const afterText = empty ? (beforeText === undefined ? undefined : removeManagedBlock(beforeText, label)) : replaceManagedBlock(beforeText ?? '', body, label);
	const files: FileChange[] = [
		{path: variablesFile, before: inputs.ownTexts.get(variablesFile), text: empty ? undefined : `# Written by ccgate for ${label}.\n${renderAssignments(target.shell, entries)}`, secret: true},
		{path: valuesFile, before: inputs.ownTexts.get(valuesFile), text: empty ? undefined : `${JSON.stringify(after, undefined, 2)}\n`, secret: true},
	];
	return {
		target,
		label,
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

function planSettingsWrite(target: SettingsTarget, request: ValueRequest, inputs: PlanInputs): WritePlan {
	const {record: oldRecord, label} = inputs;
	const findings: Finding[] = [];
	const beforeText = inputs.targetText;
	const before = settingsValues(parseSettingsForEdit(beforeText ?? '', label));
	let after = planValues({current: before, request, target: 'settings', writtenByCcgate: writtenBy(oldRecord, before)});
	const files: FileChange[] = [];
	let secretFile = oldRecord?.secretFile;
	const secrets = [...secretsIn(before), ...secretsIn(after)];
	if (request.secretFile) {
		const secret = secretForFile(after);
		if (secret === undefined) {
			throw new UserError({code: 'secret-file-empty', level: 'error', message: '--secret-file has no secret to keep', fix: 'give it with --token-stdin (or the wizard)'});
		}

		findings.push(...checkValues({ANTHROPIC_AUTH_TOKEN: secret}).filter(finding => finding.level === 'error'));
		secretFile ??= ownFiles(target, undefined, inputs.secretsDirectory).secretFile;
		files.push({path: secretFile, before: inputs.ownTexts.get(secretFile), text: secret, secret: true});
		after = {...after, apiKeyHelper: inputs.secretFileHelper(secretFile)};
		delete after.ANTHROPIC_AUTH_TOKEN;
		delete after.ANTHROPIC_API_KEY;
	} else if (secretFile !== undefined && !inputs.isSecretFileHelper(after.apiKeyHelper, secretFile)) {
		// The target no longer reads ccgate's secret file: take it away with the key.
		files.push({path: secretFile, before: inputs.ownTexts.get(secretFile), text: undefined, secret: true});
		secretFile = undefined;
	}

	const givenSecret = hasSecret(request.set) || (request.headers !== undefined && hasSecret({ANTHROPIC_CUSTOM_HEADERS: after.ANTHROPIC_CUSTOM_HEADERS}));
	if (givenSecret && !request.secretFile) {
		if (inputs.linksOutOfProject) {
			findings.push({code: 'secret-target-linked', level: 'error', message: `${label} leads out of the project, so ccgate cannot tell who may read or commit it, and a secret must not go there`, fix: 'replace the link with a file, or use --secret-file'});
		} else if (target.layer === 'project' && !target.explicit) {
			findings.push({code: 'secret-target-shared', level: 'error', message: `${label} is the project's shared settings file, which is committed, and a secret must not go there`, fix: 'use --scope local in a git-ignored file, or --secret-file'});
		} else {
			const committed = inputs.committed();
			if (target.layer === 'local' && committed.unreadableRepository !== undefined) {
				findings.push({code: 'secret-target-unknown-repository', level: 'error', message: `${label} is in a repository git will not read for you (${committed.unreadableRepository}: another user's, or broken), so nothing proves the file ignored, and a secret must not go there`, fix: 'use --secret-file, or, if you trust that repository, git config --global --add safe.directory with its path'});
			} else if (target.layer === 'local' && committed.target) {
				findings.push({code: 'secret-target-tracked', level: 'error', message: `${label} would be committed by git (it is not ignored), and a secret must not go there`, fix: 'add .claude/settings.local.json to .gitignore, or use --secret-file'});
			} else if (committed.target || committed.linkTarget) {
				// A git-ignored file (or link target) is not committed: no warning for it.
				findings.push({code: 'secret-target-in-repo', level: 'warning', message: `${label} sits in a git repository, so the secret may be committed with it`, fix: 'use --secret-file to keep the secret in a 0600 file of ccgate\'s'});
			}
		}
	}

	const changes = changedKeys(before, after);
	findings.push(...checkValues(after, inputs.claudeVersion ? {claudeVersion: inputs.claudeVersion} : {}));
	findings.push(...shadowingFindings(target.layer, Object.keys(changes) as OwnedKey[], inputs.layers), ...providerSwitchFindings(inputs.layers, 'warning'));
	const afterText = Object.keys(changes).length === 0 ? beforeText : editSettingsText(beforeText ?? '', changes);
	secrets.push(...files.flatMap(file => [file.before, file.text]).filter((text): text is string => Boolean(text)));
	return {target, label, before, after, beforeText, afterText, files, findings, record: recordFor(target, before, after, oldRecord, secretFile ? {secretFile} : {}), secrets};
}

/** Plan a write of `request` into `inputs.target`. */
export function planWriteOver(request: ValueRequest, inputs: PlanInputs): WritePlan {
	return inputs.target.kind === 'shell' ? planShellWrite(inputs.target, request, inputs) : planSettingsWrite(inputs.target, request, inputs);
}

/** Plan taking out what ccgate wrote to the target: only keys still holding ccgate's values, and ccgate's own files. */
export function planRemoveOver(inputs: PlanInputs): WritePlan {
	const {target, record, label} = inputs;
	const beforeText = inputs.targetText;
	const files: FileChange[] = [];
	for (const file of [record?.secretFile, record?.variablesFile, record?.valuesFile]) {
		if (file !== undefined) {
			files.push({path: file, before: inputs.ownTexts.get(file), text: undefined, secret: true});
		}
	}

	if (target.kind === 'shell') {
		const before = shellValues(record?.valuesFile, record?.valuesFile === undefined ? undefined : inputs.ownTexts.get(record.valuesFile));
		const remaining = beforeText === undefined ? undefined : removeManagedBlock(beforeText, label, isCcgateLine);
		// A profile ccgate created (such as fish's conf.d/ccgate.fish) goes away with the block, as it was before.
		const afterText = record?.createdProfile && remaining === '' ? undefined : remaining;
		return {target, label, before, after: {}, beforeText, afterText, files, findings: [], record: undefined, secrets: secretsIn(before)};
	}

	const before = settingsValues(parseSettingsForEdit(beforeText ?? '', label));
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
	return {target, label, before, after, beforeText, afterText, files, findings: [], record: undefined, secrets};
}

/**
The record to keep for a file `restore` put back: the keys of ccgate's last record for it that the restored text
holds with ccgate's value, so a later `remove` takes them out again.
*/
export function recordAfterRestore(target: Target, restoredText: string, previous: WriteRecord | undefined): WriteRecord | undefined {
	if (previous === undefined || target.kind !== 'settings') {
		return previous;
	}

	let values: KeyValues;
	try {
		values = settingsValues(parseSettingsForEdit(restoredText, 'The backup'));
	} catch {
		return undefined;
	}

	const owned = writtenBy(previous, values);
	const keys = Object.fromEntries(Object.entries(previous.keys).filter(([key]) => owned(key as OwnedKey)));
	return Object.keys(keys).length === 0 ? undefined : {...previous, keys};
}
