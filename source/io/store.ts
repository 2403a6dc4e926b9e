import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type {KeyValues, OwnedKey} from '../core/keys.js';
import {parseGatewayConfig} from '../core/schema.js';
import type {ShellName} from '../core/shell.js';
import {ccgateDirectory, type Environment} from './paths.js';

/** What ccgate wrote to one target, so `remove` takes out only that. */
export type WriteRecord = {
	readonly kind: 'settings' | 'shell';
	/** Each key ccgate wrote, with a SHA-256 of the value (the store keeps no second copy of a secret). */
	readonly keys: Partial<Record<OwnedKey, string>>;
	/** ccgate's 0600 secret file for this target. */
	readonly secretFile?: string;
	/** Shell targets: the shell, and the 0600 files holding the variables. */
	readonly shell?: ShellName;
	readonly variablesFile?: string;
	readonly valuesFile?: string;
	/** Shell targets: ccgate created the profile, so `remove` deletes it once nothing but its block was in it. */
	readonly createdProfile?: boolean;
};

/** A named gateway configuration (SPEC §8). */
export type Profile = {readonly values: KeyValues; readonly savedAt: string};

type StoreShape = {
	writes: Record<string, WriteRecord>;
	profiles: Record<string, Profile>;
	activeProfile?: string;
};

export function hashValue(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** ccgate's own store: `config.json` in ccgate's folder, 0600. */
export class Store {
	readonly #directory: string;
	#opened: Conf<StoreShape> | undefined;

	constructor(env: Environment) {
		this.#directory = ccgateDirectory(env);
	}

	get path(): string {
		return path.join(this.#directory, 'config.json');
	}

	/** conf writes its defaults as soon as it opens, so a store never written is read without opening it. */
	#read<K extends keyof StoreShape>(key: K): StoreShape[K] {
		if (this.#opened === undefined && !existsSync(this.path)) {
			return {writes: {}, profiles: {}}[key as 'writes'] as StoreShape[K];
		}

		return this.#open().get(key);
	}

	#open(): Conf<StoreShape> {
		this.#opened ??= new Conf<StoreShape>({
			projectName: 'ccgate',
			projectSuffix: '',
			configFileMode: 0o600,
			cwd: this.#directory,
			accessPropertiesByDotNotation: false,
			defaults: {writes: {}, profiles: {}},
		});
		return this.#opened;
	}

	writeRecord(target: string): WriteRecord | undefined {
		return this.#read('writes')[path.resolve(target)];
	}

	setWriteRecord(target: string, record: WriteRecord | undefined): void {
		const writes = {...this.#read('writes')};
		if (record === undefined) {
			delete writes[path.resolve(target)];
		} else {
			writes[path.resolve(target)] = record;
		}

		this.#open().set('writes', writes);
	}

	/** Saved profiles; one whose values are not a gateway config (edited by hand) is left out. */
	profiles(): Record<string, Profile> {
		const profiles: Record<string, Profile> = {};
		for (const [name, profile] of Object.entries(this.#read('profiles'))) {
			const values = parseGatewayConfig(profile?.values);
			if (values) {
				profiles[name] = {values, savedAt: profile.savedAt};
			}
		}

		return profiles;
	}

	setProfile(name: string, profile: Profile | undefined): void {
		const profiles = {...this.#read('profiles')};
		if (profile === undefined) {
			delete profiles[name];
		} else {
			profiles[name] = profile;
		}

		this.#open().set('profiles', profiles);
	}

	activeProfile(): string | undefined {
		return this.#read('activeProfile');
	}

	setActiveProfile(name: string | undefined): void {
		if (name === undefined) {
			this.#open().delete('activeProfile');
		} else {
			this.#open().set('activeProfile', name);
		}
	}
}
