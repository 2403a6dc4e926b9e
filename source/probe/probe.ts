import type {LookupFunction} from 'node:net';
import type {Finding} from '../core/findings.js';
import {
	answersLikeAnEndpoint,
	credentialUnconfirmed,
	diagnose,
	isAuthRejection,
	isDiscoverable,
	isModelUnknown,
	isOpenAiNotFound,
	modelList,
	type CheckName,
	type CheckRun,
	type CredentialStyle,
	type Evidence,
	type ModelEntry,
} from './diagnose.js';
import {buildNetwork, envValue, isTruthy, send, type Exchange, type Network, type Outcome} from './transport.js';

export type ProbeTarget = {
	/** Already validated, no trailing slash; a base path such as `/anthropic` is kept. */
	readonly baseUrl: string;
	/** Sent as `Authorization: Bearer`. */
	readonly authToken?: string;
	/** Sent as `x-api-key`. */
	readonly apiKey?: string;
	readonly customHeaders: ReadonlyArray<{readonly name: string; readonly value: string}>;
	/** The effective env: proxy variables (any case), NODE_EXTRA_CA_CERTS, the client certificate, CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The model for the request bodies; `defaultProbeModel` when not configured. */
	readonly model?: string;
};

export type ProbeOptions = {
	/** Per request, not for the whole probe: the requests run in parallel. */
	readonly timeoutMs: number;
	/** Also send one real, streamed, one-token message (costs a token). */
	readonly live?: boolean;
	/** Cancels every request; the probe then resolves with a "cancelled" finding. */
	readonly signal?: AbortSignal;
	/** DNS resolver for the gateway (and proxy) host, for tests. */
	readonly lookup?: LookupFunction;
};

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

export type ProbeReport = {
	/** The messages endpoint exists and the credential is not refused: no error finding. */
	readonly usable: boolean;
	/** Every diagnosis once, the most severe first where two checks say the same. */
	readonly findings: Finding[];
	readonly checks: ProbeCheck[];
	/** From `/v1/models`, split by what Claude Code's gateway discovery would list. */
	readonly models?: {visible: ModelEntry[]; hidden: ModelEntry[]};
};

/** Claude Code's version whose requests the probe copies (seen on the wire). */
export const claudeCodeVersion = '2.1.328';
export const probeUserAgent = `claude-cli/${claudeCodeVersion} (external, cli)`;
/** The betas Claude Code 2.1.328 sent to a gateway. */
export const claudeCodeBetas = 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27';
/** What it still sent with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1: the switch trims the list, it does not drop the header. */
export const claudeCodeBetasWhenDisabled = 'claude-code-20250219,interleaved-thinking-2025-05-14';
export const defaultProbeModel = 'claude-sonnet-4-5';

function credentialStyle(target: ProbeTarget): CredentialStyle {
	if (target.authToken && target.apiKey) {
		return 'both';
	}

	if (target.authToken) {
		return 'bearer';
	}

	return target.apiKey ? 'x-api-key' : 'none';
}

/** The headers Claude Code puts on inference requests, in the style asked for. */
function claudeCodeHeaders(target: ProbeTarget, style: CredentialStyle, secret: string | undefined): Record<string, string> {
	const headers: Record<string, string> = {
		'user-agent': probeUserAgent,
		'x-app': 'cli',
		accept: 'application/json',
		'anthropic-version': '2023-06-01',
		'anthropic-beta': isTruthy(target.env['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS']) ? claudeCodeBetasWhenDisabled : claudeCodeBetas,
	};
	if (style === 'both') {
		headers['authorization'] = `Bearer ${target.authToken!}`;
		headers['x-api-key'] = target.apiKey!;
	} else if (style === 'bearer' && secret) {
		headers['authorization'] = `Bearer ${secret}`;
	} else if (style === 'x-api-key' && secret) {
		headers['x-api-key'] = secret;
	}

	for (const header of target.customHeaders) {
		headers[header.name.toLowerCase()] = header.value;
	}

	return headers;
}

const oneMessage = [{role: 'user', content: '.'}];

function plannedChecks(target: ProbeTarget, headers: Record<string, string>, live: boolean): Array<{name: CheckName; exchange: Exchange}> {
	const {baseUrl} = target;
	const model = target.model ?? defaultProbeModel;
	const post = {...headers, 'content-type': 'application/json'};
	// Paths are appended as text: `new URL('/v1/…', base)` would drop a base path such as /anthropic.
	const checks: Array<{name: CheckName; exchange: Exchange}> = [
		{name: 'models', exchange: {method: 'GET', url: `${baseUrl}/v1/models?limit=1000`, headers}},
		{name: 'count_tokens', exchange: {method: 'POST', url: `${baseUrl}/v1/messages/count_tokens`, headers: post, body: {model, messages: oneMessage}}},
		{name: 'messages', exchange: {method: 'POST', url: `${baseUrl}/v1/messages?beta=true`, headers: post, body: {model, max_tokens: 0, messages: oneMessage}}},
	];
	if (live) {
		checks.push({name: 'live', exchange: {method: 'POST', url: `${baseUrl}/v1/messages?beta=true`, headers: post, body: {model, max_tokens: 1, stream: true, messages: oneMessage}}});
	}

	return checks;
}

function isSuccess(outcome: Outcome): boolean {
	return outcome.kind === 'answer' && outcome.status >= 200 && outcome.status <= 299 && !outcome.bodyFailure
		&& (outcome.json !== undefined || /event-stream/i.test(outcome.contentType));
}

