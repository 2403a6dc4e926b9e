import path from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
Where a command runs, as its context gives it: the environment and the home folder (the entry takes it from the
process; a test gives a temporary one). Every path of ccgate's and Claude Code's is found from these alone.
*/
export type Place = {
	readonly env: Environment;
	readonly home: string;
};

/** Claude Code's own folder: `$CLAUDE_CONFIG_DIR`, else `~/.claude`. */
export function claudeConfigDirectory({env, home}: Place): string {
	return env['CLAUDE_CONFIG_DIR'] ?? path.join(home, '.claude');
}

/** Where Claude Code keeps folder trust: `~/.claude.json` (inside `$CLAUDE_CONFIG_DIR` when that is set). */
export function claudeStatePath({env, home}: Place): string {
	const configDirectory = env['CLAUDE_CONFIG_DIR'];
	return configDirectory ? path.join(configDirectory, '.claude.json') : path.join(home, '.claude.json');
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
export function ccgateDirectory({env, home}: Place): string {
	if (env['CCGATE_CONFIG_DIR']) {
		return env['CCGATE_CONFIG_DIR'];
	}

	return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'ccgate');
}

export function discoveryCachePath(place: Place): string {
	return path.join(claudeConfigDirectory(place), 'cache', 'gateway-models.json');
}
