import path from 'node:path';
import {UserError} from '../core/findings.js';
import {settingsPath} from '../io/paths.js';
import {defaultProfilePath} from '../io/profile-path.js';
import type {Target} from '../io/targets.js';
import type {CommandContext} from '../app/context.js';
import {type Flags, scopeFlag, shellToUse, targetKindFlag} from './flags.js';

/** The file a command acts on: `--settings`, `--scope`, or with `--to shell` the shell's profile. */
export function targetFromFlags(flags: Flags, context: CommandContext): Target {
	if (targetKindFlag(flags) === 'shell') {
		if (flags.settings !== undefined || flags.scope !== undefined) {
			throw new UserError({code: 'option-conflict', level: 'error', message: '--to shell writes a shell profile, so --settings and --scope do not apply', fix: 'give --profile-file PATH to choose the profile'});
		}

		const shell = shellToUse(flags, context.env);
		const profile = flags['profile-file'] === undefined ? defaultProfilePath(shell, context) : path.resolve(context.cwd, flags['profile-file']);
		return {kind: 'shell', shell, path: profile};
	}

	if (flags['profile-file'] !== undefined) {
		throw new UserError({code: 'option-conflict', level: 'error', message: '--profile-file is for shell profiles', fix: 'add --to shell, or give --settings PATH for a settings file'});
	}

	if (flags.settings !== undefined) {
		if (flags.scope !== undefined) {
			throw new UserError({code: 'option-conflict', level: 'error', message: '--settings and --scope are both given', fix: 'give one of them'});
		}

		return {kind: 'settings', path: path.resolve(context.cwd, flags.settings), layer: 'user', explicit: true};
	}

	const scope = scopeFlag(flags);
	return {kind: 'settings', path: settingsPath(scope, context, context.cwd), layer: scope, explicit: false};
}
