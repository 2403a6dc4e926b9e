import {formatHeaders, parseHeaders} from './headers.js';
import {envKeys, type KeyValues, noAuthPlaceholder} from './keys.js';
import {isSecretHeaderName} from './mask.js';

/*
A profile as managed settings, for a team rollout (docs/contract.md §8): what an administrator puts in force on every
developer's machine, above every user, project and local file. It never holds a secret: a credential becomes an
apiKeyHelper the administrator replaces with the organisation's own command.
*/

/** What the fragment's apiKeyHelper says until the administrator replaces it; run as it is, it fails and says why. */
export const credentialCommandPlaceholder = 'echo "replace apiKeyHelper with a command that prints the developer\'s gateway credential" >&2; exit 1';

export type ManagedSettings = {
	readonly env: Readonly<Record<string, string>>;
	readonly apiKeyHelper?: string;
};

export type ManagedFragment = {
	readonly settings: ManagedSettings;
	/** The profile's credential is left out, and apiKeyHelper holds the placeholder for it. */
	readonly credentialLeftOut: boolean;
	/** Headers whose values are secrets: left out, by name. */
	readonly secretHeaders: readonly string[];
	/** The profile's `model`, left out: in managed settings it would fix every developer's model. */
	readonly modelLeftOut: boolean;
};

/** The managed-settings file names per platform (docs/contract.md §4), where a drop-in named `file` goes. */
export function managedPlaces(file: string): Array<{platform: string; dropIn: string; single: string}> {
	return [
		{platform: 'Linux', dropIn: `/etc/claude-code/managed-settings.d/${file}`, single: '/etc/claude-code/managed-settings.json'},
		{platform: 'macOS', dropIn: `/Library/Application Support/ClaudeCode/managed-settings.d/${file}`, single: '/Library/Application Support/ClaudeCode/managed-settings.json'},
		{platform: 'Windows', dropIn: `C:\\Program Files\\ClaudeCode\\managed-settings.d\\${file}`, single: 'C:\\Program Files\\ClaudeCode\\managed-settings.json'},
	];
}

/** The drop-in's file name: the profile's name where it is a plain one, since a name is data and may hold anything. */
export function managedFileName(profile: string): string {
	return /^[\w.-]{1,64}$/.test(profile) && !profile.startsWith('.') ? `ccgate-${profile}.json` : 'ccgate.json';
}

/**
The fragment for a profile's values. `isOwnSecretFile` tells whether an apiKeyHelper is ccgate's own command that
prints its secret file (which exists on this machine only).
*/
export function managedFragment(values: KeyValues, isOwnSecretFile: (command: string) => boolean): ManagedFragment {
	const token = values.ANTHROPIC_AUTH_TOKEN;
	const tokenIsSecret = token !== undefined && token !== '' && token !== noAuthPlaceholder;
	const keyIsSecret = values.ANTHROPIC_API_KEY !== undefined && values.ANTHROPIC_API_KEY !== '';
	const helper = values.apiKeyHelper;
	const credentialLeftOut = tokenIsSecret || keyIsSecret || (helper !== undefined && isOwnSecretFile(helper));
	const env: Record<string, string> = {};
	const secretHeaders: string[] = [];
	for (const key of envKeys) {
		const value = values[key];
		if (value === undefined || (key === 'ANTHROPIC_AUTH_TOKEN' && tokenIsSecret) || (key === 'ANTHROPIC_API_KEY' && keyIsSecret)) {
			continue;
		}

		if (key === 'ANTHROPIC_CUSTOM_HEADERS') {
			const headers = parseHeaders(value);
			secretHeaders.push(...headers.filter(header => isSecretHeaderName(header.name)).map(header => header.name));
			const shared = formatHeaders(headers.filter(header => !isSecretHeaderName(header.name)));
			if (shared !== undefined) {
				env[key] = shared;
			}

			continue;
		}

		env[key] = value;
	}

	const apiKeyHelper = credentialLeftOut ? credentialCommandPlaceholder : helper;
	return {
		settings: {env, ...(apiKeyHelper !== undefined && {apiKeyHelper})},
		credentialLeftOut,
		secretHeaders,
		modelLeftOut: values.model !== undefined,
	};
}
