import type {FindingCode} from '../core/finding-codes.js';
import type {Finding} from '../core/findings.js';
import {isSecretHeaderName} from '../core/mask.js';
import {escapeControl} from '../core/safe-text.js';
import {appsGatewayFinding} from './apps-gateway.js';
import {
	credentialUnconfirmed,
	diagnose,
	modelNoteFinding,
	isDiscoverable,
	modelList,
	type CheckName,
	type CheckRun,
	type ModelEntry,
} from './diagnose.js';
import {byName, gatherEvidence, isSuccess, type ProbeOptions} from './evidence.js';
import {buildNetwork, closeNetwork, envValue} from './network.js';
import {claudeCodeHeaders, credentialStyle, plannedChecks, type ProbeTarget} from './requests.js';
import {send} from './send.js';

/*
The probe, stage by stage: the network from the env (network.ts), the requests Claude Code would send
(requests.ts, wire.ts) sent in parallel (send.ts), the evidence beyond single checks (evidence.ts), one
diagnosis per check (diagnose.ts); here they are joined, redacted and made safe to print.
*/

export type {ProbeOptions} from './evidence.js';
export type {ProbeTarget} from './requests.js';

export type ProbeCheck = {
	readonly name: CheckName;
	readonly method: string;
	/** The path as requested, base path included. */
	readonly path: string;
	/** Absent when no answer came. */
	readonly status?: number;
	readonly ms: number;
	readonly finding: Finding;
};

/**
The probe's three verdicts (docs/contract.md §6): usable; not usable; or cannot tell without a real request (the
free request was refused in a way that proves nothing, and no real one was sent). Only "not usable" refuses a write.
*/
export type ProbeVerdict = 'usable' | 'not usable' | 'cannot tell';

export type ProbeReport = {
	readonly verdict: ProbeVerdict;
	/** The verdict is "usable": the messages endpoint exists and the credential is not refused, no error finding. */
	readonly usable: boolean;
	/** Every diagnosis once, the most severe first where two checks say the same. */
	readonly findings: Finding[];
	readonly checks: ProbeCheck[];
	/** From `/v1/models`, split by what Claude Code's gateway discovery would list. */
	readonly models?: {visible: ModelEntry[]; hidden: ModelEntry[]};
};

const severityRank = {error: 0, warning: 1, ok: 2} as const;

/** The findings that leave the verdict open: nothing short of a real request can tell. */
const cannotTellCodes: ReadonlySet<FindingCode> = new Set(['probe-free-request-unproven']);

/** The verdict of a probe's findings: any error is "not usable"; a finding that proves nothing either way leaves "cannot tell". */
export function verdictOf(findings: readonly Finding[]): ProbeVerdict {
	if (findings.some(finding => finding.level === 'error')) {
		return 'not usable';
	}

	return findings.some(finding => cannotTellCodes.has(finding.code)) ? 'cannot tell' : 'usable';
}

/** A report whose findings say what went wrong before any check ran (an invalid value, a fatal network setting). */
export function reportOf(findings: Finding[], checks: ProbeCheck[] = []): Pick<ProbeReport, 'verdict' | 'usable' | 'findings' | 'checks'> {
	const verdict = verdictOf(findings);
	return {verdict, usable: verdict === 'usable', findings, checks};
}

/** The same diagnosis from several checks is said once, at its most severe level. */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
	const byText = new Map<string, Finding>();
	for (const finding of findings) {
		const key = `${finding.message}\n${finding.fix ?? ''}`;
		const seen = byText.get(key);
		if (!seen || severityRank[finding.level] < severityRank[seen.level]) {
			byText.set(key, seen ? {...seen, level: finding.level} : finding);
		}
	}

	return [...byText.values()];
}

