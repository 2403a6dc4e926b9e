import {type CloudFormat, cloudKeys, formatName} from '../core/api-format.js';
import type {Finding} from '../core/findings.js';
import type {ModelTier} from '../core/models.js';
import {isSwitchOn} from '../core/switches.js';
import {type CheckName, type CheckRun, type CredentialStyle, diagnose, type Evidence, isEventStream, isHtml, isMaxTokensRefusal, isObject, tidy} from './diagnose.js';
import {bedrockEvents, decodeEventStream} from './event-stream.js';
import {buildNetwork, closeNetwork} from './network.js';
import {type ProbeCheck, type ProbeOptions, type ProbeReport, redactFinding, redactor, reportOf, uniqueFindings} from './probe.js';
import {type Answer, type Exchange, send} from './send.js';
import {parseSse} from './sse.js';
import {anthropicVersion, appHeader, bedrockBetas, cloudDefaultModel, userAgents, vertexBetas} from './wire.js';

/** A Bedrock or Vertex pass-through gateway, as the client in that mode would use it (docs/contract.md §4a, §6). */
export type CloudProbeTarget = {
	readonly format: CloudFormat;
	/** Validated, no trailing slash: ANTHROPIC_BEDROCK_BASE_URL or ANTHROPIC_VERTEX_BASE_URL. */
	readonly baseUrl: string;
	readonly authToken?: string;
	/** Sent as `x-api-key` in the Vertex format only: the Bedrock client does not send it. */
	readonly apiKey?: string;
	readonly customHeaders: ReadonlyArray<{readonly name: string; readonly value: string}>;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly region: string;
	/** Vertex: the Google Cloud project in every path. */
	readonly project?: string;
	/** The model the client asks for, verbatim; absent: the format's default (for `tier`, that tier's ID in the format's shape). */
	readonly model?: string;
	/** An unmapped alias's tier: the client asks for its own ID for it, in the format's shape. */
	readonly tier?: ModelTier;
};

/** The cross-region inference prefix the client puts before a Bedrock model id, from the region. */
function bedrockPrefix(region: string): string {
	if (region.startsWith('eu-')) {
		return 'eu.';
	}

	return region.startsWith('ap-') ? 'apac.' : 'us.';
}

/**
The model the client asks for in the format when none is configured (its default, Opus), or for an unmapped tier
(seen, 2.1.328: `sonnet` asks for the Sonnet 4.5 ID in the format's shape).
*/
export function defaultCloudModel(format: CloudFormat, region: string, tier?: ModelTier): string {
	const model = tier === undefined ? undefined : cloudTierModels[tier];
	if (format === 'bedrock') {
		return `${bedrockPrefix(region)}anthropic.${model ? `${model.id}-${model.date}-v1:0` : cloudDefaultModel}`;
	}

	return model ? `${model.id}@${model.date}` : cloudDefaultModel;
}

/** The IDs the client asks for an unmapped tier in the Bedrock and Vertex formats (seen, 2.1.328); opus is the default. */
const cloudTierModels: Partial<Record<ModelTier, {readonly id: string; readonly date: string}>> = {
	sonnet: {id: 'claude-sonnet-4-5', date: '20250929'},
	haiku: {id: 'claude-haiku-4-5', date: '20251001'},
};

const oneMessage = [{role: 'user', content: '.'}];

function betasDisabled(target: CloudProbeTarget): boolean {
	return isSwitchOn(target.env['CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS']);
}

function headersFor(target: CloudProbeTarget, model: string): Record<string, string> {
	const disabled = betasDisabled(target);
	const betas = target.format === 'bedrock' ? bedrockBetas(model, disabled).header : vertexBetas(model, disabled);
	const headers: Record<string, string> = {
		'user-agent': userAgents.interactive,
		'x-app': appHeader,
		accept: 'application/json',
		'content-type': 'application/json',
		'anthropic-version': anthropicVersion,
		'anthropic-beta': betas,
	};
	if (target.authToken !== undefined) {
		headers['authorization'] = `Bearer ${target.authToken}`;
	}

	// Seen with the client in each mode: Vertex sends the key as x-api-key beside the bearer, Bedrock does not.
	if (target.format === 'vertex' && target.apiKey !== undefined) {
		headers['x-api-key'] = target.apiKey;
	}

	for (const header of target.customHeaders) {
		headers[header.name.toLowerCase()] = header.value;
	}

	return headers;
}

