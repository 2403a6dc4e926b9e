import path from 'node:path';
import {gatewayOf} from '../core/api-format.js';
import {UserError} from '../core/findings.js';
import {parseHeader} from '../core/headers.js';
import {planValues} from '../core/plan.js';
import {managedFileName, managedFragment, managedPlaces} from '../core/managed-fragment.js';
import {parseSharedProfile, shareProfile, unshareProfile} from '../core/profile-share.js';
import {checkHeaderLine, checkHeaders, checkSecretText, checkValues} from '../core/validate.js';
import {readTextIfExists} from '../io/read-text.js';
import {type KeyValues, type OwnedKey, ownedKeys} from '../core/keys.js';
import {resolveEffective} from '../core/layers.js';
import {layoutTable} from '../core/table-layout.js';
import {ccgateDirectory} from '../io/paths.js';
import {readLayers} from '../io/read-layers.js';
import {type Profile, Store} from '../io/store.js';
import {shownName} from '../io/store-read.js';
import type {CommandContext} from '../app/context.js';
import {type Flags, timeoutFlag, valueRequest} from './flags.js';
import {askLine, askSecret, readSecretInput} from './ask.js';
import {targetFromFlags} from './target-flags.js';
import {refuseOnError} from './shared.js';
import {say} from './say.js';
import {writeTarget} from './write.js';
import {ExitCode} from './exit-code.js';

const profileName = /^[\w.-]{1,64}$/;

export function checkName(name: string | undefined, action: string, command = `ccgate profile ${action}`): string {
	if (name === undefined) {
		throw new UserError({code: 'profile-name-missing', level: 'error', message: `${command} needs a profile name`, fix: `give it, as in ${command} work`});
	}

	if (!profileName.test(name)) {
		throw new UserError({code: 'profile-name-invalid', level: 'error', message: `The profile name ${shownName(name)} is not usable`, fix: 'use at most 64 letters, digits, ".", "-" and "_"'});
	}

	return name;
}

export function unknownProfile(name: string, profiles: ReadonlyMap<string, Profile>): UserError {
	const names = [...profiles.keys()].sort();
	return new UserError({code: 'profile-unknown', level: 'error', message: `There is no profile named ${name}`, fix: names.length === 0 ? 'save one first with ccgate profile save NAME' : `use one of: ${names.join(', ')}`});
}

/** Value flags given to `profile save` (or a preset): then the profile is those, not the effective config. */
function hasValueFlags(flags: Flags): boolean {
	return ['preset', 'base-url', 'auth-token', 'api-key', 'api-key-helper', 'no-auth', 'token-stdin', 'header', 'discovery', 'model', 'opus-model', 'sonnet-model', 'haiku-model', 'fable-model', 'subagent-model'].some(flag => flags[flag as keyof Flags] !== undefined);
}

