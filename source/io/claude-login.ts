import path from 'node:path';
import {type ForcedLogin, forcedLoginOf, type LoginState, parseCredentials} from '../core/claude-login.js';
import {parseJson} from '../core/json-shape.js';
import type {Layer} from '../core/layers.js';
import {claudeConfigDirectory, type Place} from './paths.js';
import {readTextIfExists} from './read-text.js';

/** Claude Code's credentials file on Linux and Windows: `<config dir>/.credentials.json` (macOS keeps it in the keychain). */
export function credentialsPath(place: Place): string {
	return path.join(claudeConfigDirectory(place), '.credentials.json');
}

function readJson(file: string, home: string): unknown {
	try {
		const text = readTextIfExists(file, home);
		return text === undefined ? undefined : parseJson(text)?.data;
	} catch {
		// An unreadable or broken file says nothing about a sign-in; the layers report a broken settings file.
		return undefined;
	}
}

/**
Claude Code's sign-in state: its credentials file, and the forceLogin* keys of managed settings (which win) or the
user's settings, the files Claude Code reads them from.
*/
export function readLoginState(place: Place, layers: readonly Layer[]): LoginState {
	let forced: ForcedLogin | undefined;
	for (const layer of [...layers].reverse()) {
		if ((layer.name === 'managed' || layer.name === 'user') && layer.path !== undefined && !layer.problem) {
			forced = forcedLoginOf(readJson(layer.path, place.home), layer.path);
			if (forced) {
				break;
			}
		}
	}

	return {...parseCredentials(readJson(credentialsPath(place), place.home)), ...(forced ? {forced} : {})};
}
