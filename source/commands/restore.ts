import {existsSync, lstatSync} from 'node:fs';
import {UserError} from '../core/findings.js';
import {noAuthPlaceholder} from '../core/keys.js';
import {secretsIn} from '../core/mask.js';
import {parseSettingsText, settingsValues} from '../core/settings-text.js';
import {recordAfterRestore} from '../core/write-plan.js';
import {assertFileUnchanged, backupFile, deleteFile, listBackups, readTextIfExists, resolveLinkTarget, writeFileSafely} from '../io/files.js';
import {layoutTable} from '../core/table-layout.js';
import {ccgateDirectory} from '../io/paths.js';
import {Store, type WriteRecord} from '../io/store.js';
import {isSecretFileHelper} from '../io/secret-file-helper.js';
import {targetLabel} from '../io/targets.js';
import type {CommandContext} from '../app/context.js';
import type {Flags} from './flags.js';
import {targetFromFlags} from './target-flags.js';

/**
`ccgate restore [N]`: put back the newest backup of a file, or the Nth newest (`--list` numbers them) (its current state is backed up first, so restore can be undone).
What ccgate had written that the restored file holds again is recorded again, so `remove` can take it out.
*/
export async function runRestore(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	const target = targetFromFlags(flags, context);
	const directory = ccgateDirectory(context);
	const backups = listBackups(directory, target.path);
	const [number] = rest;
	if (flags.list) {
		if (number !== undefined) {
			throw new UserError({code: 'option-conflict', level: 'error', message: `ccgate restore --list takes no number ("${number}")`, fix: 'give --list alone, then ccgate restore N'});
		}

		context.stdout(backups.length === 0 ? `No backups of ${targetLabel(target, context.home)}.\n` : layoutTable(backups.map((backup, index) => [String(index + 1), backup]), {width: context.stdoutTerminal?.columns}));
		return 0;
	}

	if (backups.length === 0) {
		throw new UserError({code: 'backup-missing', level: 'error', message: `ccgate has no backup of ${targetLabel(target, context.home)}`, fix: 'check the file name, or see ccgate restore --list'}, 1);
	}

	const chosen = number === undefined ? 1 : (/^\d{1,6}$/.test(number) ? Number(number) : Number.NaN);
	const newest = backups[chosen - 1];
	if (newest === undefined) {
		throw new UserError({code: 'backup-missing', level: 'error', message: `There is no backup ${number!} of ${targetLabel(target, context.home)}: ccgate restore --list numbers its ${backups.length === 1 ? 'one backup 1' : `${backups.length} backups 1 to ${backups.length}`}`, fix: 'give one of those numbers'});
	}

	const text = readBackup(newest, chosen, target.kind === 'settings', context.home);
	const current = readTextIfExists(resolveLinkTarget(target.path, context.home), context.home);
	if (flags['dry-run']) {
		context.stdout(`Would restore ${targetLabel(target, context.home)} from ${newest}.\n`);
		return 0;
	}

	const store = new Store(context);
	if (target.kind === 'settings') {
		assertSecretFilePresent(text, store.writeRecord(target.path) ?? store.previousWriteRecord(target.path), newest, context.home);
	}

	await store.withLock(async () => {
		assertFileUnchanged(target.path, current, targetLabel(target, context.home), context.home);
		const made = current === undefined ? undefined : backupFile(directory, target.path, current, context);
		try {
			writeFileSafely(target.path, text, {expected: current, secret: holdsSecret(text), label: targetLabel(target, context.home), home: context.home});
		} catch (error) {
			// A restore that failed (a full disk) leaves the backups as they were: the next restore picks the same one.
			if (made !== undefined) {
				deleteFile(made, context.home);
			}

			throw error;
		}

		const record = store.writeRecord(target.path) ?? recordAfterRestore(target, text, store.previousWriteRecord(target.path));
		if (record !== undefined) {
			await store.setWriteRecord(target.path, record);
		}
	});
	context.stdout(`Restored ${targetLabel(target, context.home)} from ${newest}.\n`);
	return 0;
}

/** A restored settings file holding a token or key becomes 0600; otherwise the file keeps its mode. */
function holdsSecret(text: string): boolean {
	try {
		const values = settingsValues(parseSettingsText(text, 'The backup'));
		return secretsIn(values).some(secret => secret !== noAuthPlaceholder);
	} catch {
		// Not a settings file (a shell profile): it holds no secret of ccgate's.
		return false;
	}
}

/**
A backup is put back only when it is a regular file (not a link to something else) and, for a settings file, JSON
with an object at its top level; anything else is refused (exit 1) naming it, with how to pick another.
*/
function readBackup(backup: string, number: number, isSettings: boolean, home: string): string {
	const refuse = (why: string) => new UserError({code: 'backup-refused', level: 'error', message: `The backup ${backup} ${why}, so ccgate will not restore it`, fix: `pick another with ccgate restore --list and ccgate restore N${number === 1 ? ' (2 is the one before)' : ''}`}, 1);
	if (!lstatSync(backup).isFile()) {
		throw refuse('is not a regular file');
	}

	const text = readTextIfExists(backup, home) ?? '';
	if (isSettings) {
		try {
			parseSettingsText(text, backup);
		} catch (error) {
			if (error instanceof UserError) {
				throw refuse('is not a settings file (not JSON, or not an object)');
			}

			throw error;
		}
	}

	return text;
}

/** A restored apiKeyHelper that reads ccgate's secret file needs that file: `remove` deleted it, and a restore cannot bring a secret back. */
function assertSecretFilePresent(text: string, record: WriteRecord | undefined, backup: string, home: string): void {
	const helper = settingsValues(parseSettingsText(text, backup)).apiKeyHelper;
	const file = record?.secretFile;
	if (file !== undefined && isSecretFileHelper(helper, file, home) && !existsSync(file)) {
		throw new UserError({code: 'backup-refused', level: 'error', message: `The backup ${backup} sets apiKeyHelper to read ${file}, which ccgate remove deleted, so Claude Code would fail with it`, fix: 'write the credential again with ccgate write --secret-file --token-stdin, or pick another backup with ccgate restore --list'}, 1);
	}
}