function plannedChecks(target: CloudProbeTarget, model: string, live: boolean): Array<{name: CheckName; exchange: Exchange}> {
	const headers = headersFor(target, model);
	if (target.format === 'bedrock') {
		// Escaped as the client escapes it: a Bedrock ID's `:0` goes out as it is (seen), not as %3A.
		const root = `${target.baseUrl}/model/${encodeURIComponent(model).replaceAll('%3A', ':')}`;
		// The client splits the betas between the header and the body (wire.ts).
		const body = {anthropic_version: 'bedrock-2023-05-31', anthropic_beta: bedrockBetas(model, betasDisabled(target)).body, messages: oneMessage};
		const checks: Array<{name: CheckName; exchange: Exchange}> = [
			{name: 'messages', exchange: {method: 'POST', url: `${root}/invoke`, headers, body: {...body, max_tokens: 0}}},
		];
		if (live) {
			checks.push({name: 'live', exchange: {method: 'POST', url: `${root}/invoke-with-response-stream`, headers: {...headers, accept: 'application/vnd.amazon.eventstream'}, body: {...body, max_tokens: 1}}});
		}

		return checks;
	}

	const models = `${target.baseUrl}/projects/${target.project ?? ''}/locations/${target.region}/publishers/anthropic/models`;
	const body = {anthropic_version: 'vertex-2023-10-16', messages: oneMessage};
	const checks: Array<{name: CheckName; exchange: Exchange}> = [
		{name: 'count_tokens', exchange: {method: 'POST', url: `${models}/count-tokens:rawPredict`, headers, body: {model, messages: oneMessage}}},
		{name: 'messages', exchange: {method: 'POST', url: `${models}/${model}:rawPredict`, headers, body: {...body, max_tokens: 0}}},
	];
	if (live) {
		checks.push({name: 'live', exchange: {method: 'POST', url: `${models}/${model}:streamRawPredict`, headers, body: {...body, max_tokens: 1, stream: true}}});
	}

	return checks;
}

/** The server's words, from Anthropic's, Google's or AWS's error shape. */
function detailOf(answer: Answer): string | undefined {
	const {json} = answer;
	if (!isObject(json)) {
		return undefined;
	}

	const error = json['error'];
	if (isObject(error) && typeof error['message'] === 'string') {
		return tidy(typeof error['type'] === 'string' ? `${error['type']}: ${error['message']}` : error['message']);
	}

	for (const key of ['message', 'Message', 'error', 'detail']) {
		if (typeof json[key] === 'string') {
			return tidy(json[key]);
		}
	}

	return undefined;
}

function withDetail(answer: Answer): string {
	const detail = detailOf(answer);
	return detail ? `${answer.status}: ${detail}` : String(answer.status);
}

type Context = {
	readonly target: CloudProbeTarget;
	readonly model: string;
	readonly credentialProven: boolean;
	readonly timeoutMs: number;
	/** The messages request answered 404 about the path, not the model. */
	readonly pathMissing: boolean;
};

function requestText(run: CheckRun): string {
	return `${run.exchange.method} ${run.exchange.url}`;
}

function baseFix(format: CloudFormat): string {
	return format === 'bedrock'
		? 'set ANTHROPIC_BEDROCK_BASE_URL to the gateway\'s Bedrock root (LiteLLM: https://HOST:4000/bedrock); Claude Code appends /model/<id>/invoke itself'
		: 'set ANTHROPIC_VERTEX_BASE_URL to the gateway\'s Vertex root, ending in /v1 (LiteLLM: https://HOST:4000/vertex_ai/v1); Claude Code appends /projects/<project>/… itself';
}

