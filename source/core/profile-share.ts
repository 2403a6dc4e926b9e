import * as z from 'zod/mini';
import {UserError} from './findings.js';
import {parseJson, shapeProblem} from './json-shape.js';
import {formatHeaders, parseHeaders} from './headers.js';
import {type KeyValues, noAuthPlaceholder, type OwnedKey, ownedKeys} from './keys.js';
import {isSecretHeaderName} from './mask.js';

/** The credential variables whose value `profile export` leaves out. */
const secretVariables = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'] as const;

/** A header in a shared profile: a secret one keeps its name only, to be filled in at import. */
export type SharedHeader = {readonly name: string; readonly value?: string; readonly secret?: true};

/**
A profile as `profile export` prints it: every value but the secrets, which are named so that
`profile import` knows what to ask for.

@example
{ccgate: 'profile', version: 1, name: 'work', values: {ANTHROPIC_BASE_URL: 'https://gw.example.com'}, secret: 'ANTHROPIC_AUTH_TOKEN', headers: [{name: 'x-api-key', secret: true}]}
*/
export type SharedProfile = {
	readonly ccgate: 'profile';
	readonly version: 1;
	readonly name: string;
	/** ccgate's keys without the credential and without ANTHROPIC_CUSTOM_HEADERS. */
	readonly values: KeyValues;
	/** Which variable the secret goes to at import; null when the profile holds none. */
	readonly secret: (typeof secretVariables)[number] | null;
	readonly headers: readonly SharedHeader[];
};

function isSecretValue(key: OwnedKey, value: string): boolean {
	return (secretVariables as readonly string[]).includes(key) && value !== '' && value !== noAuthPlaceholder;
}

export function shareProfile(name: string, values: KeyValues): SharedProfile {
	const shared: KeyValues = {};
	let secret: SharedProfile['secret'] = null;
	for (const key of ownedKeys) {
		const value = values[key];
		if (value === undefined || key === 'ANTHROPIC_CUSTOM_HEADERS') {
			continue;
		}

		if (isSecretValue(key, value)) {
			// With both set, the token is what Claude Code prefers to send as the gateway's credential.
			secret ??= key as SharedProfile['secret'];
		} else {
			shared[key] = value;
		}
	}

	const headers = parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS).map((header): SharedHeader => (isSecretHeaderName(header.name) ? {name: header.name, secret: true} : {name: header.name, value: header.value}));
	return {ccgate: 'profile', version: 1, name, values: shared, secret, headers};
}

function sharedSchema() {
	return z.strictObject({
		ccgate: z.literal('profile'),
		version: z.literal(1),
		name: z.string(),
		values: z.strictObject(Object.fromEntries(ownedKeys.map(key => [key, z.optional(z.string())])) as Record<OwnedKey, z.ZodMiniOptional<z.ZodMiniString>>),
		secret: z.nullable(z.enum(secretVariables)),
		headers: z.array(z.strictObject({name: z.string(), value: z.optional(z.string()), secret: z.optional(z.literal(true))})),
	});
}

/** Read a shared profile; anything else is refused with what the file should be. */
export function parseSharedProfile(text: string, file: string): SharedProfile {
	const parsed = parseJson(text);
	if (parsed === undefined) {
		throw new UserError({code: 'profile-import-invalid', level: 'error', message: `${file} is not JSON`, fix: 'give a file made by ccgate profile export'});
	}

	const result = sharedSchema().safeParse(parsed.data);
	if (!result.success) {
		const problem = shapeProblem(parsed.data, result.error);
		throw new UserError({code: 'profile-import-invalid', level: 'error', message: `${file} is not a profile from ccgate profile export (${problem})`, fix: 'export it again with ccgate profile export NAME'});
	}

	if (result.data.secret !== null && result.data.values[result.data.secret] !== undefined) {
		throw new UserError({code: 'profile-import-secret', level: 'error', message: `${file} holds a value for ${result.data.secret}, which a shared profile leaves out`, fix: 'export it again with ccgate profile export NAME'});
	}

	return result.data;
}

/** The profile's values again, with the secret and the secret headers' values the importer gave. */
export function unshareProfile(shared: SharedProfile, secret: string | undefined, headerValues: ReadonlyMap<string, string>): KeyValues {
	const values: KeyValues = {...shared.values};
	if (shared.secret !== null) {
		if (secret === undefined) {
			throw new Error('unshareProfile needs the secret');
		}

		values[shared.secret] = secret;
	}

	const headers = shared.headers.map(header => {
		const value = header.secret ? headerValues.get(header.name.toLowerCase()) : header.value;
		if (value === undefined) {
			throw new UserError({code: 'profile-header-secret-missing', level: 'error', message: `The profile ${shared.name} needs the value of its secret header ${header.name}`, fix: `give it as --header '${header.name}: VALUE'`});
		}

		return {name: header.name, value};
	});
	const text = formatHeaders(headers);
	if (text !== undefined) {
		values.ANTHROPIC_CUSTOM_HEADERS = text;
	}

	// In ccgate's own key order, as a saved profile holds them.
	return Object.fromEntries(ownedKeys.filter(key => values[key] !== undefined).map(key => [key, values[key]]));
}
