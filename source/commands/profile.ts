import {UserError} from '../core/findings.js';
import {type KeyValues, type OwnedKey, ownedKeys} from '../core/keys.js';
import {resolveEffective} from '../core/layers.js';
import {readLayers} from '../io/read-layers.js';
import {type Profile, Store} from '../io/store.js';
import type {CommandContext} from './context.js';
import {type Flags, timeoutFlag} from './flags.js';
import {targetFromFlags} from './target-flags.js';
import {writeTarget} from './write.js';

const profileName = /^[\w.-]{1,64}$/;

function checkName(name: string | undefined, action: string): string {
	if (name === undefined) {
		throw new UserError({level: 'error', message: `ccgate profile ${action} needs a profile name`, fix: `give it, as in ccgate profile ${action} work`});
	}

	if (!profileName.test(name)) {
		throw new UserError({level: 'error', message: `The profile name ${JSON.stringify(name)} is not usable`, fix: 'use letters, digits, ".", "-" and "_" only'});
	}

	return name;
}

function unknownProfile(name: string, profiles: Record<string, Profile>): UserError {
	const names = Object.keys(profiles).sort();
	return new UserError({level: 'error', message: `There is no profile named ${name}`, fix: names.length === 0 ? 'save one first with ccgate profile save NAME' : `use one of: ${names.join(', ')}`});
}

/** `ccgate profile list | save NAME | use NAME | rm NAME`: named gateways in ccgate's 0600 store. */
export async function runProfile(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	const [action, name, ...extra] = rest;
	if (extra.length > 0) {
		throw new UserError({level: 'error', message: `ccgate profile ${action ?? ''} takes one name, not "${[name, ...extra].join(' ')}"`, fix: 'give one profile name'});
	}

	const store = new Store(context.env);
	switch (action) {
		case undefined:
		case 'list': {
			const profiles = store.profiles();
			const active = store.activeProfile();
			const names = Object.keys(profiles).sort();
			if (flags.json) {
				context.stdout(`${JSON.stringify(names.map(profile => ({name: profile, baseUrl: profiles[profile]!.values.ANTHROPIC_BASE_URL ?? null, active: profile === active})), undefined, 2)}\n`);
			} else if (names.length === 0) {
				context.stdout('No profiles yet; save the current configuration with ccgate profile save NAME.\n');
			} else {
				const width = Math.max(...names.map(profile => profile.length));
				for (const profile of names) {
					context.stdout(`${profile === active ? '*' : ' '} ${profile.padEnd(width)}  ${profiles[profile]!.values.ANTHROPIC_BASE_URL ?? '(no base URL)'}\n`);
				}
			}

			return 0;
		}

		case 'save': {
			const checked = checkName(name, 'save');
			const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, trustProject: Boolean(flags['trust-project'])}));
			if (effective.values.ANTHROPIC_BASE_URL === undefined) {
				throw new UserError({level: 'error', message: 'No gateway is configured here to save', fix: 'set one up with ccgate or ccgate write --base-url URL first'});
			}

			await store.setProfile(checked, {values: effective.values, savedAt: new Date().toISOString()});
			await store.setActiveProfile(checked);
			context.stdout(`Saved profile ${checked} (${effective.values.ANTHROPIC_BASE_URL}).\n`);
			return 0;
		}

		case 'use': {
			const checked = checkName(name, 'use');
			const profiles = store.profiles();
			const profile = profiles[checked];
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
			if (profiles[checked] === undefined) {
				throw unknownProfile(checked, profiles);
			}

			await store.setProfile(checked, undefined);
			if (store.activeProfile() === checked) {
				await store.setActiveProfile(undefined);
			}

			context.stdout(`Removed profile ${checked}.\n`);
			return 0;
		}

		default: {
			throw new UserError({level: 'error', message: `ccgate profile ${action} is not a profile command`, fix: 'use list, save NAME, use NAME or rm NAME'});
		}
	}
}
