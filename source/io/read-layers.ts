import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {type LayerName, UserError} from '../core/findings.js';
import {envKeys, type KeyValues} from '../core/keys.js';
import type {Layer} from '../core/layers.js';
import {claudeState, readAs} from '../core/client-files.js';
import {parseJson} from '../core/json-shape.js';
import {parseSettingsText, readSettings} from '../core/settings-text.js';
import {readTextIfExists} from './read-text.js';
import {claudeStatePath, foldersUp, managedSettingsPath, type Place, settingsPath} from './paths.js';

function readSettingsLayer(name: LayerName, file: string, home: string, isTrusted: () => boolean): Layer | undefined {
	let text: string | undefined;
	try {
		// A FIFO, a device, a huge or non-UTF-8 file is not read: the layer reports it instead.
		text = readTextIfExists(file, home);
	} catch (error) {
		if (error instanceof UserError) {
			return {name, path: file, values: {}, env: {}, trusted: isTrusted(), problem: {...error.finding, level: 'error', layer: file}};
		}

		throw error;
	}

	if (text === undefined) {
		return undefined;
	}

	const trusted = isTrusted();
	try {
		const {values, env} = readSettings(parseSettingsText(text, file));
		return {name, path: file, values, env, trusted};
	} catch (error) {
		if (error instanceof UserError) {
			return {name, path: file, values: {}, env: {}, trusted, problem: {...error.finding, level: 'error', fix: 'fix the file by hand', layer: file}};
		}

		throw error;
	}
}

/**
Has Claude Code's trust dialog been accepted for `cwd` (or a folder above it)?
Project and local `env` apply only then.
*/
export function isFolderTrusted(cwd: string, place: Place): boolean {
	let text: string | undefined;
	try {
		// Claude Code's state file grows with its history: a larger cap than settings files get.
		text = readTextIfExists(claudeStatePath(place), place.home, 256 * 1024 * 1024);
	} catch {
		return false;
	}

	if (text === undefined) {
		return false;
	}

	// Only what ccgate reads is checked, `projects[<folder>].hasTrustDialogAccepted === true`: another shape is no trust.
	const projects = readAs(claudeState(), parseJson(text)?.data)?.projects;
	return projects !== undefined && foldersUp(cwd).some(folder => Object.hasOwn(projects, folder) && projects[folder]?.hasTrustDialogAccepted === true);
}

export type ReadLayersOptions = {
	readonly cwd: string;
	readonly env: Place['env'];
	readonly home: string;
	/** Count project and local layers even where Claude Code has not trusted the folder. */
	readonly trustProject?: boolean;
};

/** Every layer Claude Code would read for `cwd`, lowest first. Layers that do not exist are left out. */
export function readLayers({cwd, env, home, trustProject = false}: ReadLayersOptions): Layer[] {
	const place = {env, home};
	const layers: Layer[] = [];
	const shellValues: KeyValues = {};
	const shellEnv: Record<string, string> = {};
	for (const [name, value] of Object.entries(env)) {
		if (value !== undefined) {
			shellEnv[name] = value;
		}
	}

	for (const key of envKeys) {
		if (env[key] !== undefined) {
			shellValues[key] = env[key];
		}
	}

	layers.push({name: 'shell', values: shellValues, env: shellEnv, trusted: true});
	// Claude Code's state file can be large: it is read only once there is a project or local file to trust.
	let trusted: boolean | undefined;
	const isProjectTrusted = () => {
		trusted ??= trustProject || isFolderTrusted(cwd, place);
		return trusted;
	};

	const always = () => true;
	for (const [name, file, layerTrusted] of [
		['user', settingsPath('user', place, cwd), always],
		['project', settingsPath('project', place, cwd), isProjectTrusted],
		['local', settingsPath('local', place, cwd), isProjectTrusted],
	] as const) {
		// Started in the home folder, the project file is the user file: one layer, not two.
		if (name !== 'user' && path.resolve(file) === path.resolve(settingsPath('user', place, cwd))) {
			continue;
		}

		const layer = readSettingsLayer(name, file, home, layerTrusted);
		if (layer) {
			layers.push(layer);
		}
	}

	const managed = managedSettingsPath(env);
	const managedFiles = [managed];
	const dropIns = path.join(path.dirname(managed), 'managed-settings.d');
	try {
		// Asked first without an exception: the folder is usually missing, and a thrown error costs start-up time.
		if (existsSync(dropIns)) {
			managedFiles.push(...readdirSync(dropIns).filter(file => file.endsWith('.json')).sort().map(file => path.join(dropIns, file)));
		}
	} catch {}

	for (const file of managedFiles) {
		const layer = readSettingsLayer('managed', file, home, always);
		if (layer) {
			layers.push(layer);
		}
	}

	return layers;
}
