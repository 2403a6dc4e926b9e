import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {type Gateway, sendError, sendJson, startGateway, unmappedTierModels} from '../helpers/gateway.js';
import {fixedNow} from '../helpers/run-in-process.js';
import {closedPort} from '../probe/servers.js';
import {ccgate, expectNotPrinted, folder, lines, managedSettingsPath, put, read, sandbox, userSettingsPath} from './support.js';

/** The real Claude Code from devDependencies on PATH, so doctor's client check is the same whoever runs the suite. */
const binDirectory = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));
const withClient = (box: Sandbox) => ({PATH: `${binDirectory}:${box.env['PATH']!}`});

/*
Claude Code's own sign-in (docs/contract.md §3a), built in a temporary HOME as the client (2.1.328) writes it: `enterpriseGateway`
and `gatewayTrust` in `~/.claude/.credentials.json` (0600), the host's certificate pin `http-loopback` for a
loopback gateway over http, `expiresAt` in milliseconds, and the forceLogin* keys in settings.
*/

const token = 'sk-gw-login-token-0123456789abcdef';
const maskedToken = 'sk-g…cdef';
const minute = 60_000;

/** A JWT as a gateway issues it (RS256 header, a subject, an expiry); its signature is never checked here. */
function jwt(expiresAt: number): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	return `${part({alg: 'RS256', typ: 'JWT', kid: 'gw-1'})}.${part({sub: 'dev@example.com', aud: 'claude-code', iat: Math.floor(fixedNow / 1000), exp: Math.floor(expiresAt / 1000)})}.${randomBytes(32).toString('base64url')}`;
}

type Session = {url: string; jwt: string; expiresAt: number; idpRefreshToken?: string; trusted?: boolean};

function credentialsPath(box: Sandbox): string {
	return path.join(box.home, '.claude', '.credentials.json');
}

/** What `/login` against a Claude apps gateway leaves in the credentials file. */
function signIn(box: Sandbox, session: Session, extra: Record<string, unknown> = {}): void {
	const {trusted = true, ...stored} = session;
	const host = new URL(session.url).hostname;
	put(credentialsPath(box), JSON.stringify({
		...extra,
		enterpriseGateway: {...stored, tokenEndpoint: `${session.url}/oauth/token`, email: 'dev@example.com', vouchedAtLogin: false},
		...(trusted ? {gatewayTrust: {[host]: 'http-loopback'}} : {}),
	}), 0o600);
}

const claudeAiLogin = {claudeAiOauth: {accessToken: 'sk-ant-oat01-login-0123456789', refreshToken: 'sk-ant-ort01-login-0123456789', expiresAt: fixedNow + (60 * minute), scopes: ['user:inference', 'user:profile'], subscriptionType: 'max'}};

const servers: Gateway[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

/** A gateway that serves every tier the client can ask for and nothing else: doctor has no tier to warn about, and no model /model leaves out. */
async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
	const started = await startGateway({models: unmappedTierModels, ...options});
	servers.push(started);
	return started;
}

/** Each check's time varies: it must be there, and becomes `<ms>`. */
function withoutTimes(text: string): string[] {
	return lines(text).map(line => line.replace(/ +\d+ ms$/, ' <ms>'));
}

/** The time as ccgate gives it, from the in-process runs' fixed clock (`fixedNow`). */
function expires(at: number): string {
	return `expires ${new Date(at).toISOString()} (in ${Math.floor((at - fixedNow) / minute)} min)`;
}