/** `/v1/messages` 404'd: does the server speak OpenAI's format instead? Asks `/v1/chat/completions` only then. */
async function detectOpenAi(messages: Outcome, target: ProbeTarget, headers: Record<string, string>, network: Network, options: ProbeOptions): Promise<Evidence['openAi']> {
	if (isOpenAiNotFound(messages)) {
		return 'error-shape';
	}

	// An empty message list is refused for free by any OpenAI-format server.
	const chat = await send({
		method: 'POST',
		url: `${target.baseUrl}/v1/chat/completions`,
		headers: {...headers, 'content-type': 'application/json'},
		body: {model: target.model ?? defaultProbeModel, messages: [], max_tokens: 1},
	}, network.dispatcher, options.timeoutMs, options.signal);
	return answersLikeAnEndpoint(chat) ? 'chat-completions' : undefined;
}

/** A refused token is sent once more in the other header style, to name the variable that would work. */
async function retryOtherStyle(refused: CheckRun, target: ProbeTarget, network: Network, options: ProbeOptions): Promise<Evidence['swap']> {
	const style = credentialStyle(target);
	if (style !== 'bearer' && style !== 'x-api-key') {
		return undefined;
	}

	const other = style === 'bearer' ? 'x-api-key' : 'bearer';
	const headers = claudeCodeHeaders(target, other, target.authToken ?? target.apiKey);
	const retry = await send({
		...refused.exchange,
		headers: refused.exchange.method === 'POST' ? {...headers, 'content-type': 'application/json'} : headers,
	}, network.dispatcher, options.timeoutMs, options.signal);
	if (retry.kind !== 'answer') {
		return undefined;
	}

	const accepted = retry.status < 500 && ![401, 403, 404, 407].includes(retry.status) && (retry.status < 300 || retry.status > 399);
	return {status: retry.status, accepted};
}

function byName(runs: readonly CheckRun[], name: CheckName): CheckRun | undefined {
	return runs.find(run => run.name === name);
}

/** Gathers what single checks cannot know: the follow-up requests run only when a check calls for them. */
async function gatherEvidence(runs: readonly CheckRun[], target: ProbeTarget, network: Network, options: ProbeOptions): Promise<Evidence> {
	const messages = byName(runs, 'messages')!;
	const model = target.model ?? defaultProbeModel;
	const messagesPathMissing = messages.outcome.kind === 'answer' && messages.outcome.status === 404 && !isModelUnknown(messages.outcome, model);
	const credentialProven = runs.some(run => isSuccess(run.outcome));
	const refused = [messages, byName(runs, 'models'), byName(runs, 'count_tokens')].find(run => run && isAuthRejection(run.outcome));
	const proceed = !options.signal?.aborted;
	const [openAi, swap] = await Promise.all([
		proceed && messagesPathMissing ? detectOpenAi(messages.outcome, target, messages.exchange.headers, network, options) : undefined,
		proceed && refused && !credentialProven ? retryOtherStyle(refused, target, network, options) : undefined,
	]);
	return {
		baseUrl: target.baseUrl,
		timeoutMs: options.timeoutMs,
		credential: credentialStyle(target),
		model,
		modelConfigured: target.model !== undefined,
		betasDisabled: isTruthy(target.env['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS']),
		proxy: network.proxy,
		extraCaPath: network.extraCaPath,
		messagesPathMissing,
		openAi,
		swap,
		credentialProven,
		allTimedOut: runs.every(run => run.outcome.kind === 'failure' && run.outcome.reason === 'timeout'),
	};
}

const severityRank = {error: 0, warning: 1, ok: 2} as const;

/** The same diagnosis from several checks is said once, at its most severe level. */
function uniqueFindings(findings: readonly Finding[]): Finding[] {
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

/** Every secret the probe was handed; a gateway may echo one back in an error message. */
function secretsOf(target: ProbeTarget): string[] {
	const secrets = [target.authToken, target.apiKey, target.env['CLAUDE_CODE_CLIENT_KEY_PASSPHRASE']];
	for (const header of target.customHeaders) {
		if (/key|token|secret|auth|password/i.test(header.name)) {
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

function redactor(target: ProbeTarget): (text: string) => string {
	const secrets = secretsOf(target);
	return text => secrets.reduce((redacted, secret) => redacted.replaceAll(secret, '[redacted]'), text);
}

function redactFinding(finding: Finding, redact: (text: string) => string): Finding {
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

/**
Checks a gateway as Claude Code would use it: `GET /v1/models`, `POST /v1/messages/count_tokens` and
`POST /v1/messages` with `max_tokens: 0` in parallel (plus a streamed one-token message with `live`),
each with its own timeout. Never throws for network trouble and never follows a redirect; the
credential is redacted from everything it returns.
*/
export async function probeGateway(target: ProbeTarget, options: ProbeOptions): Promise<ProbeReport> {
	const redact = redactor(target);
	const network = await buildNetwork(target.baseUrl, target.env, options.lookup);
	try {
		if (network.fatal) {
			return {usable: false, findings: network.findings.map(finding => redactFinding(finding, redact)), checks: []};
		}

		const style = credentialStyle(target);
		const headers = claudeCodeHeaders(target, style, target.authToken ?? target.apiKey);
		const runs: CheckRun[] = await Promise.all(plannedChecks(target, headers, options.live ?? false).map(async ({name, exchange}) => ({
			name,
			exchange,
			outcome: await send(exchange, network.dispatcher, options.timeoutMs, options.signal),
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
		const findings = uniqueFindings([...network.findings.map(finding => redactFinding(finding, redact)), ...checkFindings, ...extra]);
		const models = modelsOf(runs, redact);
		return {
			usable: messagesCheck.finding.level !== 'error' && !findings.some(finding => finding.level === 'error'),
			findings,
			checks,
			...(models && {models}),
		};
	} finally {
		// Sockets to a server that never answered would otherwise outlive the probe.
		await network.dispatcher.destroy().catch(() => undefined);
	}
}
