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
} as const;

const profileStyles: Record<string, string[]> = {
	token: ['--auth-token', workToken],
	'API key': ['--api-key', workToken],
	'--no-auth': ['--no-auth'],
};

describe.each(Object.keys(userStyles))('a user with %s', userStyle => {
	test.each(Object.keys(profileStyles))('runs a profile with a %s: its gateway gets nothing of the user\'s, the user\'s gateway nothing at all', {timeout: 120_000}, async profileStyle => {
		const [other, work] = await Promise.all([gateway(), gateway()]);
		const box = sandbox();
		const settings = userStyles[userStyle as keyof typeof userStyles];
		if (settings === undefined) {
			expect((await ccgate(box, ['write', '--base-url', other.url, '--secret-file', '--token-stdin'], {input: `${userKey}\n`})).exitCode).toBe(0);
		} else {
			put(userSettingsPath(box), JSON.stringify(settings(other.url)));
		}

		expect((await ccgate(box, ['profile', 'save', 'work', '--base-url', work.url, ...profileStyles[profileStyle]!])).exitCode).toBe(0);
		const env = {...box.env, TMPDIR: folder(box, 'tmp'), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0'};
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 90_000, stdin: 'ignore'});
		expect(run.stdout).toContain('pong');
		expect(other.requests).toEqual([]);
		const messages = work.requests.filter(request => request.path.startsWith('/v1/messages'));
		expect(messages.length).toBeGreaterThan(0);
		expect(work.requests.filter(request => JSON.stringify(request.headers).includes(userKey))).toEqual([]);
		const expected = profileStyle === 'token' ? {authorization: `Bearer ${workToken}`} : (profileStyle === 'API key' ? {'x-api-key': workToken} : {authorization: 'Bearer ccgate-no-auth'});
		for (const request of messages) {
			expect({authorization: request.headers['authorization'], 'x-api-key': request.headers['x-api-key']}).toEqual({authorization: undefined, 'x-api-key': undefined, ...expected});
		}
	});
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
