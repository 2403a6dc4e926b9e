import path from 'node:path';
import * as z from 'zod/mini';
import {UserError} from '../core/findings.js';
import {parseJson, shapeProblem} from '../core/json-shape.js';
import {type KeyValues, type OwnedKey, ownedKeys} from '../core/keys.js';
import {parseGatewayConfig} from '../core/schema.js';
import {type ShellName, shellNames} from '../core/shell.js';
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

/**
The store as read: every map keyed by data (a target's path, a profile's name), never by an object's property, so a
profile named `constructor` or `__proto__` is a name like any other.
*/
export type StoreData = {
	readonly writes: ReadonlyMap<string, WriteRecord>;
	readonly profiles: ReadonlyMap<string, Profile>;
	readonly activeProfile?: string;
	/** The record of a target's last write, kept after `remove` for `restore`. */
	readonly previousWrites: ReadonlyMap<string, WriteRecord>;
};

let schemas: {
	readonly top: z.ZodMiniType;
	readonly record: z.ZodMiniType<WriteRecord>;
	readonly profile: z.ZodMiniType<{values: unknown; savedAt: string}>;
} | undefined;

function storeSchemas(): NonNullable<typeof schemas> {
	const table = z.record(z.string(), z.unknown());
	schemas ??= {
		top: z.looseObject({writes: z.optional(table), profiles: z.optional(table), activeProfile: z.optional(z.string()), previousWrites: z.optional(table)}),
		record: z.strictObject({
			kind: z.enum(['settings', 'shell']),
			keys: z.partialRecord(z.enum(ownedKeys), z.string()),
			secretFile: z.optional(z.string()),
			shell: z.optional(z.enum(shellNames)),
			variablesFile: z.optional(z.string()),
			valuesFile: z.optional(z.string()),
			createdProfile: z.optional(z.boolean()),
		}),
		profile: z.looseObject({values: z.unknown(), savedAt: z.string()}),
	};
	return schemas;
}

/** The entries of a JSON object as a Map: own keys only, `__proto__` included. */
function entriesOf(value: unknown): Array<[string, unknown]> {
	return typeof value === 'object' && value !== null ? Object.entries(value) : [];
}

/** A name as a sentence may show it: never more than 64 characters, control characters escaped. */
export function shownName(name: string): string {
	const short = name.length > 64 ? `${name.slice(0, 61)}...` : name;
	return JSON.stringify(short);
}

/**
ccgate's own store, `config.json` in ccgate's folder, read as it is on disk: without `conf` (which, with ajv,
takes some 35 ms to load), so the commands and the wizard that only read it start without it.
Every read passes a schema: each record's shape, and each file a record names inside ccgate's own folder.
*/
export class StoreReader {
	readonly path: string;
	/** The home folder, for how errors name files. */
	protected readonly home: string;
	#data: StoreData | undefined;

	constructor(place: Place) {
		this.path = path.join(ccgateDirectory(place), 'config.json');
		this.home = place.home;
	}

	writeRecord(target: string): WriteRecord | undefined {
		return this.data().writes.get(path.resolve(target));
	}

	/** The record `remove` took away for this target, if any (for `restore`). */
	previousWriteRecord(target: string): WriteRecord | undefined {
		return this.data().previousWrites.get(path.resolve(target));
	}

	/** Every file ccgate has written to, with its record. */
	writtenTargets(): Array<{readonly path: string; readonly record: WriteRecord}> {
		return [...this.data().writes].map(([target, record]) => ({path: target, record}));
	}

	/** Saved profiles, by name. */
	profiles(): ReadonlyMap<string, Profile> {
		return this.data().profiles;
	}

	activeProfile(): string | undefined {
		return this.data().activeProfile;
	}

	protected data(): StoreData {
		this.#data ??= this.parse();
		return this.#data;
	}

	/** Forget what was read, so the next question reads the file again (after a change under the lock). */
	protected forget(): void {
		this.#data = undefined;
	}

	/** The file's contents, validated; a file that is not a valid store is refused (exit 1), never overwritten. */
	protected parse(): StoreData {
		const text = readTextIfExists(this.path, this.home);
		if (text === undefined) {
			return {writes: new Map(), profiles: new Map(), previousWrites: new Map()};
		}

		const parsed = parseJson(text);
		if (parsed === undefined) {
			throw this.damaged('it is not JSON');
		}

		const {top, record, profile} = storeSchemas();
		const checked = top.safeParse(parsed.data);
		if (!checked.success) {
			throw this.damaged(shapeProblem(parsed.data, checked.error));
		}

		const data: Record<string, unknown> = Object.fromEntries(entriesOf(parsed.data));
		const records = (key: 'writes' | 'previousWrites') => new Map(entriesOf(data[key]).map(([target, value]) => {
			const result = record.safeParse(value);
			if (!result.success) {
				throw this.damaged(`the record of ${JSON.stringify(target.slice(0, 200))} in ${key}: ${shapeProblem(value, result.error)}`);
			}

			this.assertOwnFiles(result.data);
			return [target, result.data];
		}));
		const profiles = new Map<string, Profile>();
		for (const [name, value] of entriesOf(data['profiles'])) {
			const result = profile.safeParse(value);
			const values = result.success ? parseGatewayConfig(result.data.values) : undefined;
			if (!result.success) {
				throw this.damaged(`the profile ${shownName(name)}: ${shapeProblem(value, result.error)}`);
			}

			if (values === undefined) {
				throw this.damaged(`the profile ${shownName(name)}: its values are not ccgate's keys, each a string`);
			}

			profiles.set(name, {values, savedAt: result.data.savedAt});
		}

		const active = data['activeProfile'];
		return {writes: records('writes'), previousWrites: records('previousWrites'), profiles, ...(typeof active === 'string' && {activeProfile: active})};
	}

	/** A record's files are ccgate's own: a path outside its folder would let a damaged store delete or overwrite any file. */
	private assertOwnFiles(record: WriteRecord): void {
		const folder = path.dirname(this.path);
		for (const file of [record.secretFile, record.variablesFile, record.valuesFile]) {
			if (file === undefined) {
				continue;
			}

			const relative = path.relative(folder, path.resolve(folder, file));
			if (!path.isAbsolute(file) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
				throw this.damaged(`a record names ${JSON.stringify(file.slice(0, 200))}, which is not inside ${folder}`);
			}
		}
	}

	private damaged(problem: string): UserError {
		return new UserError({code: 'store-invalid', level: 'error', message: `ccgate's store ${this.path} is damaged (${problem}), so ccgate changes nothing`, fix: 'repair the file, or move it away (it holds ccgate\'s profiles and the record of what it wrote)'}, 1);
	}
}
