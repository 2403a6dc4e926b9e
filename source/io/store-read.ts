import path from 'node:path';
import {UserError} from '../core/findings.js';
import type {KeyValues, OwnedKey} from '../core/keys.js';
import {parseGatewayConfig} from '../core/schema.js';
import type {ShellName} from '../core/shell.js';
import {ccgateDirectory, type Place} from './paths.js';
import {readTextIfExists} from './read-text.js';

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

/** A named gateway configuration (docs/contract.md §8). */
export type Profile = {readonly values: KeyValues; readonly savedAt: string};

export type StoreShape = {
	writes: Record<string, WriteRecord>;
	profiles: Record<string, Profile>;
	activeProfile?: string;
	/** The record of a target's last write, kept after `remove` for `restore`. */
	previousWrites: Record<string, WriteRecord>;
};

const empty: StoreShape = {writes: {}, profiles: {}, previousWrites: {}};

/**
ccgate's own store, `config.json` in ccgate's folder, read as it is on disk: without `conf` (which, with ajv,
takes some 35 ms to load), so the commands and the wizard that only read it start without it.
*/
export class StoreReader {
	readonly path: string;
	/** The home folder, for how errors name files. */
	protected readonly home: string;
	#data: Partial<StoreShape> | undefined;

	constructor(place: Place) {
		this.path = path.join(ccgateDirectory(place), 'config.json');
		this.home = place.home;
	}

	writeRecord(target: string): WriteRecord | undefined {
		return this.read('writes')[path.resolve(target)];
	}

	/** The record `remove` took away for this target, if any (for `restore`). */
	previousWriteRecord(target: string): WriteRecord | undefined {
		return this.read('previousWrites')[path.resolve(target)];
	}

	/** Every file ccgate has written to, with its record. */
	writtenTargets(): Array<{readonly path: string; readonly record: WriteRecord}> {
		return Object.entries(this.read('writes')).map(([target, record]) => ({path: target, record}));
	}

	/** Saved profiles; one whose values are not a gateway config (edited by hand) is left out. */
	profiles(): Record<string, Profile> {
		const profiles: Record<string, Profile> = {};
		for (const [name, profile] of Object.entries(this.read('profiles'))) {
			const values = parseGatewayConfig(profile?.values);
			if (values) {
				profiles[name] = {values, savedAt: profile.savedAt};
			}
		}

		return profiles;
	}

	activeProfile(): string | undefined {
		return this.read('activeProfile');
	}

	protected read<K extends keyof StoreShape>(key: K): StoreShape[K] {
		this.#data ??= this.parse();
		return this.#data[key] ?? empty[key];
	}

	/** The file's contents; a file that is not a JSON object is refused, never overwritten. */
	protected parse(): Partial<StoreShape> {
		const text = readTextIfExists(this.path, this.home);
		if (text === undefined) {
			return {};
		}

		try {
			const data = JSON.parse(text) as unknown;
			if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
				return data;
			}
		} catch {}

		throw new UserError({level: 'error', message: `ccgate's store ${this.path} is not a JSON object`, fix: 'repair the file, or move it away (it holds ccgate\'s profiles and the record of what it wrote)'});
	}
}
