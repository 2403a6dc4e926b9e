import {parseHeaders} from './headers.js';
import {noAuthPlaceholder, type OwnedKey, secretKeys} from './keys.js';

/** How output shows --no-auth's placeholder token. */
export const noCredentialShown = '(none: no credential)';

/*
A header carries a secret when its name says so as a word: `authorization`, `proxy-authorization`, `cookie`,
`x-api-key`, `x-portkey-api-key`, `x-portkey-virtual-key`, `x-auth-token`, `x-client-secret`. A word that only
appears inside another (`x-portkey-provider`, `x-keyboard-layout`) never makes a value secret.
*/
const secretHeaderWords = new Set(['cookie', 'key', 'apikey', 'token', 'secret', 'password', 'passwd', 'credential', 'credentials', 'session', 'signature']);

/** First four and last four characters around `…` from 16 characters up, else `****`. */
export function maskSecret(secret: string): string {
	const characters = [...secret];
	if (characters.length >= 16) {
		return `${characters.slice(0, 4).join('')}…${characters.slice(-4).join('')}`;
	}

	return '****';
}

export function isSecretHeaderName(name: string): boolean {
	return name.toLowerCase().split(/[-_.]/).some(word => secretHeaderWords.has(word) || word.startsWith('auth'));
}

/** A key's value as output may show it: secrets masked, credential-like header values masked. */
export function maskValue(key: OwnedKey, value: string): string {
	// --no-auth's placeholder is no secret, and "****" would pass it off as one.
	if (key === 'ANTHROPIC_AUTH_TOKEN' && value === noAuthPlaceholder) {
		return noCredentialShown;
	}

	if (secretKeys.has(key)) {
		return maskSecret(value);
	}

	if (key === 'ANTHROPIC_CUSTOM_HEADERS') {
		return parseHeaders(value)
			.map(header => `${header.name}: ${isSecretHeaderName(header.name) ? maskSecret(header.value) : header.value}`)
			.join('\n');
	}

	return value;
}

/** Every secret string inside a set of values, to scrub from text such as a diff. */
export function secretsIn(values: Partial<Record<OwnedKey, string>>): string[] {
	const secrets: string[] = [];
	for (const key of secretKeys) {
		const value = values[key];
		if (value) {
			secrets.push(value);
		}
	}

	for (const header of parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS)) {
		if (isSecretHeaderName(header.name) && header.value) {
			secrets.push(header.value);
		}
	}

	return secrets;
}

// Characters a credential is made of: a secret next to one of them is part of a longer word, not the secret.
const tokenCharacter = String.raw`[\w\-.~+/=]`;

function escapeRegExp(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|]/g, String.raw`\$&`);
}

/**
Replace each secret in `text` by its mask (longest first, so a secret inside another is not half-masked).
Only whole words are replaced: a short token such as `t` must not mask every t in `https`.
*/
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	let scrubbed = text;
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		// In JSON text the secret may appear escaped.
		for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
			const pattern = new RegExp(`(?<!${tokenCharacter})${escapeRegExp(form)}(?!${tokenCharacter})`, 'g');
			scrubbed = scrubbed.replace(pattern, () => maskSecret(secret));
		}
	}

	return scrubbed;
}
