import {statSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type Conf from 'conf';
import {UserError} from '../core/findings.js';
import {withFileErrors, withFileErrorsAsync} from './file-errors.js';
import {makeFolders} from './files.js';
import {type Profile, StoreReader, type StoreData, type WriteRecord} from './store-read.js';

export type {Profile, WriteRecord} from './store-read.js';

/**
How long one lock another ccgate holds is waited for before the command gives up with its sentence. Each new holder
(parallel runs taking turns) starts the wait again: only a holder that keeps the lock this long is given up on.
*/
const lockWaitMs = 5000;

/** Which holder has the lock now: each run's lock is a folder of its own. */
function lockHolder(lockPath: string): string | undefined {
	try {
		const {ino, birthtimeMs} = statSync(lockPath);
		return `${ino}:${birthtimeMs}`;
	} catch {
		return undefined;
	}
}

type StoreShape = {
	writes: Record<string, WriteRecord>;
	profiles: Record<string, Profile>;
	activeProfile?: string;
	previousWrites: Record<string, WriteRecord>;
};

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
	Only a lock another ccgate holds is waited for; a folder that cannot hold one (read-only, a file) fails at once.
	*/
	async withLock<T>(work: () => Promise<T>): Promise<T> {
		if (this.#locked) {
			return work();
		}

		const folder = path.dirname(this.path);
		withFileErrors(folder, this.home, () => {
			makeFolders(folder, this.home);
		});
		// proper-lockfile is CommonJS: bundled, its functions sit on the default export.
		const lockfile = await import('proper-lockfile');
		const lock = lockfile.lock ?? (lockfile as unknown as {default: typeof lockfile}).default.lock;
		const lockPath = `${this.path}.lock`;
		const release = await withFileErrorsAsync(lockPath, this.home, async () => {
			// Time is counted in the pauses between tries, not read from the clock (only the entry reads the process).
			let waited = 0;
			let holder: string | undefined;
			for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
				try {
					// eslint-disable-next-line no-await-in-loop
					return await lock(folder, {realpath: false, lockfilePath: lockPath, stale: 10_000, retries: 0});
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
						throw error;
					}

					const now = lockHolder(lockPath);
					if (now !== holder) {
						holder = now;
						waited = 0;
					} else if (waited >= lockWaitMs) {
						throw new UserError({code: 'store-locked', level: 'error', message: `Another ccgate is changing ${this.path} and did not finish`, fix: 'wait for it and run the command again'}, 1);
					}

					// eslint-disable-next-line no-await-in-loop
					await sleep(wait);
					waited += wait;
				}
			}
		});

		this.#locked = true;
		try {
			return await work();
		} finally {
			this.#locked = false;
			await release();
		}
	}

	async setWriteRecord(target: string, record: WriteRecord | undefined): Promise<void> {
		await this.#change(data => {
			const key = path.resolve(target);
			const writes = new Map(data.writes);
			const previous = new Map(data.previousWrites);
			const current = writes.get(key);
			if (record === undefined) {
				if (current) {
					// Kept, so a `restore` that brings ccgate's values back brings back the record of them too.
					previous.set(key, current);
				}

				writes.delete(key);
			} else {
				writes.set(key, record);
				previous.delete(key);
			}

			return {writes, previousWrites: previous};
		});
	}

	async setProfile(name: string, profile: Profile | undefined): Promise<void> {
		await this.#change(data => {
			const profiles = new Map(data.profiles);
			if (profile === undefined) {
				profiles.delete(name);
			} else {
				profiles.set(name, profile);
			}

			return {profiles};
		});
	}

	async setActiveProfile(name: string | undefined): Promise<void> {
		await this.#change(() => ({activeProfile: name}));
	}

	/** Read the file as it is now (validated), change it, write it: under the lock. */
	async #change(change: (data: StoreData) => Partial<StoreData>): Promise<void> {
		await this.withLock(async () => {
			this.forget();
			const changed = change(this.data());
			const conf = await this.#open();
			withFileErrors(this.path, this.home, () => {
				for (const key of ['writes', 'profiles', 'previousWrites'] as const) {
					const map = changed[key];
					if (map !== undefined) {
						// Object.fromEntries defines each name as its own property: `__proto__` is stored as a name.
						conf.set(key, Object.fromEntries(map));
					}
				}

				if ('activeProfile' in changed) {
					if (changed.activeProfile === undefined) {
						conf.delete('activeProfile');
					} else {
						conf.set('activeProfile', changed.activeProfile);
					}
				}
			});
			this.forget();
		});
	}

	async #open(): Promise<Conf<StoreShape>> {
		if (this.#opened === undefined) {
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
