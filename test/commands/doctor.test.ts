import {readFileSync, realpathSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {afterEach, describe, expect, test} from 'vitest';
import {ccgateBin, type Sandbox} from '../helpers/cli.js';
import {waitFor} from '../helpers/claude.js';
import {defaultModels, everyTierModels, type Gateway, startGateway, unmappedTierModels} from '../helpers/gateway.js';
import {closedPort} from '../probe/servers.js';
import {ccgate, ccgateBinary, expectNoStackTrace, expectNotPrinted, folder, lines, put, sandbox, trust, userSettingsPath} from './support.js';

const token = 'sk-gw-doctor-token-0123456789abcdef';
const maskedToken = 'sk-g…cdef';

/** The real Claude Code from devDependencies on PATH, so the report's "Claude Code on PATH" line is known. */
const binDirectory = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));
const claudeVersion = (JSON.parse(readFileSync(fileURLToPath(new URL('../../node_modules/@anthropic-ai/claude-code/package.json', import.meta.url)), 'utf8')) as {version: string}).version;

const servers: Array<{close(): Promise<void>}> = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

/** A gateway that serves every tier the client can ask for, unless the test lists its models itself. */
/** The models /model offers with discovery off (each tier unmapped), and one that is no Claude model. */
const servedByModelPicker = [...unmappedTierModels, {id: 'gpt-4o', display_name: 'GPT-4o'}];

async function gateway(options: Parameters<typeof startGateway>[0] = {}): Promise<Gateway> {
	const started = await startGateway({models: everyTierModels, ...options});
	servers.push(started);
	return started;
}

/** `ccgate doctor`, in-process, or through the built binary (`run` ccgateBinary). */
async function doctor(box: Sandbox, args: string[], cwd: string, run = ccgate) {
	return run(box, ['doctor', ...args], {cwd, env: {PATH: `${binDirectory}:${box.env['PATH']!}`}});
}

/** Each check's time varies: it must be there, and becomes `<ms>`. */
function withoutTimes(text: string): string[] {
	return lines(text).map(line => line.replace(/ +\d+ ms$/, ' <ms>'));
}

/**
A project folder whose `.claude/settings.json` overrides the user's base URL with `projectBaseUrl` and
turns on Bedrock; the user's settings name `userBaseUrl` and the token.
*/
function projectOverridingUser(box: Sandbox, userBaseUrl: string, projectBaseUrl: string): {project: string; projectFile: string; userFile: string} {
	// As the process sees its cwd: the real path, which is what Claude Code records trust for.
	const project = realpathSync(folder(box, 'work', 'repo'));
	const projectFile = path.join(project, '.claude', 'settings.json');
	const userFile = userSettingsPath(box);
	put(userFile, JSON.stringify({env: {ANTHROPIC_BASE_URL: userBaseUrl, ANTHROPIC_AUTH_TOKEN: token}}, undefined, 2));
	put(projectFile, JSON.stringify({env: {ANTHROPIC_BASE_URL: projectBaseUrl, CLAUDE_CODE_USE_BEDROCK: '1'}}, undefined, 2));
	return {project, projectFile, userFile};
}