function credentialFix(target: CloudProbeTarget): string {
	if (target.authToken === undefined && target.apiKey === undefined) {
		return 'set ANTHROPIC_AUTH_TOKEN with --auth-token';
	}

	return target.format === 'bedrock' ? 'check the token in ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer)' : 'check ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer) and ANTHROPIC_API_KEY (sent as x-api-key)';
}

const streamFix = 'check that every proxy between you and the gateway passes the stream through unbuffered';

/** The Anthropic events of a streamed answer, or what is wrong with the stream. */
function streamFinding(run: CheckRun, answer: Answer, context: Context): Finding {
	const {target} = context;
	const request = requestText(run);
	const contentType = answer.contentType.split(';')[0] || 'no content type';
	let names: string[];
	let problem: string | undefined;
	if (target.format === 'bedrock') {
		if (!/application\/vnd\.amazon\.eventstream/i.test(answer.contentType)) {
			return {code: 'probe-stream-not-sse', level: 'error', message: `${request} answered ${contentType} instead of an AWS event stream (application/vnd.amazon.eventstream), which Claude Code refuses`, fix: 'make the gateway pass Bedrock\'s event stream through unchanged'};
		}

		const decoded = bedrockEvents(decodeEventStream(answer.bytes ?? Buffer.from(answer.text)));
		if (decoded.exception !== undefined) {
			return {code: 'probe-stream-error', level: 'error', message: `The stream from ${request} carried an exception (${tidy(decoded.exception)})`, fix: 'retry later, or check the gateway\'s logs'};
		}

		names = decoded.events.map(event => event.type);
		problem = decoded.problem;
	} else {
		// Read as the client reads it: the frames, not the Content-Type.
		if (!isEventStream(answer)) {
			return {code: 'probe-stream-not-sse', level: 'error', message: `${request} answered ${contentType} instead of an event stream`, fix: 'make the gateway honour :streamRawPredict, as Claude Code streams every message'};
		}

		const events = parseSse(answer.text);
		const errorEvent = events.find(event => event.event === 'error');
		if (errorEvent) {
			return {code: 'probe-stream-error', level: 'error', message: `The stream from ${request} carried an error event (${tidy(errorEvent.data)})`, fix: 'retry later, or check the gateway\'s logs'};
		}

		names = events.map(event => event.event);
	}

	names = names.filter(name => name !== 'ping');
	if (problem !== undefined) {
		return {code: 'probe-stream-broken', level: 'error', message: `The event stream from ${request} is broken: ${problem}`, fix: streamFix};
	}

	if (names[0] !== 'message_start') {
		return {code: 'probe-stream-bad-start', level: 'error', message: `The stream from ${request} did not start with message_start (first event: ${names[0] ?? 'none'})`, fix: streamFix};
	}

	if (!names.includes('message_stop')) {
		const why = answer.bodyFailure?.reason === 'timeout' ? `nothing more within ${context.timeoutMs} ms` : 'the connection ended';
		return {code: 'probe-stream-broken', level: 'error', message: `The stream from ${request} broke after ${names.at(-1)!}, before message_stop (${why})`, fix: streamFix};
	}

	return {code: 'probe-stream-ok', level: 'ok', message: `${request} streamed a one-token message (message_start … message_stop)`};
}

/** A 400 or 404 about the model, not the path: a server that quotes the unknown path (which holds the model) is about the path. */
function isModelRefused(run: CheckRun, answer: Answer, model: string): boolean {
	const url = new URL(run.exchange.url);
	const detail = (detailOf(answer) ?? '').replaceAll(url.pathname, '').replaceAll(decodeURIComponent(url.pathname), '');
	if (/max_tokens/i.test(detail) || detail === '') {
		return false;
	}

	return detail.toLowerCase().includes(model.toLowerCase()) || /model identifier|publisher model|\bmodel\b.*(?:not found|unknown|does not exist|invalid|not supported)/i.test(detail);
}

