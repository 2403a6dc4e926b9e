import {readFileSync, writeFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type ClaudeRun, runClaude} from '../helpers/claude.js';
import type {CliRun} from '../helpers/cli.js';
import {type Gateway, sendError, startGateway} from '../helpers/gateway.js';
import {type OpenAiUpstream, type RealGateway, startLlmops, startOpenAiUpstream, startUnscopedClaudeCodeRouter} from '../helpers/real-gateways.js';
import {closedPort} from '../probe/servers.js';
import {ccgate, lines, sandbox} from '../commands/support.js';

/*
Issue 21.6: two more gateways from npm that no one here wrote (the unscoped claude-code-router 2.1.1, a
translator to an OpenAI-format provider; @llmops/gateway 0.6.10, a fork of Portkey's), each in front of a
loopback provider. For every case, the real client (`claude -p`), `ccgate probe` and `ccgate probe --live`
judge the same configuration, and the verdicts are compared with one table, `cases` below. The table of
what was measured is docs/gateway-agreement.md, which this file checks (or, with CCGATE_AGREEMENT_WRITE=1,
writes); scripts/wire-drift.sh runs this file against the newest client and prints the table it measured.
*/

const reply = 'pong through a real gateway';
const token = 'sk-agree-gw-token-0123456789abcdef';
const documentPath = new URL('../../docs/gateway-agreement.md', import.meta.url);
// The drift report runs this file with the newest client, and hands it a file for the table it measured.
const driftOutput = process.env['CCGATE_AGREEMENT_OUT'];

type ClientVerdict = 'reply' | 'fails';
type Verdict = 'usable' | 'not usable' | 'cannot tell';

type Servers = {
	router: RealGateway;
	deadRouter: RealGateway;
	llmops: RealGateway;
	anthropic: Gateway;
	opus41Only: Gateway;
	sonnetOnly: Gateway;
	deadPort: number;
};

type Case = {
	name: string;
	gateway: 'claude-code-router 2.1.1' | '@llmops/gateway 0.6.10';
	/** The values, as `ccgate write` and `ccgate probe` take them. */
	flags: (servers: Servers) => string[];
	/** What each judge says with the pinned client (2.1.328), as measured. */
	client: ClientVerdict;
	probe: Verdict;
	live: Verdict;
	/** Where the probe's verdict is not the client's: why, and the point of issue 21 that fixes it. */
	known?: string;
};

const llmopsHeaders = (upstream: string) => ['--header', 'x-llmops-provider: anthropic', '--header', `x-llmops-custom-host: ${upstream}/v1`];

/** The expected verdicts: one row per case. A fix that changes a verdict changes its row here (and the doc). */
const cases: Case[] = [
	{
		name: 'healthy (its streams end without message_stop)',
		gateway: 'claude-code-router 2.1.1',
		flags: s => ['--base-url', s.router.url, '--auth-token', token],
		client: 'fails',
		probe: 'cannot tell',
		live: 'not usable',
	},
	{
		name: 'provider down',
		gateway: 'claude-code-router 2.1.1',
		flags: s => ['--base-url', s.deadRouter.url, '--auth-token', token],
		client: 'fails',
		probe: 'cannot tell',
		live: 'not usable',
	},
	{
		name: 'base URL ending in /v1',
		gateway: 'claude-code-router 2.1.1',
		flags: s => ['--base-url', `${s.router.url}/v1`, '--auth-token', token],
		client: 'fails',
		probe: 'not usable',
		live: 'not usable',
	},
	{
		name: 'healthy',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', token, ...llmopsHeaders(s.anthropic.url)],
		client: 'reply',
		probe: 'usable',
		live: 'usable',
	},
	{
		name: 'healthy, key as ANTHROPIC_API_KEY',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--api-key', token, ...llmopsHeaders(s.anthropic.url)],
		client: 'reply',
		probe: 'usable',
		live: 'usable',
	},
	{
		name: 'without x-llmops-provider',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', token],
		client: 'fails',
		probe: 'not usable',
		live: 'not usable',
	},
	{
		name: 'a key the provider refuses',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', 'sk-not-the-provider-key-0123456789', ...llmopsHeaders(s.anthropic.url)],
		client: 'fails',
		probe: 'not usable',
		live: 'not usable',
	},
	{
		name: 'provider down',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', token, ...llmopsHeaders(`http://127.0.0.1:${s.deadPort}`)],
		client: 'fails',
		probe: 'not usable',
		live: 'not usable',
	},
	{
		name: 'provider serves only claude-opus-4-1; model claude-opus-4-1',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', token, '--model', 'claude-opus-4-1', ...llmopsHeaders(s.opus41Only.url)],
		client: 'fails',
		// The probe asks for claude-opus-5-5, as the client does (issue 21.1), and the provider refuses it.
		probe: 'not usable',
		live: 'not usable',
	},
	{
		name: 'provider serves only claude-sonnet-5-5; model sonnet',
		gateway: '@llmops/gateway 0.6.10',
		flags: s => ['--base-url', s.llmops.url, '--auth-token', token, '--model', 'sonnet', ...llmopsHeaders(s.sonnetOnly.url)],
		client: 'reply',
		probe: 'usable',
		live: 'usable',
	},
];

const servers: Array<{close(): Promise<void>}> = [];
let started: Servers;

async function keep<T extends {close(): Promise<void>}>(server: Promise<T>): Promise<T> {
	const value = await server;
	servers.push(value);
	return value;
}

