import os from 'node:os';
import path from 'node:path';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The home folder from the command's environment (so a command run in-process gets its own), else the process's. */
export function homeDirectory(env?: Environment): string {
	return env?.['HOME'] || os.homedir();
}

/** Claude Code's own folder: `$CLAUDE_CONFIG_DIR`, else `~/.claude`. */
export function claudeConfigDirectory(env: Environment): string {
	return env['CLAUDE_CONFIG_DIR'] ?? path.join(homeDirectory(env), '.claude');
}

/** Where Claude Code keeps folder trust: `~/.claude.json` (inside `$CLAUDE_CONFIG_DIR` when that is set). */
export function claudeStatePath(env: Environment): string {
	const configDirectory = env['CLAUDE_CONFIG_DIR'];
	return configDirectory ? path.join(configDirectory, '.claude.json') : path.join(homeDirectory(env), '.claude.json');
}

export type Scope = 'user' | 'project' | 'local';

export function settingsPath(scope: Scope, env: Environment, cwd: string): string {
	switch (scope) {
		case 'user': {
			return path.join(claudeConfigDirectory(env), 'settings.json');
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
export function ccgateDirectory(env: Environment): string {
	if (env['CCGATE_CONFIG_DIR']) {
		return env['CCGATE_CONFIG_DIR'];
	}

	return path.join(env['XDG_CONFIG_HOME'] || path.join(homeDirectory(env), '.config'), 'ccgate');
}

export function discoveryCachePath(env: Environment): string {
	return path.join(claudeConfigDirectory(env), 'cache', 'gateway-models.json');
}
