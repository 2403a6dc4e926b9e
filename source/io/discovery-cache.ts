import {discoveryCacheFile, readAs} from '../core/client-files.js';
import {parseJson} from '../core/json-shape.js';
import {readTextIfExists} from './read-text.js';
import {discoveryCachePath, type Place} from './paths.js';

/** Claude Code's gateway discovery cache, as it wrote it. */
export type DiscoveryCache = {
	readonly path: string;
	readonly baseUrl?: string;
	readonly fetchedAt?: number;
	readonly models: ReadonlyArray<{id: string; display_name?: string}>;
};

export function readDiscoveryCache(place: Place): DiscoveryCache | undefined {
	const file = discoveryCachePath(place);
	let text: string | undefined;
	try {
		text = readTextIfExists(file, place.home);
	} catch {
		// Not a regular file, too large, not UTF-8: no cache Claude Code could use.
		return {path: file, models: []};
	}

	if (text === undefined) {
		return undefined;
	}

	// The shape Claude Code 2.1.328 writes and reads back (its own schema): anything else is no cache it could use.
	const cache = readAs(discoveryCacheFile(), parseJson(text)?.data);
	if (cache === undefined) {
		return {path: file, models: []};
	}

	const models = cache.models.map(({id, display_name: displayName}) => ({id, ...(displayName === undefined ? {} : {display_name: displayName})}));
	return {path: file, baseUrl: cache.baseUrl, fetchedAt: cache.fetchedAt, models};
}
