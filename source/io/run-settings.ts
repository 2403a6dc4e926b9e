import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A settings file for one `ccgate run`, 0600 in a 0700 folder of its own; `remove()` takes both away. */
export type RunSettingsFile = {
	readonly path: string;
	remove(): void;
};

/** Write `settings` to a fresh temporary file only this user can read (it may hold the profile's secret). */
export function writeRunSettings(settings: unknown, env: Readonly<Record<string, string | undefined>>): RunSettingsFile {
	const directory = mkdtempSync(path.join(env['TMPDIR'] ?? os.tmpdir(), 'ccgate-run-'));
	chmodSync(directory, 0o700);
	const file = path.join(directory, 'settings.json');
	writeFileSync(file, `${JSON.stringify(settings, undefined, '\t')}\n`, {mode: 0o600, flag: 'wx'});
	let removed = false;
	return {
		path: file,
		remove() {
			if (!removed) {
				removed = true;
				rmSync(directory, {recursive: true, force: true});
			}
		},
	};
}