/** `ccgate profile list | save NAME | use NAME | rm NAME | export NAME | import FILE`: named gateways in ccgate's 0600 store. */
export async function runProfile(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	const [action, name, ...extra] = rest;
	if (extra.length > 0) {
		throw new UserError({code: 'profile-name-invalid', level: 'error', message: `ccgate profile ${action ?? ''} takes one name, not "${[name, ...extra].join(' ')}"`, fix: 'give one profile name'});
	}

	const store = new Store(context);
	switch (action) {
		case undefined:
		case 'list': {
			const profiles = store.profiles();
			const active = store.activeProfile();
			const names = [...profiles.keys()].sort();
			if (flags.json) {
				context.stdout(`${JSON.stringify(names.map(profile => ({name: profile, baseUrl: gatewayOf(profiles.get(profile)!.values)?.url ?? null, active: profile === active})), undefined, 2)}\n`);
			} else if (names.length === 0) {
				context.stdout('No profiles yet; save the current configuration with ccgate profile save NAME.\n');
			} else {
				const rows = names.map(profile => [`${profile === active ? '*' : ' '} ${profile}`, gatewayOf(profiles.get(profile)!.values)?.url ?? '(no base URL)']);
				context.stdout(layoutTable(rows, {width: context.stdoutTerminal?.columns}));
			}

			return 0;
		}

		case 'save': {
			const checked = checkName(name, 'save');
			let values: KeyValues;
			const fromFlags = hasValueFlags(flags);
			if (fromFlags) {
				// Saved from the flags (and --preset) alone: nothing configured here is copied into it.
				const request = await valueRequest(flags, context);
				values = planValues({current: {}, request, target: 'settings', writtenByCcgate: () => false});
				refuseOnError(checkValues(values), context);
			} else {
				values = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])})).values;
			}

			const gateway = gatewayOf(values);
			if (gateway === undefined) {
				throw new UserError({code: 'gateway-missing', level: 'error', message: 'No gateway is configured here to save', fix: 'set one up with ccgate or ccgate write --base-url URL first, or give --preset NAME or --base-url URL'});
			}

			await store.setProfile(checked, {values, savedAt: new Date(context.now()).toISOString()});
			// The one in force is marked active: saved from what is configured here, it is; saved from flags, nothing was written.
			if (!fromFlags) {
				await store.setActiveProfile(checked);
			}

			context.stdout(`Saved profile ${checked} (${gateway.url}).\n`);
			return 0;
		}

		case 'use': {
			const checked = checkName(name, 'use');
			const profiles = store.profiles();
			const profile = profiles.get(checked);
			if (profile === undefined) {
				throw unknownProfile(checked, profiles);
			}

			const target = targetFromFlags(flags, context);
			const values: KeyValues = {...profile.values};
			// The profile replaces ccgate's keys in the target: what it does not hold is taken out.
			const unset: OwnedKey[] = ownedKeys.filter(key => values[key] === undefined);
			const code = await writeTarget(target, {set: values, unset, noAuth: false, secretFile: Boolean(flags['secret-file'])}, {dryRun: Boolean(flags['dry-run']), probe: Boolean(flags.probe), timeoutMs: timeoutFlag(flags), trustProject: Boolean(flags['trust-project'])}, context);
			if (code === 0 && !flags['dry-run']) {
				await store.setActiveProfile(checked);
			}

			return code;
		}

		case 'rm': {
			const checked = checkName(name, 'rm');
			const profiles = store.profiles();
			if (!profiles.has(checked)) {
				throw unknownProfile(checked, profiles);
			}

			await store.setProfile(checked, undefined);
			if (store.activeProfile() === checked) {
				await store.setActiveProfile(undefined);
			}

			context.stdout(`Removed profile ${checked}.\n`);
			return 0;
		}

		case 'export': {
			const checked = checkName(name, 'export');
			const profiles = store.profiles();
			const profile = profiles.get(checked);
			if (profile === undefined) {
				throw unknownProfile(checked, profiles);
			}

			if (flags.managed) {
				exportManaged(checked, profile.values, context);
				return 0;
			}

			context.stdout(`${JSON.stringify(shareProfile(checked, profile.values), undefined, 2)}\n`);
			return 0;
		}

		case 'import': {
			if (name === undefined) {
				throw new UserError({code: 'profile-import-no-file', level: 'error', message: 'ccgate profile import needs the file to import', fix: 'give it, as in ccgate profile import work.json --token-stdin'});
			}

			return importProfile(name, flags, store, context);
		}

		default: {
			throw new UserError({code: 'command-unknown', level: 'error', message: `ccgate profile ${action} is not a profile command`, fix: 'use list, save NAME, use NAME, rm NAME, export NAME or import FILE'});
		}
	}
}

/**
`profile export NAME --managed`: the profile as managed settings for a team rollout (docs/contract.md §8), on stdout
so it can go straight into a file; where it goes and what the administrator must still do, on stderr.
*/
function exportManaged(name: string, values: KeyValues, context: CommandContext): void {
	const secrets = path.join(ccgateDirectory(context), 'secrets');
	const secretsFromHome = path.relative(context.home, secrets);
	// ccgate's own helper prints a file of this machine's (io/secret-file-helper.ts): no use on another.
	const isOwnSecretFile = (command: string) => command.startsWith('cat ') && (command.includes(secrets) || (!secretsFromHome.startsWith('..') && command.includes(`/${secretsFromHome}/`)));
	const fragment = managedFragment(values, isOwnSecretFile);
	context.stdout(`${JSON.stringify(fragment.settings, undefined, 2)}\n`);
	const places = managedPlaces(managedFileName(name));
	const width = Math.max(...places.map(place => place.platform.length));
	context.stderr([
		`Managed settings for profile ${name}: put them in force on each machine as this drop-in file, or merge them into the single file named beside it. They win over every user, project and local settings file.`,
		...places.map(place => `  ${place.platform.padEnd(width)}  ${place.dropIn}  (or ${place.single})`),
		'',
	].join('\n'));
	if (fragment.credentialLeftOut) {
		say(context, {code: 'managed-credential-placeholder', level: 'warning', message: 'apiKeyHelper holds a placeholder: the profile\'s credential is not in the fragment', fix: 'replace it with your organisation\'s command that prints a developer\'s gateway credential'});
	}

	for (const header of fragment.secretHeaders) {
		say(context, {code: 'managed-header-left-out', level: 'warning', message: `The secret header ${header} is left out`, fix: 'add it in each developer\'s own settings, or have the gateway take the credential apiKeyHelper prints'});
	}

	if (fragment.modelLeftOut) {
		say(context, {code: 'managed-model-left-out', level: 'warning', message: `The model ${values.model ?? ''} is left out: in managed settings it would fix every developer's model`, fix: 'add "model" to the fragment if that is what you want'});
	}
}