describe('ccgate doctor', () => {
	test('a trusted project that overrides the base URL and turns on Bedrock, gateway down: all three reported with their files, exit 1', async () => {
		const box = sandbox();
		const user = await gateway();
		const port = await closedPort();
		const projectUrl = `http://127.0.0.1:${port}`;
		const {project, projectFile, userFile} = projectOverridingUser(box, user.url, projectUrl);
		trust(box, project);

		const run = await doctor(box, [], project);

		expect(withoutTimes(run.stdout)).toEqual([
			'Verdict: Claude Code will not work through this configuration (2 errors, 1 warning).',
			'',
			'Effective configuration',
			'KEY                      VALUE                   LAYER    SHADOWS',
			`ANTHROPIC_BASE_URL       ${projectUrl}  project  user: ${user.url}`,
			`ANTHROPIC_AUTH_TOKEN     ${maskedToken}               user     -`,
			'CLAUDE_CODE_USE_BEDROCK  1                       project  -',
			'',
			'Layers:',
			`  user     ${userFile}`,
			`  project  ${projectFile}`,
			'',
			`Claude Code on PATH: ${claudeVersion}`,
			'',
			`Probe of ${projectUrl}`,
			'warning  models        GET   /v1/models?limit=1000        - <ms>',
			'warning  count_tokens  POST  /v1/messages/count_tokens    - <ms>',
			'error    messages      POST  /v1/messages?beta=true       - <ms>',
			'The gateway is not usable by Claude Code',
			'',
			'Findings',
			`error: CLAUDE_CODE_USE_BEDROCK=1 in project settings (${projectFile}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_BEDROCK from ${projectFile} to use the gateway.`,
			`warning: ANTHROPIC_BASE_URL in user settings (${userFile}) is overridden by project settings (${projectFile}); change it in ${projectFile}, or remove it there to use the other value.`,
			`error: Nothing is listening at 127.0.0.1:${port} (connection refused); start the gateway, or correct the host and port in ANTHROPIC_BASE_URL.`,
		]);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(1);
		// Trusted, the project's base URL is the one in force: the user's gateway is not asked.
		expect(user.requests).toEqual([]);
		expectNotPrinted(run, token);
	});

	test('the same project untrusted: its base URL receives nothing, the user\'s gateway gets the probe', async () => {
		const box = sandbox();
		const user = await gateway({models: servedByModelPicker});
		const projectGateway = await gateway();
		const {project, projectFile} = projectOverridingUser(box, user.url, projectGateway.url);
		// Claude Code knows the folder, but its trust dialog was never accepted.
		put(path.join(box.home, '.claude.json'), JSON.stringify({projects: {[project]: {hasTrustDialogAccepted: false}}}));

		const run = await doctor(box, [], project);

		expect(projectGateway.requests).toEqual([]);
		expect(user.requests.map(request => `${request.method} ${request.path}`).sort()).toEqual([
			'GET /v1/models?limit=1000',
			'POST /v1/messages/count_tokens',
			'POST /v1/messages?beta=true',
		]);
		expect(user.requests.every(request => request.headers['authorization'] === `Bearer ${token}`)).toBe(true);
		const output = withoutTimes(run.stdout);
		expect(output[0]).toBe('Verdict: Claude Code will not work through this configuration (1 error, 1 warning).');
		expect(output).toContain(`ANTHROPIC_BASE_URL       ${user.url}  user                          project (untrusted, ignored): ${projectGateway.url}`);
		expect(output).toContain(`  project  ${projectFile} (untrusted: not applied)`);
		expect(output).toContain(`Probe of ${user.url}`);
		expect(output).toContain('The gateway is usable by Claude Code');
		expect(output.slice(output.indexOf('Findings') + 1)).toEqual([
			`error: CLAUDE_CODE_USE_BEDROCK=1 in project settings (${projectFile}), untrusted for now, sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_BEDROCK from ${projectFile} to use the gateway.`,
			`warning: ${projectFile} is left out because Claude Code has not trusted this folder; open claude here and accept the trust dialog, or pass --trust-project.`,
		]);
		expect(run.exitCode).toBe(1);
		expectNotPrinted(run, token);
	});

	test('a healthy setup: the one-line verdict on top, exit 0, the token masked', async () => {
		const box = sandbox();
		const server = await gateway({models: servedByModelPicker});
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token}}));
		const cwd = folder(box, 'elsewhere');

		const run = await doctor(box, [], cwd, ccgateBinary);

		const output = withoutTimes(run.stdout);
		expect(output[0]).toBe('Verdict: ready, the gateway is usable (0 errors, 0 warnings). Only --live can tell whether its streamed answers work.');
		expect(output[1]).toBe('');
		expect(output).toContain(`ANTHROPIC_AUTH_TOKEN  ${maskedToken}               user   -`);
		expect(output).toContain('ok       messages      POST  /v1/messages?beta=true     400 <ms>');
		expect(output.slice(output.indexOf('Findings'))).toEqual(['Findings', 'none']);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		expectNotPrinted(run, token);
	});

	test('a tier the gateway does not serve is a warning naming the mapping that fixes it: fable asks for claude-fable-5-2', async () => {
		const box = sandbox();
		const server = await gateway({models: [...defaultModels, ...unmappedTierModels.filter(model => model.id !== 'claude-fable-5-2'), {id: 'gw-sub', display_name: 'sub'}]});
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-gw-opus', CLAUDE_CODE_SUBAGENT_MODEL: 'claude-gw-sub'}}));

		const run = await doctor(box, [], folder(box, 'elsewhere'), ccgateBinary);

		const output = withoutTimes(run.stdout);
		expect(output[0]).toBe('Verdict: ready, the gateway is usable (0 errors, 4 warnings). Only --live can tell whether its streamed answers work.');
		expect(output).toContain('ANTHROPIC_DEFAULT_OPUS_MODEL  claude-gw-opus          user   -');
		expect(output).toContain('CLAUDE_CODE_SUBAGENT_MODEL    claude-gw-sub           user   -');
		expect(output.slice(output.indexOf('Findings') + 1)).toEqual([
			'warning: The model tier opus is mapped to claude-gw-opus (ANTHROPIC_DEFAULT_OPUS_MODEL), which the gateway does not list; map it to a model the gateway lists with ANTHROPIC_DEFAULT_OPUS_MODEL (ccgate write --opus-model ID).',
			'warning: The model tier fable asks the gateway for claude-fable-5-2, which the gateway does not list; map it to a model the gateway lists with ANTHROPIC_DEFAULT_FABLE_MODEL (ccgate write --fable-model ID).',
			'warning: The subagent model claude-gw-sub (CLAUDE_CODE_SUBAGENT_MODEL) is not one the gateway lists; set CLAUDE_CODE_SUBAGENT_MODEL to a model the gateway lists (ccgate write --subagent-model ID).',
			'warning: /model will not offer 2 models the gateway lists (claude-gw-sonnet, claude-opus-5-5), because gateway model discovery is off; turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want.',
		]);
		expect(run.exitCode).toBe(0);
	});

	test('models missing from /model: a Claude model the gateway lists and no setting names is a warning while discovery is off, and none once it is on', async () => {
		const server = await gateway();
		const findingsWith = async (env: Record<string, string>) => {
			const box = sandbox();
			put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: server.url, ANTHROPIC_AUTH_TOKEN: token, ...env}}));
			const run = await doctor(box, [], folder(box, 'elsewhere'));
			const output = withoutTimes(run.stdout);
			return {exitCode: run.exitCode, verdict: output[0], findings: output.slice(output.indexOf('Findings') + 1)};
		};

		expect(await findingsWith({})).toEqual({
			exitCode: 0,
			verdict: 'Verdict: ready, the gateway is usable (0 errors, 1 warning). Only --live can tell whether its streamed answers work.',
			findings: ['warning: /model will not offer a model the gateway lists (claude-gw-sonnet), because gateway model discovery is off; turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want.'],
		});
		// Mapped to a tier, /model offers it as that tier.
		expect((await findingsWith({ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-gw-sonnet'})).findings).toEqual(['warning: /model will not offer a model the gateway lists (claude-sonnet-5-5), because gateway model discovery is off; turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want.']);
		expect((await findingsWith({CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: 'yes'})).findings).toEqual(['none']);
		expect((await findingsWith({CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: 'off'})).verdict).toBe('Verdict: ready, the gateway is usable (0 errors, 1 warning). Only --live can tell whether its streamed answers work.');
	});

	test('--json parses, with the verdict, ok, the findings with their files, and the probe', async () => {
		const box = sandbox();
		const user = await gateway();
		const port = await closedPort();
		const {project, projectFile} = projectOverridingUser(box, user.url, `http://127.0.0.1:${port}`);
		trust(box, project);

		const run = await doctor(box, ['--json'], project);

		const report = JSON.parse(run.stdout) as {
			verdict: string;
			ok: boolean;
			claudeVersion: string | null;
			findings: Array<{level: string; message: string; layer?: string}>;
			config: {keys: Array<{key: string; value: string; layer: string; path: string | null}>};
			probe: {usable: boolean} | null;
		};
		expect(Object.keys(report)[0]).toBe('verdict');
		expect(report.verdict).toBe('Verdict: Claude Code will not work through this configuration (2 errors, 1 warning).');
		expect(report.ok).toBe(false);
		expect(report.claudeVersion).toBe(claudeVersion);
		expect(report.findings.map(finding => [finding.level, finding.layer ?? null])).toEqual([
			['error', projectFile],
			['warning', projectFile],
			['error', null],
		]);
		expect(report.config.keys.map(key => [key.key, key.value, key.layer, key.path])).toEqual([
			['ANTHROPIC_BASE_URL', `http://127.0.0.1:${port}`, 'project', projectFile],
			['ANTHROPIC_AUTH_TOKEN', maskedToken, 'user', userSettingsPath(box)],
			['CLAUDE_CODE_USE_BEDROCK', '1', 'project', projectFile],
		]);
		expect(report.probe?.usable).toBe(false);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(1);
		expectNotPrinted(run, token);
	});

	test('Ctrl+C during the probe: exit 130, "Doctor cancelled.", no stack trace', async () => {
		const box = sandbox();
		let requests = 0;
		const sockets = new Set<net.Socket>();
		const silent = net.createServer(socket => {
			sockets.add(socket);
			socket.once('data', () => {
				requests++;
			});
		});
		await new Promise<void>(resolve => {
			silent.listen(0, '127.0.0.1', resolve);
		});
		servers.push({
			async close() {
				for (const socket of sockets) {
					socket.destroy();
				}

				await new Promise(resolve => {
					silent.close(resolve);
				});
			},
		});
		const {port} = silent.address() as net.AddressInfo;
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`, ANTHROPIC_AUTH_TOKEN: token}}));
		const child = execa(process.execPath, [ccgateBin, 'doctor', '--timeout', '20000'], {
			env: box.env,
			extendEnv: false,
			cwd: box.home,
			reject: false,
			stripFinalNewline: false,
			timeout: 30_000,
		});

		expect(await waitFor(() => requests === 3, {timeoutMs: 10_000}), 'the probe\'s three requests arrive').toBe(true);
		const signalled = performance.now();
		child.kill('SIGINT');
		const result = await child;

		expect(result.exitCode).toBe(130);
		expect(result.stderr).toBe('Doctor cancelled.\n');
		expect(result.stdout).toBe('');
		expectNoStackTrace({stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1});
		expect(performance.now() - signalled).toBeLessThan(5000);
	});
});