describe('a signed-in Claude apps gateway', () => {
	test('show reports the session as the gateway in force (URL and expiry, never the token) and names what it ignores', async () => {
		const box = sandbox();
		const expiresAt = fixedNow + (90 * minute);
		const session = {url: 'http://127.0.0.1:8790', jwt: jwt(expiresAt), expiresAt};
		signIn(box, session);
		put(userSettingsPath(box), JSON.stringify({forceLoginMethod: 'gateway', forceLoginGatewayUrl: session.url, env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['show']);

		expect(lines(run.stdout)).toEqual([
			'KEY                   VALUE                   LAYER  SHADOWS',
			'ANTHROPIC_BASE_URL    https://gw.example.com  user   -',
			`ANTHROPIC_AUTH_TOKEN  ${maskedToken}               user   -`,
			'',
			'Layers:',
			`  user     ${userSettingsPath(box)}`,
			'',
			`Signed in to a Claude apps gateway (/login): ${session.url}, session ${expires(expiresAt)}`,
			'While it lasts, Claude Code sends every request there and ignores ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN, ANTHROPIC_API_KEY and apiKeyHelper.',
		]);
		expect(run.stderr).toBe(`warning: Claude Code is signed in to the Claude apps gateway ${session.url}, so it ignores ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN while the session lasts; remove them, or sign out with /logout in claude to use them.\n`);
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, session.jwt, token);

		const json = JSON.parse((await ccgate(box, ['show', '--json'])).stdout) as {gatewaySession: unknown};
		expect(json.gatewaySession).toEqual({url: session.url, expiresAt: new Date(expiresAt).toISOString(), renewable: false, trusted: true, inForce: true});
	});

	test('doctor probes the signed-in gateway with the session\'s token as a bearer, and the configured gateway gets nothing', async () => {
		const box = sandbox();
		const expiresAt = fixedNow + (90 * minute);
		const signedIn = await gateway();
		const configured = await gateway();
		const session = {url: signedIn.url, jwt: jwt(expiresAt), expiresAt};
		signIn(box, session);
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: configured.url, ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['doctor'], {cwd: folder(box, 'work'), env: withClient(box)});

		const output = withoutTimes(run.stdout);
		expect(output[0]).toBe('Verdict: ready, the gateway is usable (0 errors, 1 warning). Only --live can tell whether its streamed answers work.');
		expect(output).toContain(`Signed in to a Claude apps gateway (/login): ${session.url}, session ${expires(expiresAt)}`);
		expect(output).toContain(`Probe of ${session.url}`);
		expect(output.slice(output.indexOf('Findings'))).toEqual([
			'Findings',
			`warning: Claude Code is signed in to the Claude apps gateway ${session.url}, so it ignores ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN while the session lasts; remove them, or sign out with /logout in claude to use them.`,
		]);
		expect(configured.requests).toEqual([]);
		expect(signedIn.requests.length).toBeGreaterThan(0);
		expect(signedIn.requests.every(request => request.headers['authorization'] === `Bearer ${session.jwt}` && request.headers['x-api-key'] === undefined)).toBe(true);
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, session.jwt, token);
	});

	test('doctor with only a session and no settings at all: the session is the gateway, not "talks to Anthropic directly"', async () => {
		const box = sandbox();
		const expiresAt = fixedNow + (30 * minute);
		const signedIn = await gateway();
		const session = {url: signedIn.url, jwt: jwt(expiresAt), expiresAt, idpRefreshToken: 'idp-refresh-0123456789'};
		signIn(box, session);

		const run = await ccgate(box, ['doctor'], {cwd: folder(box, 'work'), env: withClient(box)});

		const output = withoutTimes(run.stdout);
		expect(output[0]).toBe('Verdict: ready, the gateway is usable (0 errors, 0 warnings). Only --live can tell whether its streamed answers work.');
		expect(output).toContain(`Signed in to a Claude apps gateway (/login): ${session.url}, session ${expires(expiresAt)}, renewed by Claude Code`);
		expect(output.slice(output.indexOf('Findings'))).toEqual(['Findings', 'none']);
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, session.jwt, session.idpRefreshToken);
	});

	test('an expired session with nothing to renew it: a warning with /login, and the configured gateway is the one probed', async () => {
		const box = sandbox();
		const expiresAt = fixedNow - (20 * minute);
		const configured = await gateway();
		const session = {url: 'http://127.0.0.1:8790', jwt: jwt(expiresAt), expiresAt};
		signIn(box, session);
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: configured.url, ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['doctor'], {cwd: folder(box, 'work'), env: withClient(box)});

		const output = withoutTimes(run.stdout);
		expect(output).toContain(`Signed in to a Claude apps gateway (/login): ${session.url}, session expired ${new Date(expiresAt).toISOString()} (20 min ago) (not in force)`);
		expect(output).toContain(`Probe of ${configured.url}`);
		expect(output.slice(output.indexOf('Findings'))).toEqual([
			'Findings',
			`warning: The sign-in to the Claude apps gateway ${session.url} expired at ${new Date(expiresAt).toISOString()} (20 min ago), and nothing renews it; sign in again with /login in claude.`,
		]);
		expect(configured.requests.every(request => request.headers['authorization'] === `Bearer ${token}`)).toBe(true);
		expect(run.exitCode).toBe(0);
	});

	test('a session whose host has no saved certificate is not used, as the client does not use it', async () => {
		const box = sandbox();
		const expiresAt = fixedNow + (90 * minute);
		signIn(box, {url: 'http://127.0.0.1:8790', jwt: jwt(expiresAt), expiresAt, trusted: false});

		const run = await ccgate(box, ['show']);

		expect(run.stderr).toBe('warning: The stored sign-in to http://127.0.0.1:8790 has no trusted certificate for its host, so Claude Code will not use it; sign in again with /login in claude.\n');
		expect(lines(run.stdout).at(-1)).toBe(`Signed in to a Claude apps gateway (/login): http://127.0.0.1:8790, session ${expires(expiresAt)} (not in force)`);
	});

	test('settings that ask for a gateway sign-in with no session stored: a warning to /login', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({forceLoginMethod: 'gateway', forceLoginGatewayUrl: 'https://claude-gw.example.com'}));

		const run = await ccgate(box, ['show']);

		expect(run.stderr).toBe(`warning: ${userSettingsPath(box)} asks for a sign-in to the Claude apps gateway https://claude-gw.example.com, and no session is stored; start claude and sign in with /login.\n`);
	});
});

