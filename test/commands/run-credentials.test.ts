import {chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, test} from 'vitest';
import {claudeBinary, waitFor} from '../helpers/claude.js';
import {ccgateBin} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';
import {ccgate, folder, put, sandbox, userSettingsPath} from './support.js';

/*
`ccgate run PROFILE -- claude`: nothing of the user's own configuration travels to the profile's gateway, whatever
credential style the user's settings and the profile use (proved with the real client against two loopback gateways
that record what they receive); the temporary settings file lives in a private folder under the system's temporary
folder, and one a killed ccgate left is removed by the next run.
*/

const userKey = 'user-own-key-0123456789abcdef';
const workToken = 'work-token-0123456789abcdef';

const gateways: Gateway[] = [];
afterAll(async () => {
	await Promise.all(gateways.map(async gateway => gateway.close()));
});

async function gateway(): Promise<Gateway> {
	const started = await startGateway({reply: 'pong'});
	gateways.push(started);
	return started;
}

const userStyles = {
	'an apiKeyHelper of their own': (url: string) => ({apiKeyHelper: `echo ${userKey}`, env: {ANTHROPIC_BASE_URL: url}}),
	'ccgate\'s --secret-file helper': undefined,
	'a token': (url: string) => ({env: {ANTHROPIC_BASE_URL: url, ANTHROPIC_AUTH_TOKEN: userKey}}),
	'an API key': (url: string) => ({env: {ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: userKey}}),
	// Their own Anthropic login, as `claude /login` with a claude.ai account leaves it: the client sends it as a bearer.
	'a claude.ai login': (url: string) => ({env: {ANTHROPIC_BASE_URL: url}}),
	'CLAUDE_CODE_OAUTH_TOKEN in the shell': (url: string) => ({env: {ANTHROPIC_BASE_URL: url}}),
} as const;

const profileStyles: Record<string, string[]> = {
	'a token': ['--auth-token', workToken],
	'an API key': ['--api-key', workToken],
	'--no-auth': ['--no-auth'],
	'no credential': [],
	'an apiKeyHelper of its own': ['--api-key-helper', `echo ${workToken}`],
};

/** What the profile's gateway gets on every message, by the profile's credential style. */
const expectedHeaders: Record<string, {authorization?: string; 'x-api-key'?: string}> = {
	'a token': {authorization: `Bearer ${workToken}`},
	'an API key': {'x-api-key': workToken},
	'--no-auth': {authorization: 'Bearer ccgate-no-auth'},
	// A profile that holds none gets the placeholder: the user's own login never goes in its place.
	'no credential': {authorization: 'Bearer ccgate-no-auth'},
	'an apiKeyHelper of its own': {authorization: `Bearer ${workToken}`, 'x-api-key': workToken},
};

describe.each(Object.keys(userStyles))('a user with %s', userStyle => {
	test.concurrent.each(Object.keys(profileStyles))('runs a profile with %s: its gateway gets nothing of the user\'s, the user\'s gateway nothing at all', {timeout: 120_000}, async profileStyle => {
		const [other, work] = await Promise.all([gateway(), gateway()]);
		const box = sandbox();
		const settings = userStyles[userStyle as keyof typeof userStyles];
		if (settings === undefined) {
			expect((await ccgate(box, ['write', '--base-url', other.url, '--secret-file', '--token-stdin'], {input: `${userKey}\n`})).exitCode).toBe(0);
		} else {
			put(userSettingsPath(box), JSON.stringify(settings(other.url)));
		}

		if (userStyle === 'a claude.ai login') {
			put(path.join(box.home, '.claude', '.credentials.json'), JSON.stringify({claudeAiOauth: {accessToken: `sk-ant-oat01-${userKey}`, refreshToken: `sk-ant-ort01-${userKey}`, expiresAt: Date.now() + 3_600_000, scopes: ['user:inference', 'user:profile'], subscriptionType: 'max'}}), 0o600);
		}

		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', work.url, ...profileStyles[profileStyle]!])).exitCode).toBe(0);
		const env = {...box.env, TMPDIR: folder(box, 'tmp'), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0', ...(userStyle === 'CLAUDE_CODE_OAUTH_TOKEN in the shell' && {CLAUDE_CODE_OAUTH_TOKEN: `sk-ant-oat01-${userKey}`})};
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 90_000, stdin: 'ignore'});
		expect(run.stdout).toContain('pong');
		expect(other.requests).toEqual([]);
		const messages = work.requests.filter(request => request.path.startsWith('/v1/messages'));
		expect(messages.length).toBeGreaterThan(0);
		expect(work.requests.filter(request => JSON.stringify(request).includes(userKey))).toEqual([]);
		for (const request of messages) {
			expect({authorization: request.headers['authorization'], 'x-api-key': request.headers['x-api-key']}).toEqual({authorization: undefined, 'x-api-key': undefined, ...expectedHeaders[profileStyle]});
		}

		if (profileStyle === 'no credential') {
			expect(run.stderr.split('\n')[0]).toBe('warning: The profile work holds no credential, so its gateway gets the --no-auth placeholder (Bearer ccgate-no-auth), never your own Anthropic login; save it again with --no-auth if the gateway wants none, or with its credential.');
		}
	});
});

