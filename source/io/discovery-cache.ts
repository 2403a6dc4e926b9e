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

	try {
		const data = JSON.parse(text) as {baseUrl?: unknown; fetchedAt?: unknown; models?: unknown};
		return {
			path: file,
			baseUrl: typeof data.baseUrl === 'string' ? data.baseUrl : undefined,
			fetchedAt: typeof data.fetchedAt === 'number' ? data.fetchedAt : undefined,
			models: Array.isArray(data.models) ? (data.models as Array<{id: string; display_name?: string}>).filter(model => typeof model?.id === 'string') : [],
		};
	} catch {
		return {path: file, models: []};
	}
}