/** A provider in Anthropic's format that serves `model` only: any other gets Anthropic's 404 for an unknown model. */
async function onlyModel(model: string): Promise<Gateway> {
	return keep(startGateway({
		reply,
		auth: {apiKey: token},
		handler(request, response) {
			const asked = request.method === 'POST' && request.body ? (JSON.parse(request.body) as {model?: string}).model : undefined;
			if (asked === undefined || asked === model) {
				return false;
			}

			sendError(response, 404, 'not_found_error', `model: ${asked}`);
			return true;
		},
	}));
}

beforeAll(async () => {
	const openAi: OpenAiUpstream = await keep(startOpenAiUpstream(reply));
	const deadPort = await closedPort();
	const [router, deadRouter, llmops, anthropic, opus41Only, sonnetOnly] = await Promise.all([
		keep(startUnscopedClaudeCodeRouter({upstream: openAi.url, model: 'gw-model'})),
		keep(startUnscopedClaudeCodeRouter({upstream: `http://127.0.0.1:${deadPort}`, model: 'gw-model'})),
		keep(startLlmops()),
		keep(startGateway({reply, auth: {apiKey: token}})),
		onlyModel('claude-opus-4-1'),
		onlyModel('claude-sonnet-5-5'),
	]);
	started = {router, deadRouter, llmops, anthropic, opus41Only, sonnetOnly, deadPort};
}, 60_000);

afterAll(async () => {
	await Promise.all(servers.splice(0).map(async server => server.close()));
});

type Measured = {client: ClientVerdict; clientLine: string; probe: Verdict; live: Verdict};
const measured = new Map<Case, Measured>();

/** The probe's verdict, from its last line. */
function verdictOf(run: CliRun): Verdict {
	const last = lines(run.stdout).at(-1) ?? '';
	if (/cannot tell/i.test(last)) {
		return 'cannot tell';
	}

	if (last.endsWith('is not usable by Claude Code')) {
		return 'not usable';
	}

	if (last.endsWith('is usable by Claude Code')) {
		return 'usable';
	}

	throw new Error(`no verdict in the probe's output (exit ${run.exitCode}):\n${run.stdout}${run.stderr}`);
}

/** The client's own error line, with loopback ports masked; '' when it got its answer. */
function clientLine(run: ClaudeRun): string {
	const line = lines(run.stdout + run.stderr).find(text => text.startsWith('API Error')) ?? lines(run.stdout + run.stderr).at(-1) ?? '';
	return line.replaceAll(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

function agreement(client: ClientVerdict, verdict: Verdict): string {
	if (verdict === 'cannot tell') {
		return 'no claim';
	}

	return (verdict === 'usable') === (client === 'reply') ? 'agree' : 'DISAGREE';
}

function tableOf(version: string): string {
	const header = [
		`| gateway | case | client ${version} | probe | probe --live |`,
		'| --- | --- | --- | --- | --- |',
	];
	const rows = cases.map(row => {
		const found = measured.get(row);
		if (!found) {
			return `| ${row.gateway} | ${row.name} | not measured | | |`;
		}

		const {client, clientLine: line, probe, live} = found;
		const said = client === 'reply' ? 'reply' : `fails: ${line.replaceAll('|', '\\|')}`;
		return `| ${row.gateway} | ${row.name} | ${said} | ${probe} (${agreement(client, probe)}) | ${live} (${agreement(client, live)}) |`;
	});
	return [...header, ...rows].join('\n');
}

describe.concurrent('each judge on each case', {timeout: 120_000}, () => {
	test.for(cases.map(row => [`${row.gateway}: ${row.name}`, row] as const))('%s', async ([_label, row], {expect}) => {
		const flags = row.flags(started);
		const box = sandbox();
		const write = await ccgate(box, ['write', ...flags]);
		expect(write.exitCode, write.stderr).toBe(0);
		const [claude, probe, live] = await Promise.all([
			runClaude({home: box.home, prompt: 'Reply with one word.', timeoutMs: 90_000}),
			ccgate(box, ['probe', '--timeout', '30000', ...flags]),
			ccgate(box, ['probe', '--live', '--timeout', '30000', ...flags]),
		]);
		const client: ClientVerdict = claude.exitCode === 0 && claude.stdout.includes(reply) ? 'reply' : 'fails';
		measured.set(row, {client, clientLine: clientLine(claude), probe: verdictOf(probe), live: verdictOf(live)});

		expect(probe.stdout + probe.stderr + live.stdout + live.stderr).not.toContain(token);
		expect({client, probe: verdictOf(probe), live: verdictOf(live)}, claude.stdout + claude.stderr + probe.stderr + live.stderr).toEqual({client: row.client, probe: row.probe, live: row.live});
		// Where ccgate claims a verdict and no fix is pending, it is the client's.
		const claims = [row.probe, row.live].filter(verdict => verdict !== 'cannot tell');
		expect(claims.every(verdict => agreement(row.client, verdict) === 'agree')).toBe(row.known === undefined);
	});
});

describe('the table', () => {
	test(driftOutput ? 'is handed to the drift report' : 'is docs/gateway-agreement.md\'s', () => {
		if (driftOutput) {
			writeFileSync(driftOutput, `${tableOf('(newest)')}\n`);
		}

		expect(measured.size).toBe(cases.length);
		if (driftOutput) {
			return;
		}

		const table = tableOf('2.1.328');
		const document = readFileSync(documentPath, 'utf8');
		const [before, rest] = document.split('<!-- table -->\n');
		const after = rest!.slice(rest!.indexOf('<!-- end of table -->'));
		if (process.env['CCGATE_AGREEMENT_WRITE'] === '1') {
			writeFileSync(documentPath, `${before}<!-- table -->\n${table}\n${after}`);
		}

		expect(readFileSync(documentPath, 'utf8')).toBe(`${before}<!-- table -->\n${table}\n${after}`);
	});
});
