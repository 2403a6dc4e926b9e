import path from 'node:path';
import {UserError} from '../core/findings.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
Where a command runs, as its context gives it: the environment and the home folder (the entry takes it from the
process; a test gives a temporary one). Every path of ccgate's and Claude Code's is found from these alone.
*/
export type Place = {
	readonly env: Environment;
	readonly home: string;
};

/**
The home folder: `$HOME` when it is an absolute path, else the account's home from the password database (`account`,
which the entry gives: only it reads the process); with neither, exit 2. An empty, `.` or relative `HOME` would put
secrets, the store and backups in the current folder.
*/
export function homeFolder(env: Environment, account: () => string): string {
	const home = env['HOME'];
	if (home !== undefined && path.isAbsolute(home)) {
		return home;
	}

	let fallback: string | undefined;
	try {
		fallback = account();
	} catch {}

	if (fallback !== undefined && path.isAbsolute(fallback)) {
		return fallback;
	}

	throw new UserError({code: 'home-invalid', level: 'error', message: `HOME is ${home === undefined ? 'not set' : `${JSON.stringify(home.slice(0, 200))}, not an absolute path`}, and this account has no home folder in the password database`, fix: 'set HOME to your home folder, as in HOME=/home/me'});
}

/**
A folder an environment variable names, or undefined when it is unset or empty (read as unset everywhere: one
reading), or relative: the XDG rule, so that no file of ccgate's lands in whatever folder a command runs in.
*/
function folderVariable(env: Environment, name: string): string | undefined {
	const value = env[name];
	return value && path.isAbsolute(value) ? value : undefined;
}

/** Claude Code's own folder: `$CLAUDE_CONFIG_DIR`, else `~/.claude`; an empty one is unset, a relative one refused. */
export function claudeConfigDirectory({env, home}: Place): string {
	const value = env['CLAUDE_CONFIG_DIR'];
	if (value && !path.isAbsolute(value)) {
		throw new UserError({code: 'config-dir-relative', level: 'error', message: `CLAUDE_CONFIG_DIR is ${JSON.stringify(value.slice(0, 200))}, a relative path, which Claude Code reads from whatever folder it starts in`, fix: 'set CLAUDE_CONFIG_DIR to an absolute path, or unset it'});
	}

	return value || path.join(home, '.claude');
}

/** Where Claude Code keeps folder trust: `~/.claude.json` (inside `$CLAUDE_CONFIG_DIR` when that is set). */
export function claudeStatePath(place: Place): string {
	return path.join(place.env['CLAUDE_CONFIG_DIR'] ? claudeConfigDirectory(place) : place.home, '.claude.json');
}

/** `$XDG_CONFIG_HOME` when absolute, else `~/.config`. */
export function configHome({env, home}: Place): string {
	return folderVariable(env, 'XDG_CONFIG_HOME') ?? path.join(home, '.config');
}

/** zsh's folder for `.zshrc`: `$ZDOTDIR` when absolute, else the home folder. */
export function zshFolder({env, home}: Place): string {
	return folderVariable(env, 'ZDOTDIR') ?? home;
}

export type Scope = 'user' | 'project' | 'local';

export function settingsPath(scope: Scope, place: Place, cwd: string): string {
	switch (scope) {
		case 'user': {
			return path.join(claudeConfigDirectory(place), 'settings.json');
		}

		case 'project': {
			return path.join(cwd, '.claude', 'settings.json');
		}

		case 'local': {
			return path.join(cwd, '.claude', 'settings.local.json');
		}
	}
}

export function managedSettingsPath(env: Environment): string {
	if (env['CCGATE_MANAGED_SETTINGS']) {
		return env['CCGATE_MANAGED_SETTINGS'];
	}

	switch (process.platform) {
		case 'darwin': {
			return '/Library/Application Support/ClaudeCode/managed-settings.json';
		}

		case 'win32': {
			return 'C:\\Program Files\\ClaudeCode\\managed-settings.json';
		}

		default: {
			return '/etc/claude-code/managed-settings.json';
		}
	}
}

/** ccgate's own folder: `$CCGATE_CONFIG_DIR`, else `${XDG_CONFIG_HOME:-~/.config}/ccgate`. */
export function ccgateDirectory(place: Place): string {
	return folderVariable(place.env, 'CCGATE_CONFIG_DIR') ?? path.join(configHome(place), 'ccgate');
}

export function discoveryCachePath(place: Place): string {
	return path.join(claudeConfigDirectory(place), 'cache', 'gateway-models.json');
}

/** A folder and every folder above it, nearest first, up to the root. */
export function foldersUp(folder: string): string[] {
	const folders = [path.resolve(folder)];
	for (let parent = path.dirname(folders[0]!); parent !== folders.at(-1); parent = path.dirname(parent)) {
		folders.push(parent);
	}

	return folders;
}