/** The format's own reading of an answer; undefined leaves it to the Anthropic format's classifiers (redirects, 5xx, 429, HTML…). */
function classify(run: CheckRun, answer: Answer, context: Context): Finding | undefined {
	const {target, model} = context;
	const name = formatName[target.format];
	const request = requestText(run);
	const severe = run.name === 'count_tokens' ? 'warning' : 'error';
	if ((answer.status === 401 || answer.status === 403) && !isHtml(answer)) {
		if (run.name === 'count_tokens' && context.credentialProven) {
			return {code: 'probe-endpoint-refused', level: 'warning', message: `${request} answered ${withDetail(answer)} although other requests accepted the credential`, fix: 'allow this endpoint for the credential on the gateway'};
		}

		return {code: 'probe-credential-rejected', level: 'error', message: `The ${name} gateway at ${target.baseUrl} ${answer.status === 401 ? 'rejects' : 'refuses'} the credential (${withDetail(answer)})`, fix: credentialFix(target)};
	}

	if ((answer.status === 400 || answer.status === 404) && isModelRefused(run, answer, model)) {
		return {code: 'probe-model-unknown', level: target.model !== undefined && run.name !== 'count_tokens' ? 'error' : 'warning', message: `${request} answered ${withDetail(answer)}: the gateway does not know the model ${model}`, fix: `choose a model the gateway serves with --model, in the ${name} shape (${defaultCloudModel(target.format, target.region)})`};
	}

	if (answer.status === 404) {
		if (run.name === 'count_tokens' && !context.pathMissing) {
			return {code: 'probe-count-tokens-missing', level: 'warning', message: `${request} answered 404: the gateway does not count tokens, so Claude Code estimates them`};
		}

		// Said the same way for every check it explains, so it is said once.
		const endpoint = target.format === 'bedrock' ? 'POST /model/<id>/invoke' : 'POST /projects/<project>/…:rawPredict';
		return {code: 'probe-not-found', level: severe, message: `The ${name} gateway at ${target.baseUrl} answered 404 to ${endpoint}: no ${name} ${target.format === 'bedrock' ? 'InvokeModel' : 'rawPredict'} endpoint at this base URL`, fix: baseFix(target.format)};
	}

	if (answer.status >= 200 && answer.status <= 299) {
		if (run.name === 'live') {
			return streamFinding(run, answer, context);
		}

		// Not JSON at all (a login page, a proxy): the Anthropic format's diagnosis says that.
		if (answer.json === undefined) {
			return undefined;
		}

		if (run.name === 'count_tokens') {
			const tokens = isObject(answer.json) ? answer.json['input_tokens'] : undefined;
			return typeof tokens === 'number'
				? {code: 'probe-count-tokens-ok', level: 'ok', message: `${request} counts tokens (${tokens} input token${tokens === 1 ? '' : 's'})`}
				: {code: 'probe-count-tokens-invalid', level: 'warning', message: `${request} answered ${answer.status} without input_tokens`};
		}

		return isObject(answer.json) && answer.json['type'] === 'message'
			? {code: 'probe-messages-generated', level: 'ok', message: `${request} answered with a message (${answer.status}): the gateway passed max_tokens 0 on and a reply was generated, which cost a request`}
			: {code: 'probe-messages-not-anthropic', level: severe, message: `${request} answered ${answer.status} with something that is not an Anthropic message`, fix: baseFix(target.format)};
	}

	if (run.name === 'messages' && isMaxTokensRefusal(answer)) {
		return {code: 'probe-messages-ok', level: 'ok', message: `${request} answers ${withDetail(answer)} to max_tokens 0: the ${name} endpoint exists`};
	}

	return undefined;
}

/** The Anthropic format's diagnosis, worded for this format's variable. */
function anthropicDiagnosis(run: CheckRun, evidence: Evidence, format: CloudFormat): Finding {
	const finding = diagnose(run, evidence);
	const variable = cloudKeys[format].baseUrl;
	const reword = (text: string) => text.replaceAll('ANTHROPIC_BASE_URL', variable).replaceAll('Anthropic\'s Messages API', `${formatName[format]}'s API for Anthropic models`);
	return {...finding, message: reword(finding.message), ...(finding.fix === undefined ? {} : {fix: reword(finding.fix)})};
}

