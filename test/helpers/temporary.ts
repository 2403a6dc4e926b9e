import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new empty folder in the temporary directory, removed after the test file (test/setup/each-file.ts). */
export function temporaryFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	made.push(folder);
	return folder;
}

/** Remove every folder temporaryFolder() made in this test file. */
export function removeTemporaryFolders(): void {
	for (const folder of made.splice(0)) {
		rmSync(folder, {recursive: true, force: true});
	}
}
