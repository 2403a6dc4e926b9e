import {createHash} from 'node:crypto';
import path from 'node:path';
import type Conf from 'conf';
import {type Profile, StoreReader, type StoreShape, type WriteRecord} from './store-read.js';

export type {Profile, WriteRecord} from './store-read.js';

export function hashValue(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** ccgate's own store, `config.json` in ccgate's folder, 0600: read directly, written through `conf`, loaded then. */
export class Store extends StoreReader {
	#opened: Conf<StoreShape> | undefined;

	async setWriteRecord(target: string, record: WriteRecord | undefined): Promise<void> {
		const writes = {...this.read('writes')};
		if (record === undefined) {
			delete writes[path.resolve(target)];
		} else {
			writes[path.resolve(target)] = record;
		}

		(await this.#open()).set('writes', writes);
	}

	async setProfile(name: string, profile: Profile | undefined): Promise<void> {
		const profiles = {...this.read('profiles')};
		if (profile === undefined) {
			delete profiles[name];
		} else {
			profiles[name] = profile;
		}

		(await this.#open()).set('profiles', profiles);
	}

	async setActiveProfile(name: string | undefined): Promise<void> {
		const conf = await this.#open();
		if (name === undefined) {
			conf.delete('activeProfile');
		} else {
			conf.set('activeProfile', name);
		}
	}

	protected override read<K extends keyof StoreShape>(key: K): StoreShape[K] {
		return this.#opened ? this.#opened.get(key) : super.read(key);
	}

	async #open(): Promise<Conf<StoreShape>> {
		if (this.#opened === undefined) {
			this.parse(); // Refuse a damaged file before conf would.
			const {default: Conf} = await import('conf');
			this.#opened ??= new Conf<StoreShape>({
				projectName: 'ccgate',
				projectSuffix: '',
				configFileMode: 0o600,
				cwd: path.dirname(this.path),
				accessPropertiesByDotNotation: false,
				defaults: {writes: {}, profiles: {}},
			});
		}

		return this.#opened;
	}
}