/**
Checks a Bedrock or Vertex pass-through gateway as the client in that mode uses it: Bedrock's
`/model/<id>/invoke` (and `invoke-with-response-stream`, AWS event-stream framing, with `live`); Vertex's
`…/models/<m>:rawPredict`, `count-tokens:rawPredict` (and `:streamRawPredict`, SSE, with `live`). The invalid
`max_tokens: 0` proves the endpoint for free, as in the Anthropic format.
*/
export async function probeCloudGateway(target: CloudProbeTarget, options: ProbeOptions): Promise<ProbeReport> {
	const redact = redactor(target);
	const network = await buildNetwork(target.baseUrl, target.env, options.lookup, options.timeoutMs);
	try {
		if (network.fatal) {
			return reportOf(network.findings.map(finding => redactFinding(finding, redact)));
		}

		const model = target.model ?? defaultCloudModel(target.format, target.region, target.tier);
		const runs: CheckRun[] = await Promise.all(plannedChecks(target, model, options.live ?? false).map(async ({name, exchange}) => ({
			name,
			exchange,
			outcome: await send(exchange, network, options.timeoutMs, options.signal),
		})));
		const credentialProven = runs.some(run => run.outcome.kind === 'answer' && run.outcome.status >= 200 && run.outcome.status <= 299);
		let credential: CredentialStyle = target.authToken === undefined ? 'none' : 'bearer';
		if (target.authToken !== undefined && target.apiKey !== undefined && target.format === 'vertex') {
			credential = 'both';
		}

		const evidence: Evidence = {
			baseUrl: target.baseUrl,
			timeoutMs: options.timeoutMs,
			credential,
			model,
			modelConfigured: target.model !== undefined,
			betasDisabled: betasDisabled(target),
			...(network.proxy === undefined ? {} : {proxy: network.proxy}),
			...(network.extraCaPath === undefined ? {} : {extraCaPath: network.extraCaPath}),
			messagesPathMissing: false,
			credentialProven,
			allTimedOut: runs.every(run => run.outcome.kind === 'failure' && run.outcome.reason === 'timeout'),
			liveSent: options.live ?? false,
		};
		const messagesRun = runs.find(run => run.name === 'messages')!;
		const pathMissing = messagesRun.outcome.kind === 'answer' && messagesRun.outcome.status === 404 && !isModelRefused(messagesRun, messagesRun.outcome, model);
		const context: Context = {target, model, credentialProven, timeoutMs: options.timeoutMs, pathMissing};
		const checks: ProbeCheck[] = runs.map(run => {
			const {outcome} = run;
			const answer = outcome.kind === 'answer' && (!outcome.bodyFailure || run.name === 'live') ? outcome : undefined;
			const finding = (answer && classify(run, answer, context)) ?? anthropicDiagnosis(run, evidence, target.format);
			const url = new URL(run.exchange.url);
			return {
				name: run.name,
				method: run.exchange.method,
				path: `${url.pathname}${url.search}`,
				...(outcome.kind === 'answer' && {status: outcome.status}),
				ms: Math.round(outcome.ms),
				finding: redactFinding(finding, redact),
			};
		});
		const order: CheckName[] = ['messages', 'live', 'count_tokens'];
		const findings = [...network.findings, ...order.flatMap(name => checks.filter(check => check.name === name).map(check => check.finding))];
		const messages = checks.find(check => check.name === 'messages')!;
		if (messages.finding.level === 'ok' && !credentialProven && !options.live) {
			findings.push({code: 'probe-credential-unconfirmed', level: 'warning', message: `Only a real message can confirm the credential for the ${formatName[target.format]} gateway at ${target.baseUrl}: a gateway may refuse max_tokens 0 before it looks at the credential`, fix: 'run the probe with --live to send one real one-token message'});
		}

		const all = uniqueFindings(findings.map(finding => redactFinding(finding, redact)));
		return reportOf(all, checks);
	} finally {
		await closeNetwork(network);
	}
}
