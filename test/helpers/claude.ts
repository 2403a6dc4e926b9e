import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdir, readFile, realpath, writeFile} from 'node:fs/promises';
import {constants} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {temporaryFolder} from './temporary.js';

export type ClaudeRun = {stdout: string; stderr: string; exitCode: number};

/**
The real client installed as a dev dependency (a native binary; `--version` prints `2.1.328 (Claude Code)`).
Its postinstall copies the platform's binary over a placeholder; where npm skipped install scripts, the platform
package's own binary is taken instead.
*/
const platformBinary = fileURLToPath(new URL(`../../node_modules/@anthropic-ai/claude-code-${process.platform}-${process.arch}/claude`, import.meta.url));
// CCGATE_CLAUDE_BINARY runs the tests against another client (scripts/wire-drift.sh: the newest from npm).
export const claudeBinary = process.env['CCGATE_CLAUDE_BINARY'] ?? (existsSync(platformBinary) ? platformBinary : fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url)));

/** Parent variables worth passing on; everything else (ANTHROPIC_*, CLAUDE_*, proxies) stays behind. */
const inheritedVariables = ['PATH', 'TERM', 'LANG'] as const;

/**
Runs `claude -p <prompt>` with `HOME=home` and `CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1`, so that it
connects only to the configured gateway. Settings come from `home`; `options.env` adds variables (or, with
`undefined`, removes one). The client needs nothing else in `-p` mode: no flags, no `~/.claude.json`.

Also sets `CLAUDE_CODE_MAX_RETRIES=0`: by default the client retries a refused request (even a 401) with
backoff for minutes. Pass `env: {CLAUDE_CODE_MAX_RETRIES: undefined}` to see its real retries.

Rejects, with what the client printed, when it has not exited within `timeoutMs`.
*/
export async function runClaude(options: {
	home: string;
	/** Default: `<home>/project`, made when missing, so that project settings never alias the user's. */
	cwd?: string;
	prompt?: string;
	env?: Record<string, string | undefined>;
	timeoutMs?: number;
}): Promise<ClaudeRun> {
	const cwd = options.cwd ?? path.join(options.home, 'project');
	await mkdir(cwd, {recursive: true});
	const timeoutMs = options.timeoutMs ?? 40_000;

	const env: Record<string, string> = {};
	for (const name of inheritedVariables) {
		const value = process.env[name];
		if (value !== undefined) {
			env[name] = value;
		}
	}

	env['HOME'] = options.home;
	env['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC'] = '1';
	env['CLAUDE_CODE_MAX_RETRIES'] = '0';
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) {
			delete env[name];
		} else {
			env[name] = value;
		}
	}

	const child = spawn(claudeBinary, ['-p', options.prompt ?? 'Say hello.'], {cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});

	return new Promise<ClaudeRun>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`claude -p did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
		}, timeoutMs);
		child.once('error', error => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			// Like a shell: 128 + the signal's number when a signal ended it.
			resolve({stdout, stderr, exitCode: code ?? 128 + (signal ? constants.signals[signal] : 0)});
		});
	});
}

/**
A fresh temporary HOME whose `~/.claude.json` marks onboarding done, and `cwd` (when given) trusted, so that an
interactive `claude` skips both screens. `claude -p` needs neither. Removed after the test file.
*/
export async function makeClaudeHome(cwd?: string): Promise<string> {
	const home = await realpath(temporaryFolder('ccgate-home-'));
	const state = {
		hasCompletedOnboarding: true,
		...(cwd === undefined ? {} : {projects: {[cwd]: {hasTrustDialogAccepted: true}}}),
	};
	await writeFile(path.join(home, '.claude.json'), `${JSON.stringify(state, undefined, '\t')}\n`);
	return home;
}

/** What gateway model discovery caches: `<config dir>/cache/gateway-models.json` (written with mode 0600). */
export type GatewayModelsCache = {
	baseUrl: string;
	fetchedAt: number;
	models: Array<{id: string; display_name?: string; description?: string | null}>;
};

export function gatewayModelsCachePath(home: string): string {
	return path.join(home, '.claude', 'cache', 'gateway-models.json');
}

/** The cache as Claude Code wrote it, or undefined while there is none. */
export async function readGatewayModelsCache(home: string): Promise<GatewayModelsCache | undefined> {
	try {
		return JSON.parse(await readFile(gatewayModelsCachePath(home), 'utf8')) as GatewayModelsCache;
	} catch {
		return undefined;
	}
}

/** Polls `condition` until it holds or `timeoutMs` passes; resolves whether it held. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	{timeoutMs = 5000, intervalMs = 20}: {timeoutMs?: number; intervalMs?: number} = {},
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	// One check at a time, each after the last: a poll.
	for (;;) {
		// eslint-disable-next-line no-await-in-loop
		if (await condition()) {
			return true;
		}

		if (Date.now() >= deadline) {
			return false;
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => {
			setTimeout(resolve, intervalMs);
		});
	}
}
