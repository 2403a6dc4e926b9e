import path from 'node:path';
import type Conf from 'conf';
import {UserError} from '../core/findings.js';
import {makeFolders} from './files.js';
import {type Profile, StoreReader, type StoreShape, type WriteRecord} from './store-read.js';

export type {Profile, WriteRecord} from './store-read.js';

/**
ccgate's own store, `config.json` in ccgate's folder, 0600: read directly, written through `conf`, loaded then.
Every change is a read-modify-write of the file as it is on disk now, under a lock (`proper-lockfile`, a lock folder
beside the store), so parallel runs of ccgate lose no record.
*/
export class Store extends StoreReader {
	#opened: Conf<StoreShape> | undefined;
	#locked = false;

	/**
	Run `work` holding the store's lock (taken once: a change inside `work` does not take it again).
	`write` and `remove` apply a whole plan under it, so a check of the file on disk and the write that follows are not interleaved with another run's.
	*/
	async withLock<T>(work: () => Promise<T>): Promise<T> {
		if (this.#locked) {
			return work();
		}

		const folder = path.dirname(this.path);
		makeFolders(folder, this.home);
		// proper-lockfile is CommonJS: bundled, its functions sit on the default export.
		const lockfile = await import('proper-lockfile');
		const lock = lockfile.lock ?? (lockfile as unknown as {default: typeof lockfile}).default.lock;
		let release: () => Promise<void>;
		try {
			release = await lock(folder, {realpath: false, lockfilePath: `${this.path}.lock`, stale: 10_000, retries: {retries: 200, factor: 1.2, minTimeout: 10, maxTimeout: 250}});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
				throw new UserError({level: 'error', message: `Another ccgate is changing ${this.path} and did not finish`, fix: 'wait for it and run the command again'}, 1);
			}

			throw error;
		}

		this.#locked = true;
		try {
			return await work();
		} finally {
			this.#locked = false;
			await release();
		}
	}

	async setWriteRecord(target: string, record: WriteRecord | undefined): Promise<void> {
		await this.withLock(async () => {
			const conf = await this.#open();
			const key = path.resolve(target);
			const writes = {...conf.get('writes')};
			const previous = {...conf.get('previousWrites')};
			if (record === undefined) {
				if (writes[key]) {
					// Kept, so a `restore` that brings ccgate's values back brings back the record of them too.
					previous[key] = writes[key];
				}

				delete writes[key];
			} else {
				writes[key] = record;
				delete previous[key];
			}

			conf.set('writes', writes);
			conf.set('previousWrites', previous);
		});
	}

	async setProfile(name: string, profile: Profile | undefined): Promise<void> {
		await this.withLock(async () => {
			const conf = await this.#open();
			const profiles = {...conf.get('profiles')};
			if (profile === undefined) {
				delete profiles[name];
			} else {
				profiles[name] = profile;
			}

			conf.set('profiles', profiles);
		});
	}

	async setActiveProfile(name: string | undefined): Promise<void> {
		await this.withLock(async () => {
			const conf = await this.#open();
			if (name === undefined) {
				conf.delete('activeProfile');
			} else {
				conf.set('activeProfile', name);
			}
		});
	}

	protected override read<K extends keyof StoreShape>(key: K): StoreShape[K] {
		return this.#opened ? this.#opened.get(key) : super.read(key);
	}

	async #open(): Promise<Conf<StoreShape>> {
		if (this.#opened === undefined) {
			this.parse(); // Refuse a damaged file before conf would.
			// conf makes its folder with the umask's mode; ccgate's own is 0700.
			makeFolders(path.dirname(this.path), this.home);
			const {default: Conf} = await import('conf');
			this.#opened ??= new Conf<StoreShape>({
				projectName: 'ccgate',
				projectSuffix: '',
				configFileMode: 0o600,
				cwd: path.dirname(this.path),
				accessPropertiesByDotNotation: false,
				defaults: {writes: {}, profiles: {}, previousWrites: {}},
			});
		}

		return this.#opened;
	}
}
