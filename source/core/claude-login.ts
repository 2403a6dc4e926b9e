import {claudeCredentials, jwtClaims, readAs, settingsTopLevel} from './client-files.js';
import type {Finding} from './findings.js';
import {parseJson} from './json-shape.js';
import type {KeyValues} from './keys.js';

/*
Claude Code's own sign-in state, as far as ccgate can see it (docs/contract.md §3a; reference: "Claude apps gateway"): a session
with the organisation's Claude apps gateway (`/login` with `forceLoginMethod: "gateway"`), a saved claude.ai login,
and the `forceLogin*` settings. The session's token is kept only for the probe and never printed.
*/

/** A signed-in session with a Claude apps gateway: `enterpriseGateway` in Claude Code's credentials file. */
export type GatewaySession = {
	readonly url: string;
	/** When the session's token stops working, in ms since the epoch (the file's `expiresAt`). */
	readonly expiresAt?: number;
	/** An IdP refresh token is stored, so the client renews the session by itself. */
	readonly renewable: boolean;
	/** The file's `gatewayTrust` holds the gateway's host; without it the client asks for /login again. */
	readonly trusted: boolean;
	/** The session's bearer token: for the probe only, never shown. */
	readonly token: string;
};

/** `forceLoginMethod`, `forceLoginGatewayUrl`, `forceLoginOrgUUID` and the settings file that sets them. */
export type ForcedLogin = {
	readonly method?: string;
	readonly gatewayUrl?: string;
	readonly orgUuid?: string;
	readonly file: string;
};

export type LoginState = {
	readonly session?: GatewaySession;
	/** A claude.ai login (`claudeAiOauth`) is saved. */
	readonly savedLogin: boolean;
	readonly forced?: ForcedLogin;
};

/** The codes of the findings below (core/finding-codes.ts lists every code). */
type LoginCode = 'gateway-session-untrusted' | 'gateway-session-expired' | 'gateway-session-overrides' | 'login-forced' | 'gateway-login-missing' | 'login-conflict' | 'token-short-lived';
type LoginFinding = Finding & {readonly code: LoginCode};

function hostOf(url: string): string | undefined {
	try {
		return new URL(url).hostname.replaceAll(/^\[|]$/g, '');
	} catch {
		return undefined;
	}
}

/** What Claude Code's credentials file (`.credentials.json`) says about sign-ins; anything malformed counts as absent. */
export function parseCredentials(data: unknown): Pick<LoginState, 'session' | 'savedLogin'> {
	// No credentials file (most machines that use a gateway): no login, and no schema built for it on start-up.
	if (data === undefined) {
		return {savedLogin: false};
	}

	const credentials = readAs(claudeCredentials(), data);
	const savedLogin = credentials?.claudeAiOauth?.accessToken !== undefined;
	const gateway = credentials?.enterpriseGateway;
	const host = gateway === undefined ? undefined : hostOf(gateway.url);
	if (gateway === undefined || host === undefined) {
		return {savedLogin};
	}

	const trust = credentials?.gatewayTrust;
	const {expiresAt} = gateway;
	return {
		savedLogin,
		session: {
			url: gateway.url,
			...(expiresAt !== undefined && Number.isFinite(expiresAt) ? {expiresAt} : {}),
			renewable: gateway.idpRefreshToken !== undefined && gateway.idpRefreshToken !== '',
			trusted: trust !== undefined && Object.hasOwn(trust, host) && trust[host] !== undefined,
			token: gateway.jwt,
		},
	};
}

/** The forceLogin* keys of one settings file's top level, or undefined when it sets none. */
export function forcedLoginOf(data: unknown, file: string): ForcedLogin | undefined {
	const top = readAs(settingsTopLevel(), data);
	const text = (value: string | undefined) => (value === '' ? undefined : value);
	const method = text(top?.forceLoginMethod);
	const gatewayUrl = text(top?.forceLoginGatewayUrl);
	const orgUuid = text(top?.forceLoginOrgUUID);
	if (method === undefined && gatewayUrl === undefined && orgUuid === undefined) {
		return undefined;
	}

	return {file, ...(method === undefined ? {} : {method}), ...(gatewayUrl === undefined ? {} : {gatewayUrl}), ...(orgUuid === undefined ? {} : {orgUuid})};
}