/** Every secret the probe was handed; a gateway may echo one back in an error message. Judged by value, never by a word in a name. */
function secretsOf(target: Pick<ProbeTarget, 'authToken' | 'apiKey' | 'customHeaders' | 'env'>): string[] {
	const secrets = [target.authToken, target.apiKey, target.env['CLAUDE_CODE_CLIENT_KEY_PASSPHRASE']];
	for (const header of target.customHeaders) {
		if (isSecretHeaderName(header.name)) {
			secrets.push(header.value);
		}
	}

	for (const name of ['https_proxy', 'http_proxy']) {
		const proxy = envValue(target.env, name)?.value;
		const password = proxy ? /\/\/[^/:@]*:([^/@]*)@/.exec(proxy)?.[1] : undefined;
		secrets.push(password);
	}

	// Longest first, so a secret that contains another is replaced whole; very short ones would shred ordinary words.
	return secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 4).sort((a, b) => b.length - a.length);
}

/** Secrets out (longest first), then control characters escaped: what a probe returns is safe to print. */
function safeText(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
	const shown = secrets.filter((secret): secret is string => secret !== undefined && secret.length >= 4).sort((a, b) => b.length - a.length);
	return text => escapeControl(shown.reduce((redacted, secret) => redacted.replaceAll(secret, '[redacted]'), text));
}

/** What a probe of this target returns passes through this: its secrets out, control characters escaped. */
export function redactor(target: Pick<ProbeTarget, 'authToken' | 'apiKey' | 'customHeaders' | 'env'>): (text: string) => string {
	return safeText(secretsOf(target));
}

export function redactFinding(finding: Finding, redact: (text: string) => string): Finding {
	return {...finding, message: redact(finding.message), ...(finding.fix !== undefined && {fix: redact(finding.fix)})};
}

function modelsOf(runs: readonly CheckRun[], redact: (text: string) => string): ProbeReport['models'] {
	const outcome = byName(runs, 'models')?.outcome;
	if (outcome?.kind !== 'answer' || outcome.status < 200 || outcome.status > 299) {
		return undefined;
	}

	const list = modelList(outcome.json)?.map(model => ({
		id: redact(model.id),
		...(model.display_name !== undefined && {display_name: redact(model.display_name)}),
	}));
	return list && {visible: list.filter(model => isDiscoverable(model.id)), hidden: list.filter(model => !isDiscoverable(model.id))};
}

function pathOf(url: string): string {
	const parsed = new URL(url);
	return `${parsed.pathname}${parsed.search}`;
}

/** Findings in the order a reader needs them: setup, then messages, the stream, and the optional endpoints. */
const findingOrder: readonly CheckName[] = ['messages', 'live', 'models', 'count_tokens'];

/** The one check whose 404 says the path is wrong. */
function messagesStatus(report: ProbeReport): number | undefined {
	return report.checks.find(check => check.name === 'messages')?.status;
}

