import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {afterEach, expect, test} from 'vitest';
import {claudeBinary} from '../helpers/claude.js';
import {makeSandbox, runCcgate} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';
import {temporaryFolder} from '../helpers/temporary.js';

// The proof for a team rollout (docs/contract.md §8): the real client, with nothing but the managed fragment ccgate
// printed in force in its managed folder, and no user settings at all.
let gateway: Gateway | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
});

/*
In a private mount namespace, /etc is an overlay (so /etc/claude-code exists there without being made on the host)
and `claudeCode` is bound over /etc/claude-code, so that nothing the host may already have there is in force.
As root that is a mount namespace alone; otherwise a user namespace as well, where the kernel allows one.
*/
const privateEtc = [
	'mount -t overlay overlay -o "lowerdir=/etc,upperdir=$1/upper,workdir=$1/work" /etc || exit 97',
	'mount --bind "$2" /etc/claude-code || exit 97',
	'shift 2',
	'exec "$@"',
].join('\n');

async function withPrivateClaudeCodeFolder(claudeCode: string, command: string[], options: {env: Record<string, string>; cwd: string}) {
	const overlay = temporaryFolder('ccgate-managed-etc-');
	mkdirSync(path.join(overlay, 'upper', 'claude-code'), {recursive: true});
	mkdirSync(path.join(overlay, 'work'));
	const namespaces = process.getuid?.() === 0 ? ['--mount'] : ['--user', '--map-root-user', '--mount'];
	const run = await execa('unshare', [...namespaces, '--propagation', 'private', 'sh', '-c', privateEtc, 'sh', overlay, claudeCode, ...command], {
		...options,
		extendEnv: false,
		stdin: 'ignore',
		reject: false,
		timeout: 30_000,
	});
	if (run.exitCode === 97 || (run.exitCode !== 0 && run.stderr.startsWith('unshare:'))) {
		// A test that could not put the fragment in force has proved nothing: it fails, and says why.
		throw new Error(`This test puts a managed fragment in /etc/claude-code in a private mount namespace, and this machine would not make one (${run.stderr.trim()}); run it as root, as .ci/run does, or where unprivileged user namespaces are allowed.`);
	}

	return {stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode};
}

test('with only the exported fragment in /etc/claude-code/managed-settings.d, the real claude -p reaches the gateway with no user settings', async () => {
	const sandbox = makeSandbox();
	gateway = await startGateway({auth: {bearer: 'T-managed-token-0123456789'}});
	const saved = await runCcgate(['profile', 'save', 'team', '--base-url', gateway.url, '--token-stdin', '--header', 'x-tenant: acme'], {env: sandbox.env, input: 'T-some-developer-token\n'});
	expect(saved.exitCode).toBe(0);
	const exported = await runCcgate(['profile', 'export', 'team', '--managed'], {env: sandbox.env});
	expect(exported.exitCode).toBe(0);
	// The administrator's one change: the organisation's credential command in place of the placeholder.
	const fragment = {...(JSON.parse(exported.stdout) as Record<string, unknown>), apiKeyHelper: 'echo T-managed-token-0123456789'};
	const claudeCode = temporaryFolder('ccgate-managed-claude-code-');
	mkdirSync(path.join(claudeCode, 'managed-settings.d'));
	writeFileSync(path.join(claudeCode, 'managed-settings.d', 'ccgate-team.json'), JSON.stringify(fragment, undefined, 2));
	const home = temporaryFolder('ccgate-managed-home-');
	const project = path.join(home, 'project');
	mkdirSync(project);
	const hostClaudeCode = () => (existsSync('/etc/claude-code') ? readdirSync('/etc/claude-code', {recursive: true}) : 'absent');
	const hostBefore = {claudeCode: hostClaudeCode(), mounts: readFileSync('/proc/self/mountinfo', 'utf8')};

	const run = await withPrivateClaudeCodeFolder(claudeCode, [claudeBinary, '-p', 'Say hello.'], {
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0'},
		cwd: project,
	});

	expect(run).toEqual({stdout: 'pong from gateway', stderr: '', exitCode: 0});
	const messages = gateway.requests.filter(request => request.method === 'POST' && request.path.startsWith('/v1/messages'));
	expect(messages.length).toBeGreaterThan(0);
	for (const request of messages) {
		expect(request.headers['authorization']).toBe('Bearer T-managed-token-0123456789');
		expect(request.headers['x-tenant']).toBe('acme');
	}

	// No user settings were involved; the host's /etc/claude-code and this process's mounts are as they were.
	expect(readdirSync(home).includes('.claude') ? readdirSync(path.join(home, '.claude')).filter(name => name.endsWith('.json')) : []).toEqual([]);
	expect({claudeCode: hostClaudeCode(), mounts: readFileSync('/proc/self/mountinfo', 'utf8')}).toEqual(hostBefore);
});
