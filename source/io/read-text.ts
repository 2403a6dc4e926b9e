import {readFileSync} from 'node:fs';

/** A file's text, or undefined when it is not there. Kept apart from the writers so readers load no write library. */
export function readTextIfExists(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ENOENT' || code === 'ENOTDIR') {
			return undefined;
		}

		throw error;
	}
}
