import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, test} from 'vitest';
import {claudeBinary, waitFor} from '../helpers/claude.js';
import {ccgateBin} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';
import {ccgate, folder, managedSettingsPath, put, read, sandbox, userSettingsPath} from './support.js';

const workToken = 'work-token-0123456789abcdef';
const otherToken = 'other-token-0123456789abcdef';

/** Every process's argv on this machine, as /proc shows it (arguments joined by spaces). */
function everyCommandLine(): string[] {
	const lines: string[] = [];
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			try {
				lines.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' '));
			} catch {}
		}
	}

	return lines;
}

/** The pid whose argv holds `text`, or undefined. */
function pidWith(text: string): number | undefined {
	for (const entry of readdirSync('/proc')) {
		if (/^\d+$/.test(entry)) {
			try {
				if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(text)) {
					return Number(entry);
				}
			} catch {}
		}
	}

	return undefined;
}

/** ccgate's temporary folders for `run` in TMPDIR. */
function runFolders(temporary: string): string[] {
	return readdirSync(temporary).filter(name => name.startsWith('ccgate-run-'));
}

const gateways: Gateway[] = [];
afterAll(async () => {
	await Promise.all(gateways.map(async gateway => gateway.close()));
});

/** A HOME whose settings.json points at `other`, and a profile `work` (saved from flags, so nothing is written) for `work`. */
async function setUp(work: Gateway, other: Gateway) {
	const box = sandbox();
	const temporary = folder(box, 'tmp');
	expect((await ccgate(box, ['write', '--base-url', other.url, '--token-stdin'], {input: `${otherToken}\n`})).exitCode).toBe(0);
	expect(await ccgate(box, ['profile', 'save', 'work', '--base-url', work.url, '--token-stdin'], {input: `${workToken}\n`})).toEqual({exitCode: 0, stdout: `Saved profile work (${work.url}).\n`, stderr: ''});
	const env = {...box.env, TMPDIR: temporary, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0'};
	const files = {settings: read(userSettingsPath(box)), store: read(path.join(box.ccgateDirectory, 'config.json'))};
	return {box, tmp: temporary, env, files};
}

describe('ccgate run PROFILE -- claude', () => {
	test('the real client reaches the profile\'s gateway, the configured one gets nothing, no file changes, no secret in any argv', async () => {
		const commandLines: string[][] = [];
		const work = await startGateway({
			auth: {bearer: workToken},
			reply: 'pong from work',
			handler(request) {
				if (request.path.startsWith('/v1/messages')) {
					commandLines.push(everyCommandLine());
				}

				return false;
			},
		});
		const other = await startGateway({auth: {bearer: otherToken}, reply: 'pong from other'});
		gateways.push(work, other);
		const {box, tmp, env, files} = await setUp(work, other);

		// The shell points at the other gateway too.
		const shell = {...env, ANTHROPIC_BASE_URL: other.url, ANTHROPIC_API_KEY: otherToken};
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env: shell, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 60_000, stdin: 'ignore'});
		expect(run.stderr).toBe('');
		expect(run.stdout).toContain('pong from work');
		expect(run.exitCode).toBe(0);
		expect(other.requests).toEqual([]);
		expect(work.requests.some(request => request.path.startsWith('/v1/messages') && request.headers['authorization'] === `Bearer ${workToken}`)).toBe(true);
		// The shell's key for the other gateway travelled nowhere.
		expect(work.requests.filter(request => JSON.stringify(request.headers).includes(otherToken))).toEqual([]);

		// While the client talked to the gateway, its argv (and every other process's) held no token, only --settings FILE.
		expect(commandLines.length).toBeGreaterThan(0);
		for (const snapshot of commandLines) {
			expect(snapshot.filter(line => line.includes(workToken) || line.includes(otherToken))).toEqual([]);
			expect(snapshot.some(line => line.includes(`${claudeBinary} --settings ${tmp}/ccgate-run-`))).toBe(true);
		}

		expect(read(userSettingsPath(box))).toBe(files.settings);
		expect(read(path.join(box.ccgateDirectory, 'config.json'))).toBe(files.store);
		// The temporary settings file is gone (the client keeps its own things in TMPDIR too).
		expect(runFolders(tmp)).toEqual([]);
	});

	test('the temporary settings file is 0600 while the client runs, and gone after the client is killed', async () => {
		let arrived = false;
		const work = await startGateway({
			auth: {bearer: workToken},
			handler(request) {
				if (request.path.startsWith('/v1/messages')) {
					arrived = true;
					return true; // Never answers: the client waits until it is killed.
				}

				return false;
			},
		});
		const other = await startGateway({auth: {bearer: otherToken}});
		gateways.push(work, other);
		const {box, tmp, env} = await setUp(work, other);

		const child = execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 60_000, stdin: 'ignore'});
		expect(await waitFor(() => arrived, {timeoutMs: 30_000})).toBe(true);
		// ccgate's private folder, ccgate-run-<uid>, holds one folder per run.
		const [directory] = runFolders(tmp);
		const [run] = readdirSync(path.join(tmp, directory!));
		const settingsFile = path.join(tmp, directory!, run!, 'settings.json');
		const {mode} = await import('node:fs').then(fs => fs.statSync(settingsFile));
		expect(mode & 0o777).toBe(0o600);
		expect(JSON.parse(read(settingsFile)).env.ANTHROPIC_AUTH_TOKEN).toBe(workToken);

		const clientPid = pidWith(`--settings ${settingsFile}`);
		expect(clientPid).toBeDefined();
		process.kill(clientPid!, 'SIGKILL');
		const result = await child;
		expect(result.exitCode).toBe(137);
		expect(runFolders(tmp)).toEqual([]);
		expect(other.requests).toEqual([]);
	});

	test('ccgate ended by SIGTERM passes it on to the client and still removes the file', async () => {
		let arrived = false;
		const work = await startGateway({
			auth: {bearer: workToken},
			handler(request) {
				if (request.path.startsWith('/v1/messages')) {
					arrived = true;
					return true;
				}

				return false;
			},
		});
		const other = await startGateway({auth: {bearer: otherToken}});
		gateways.push(work, other);
		const {box, tmp, env} = await setUp(work, other);

		const child = execa(process.execPath, [ccgateBin, 'run', 'work', '--', claudeBinary, '-p', 'hi'], {env, extendEnv: false, cwd: folder(box, 'project'), reject: false, timeout: 60_000, stdin: 'ignore'});
		expect(await waitFor(() => arrived, {timeoutMs: 30_000})).toBe(true);
		const clientPid = pidWith(`${claudeBinary} --settings ${tmp}`);
		expect(clientPid).toBeDefined();
		child.kill('SIGTERM');
		const result = await child;
		expect(await waitFor(() => pidWith(`${claudeBinary} --settings ${tmp}`) === undefined, {timeoutMs: 10_000})).toBe(true);
		expect(runFolders(tmp)).toEqual([]);
		// Like a shell: 128 + SIGTERM, the way the client ended.
		expect(result.exitCode).toBe(143);
	});
});

