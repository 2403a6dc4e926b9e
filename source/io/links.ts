import {lstatSync, readlinkSync} from 'node:fs';
import path from 'node:path';
import {UserError} from '../core/findings.js';
import {fileLabel} from './file-errors.js';

/** The file a path finally names, following symlinks even when the last one dangles. */
export function resolveLinkTarget(file: string, home: string): string {
	let current = path.resolve(file);
	for (let hops = 0; hops < 40; hops++) {
		let stats;
		try {
			stats = lstatSync(current);
		} catch {
			return current;
		}

		if (!stats.isSymbolicLink()) {
			return current;
		}

		current = path.resolve(path.dirname(current), readlinkSync(current));
	}

	throw new UserError({code: 'file-link-loop', level: 'error', message: `${fileLabel(file, home)} is a loop of symbolic links`, fix: 'point the link at a real file'}, 1);
}