/**
Checks a gateway as Claude Code would use it: `GET /v1/models`, `POST /v1/messages/count_tokens` and
`POST /v1/messages` with `max_tokens: 0` in parallel (plus a streamed one-token message with `live`),
each with its own timeout. Never throws for network trouble and never follows a redirect; the
credential is redacted from everything it returns.
*/
async function probeOnce(target: ProbeTarget, options: ProbeOptions): Promise<ProbeReport> {
	const redact = redactor(target);
	const network = await buildNetwork(target.baseUrl, target.env, options.lookup, options.timeoutMs);
	try {
		if (network.fatal) {
			return reportOf(network.findings.map(finding => redactFinding(finding, redact)));
		}

		const style = credentialStyle(target);
		const headers = claudeCodeHeaders(target, style, target.authToken ?? target.apiKey);
		const runs: CheckRun[] = await Promise.all(plannedChecks(target, headers, options.live ?? false).map(async ({name, exchange}) => ({
			name,
			exchange,
			outcome: await send(exchange, network, options.timeoutMs, options.signal),
		})));
		const evidence = await gatherEvidence(runs, target, network, options);
		const checks: ProbeCheck[] = runs.map(run => ({
			name: run.name,
			method: run.exchange.method,
			path: pathOf(run.exchange.url),
			...(run.outcome.kind === 'answer' && {status: run.outcome.status}),
			ms: Math.round(run.outcome.ms),
			finding: redactFinding(diagnose(run, evidence), redact),
		}));

		const checkFindings = findingOrder.flatMap(name => checks.filter(check => check.name === name).map(check => check.finding));
		const messagesCheck = checks.find(check => check.name === 'messages')!;
		const liveOk = checks.some(check => check.name === 'live' && check.finding.level === 'ok');
		const messagesAnswered = messagesCheck.finding.level === 'ok' && !isSuccess(byName(runs, 'messages')!.outcome);
		const extra = messagesAnswered && !evidence.credentialProven && !liveOk && !options.live ? [redactFinding(credentialUnconfirmed(evidence), redact)] : [];
		// A refused credential at a Claude apps gateway: it wants a /login session (docs/contract.md §3a), said first.
		// (It never takes x-api-key: a key the gateway accepts in the other header is some other gateway.)
		const refused = (messagesCheck.status === 401 || messagesCheck.status === 403) && !evidence.swap?.accepted && messagesCheck.finding.code !== 'probe-upstream-credential';
		const appsGateway = refused ? await appsGatewayFinding(target.baseUrl, network, options.timeoutMs, options.signal) : undefined;
		const modelUnknown = checkFindings.some(finding => finding.code === 'probe-model-unknown');
		const modelNote = target.modelNote && !modelUnknown ? [redactFinding(modelNoteFinding(target.modelNote, evidence.model), redact)] : [];
		const findings = uniqueFindings([...(appsGateway ? [redactFinding(appsGateway, redact)] : []), ...network.findings.map(finding => redactFinding(finding, redact)), ...checkFindings, ...modelNote, ...extra]);
		const models = modelsOf(runs, redact);
		return {...reportOf(findings, checks), ...(models && {models})};
	} finally {
		// Sockets to a server that never answered would otherwise outlive the probe.
		await closeNetwork(network);
	}
}

/**
Checks a gateway as Claude Code would use it (see `probeOnce`). A base URL ending in `/v1` makes Claude Code
post to `/v1/v1/messages`: some gateways route that (Portkey), most do not. It is tried as given and, when
that fails, without `/v1`, and the report says which one works.
*/
export async function probeGateway(target: ProbeTarget, options: ProbeOptions): Promise<ProbeReport> {
	const report = await probeOnce(target, options);
	const base = new URL(target.baseUrl);
	if (!/\/v1$/i.test(base.pathname) || options.signal?.aborted) {
		return report;
	}

	const without = target.baseUrl.replace(/\/v1$/i, '');
	// A free request that proves nothing at /v1 proves nothing without it either: the report stands.
	if (report.verdict === 'cannot tell') {
		return report;
	}

	if (report.usable) {
		return {
			...report,
			findings: [...report.findings, {
				code: 'probe-v1-works',
				level: 'warning',
				message: `The base URL ${target.baseUrl} ends in /v1, so Claude Code posts to ${base.pathname}/v1/messages: this gateway answers there, most would not`,
				fix: `keep it if the gateway documents it, or try ${without}`,
			}],
		};
	}

	const retry = await probeOnce({...target, baseUrl: without}, options);
	const finding: Finding = retry.verdict === 'not usable'
		? {code: 'probe-v1-unusable', level: 'error', message: `The base URL ${target.baseUrl} ends in /v1, so Claude Code posts to ${base.pathname}/v1/messages; without /v1 the gateway is not usable either`, fix: 'use the base URL the gateway documents for Anthropic\'s format (Claude Code appends /v1/messages itself)'}
		: {code: 'probe-v1-fails', level: 'error', message: `The base URL ${target.baseUrl} ends in /v1, so Claude Code posts to ${base.pathname}/v1/messages (${messagesStatus(report) ?? 'no answer'}); without /v1 the gateway ${retry.usable ? 'is usable' : 'answers'}`, fix: `use ${without}`};
	return {...report, ...reportOf([finding, ...report.findings], report.checks)};
}