/**
An imported profile that runs a command for its key (apiKeyHelper) shows it, and is imported only when confirmed: at a
terminal by answering y, from a script by --yes. Without either, nothing is written.
*/
async function confirmHelper(name: string, helper: string | undefined, flags: Flags, context: CommandContext): Promise<void> {
	if (helper === undefined) {
		return;
	}

	const shown = JSON.stringify(helper);
	if (flags.yes) {
		say(context, {code: 'profile-import-helper', level: 'warning', message: `The profile ${name} runs ${shown} for its key (apiKeyHelper), imported because --yes was given`, fix: `remove it with ccgate profile rm ${name} unless you trust that command`});
		return;
	}

	if (!context.isTerminal) {
		throw new UserError({code: 'profile-import-helper', level: 'error', message: `The profile ${name} runs ${shown} for its key (apiKeyHelper), and there is no terminal to confirm it at`, fix: 'read the command, and pass --yes to import it if you trust it'});
	}

	const answer = await askLine(`The profile ${name} runs ${shown} for its key (apiKeyHelper). Import it? [y/N] `, context);
	if (!/^y(?:es)?$/i.test(answer.trim())) {
		context.stderr('Nothing was imported.\n');
		throw new ExitCode(1);
	}
}

/** `profile import FILE`: a shared profile plus the secret (from --token-stdin or typed at a terminal) and secret headers (--header). */
async function importProfile(file: string, flags: Flags, store: Store, context: CommandContext): Promise<number> {
	const text = readTextIfExists(path.resolve(context.cwd, file), context.home);
	if (text === undefined) {
		throw new UserError({code: 'profile-import-no-file', level: 'error', message: `There is no file ${file}`, fix: 'give the path of a file made by ccgate profile export'});
	}

	const shared = parseSharedProfile(text, file);
	const checked = checkName(shared.name, 'import');
	const profiles = store.profiles();
	if (profiles.has(checked)) {
		throw new UserError({code: 'profile-exists', level: 'error', message: `A profile named ${checked} exists already`, fix: `remove it first with ccgate profile rm ${checked}, or keep it`});
	}

	const headerValues = new Map<string, string>();
	for (const line of flags.header ?? []) {
		const [error] = checkHeaderLine(line);
		if (error) {
			throw new UserError(error);
		}

		const header = parseHeader(line);
		headerValues.set(header.name.toLowerCase(), header.value);
	}

	// Checked as typed values are, before anything is asked: each header on its own (joined, a line break in one
	// would make two), then every value.
	const headers = shared.headers.map(header => ({name: header.name, value: header.value ?? headerValues.get(header.name.toLowerCase()) ?? ''}));
	refuseOnError([...checkHeaders(headers), ...checkValues(shared.values)].filter(finding => finding.level === 'error'), context);
	await confirmHelper(checked, shared.values.apiKeyHelper, flags, context);

	let secret: string | undefined;
	if (shared.secret !== null) {
		if (flags['token-stdin']) {
			secret = await readSecretInput(context, `The ${shared.secret}`);
		} else if (context.isTerminal) {
			secret = await askSecret(`The ${shared.secret} for ${shared.values.ANTHROPIC_BASE_URL ?? checked}: `, context);
		} else {
			throw new UserError({code: 'profile-import-secret', level: 'error', message: `The profile ${checked} needs its ${shared.secret}, and there is no terminal to ask for it`, fix: `pipe it in with --token-stdin, as in: printenv GATEWAY_TOKEN | ccgate profile import ${file} --token-stdin`});
		}

		const problem = checkSecretText(shared.secret, secret).find(finding => finding.level === 'error');
		if (problem) {
			throw new UserError(problem);
		}
	}

	const values = unshareProfile(shared, secret, headerValues);
	refuseOnError(checkValues(values), context);
	await store.setProfile(checked, {values, savedAt: new Date(context.now()).toISOString()});
	context.stdout(`Imported profile ${checked} (${values.ANTHROPIC_BASE_URL ?? 'no base URL'}); switch to it with ccgate profile use ${checked}.\n`);
	return 0;
}