describe('ccgate run PROFILE -- another command', () => {
	test('gets the profile through its environment, and nothing is written', async () => {
		const work = await startGateway({auth: {bearer: workToken}});
		const other = await startGateway({auth: {bearer: otherToken}});
		gateways.push(work, other);
		const {box, tmp, env, files} = await setUp(work, other);
		// A key in the shell for another gateway does not reach the command next to the profile's token.
		const shell = {...env, ANTHROPIC_API_KEY: otherToken};
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', 'sh', '-c', String.raw`printf "%s %s [%s]" "$ANTHROPIC_BASE_URL" "$ANTHROPIC_AUTH_TOKEN" "$` + '{ANTHROPIC_API_KEY-unset}"'], {env: shell, extendEnv: false, cwd: box.home, reject: false});
		expect({exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr}).toEqual({exitCode: 0, stdout: `${work.url} ${workToken} [unset]`, stderr: ''});
		expect(read(userSettingsPath(box))).toBe(files.settings);
		expect(runFolders(tmp)).toEqual([]);
	});

	test('its exit code is the command\'s', async () => {
		const work = await startGateway({auth: {bearer: workToken}});
		const other = await startGateway({auth: {bearer: otherToken}});
		gateways.push(work, other);
		const {box, env} = await setUp(work, other);
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', 'sh', '-c', 'exit 7'], {env, extendEnv: false, cwd: box.home, reject: false});
		expect(run.exitCode).toBe(7);
	});
});

describe('ccgate run: what it says', () => {
	test('a managed setting that overrides the profile is named', async () => {
		const work = await startGateway({auth: {bearer: workToken}});
		const other = await startGateway({auth: {bearer: otherToken}});
		gateways.push(work, other);
		const {box, env} = await setUp(work, other);
		put(managedSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://corp-gateway.example.com'}}));
		const run = await execa(process.execPath, [ccgateBin, 'run', 'work', '--', 'sh', '-c', 'true'], {env, extendEnv: false, cwd: box.home, reject: false});
		expect(run.stderr).toBe(`warning: The managed settings (${managedSettingsPath(box)}) set ANTHROPIC_BASE_URL, which beats the profile work even on the command line; ask whoever manages this machine, or run elsewhere.`);
		expect(run.exitCode).toBe(0);
	});

	test('an unknown profile is exit 2 with the names, and nothing runs', async () => {
		const box = sandbox();
		expect(await ccgate(box, ['run', 'office', '--', 'sh', '-c', 'echo ran'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: There is no profile named office; save one first with ccgate profile save NAME.\n'});
	});

	test('no command is exit 2 with the fix', async () => {
		const box = sandbox();
		expect(await ccgate(box, ['run', 'work'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate run work needs a command to run; give it after --, as in ccgate run work -- claude.\n'});
	});
});