describe('a session token written as a credential', () => {
	test('write --auth-token with a JWT that lasts 45 minutes writes it, with a warning naming /login', async () => {
		const box = sandbox();
		const expiresAt = fixedNow + (45 * minute);
		const session = jwt(expiresAt);

		const run = await ccgate(box, ['write', '--base-url', 'https://claude-gw.example.com', '--auth-token', session]);

		expect(run.exitCode).toBe(0);
		// A JWT's exp is in whole seconds.
		expect(lines(run.stderr)).toEqual([`warning: ANTHROPIC_AUTH_TOKEN is a session token (a JWT) that lasts 45 min from its issue (it expires at ${new Date(Math.floor(expiresAt / 1000) * 1000).toISOString()}), and nothing renews a token written here; for a Claude apps gateway, sign in with /login in claude (forceLoginMethod "gateway") instead of copying its token; otherwise ask the gateway for a long-lived key.`]);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {ANTHROPIC_BASE_URL: 'https://claude-gw.example.com', ANTHROPIC_AUTH_TOKEN: session}});
		expectNotPrinted(run, session);
	});

	test('a JWT that lasts a year, or a token that is no JWT, is no finding', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', jwt(fixedNow + (365 * 24 * 60 * minute))]);
		expect(run).toMatchObject({exitCode: 0, stderr: ''});
		expect(await ccgate(box, ['write', '--auth-token', 'a.b.c'])).toMatchObject({exitCode: 0, stderr: ''});
	});
});

