import {spawn} from 'node:child_process';
import {accessSync, constants as fsConstants} from 'node:fs';
import {chmod, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {gatewayOf} from '../core/api-format.js';
import {type Finding, formatFinding} from '../core/findings.js';
import {resolveEffective} from '../core/layers.js';
import {parseHeaders} from '../core/headers.js';
import {legacyRemapSwitch} from '../core/models.js';
import {isSwitchOn} from '../core/switches.js';
import {readLayers} from '../io/read-layers.js';
import {buildNetwork, dispatcherOf, envValue} from '../probe/network.js';
import {redactor} from '../probe/probe.js';
import {diagnoseExchanges, modelResolutionFinding, startRelay, type RelayExchange} from '../probe/relay.js';
import type {CommandContext} from '../app/context.js';
import {type Flags, timeoutFlag} from './flags.js';

/*
`ccgate doctor --client`: the installed Claude Code is the judge. It runs `claude -p` once, pointed at a
loopback relay (source/probe/relay.ts) that forwards every request unchanged to the configured gateway, and
reports what the client asked for, what came back, and what the client made of it.

It writes nothing of the user's: the client runs in a temporary folder, with a temporary CLAUDE_CONFIG_DIR
(where it keeps its state and transcripts) and TMPDIR, and with the effective configuration that ccgate reads
(its env as the process's environment, `model` and `apiKeyHelper` in a 0600 `--settings` file, which
also points the base URL at the relay); all of it is removed afterwards.
*/

const prompt = 'Reply with one word.';
// A client that retries a refused request backs off for minutes; one retry shows the retry, and is quick.
const defaultRetries = '1';
const defaultTimeoutMs = 120_000;

/** The first executable `claude` on PATH, as a shell would find it. */
function claudeOnPath(pathVariable: string | undefined): string | undefined {
	for (const folder of (pathVariable ?? '').split(path.delimiter)) {
		if (folder === '') {
			continue;
		}

		const candidate = path.join(folder, 'claude');
		try {
			accessSync(candidate, fsConstants.X_OK);
			return candidate;
		} catch {}
	}

	return undefined;
}

type ClientRun = {stdout: string; stderr: string; exitCode: number; timedOut: boolean};

async function runClient(binary: string, args: string[], options: {cwd: string; env: Record<string, string>; timeoutMs: number}): Promise<ClientRun> {
	return new Promise(resolve => {
		const child = spawn(binary, args, {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, options.timeoutMs);
		child.once('error', error => {
			clearTimeout(timer);
			resolve({stdout, stderr: error.message, exitCode: 127, timedOut});
		});
		child.once('close', code => {
			clearTimeout(timer);
			resolve({stdout, stderr, exitCode: code ?? 1, timedOut});
		});
	});
}

/** `NO_PROXY` with loopback added: the client reaches the relay directly, whatever proxy the gateway is behind. */
function withLoopbackExcluded(value: string | undefined): string {
	return [value, '127.0.0.1'].filter(Boolean).join(',');
}

function exchangeLines(exchanges: readonly RelayExchange[], diagnoses: ReadonlyArray<Finding | undefined>, redact: (text: string) => string): string[] {
	const pathWidth = Math.max(...exchanges.map(exchange => redact(exchange.path).length), 0);
	const modelWidth = Math.max(...exchanges.map(exchange => redact(exchange.model ?? '-').length), 0);
	return exchanges.flatMap((exchange, index) => {
		const {outcome} = exchange;
		const line = [
			exchange.method.padEnd(4),
			redact(exchange.path).padEnd(pathWidth),
			redact(exchange.model ?? '-').padEnd(modelWidth),
			(outcome.kind === 'answer' ? String(outcome.status) : '-').padStart(3),
			`${Math.round(outcome.ms)} ms`.padStart(8),
		].join('  ');
		const diagnosis = diagnoses[index];
		return diagnosis ? [line, `      ${redact(formatFinding(diagnosis))}`] : [line];
	});
}

/** What the client printed, line by line, without its answer: its errors and warnings. */
function clientLines(run: ClientRun, redact: (text: string) => string): string[] {
	const printed = `${run.stdout}\n${run.stderr}`.split('\n').map(line => line.trim()).filter(Boolean);
	return printed.slice(-5).map(line => redact(line));
}

/** `ccgate doctor --client`. Exit 0 when Claude Code got its answer, 1 when not, 2 when it cannot run. */
export async function runDoctorClient(flags: Flags, context: CommandContext): Promise<number> {
	if (flags.json || flags.live) {
		context.stderr(`error: ccgate doctor --client takes no ${flags.json ? '--json' : '--live'}: it reports what the client did, as text; run ccgate doctor --client alone.\n`);
		return 2;
	}

	const binary = claudeOnPath(context.env['PATH']);
	if (binary === undefined) {
		context.stderr('error: ccgate doctor --client runs Claude Code, and no claude command is on PATH; install Claude Code, or add the folder of its claude command to PATH.\n');
		return 2;
	}

	const timeoutMs = flags.timeout === undefined ? defaultTimeoutMs : timeoutFlag(flags);
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const gateway = gatewayOf(effective.values);
	if (gateway === undefined) {
		context.stderr('error: ccgate doctor --client needs a gateway, and no ANTHROPIC_BASE_URL is configured; set one up with ccgate, or ccgate write --base-url URL.\n');
		return 2;
	}

	context.stdout(`This runs claude -p once, through a loopback relay to ${gateway.url}: it spends one real request.\n`);
	const network = await buildNetwork(gateway.url, effective.env, undefined, timeoutMs);
	if (network.fatal) {
		context.stdout(`${network.findings.map(finding => formatFinding(finding)).join('\n')}\nClaude Code was not run.\n`);
		return 1;
	}

	const relay = await startRelay(gateway.url, await dispatcherOf(network));
	const folder = await mkdtemp(path.join(context.env['TMPDIR'] || tmpdir(), 'ccgate-client-'));
	let run: ClientRun;
	try {
		const configDirectory = path.join(folder, 'config');
		const work = path.join(folder, 'work');
		const temporary = path.join(folder, 'tmp');
		await Promise.all([mkdir(configDirectory, {mode: 0o700}), mkdir(work, {mode: 0o700}), mkdir(temporary, {mode: 0o700})]);
		const settingsPath = path.join(folder, 'settings.json');
		const {model, apiKeyHelper} = effective.values;
		const settings = {env: {[gateway.key]: relay.url}, ...(model === undefined ? {} : {model}), ...(apiKeyHelper === undefined ? {} : {apiKeyHelper})};
		await writeFile(settingsPath, `${JSON.stringify(settings, undefined, '\t')}\n`, {mode: 0o600});
		await chmod(settingsPath, 0o600);
		const env: Record<string, string> = {
			CLAUDE_CODE_MAX_RETRIES: defaultRetries,
			...effective.env,
			[gateway.key]: relay.url,
			CLAUDE_CONFIG_DIR: configDirectory,
			// The client's own temporary files (a file-watch probe it leaves behind) go with the rest.
			TMPDIR: temporary,
			CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
			NO_PROXY: withLoopbackExcluded(envValue(effective.env, 'no_proxy')?.value),
		};
		delete env['no_proxy'];
		run = await runClient(binary, ['-p', '--settings', settingsPath, prompt], {cwd: work, env, timeoutMs});
	} finally {
		await relay.close();
		await rm(folder, {recursive: true, force: true});
	}

	const {exchanges} = relay;
	// The configured secrets, and every secret header value the client sent (an apiKeyHelper's output among them).
	const sent = exchanges.flatMap(exchange => exchange.secrets.flatMap(value => [value, value.replace(/^bearer\s+/i, '')]));
	const redact = redactor({
		authToken: effective.values.ANTHROPIC_AUTH_TOKEN,
		apiKey: effective.values.ANTHROPIC_API_KEY,
		customHeaders: [...parseHeaders(effective.values.ANTHROPIC_CUSTOM_HEADERS), ...sent.map(value => ({name: 'authorization', value}))],
		env: effective.env,
	});
	const answered = run.exitCode === 0 && run.stdout.trim() !== '';
	const diagnoses = diagnoseExchanges(exchanges, gateway, timeoutMs);
	const configured = effective.values.ANTHROPIC_MODEL ?? effective.values.model;
	const remapDisabled = isSwitchOn(effective.env[legacyRemapSwitch]);
	const findings: Finding[] = [];
	const resolution = modelResolutionFinding(exchanges, configured, remapDisabled);
	if (resolution) {
		findings.push(resolution);
	}

	if (exchanges.length === 0) {
		findings.push({code: 'client-no-request', level: 'error', message: 'Claude Code sent no request through the relay', fix: 'check for a managed setting or a provider switch that sends it elsewhere, and the client\'s own words above'});
	}

	let text = '\nExchanges through the relay (method, path, model, status, time)\n';
	text += exchanges.length === 0 ? 'none\n' : `${exchangeLines(exchanges, diagnoses, redact).join('\n')}\n`;
	if (!answered) {
		text += `\n${clientLines(run, redact).map(line => `Claude Code said: ${line}`).join('\n')}\n`;
		if (run.timedOut) {
			text += `Claude Code did not finish within ${timeoutMs} ms; it was stopped.\n`;
		}
	}

	if (findings.length > 0) {
		text += `\n${findings.map(finding => redact(formatFinding(finding))).join('\n')}\n`;
	}

	text += answered ? '\nClaude Code got its answer through the gateway.\n' : `\nClaude Code did not get its answer through the gateway (exit ${run.exitCode}).\n`;
	context.stdout(text);
	return answered ? 0 : 1;
}