test('a user signed in to a Claude apps gateway: the session takes every request, as the real client does, and run says so', {timeout: 120_000}, async () => {
	const [signedIn, work] = await Promise.all([gateway(), gateway()]);
	const box = sandbox();
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const expiresAt = Date.now() + 3_600_000;
	const session = `${part({alg: 'RS256', typ: 'JWT'})}.${part({sub: 'dev@example.com', aud: 'claude-code', exp: Math.floor(expiresAt / 1000)})}.${userKey}`;
	// What /login against a Claude apps gateway leaves (test/commands/claude-login.test.ts builds the same).
	put(path.join(box.home, '.claude', '.credentials.json'), JSON.stringify({enterpriseGateway: {url: signedIn.url, jwt: session, expiresAt, tokenEndpoint: `${signedIn.url}/oauth/token`, email: 'dev@example.com', vouchedAtLogin: false}, gatewayTrust: {'127.0.0.1': 'http-loopback'}}), 0o600);
	expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', work.url, '--auth-token', workToken])).exitCode).toBe(0);
	const env = {...box.env, TMPDIR: folder(box, 'tmp'), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0'};
	const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 90_000, stdin: 'ignore'});
	expect(run.stdout).toContain('pong');
	expect(run.stderr.split('\n')[0]).toBe(`warning: Claude Code is signed in to the Claude apps gateway ${signedIn.url}, which takes every request while the session lasts, so the profile work's gateway gets nothing; sign out with /logout in claude to run the profile.`);
	expect(work.requests).toEqual([]);
	// The session goes to its own gateway only, and the profile's token nowhere.
	expect(signedIn.requests.filter(request => request.path.startsWith('/v1/messages')).map(request => request.headers['authorization'])).toContain(`Bearer ${session}`);
	expect(signedIn.requests.filter(request => JSON.stringify(request).includes(workToken))).toEqual([]);
});

/** A stand-in `claude` (run knows Claude Code by the program's name): prints the --settings path, then waits or exits. */
function fakeClaude(box: {home: string}, script: string): string {
	const bin = folder(box as never, 'bin');
	const file = path.join(bin, 'claude');
	writeFileSync(file, `#!/bin/sh\n${script}\n`);
	chmodSync(file, 0o755);
	return file;
}

describe.concurrent('run\'s temporary settings file', () => {
	test.each(['', 'relative/tmp', '.'])('with TMPDIR=%j it is in /tmp/ccgate-run-<uid>, never in the current folder', async tmpdir => {
		const box = sandbox();
		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', 'https://gw.example.com', '--auth-token', workToken])).exitCode).toBe(0);
		const claude = fakeClaude(box, 'echo "$2"; test -f "$2" && echo present');
		const cwd = folder(box, 'project');
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claude], {env: {...box.env, TMPDIR: tmpdir}, extendEnv: false, cwd, reject: false});
		const [file, present] = run.stdout.split('\n');
		expect(present).toBe('present');
		expect(file).toMatch(new RegExp(`^/tmp/ccgate-run-${process.getuid!()}/\\d+-[^/]+/settings\\.json$`));
		expect(readdirSync(cwd)).toEqual([]);
		expect(existsSync(file!)).toBe(false);
	});

	test('a file a killed ccgate left is removed by the next run', {timeout: 60_000}, async () => {
		const box = sandbox();
		const temporary = folder(box, 'tmp');
		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', 'https://gw.example.com', '--auth-token', workToken])).exitCode).toBe(0);
		const marker = path.join(box.home, 'started');
		const claude = fakeClaude(box, `echo "$2" > '${marker}'; sleep 30`);
		const env = {...box.env, TMPDIR: temporary};
		const first = execa(process.execPath, [ccgateBin, 'run', 'work', '--', claude], {env, extendEnv: false, reject: false});
		expect(await waitFor(() => existsSync(marker), {timeoutMs: 20_000})).toBe(true);
		first.kill('SIGKILL');
		await first;
		const private_ = path.join(temporary, `ccgate-run-${process.getuid!()}`);
		expect(readdirSync(private_)).toHaveLength(1);
		const quick = fakeClaude(box, 'exit 0');
		const second = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', quick], {env, extendEnv: false, reject: false});
		expect(second.exitCode).toBe(0);
		expect(existsSync(private_)).toBe(false);
	});

	test('a private folder another could have made (open to others) is refused, and no token is written there', async () => {
		const box = sandbox();
		const temporary = folder(box, 'tmp');
		const shared = path.join(temporary, `ccgate-run-${process.getuid!()}`);
		mkdirSync(shared);
		chmodSync(shared, 0o777);
		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', 'https://gw.example.com', '--auth-token', workToken])).exitCode).toBe(0);
		const claude = fakeClaude(box, 'exit 0');
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claude], {env: {...box.env, TMPDIR: temporary}, extendEnv: false, reject: false});
		expect({exitCode: run.exitCode, stderr: run.stderr}).toEqual({exitCode: 1, stderr: `error: ${shared} is not a private folder of this user's (a link, another user's, or open to others), so ccgate will not put a token there; remove ${shared}, or set TMPDIR to a folder of your own.`});
		expect(readdirSync(shared)).toEqual([]);
	});
});