describe('the llm-gateway-connect error table, from configuration', () => {
	test('a saved claude.ai login beside a gateway token: the client\'s auth conflict, with its fix', async () => {
		const box = sandbox();
		put(credentialsPath(box), JSON.stringify(claudeAiLogin), 0o600);
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: token}}));

		const run = await ccgate(box, ['show']);

		expect(run.stderr).toBe('warning: A claude.ai login is saved beside ANTHROPIC_AUTH_TOKEN: Claude Code sends the gateway credential and warns that auth may not work as expected; run /logout in claude to keep the gateway credential, or remove it to use the login.\n');
		expectNotPrinted(run, claudeAiLogin.claudeAiOauth.accessToken, token);
	});

	test('managed settings that force a first-party login beside a gateway credential: an error, and doctor exits 1', async () => {
		const box = sandbox();
		const managed = managedSettingsPath(box);
		put(managed, JSON.stringify({forceLoginMethod: 'claudeai', forceLoginOrgUUID: '7f9c2b1e-0000-4000-8000-000000000001'}));
		// Nothing listens there: the probe stays on loopback.
		put(userSettingsPath(box), JSON.stringify({apiKeyHelper: 'echo gw-key-0123456789', env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:${await closedPort()}`}}));

		const run = await ccgate(box, ['show']);

		const error = `error: ${managed} sets forceLoginMethod and forceLoginOrgUUID, which requires a first-party login and cannot be combined with apiKeyHelper; remove forceLoginMethod and forceLoginOrgUUID from that file (an administrator's, if it is managed settings), or remove the gateway credential to sign in with your account.`;
		expect(run.stderr).toBe(`${error}\n`);
		const doctor = await ccgate(box, ['doctor'], {cwd: folder(box, 'work'), env: withClient(box)});
		expect(lines(doctor.stdout)).toContain(error);
		expect(doctor.exitCode).toBe(1);
	});
});

describe('the probe at a Claude apps gateway', () => {
	/** `claude gateway` as the probe meets it: public OAuth metadata naming its protocol, Bearer sessions only. */
	async function appsGateway(session: string): Promise<Gateway> {
		return gateway({
			handler(request, response) {
				if (request.method === 'GET' && request.path === '/.well-known/oauth-authorization-server') {
					sendJson(response, 200, {issuer: 'http://127.0.0.1', token_endpoint: '/oauth/token', device_authorization_endpoint: '/oauth/device', grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code'], gateway_protocol_version: 1});
					return true;
				}

				if (request.headers['authorization'] !== `Bearer ${session}`) {
					sendError(response, 401, 'authentication_error', 'invalid or expired session');
					return true;
				}

				return false;
			},
		});
	}

	test('a token the gateway refuses: the probe says it is a Claude apps gateway and to sign in with /login', async () => {
		const box = sandbox();
		const server = await appsGateway(jwt(fixedNow + (60 * minute)));

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', token]);

		expect(lines(run.stderr)).toEqual([
			`error: The gateway at ${server.url} is a Claude apps gateway (gateway protocol 1): it takes a session from /login, not a token or key; set "forceLoginMethod": "gateway" and "forceLoginGatewayUrl": "${server.url}" in ~/.claude/settings.json, sign in with /login in claude, and remove ANTHROPIC_BASE_URL and the credential.`,
			`error: The gateway at ${server.url} rejects the credential (401: authentication_error: invalid or expired session); check the token in ANTHROPIC_AUTH_TOKEN.`,
		]);
		expect(run.stdout).toContain('The gateway is not usable by Claude Code');
		expect(run.exitCode).toBe(1);
		// The metadata is asked once, with no credential.
		const metadata = server.requests.filter(request => request.path === '/.well-known/oauth-authorization-server');
		expect(metadata).toHaveLength(1);
		expect(metadata[0]!.headers['authorization']).toBeUndefined();
		expectNotPrinted(run, token);
	});

	test('a gateway that accepts the credential is not asked for its metadata', async () => {
		const box = sandbox();
		const session = jwt(fixedNow + (3 * 24 * 60 * minute));
		const server = await appsGateway(session);

		const run = await ccgate(box, ['probe', '--base-url', server.url, '--auth-token', session]);

		expect(run.exitCode).toBe(0);
		expect(server.requests.some(request => request.path.startsWith('/.well-known/'))).toBe(false);
	});
});
