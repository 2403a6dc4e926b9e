import path from 'node:path';
import type {CommandContext} from '../../app/context.js';
import {effectiveFindings} from '../../core/effective-report.js';
import {type EffectiveConfig, resolveEffective} from '../../core/layers.js';
import {shellFromEnv} from '../../core/shell.js';
import {checkValues} from '../../core/validate.js';
import {resolveLinkTarget} from '../../io/links.js';
import {readTextIfExists} from '../../io/read-text.js';
import {isInsideGitRepository} from '../../io/git-folder.js';
import {settingsPath} from '../../io/paths.js';
import {defaultProfilePath} from '../../io/profile-path.js';
import {readLayers} from '../../io/read-layers.js';
import {StoreReader} from '../../io/store-read.js';
import {isSecretFileHelper} from '../../io/secret-file-helper.js';
import {displayPath} from '../model/display.js';
import {type DraftField, draftFields, draftFromValues, fieldKeys, type SecretFileCredential} from '../model/draft.js';
import type {TargetOption, WizardOptions, WizardSetup} from '../model/services.js';

/** ccgate's secret file behind the effective apiKeyHelper, when ccgate wrote it there. */
function secretFileCredential(effective: EffectiveConfig, store: StoreReader | undefined, home: string): SecretFileCredential | undefined {
	const helper = effective.keys.find(resolved => resolved.key === 'apiKeyHelper');
	const file = helper?.layer.path === undefined ? undefined : store?.writeRecord(helper.layer.path)?.secretFile;
	if (helper === undefined || file === undefined || !isSecretFileHelper(helper.value, file, home)) {
		return undefined;
	}

	const secret = readTextIfExists(file, home);
	return secret === undefined ? undefined : {helper: helper.value, secret};
}

function fieldsFromShell(effective: EffectiveConfig): Set<DraftField> {
	return new Set(draftFields.filter(field => {
		const resolved = effective.keys.filter(entry => fieldKeys[field].includes(entry.key));
		return resolved.length > 0 && resolved.every(entry => entry.layer.name === 'shell');
	}));
}

function secretFileReason(file: string, home: string): string | undefined {
	const real = resolveLinkTarget(file, home);
	if (real !== path.resolve(file)) {
		return `${displayPath(file, undefined, home)} is a symbolic link (to ${displayPath(real, undefined, home)}), as in a dotfiles repository`;
	}

	return isInsideGitRepository(real) ? `${displayPath(file, undefined, home)} sits inside a git repository` : undefined;
}

/** Read everything the wizard starts from: the layers, the effective config, profiles, and the places it can write. */
export function loadSetup(options: Pick<WizardOptions, 'trustProject' | 'shell'>, context: CommandContext): WizardSetup {
	const {env, cwd, home} = context;
	const layers = readLayers({cwd, env, home, trustProject: options.trustProject});
	const effective = resolveEffective(layers);
	const store = new StoreReader(context);
	const shell = options.shell ?? shellFromEnv(env['SHELL']);
	const userSettings = settingsPath('user', context, cwd);
	const targets: TargetOption[] = [
		{kind: 'settings', scope: 'user', title: 'User settings', where: displayPath(userSettings, undefined, home), layer: 'user'},
		{kind: 'settings', scope: 'local', title: 'Project-local settings', where: displayPath(settingsPath('local', context, cwd), cwd, home), layer: 'local'},
	];
	try {
		targets.push({kind: 'shell', title: `Shell profile (${shell})`, where: displayPath(defaultProfilePath(shell, context), undefined, home), layer: 'shell'});
	} catch {
		// PowerShell on Windows has no profile ccgate can guess; `ccgate write --to shell --profile-file` covers it.
	}

	targets.push({kind: 'print', title: `Just print the export lines for ${shell}`, layer: 'shell'});
	const baseUrlLayer = effective.keys.find(resolved => resolved.key === 'ANTHROPIC_BASE_URL')?.layer.name;
	const reason = secretFileReason(userSettings, home);
	return {
		effective,
		currentFindings: [...effectiveFindings(effective, undefined), ...checkValues(effective.values)],
		baseline: draftFromValues(effective.values, secretFileCredential(effective, store, home)),
		fromShell: fieldsFromShell(effective),
		profiles: [...(store?.profiles() ?? new Map<string, never>())]
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([name, profile]) => ({name, draft: draftFromValues(profile.values)})),
		...(store.activeProfile() !== undefined && {activeProfile: store.activeProfile()}),
		shell,
		targets,
		defaultTarget: baseUrlLayer === 'local' ? 1 : 0,
		layers,
		...(reason !== undefined && {secretFileReason: reason}),
	};
}
