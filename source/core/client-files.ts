import * as z from 'zod/mini';
// `z.catch` by another name: the linter takes a call of `.catch` with two arguments for a promise's.
import {catch as fallingBackTo} from 'zod/mini';

/*
Claude Code's own files as ccgate reads them, each a zod/mini schema built on first use: the top level of a settings
layer, its state file (`~/.claude.json`), its credentials file, its gateway discovery cache, and a JWT's claims.
Only what ccgate reads is described; every other field is kept and not looked at (loose objects), as the client adds
fields monthly.
A field of the wrong shape is read as absent (`z.catch`): that is how ccgate has always treated them, and the layer's
other keys still count. An edit refuses a wrong `env` on its own (core/settings-text.ts).
*/

/** A field read as absent when it is missing or of another shape. */
function absentIfInvalid<T extends z.ZodMiniType>(schema: T) {
	return fallingBackTo(z.optional(schema), undefined);
}

const optionalString = () => absentIfInvalid(z.string());

/** A schema built on first use, not at start-up. */
function lazy<T>(build: () => T): () => T {
	let built: T | undefined;
	return () => {
		built ??= build();
		return built;
	};
}

/** A settings file's top level: `env` (values a string, or a number or boolean the client turns into one) and the keys ccgate writes. */
export const settingsTopLevel = lazy(() => {
	// One schema for the five text fields: a schema holds no state, and each one built costs start-up time.
	const text = optionalString();
	return z.looseObject({
		env: absentIfInvalid(z.record(z.string(), z.unknown())),
		model: text,
		apiKeyHelper: text,
		forceLoginMethod: text,
		forceLoginGatewayUrl: text,
		forceLoginOrgUUID: text,
	});
});

/** `~/.claude.json`: the folders whose trust dialog was accepted. */
export const claudeState = lazy(() => z.looseObject({
	projects: fallingBackTo(z.optional(z.record(z.string(), fallingBackTo(z.looseObject({
		hasTrustDialogAccepted: absentIfInvalid(z.boolean()),
	}), {}))), undefined),
}));

/** `.credentials.json`: a claude.ai login, and a signed-in session of Anthropic's own gateway. */
export const claudeCredentials = lazy(() => z.looseObject({
	claudeAiOauth: absentIfInvalid(z.looseObject({accessToken: optionalString()})),
	enterpriseGateway: fallingBackTo(z.optional(z.looseObject({
		url: z.string(),
		jwt: z.string(),
		expiresAt: absentIfInvalid(z.number()),
		idpRefreshToken: optionalString(),
	})), undefined),
	gatewayTrust: absentIfInvalid(z.record(z.string(), z.unknown())),
}));

/** The discovery cache as the client (2.1.328) writes and reads it back: anything else is no cache it could use. */
export const discoveryCacheFile = lazy(() => z.looseObject({
	baseUrl: z.string(),
	fetchedAt: z.number(),
	models: z.array(z.looseObject({id: z.string(), display_name: z.optional(z.string())})),
}));

/** A JWT's payload: its issue and expiry times, where they are numbers. */
export const jwtClaims = lazy(() => z.looseObject({
	iat: absentIfInvalid(z.number()),
	exp: absentIfInvalid(z.number()),
}));

/** `data` read by `schema`, or undefined when it does not fit (the caller says what that means). */
export function readAs<T>(schema: z.ZodMiniType<T>, data: unknown): T | undefined {
	const result = schema.safeParse(data);
	return result.success ? result.data : undefined;
}