/** `2026-12-05T23:20:00.000Z (in 34 min)`, or `(34 min ago)` once past. */
export function describeTime(at: number, now: number): string {
	const minutes = Math.floor(Math.abs(at - now) / 60_000);
	const span = minutes >= 120 ? `${Math.floor(minutes / 60)} h` : `${minutes} min`;
	return `${new Date(at).toISOString()} (${at > now ? `in ${span}` : `${span} ago`})`;
}

/** The credentials the environment and settings give a gateway, by their names. */
function gatewayCredentials(values: KeyValues): string[] {
	return (['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper'] as const).filter(key => values[key] !== undefined && values[key] !== '');
}

function list(names: readonly string[]): string {
	return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** The session is in force: stored, trusted, and either unexpired or renewed by the client. */
export function sessionInForce(session: GatewaySession | undefined, now: number): boolean {
	return session !== undefined && session.trusted && (session.renewable || session.expiresAt === undefined || session.expiresAt > now);
}

/**
What the sign-in state means for a gateway configuration: a signed-in Claude apps gateway replaces the configured
one; a saved claude.ai login beside a gateway credential is the client's "auth conflict"; `forceLoginMethod` or
`forceLoginOrgUUID` cannot be combined with a gateway credential (the llm-gateway-connect page's error table).
*/
export function loginFindings(state: LoginState, values: KeyValues, now: number): LoginFinding[] {
	const findings: LoginFinding[] = state.session ? sessionFindings(state.session, values, now) : [];
	const credentials = gatewayCredentials(values);
	const {forced} = state;
	const firstParty = forced !== undefined && forced.method !== 'gateway' && (forced.method !== undefined || forced.orgUuid !== undefined);
	if (firstParty && credentials.length > 0) {
		const keys = [...(forced.method === undefined ? [] : ['forceLoginMethod']), ...(forced.orgUuid === undefined ? [] : ['forceLoginOrgUUID'])];
		findings.push({code: 'login-forced', level: 'error', message: `${forced.file} sets ${list(keys)}, which requires a first-party login and cannot be combined with ${list(credentials)}`, fix: `remove ${list(keys)} from that file (an administrator's, if it is managed settings), or remove the gateway credential to sign in with your account`});
	}

	if (forced?.method === 'gateway' && !state.session) {
		findings.push({code: 'gateway-login-missing', level: 'warning', message: `${forced.file} asks for a sign-in to the Claude apps gateway${forced.gatewayUrl === undefined ? '' : ` ${forced.gatewayUrl}`}, and no session is stored`, fix: 'start claude and sign in with /login'});
	}

	if (state.savedLogin && !sessionInForce(state.session, now) && credentials.length > 0 && !firstParty) {
		findings.push({code: 'login-conflict', level: 'warning', message: `A claude.ai login is saved beside ${list(credentials)}: Claude Code sends the gateway credential and warns that auth may not work as expected`, fix: 'run /logout in claude to keep the gateway credential, or remove it to use the login'});
	}

	return findings;
}

/** A stored session: not used (untrusted, expired), or in force and overriding what the settings name. */
function sessionFindings(session: GatewaySession, values: KeyValues, now: number): LoginFinding[] {
	if (!session.trusted) {
		return [{code: 'gateway-session-untrusted', level: 'warning', message: `The stored sign-in to ${session.url} has no trusted certificate for its host, so Claude Code will not use it`, fix: 'sign in again with /login in claude'}];
	}

	if (!sessionInForce(session, now)) {
		return [{code: 'gateway-session-expired', level: 'warning', message: `The sign-in to the Claude apps gateway ${session.url} expired at ${describeTime(session.expiresAt!, now)}, and nothing renews it`, fix: 'sign in again with /login in claude'}];
	}

	const ignored = [...(values.ANTHROPIC_BASE_URL === undefined ? [] : ['ANTHROPIC_BASE_URL']), ...gatewayCredentials(values)];
	return ignored.length === 0 ? [] : [{code: 'gateway-session-overrides', level: 'warning', message: `Claude Code is signed in to the Claude apps gateway ${session.url}, so it ignores ${list(ignored)} while the session lasts`, fix: 'remove them, or sign out with /logout in claude to use them'}];
}

/** The issue and expiry times (seconds since the epoch) of a token that is a JWT, else undefined. */
export function jwtTimes(token: string): {iat?: number; exp?: number} | undefined {
	const parts = token.split('.');
	if (parts.length !== 3 || !parts.every(part => /^[\w-]+$/.test(part))) {
		return undefined;
	}

	try {
		const payload = readAs(jwtClaims(), parseJson(Buffer.from(parts[1]!, 'base64url').toString('utf8'))?.data);
		if (payload === undefined) {
			return undefined;
		}

		const time = (key: 'iat' | 'exp') => (payload[key] !== undefined && Number.isFinite(payload[key]) ? {[key]: payload[key]} : {});
		return {...time('iat'), ...time('exp')};
	} catch {
		return undefined;
	}
}

const day = 24 * 60 * 60;

/**
A token written by hand that is a JWT issued for a day or less (a Claude apps gateway's session token lasts an
hour): nothing renews it. Judged by the token's own lifetime, so no clock is read.
*/
export function shortLivedTokenFindings(values: KeyValues): LoginFinding[] {
	const findings: LoginFinding[] = [];
	for (const key of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'] as const) {
		const times = values[key] === undefined ? undefined : jwtTimes(values[key]);
		if (times?.iat !== undefined && times.exp !== undefined && times.exp - times.iat <= day) {
			const minutes = Math.max(0, Math.round((times.exp - times.iat) / 60));
			findings.push({code: 'token-short-lived', level: 'warning', message: `${key} is a session token (a JWT) that lasts ${minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`} from its issue (it expires at ${new Date(times.exp * 1000).toISOString()}), and nothing renews a token written here`, fix: 'for a Claude apps gateway, sign in with /login in claude (forceLoginMethod "gateway") instead of copying its token; otherwise ask the gateway for a long-lived key'});
		}
	}

	return findings;
}

/** The session for `--json`: its URL and times, never its token; null when there is none. */
export function loginJson(state: LoginState, now: number): unknown {
	const {session} = state;
	return session ? {url: session.url, expiresAt: session.expiresAt === undefined ? null : new Date(session.expiresAt).toISOString(), renewable: session.renewable, trusted: session.trusted, inForce: sessionInForce(session, now)} : null;
}

/** The values the probe sends a signed-in gateway: its URL and the session's token as a bearer (it takes no x-api-key), with the models configured. */
export function sessionProbeValues(session: GatewaySession, values: KeyValues): KeyValues {
	const {ANTHROPIC_BASE_URL: _url, ANTHROPIC_AUTH_TOKEN: _token, ANTHROPIC_API_KEY: _key, apiKeyHelper: _helper, ...rest} = values;
	return {...rest, ANTHROPIC_BASE_URL: session.url, ANTHROPIC_AUTH_TOKEN: session.token};
}

/** The lines `show` and `doctor` print for a stored sign-in, or none. The token is never among them. */
export function formatLoginState(state: LoginState, now: number): string {
	const {session} = state;
	if (!session) {
		return '';
	}

	const expiry = session.expiresAt === undefined ? 'no expiry given' : `${session.expiresAt > now ? 'expires' : 'expired'} ${describeTime(session.expiresAt, now)}`;
	const renewal = session.renewable ? ', renewed by Claude Code' : '';
	const inForce = sessionInForce(session, now);
	return `\nSigned in to a Claude apps gateway (/login): ${session.url}, session ${expiry}${renewal}${inForce ? '' : ' (not in force)'}\n`
		+ (inForce ? 'While it lasts, Claude Code sends every request there and ignores ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and apiKeyHelper.\n' : '');
}
