import {answersLikeAnEndpoint, isAuthRejection, isBetaRejection, isBrokenStream, isDnsFailure, isEventStream, isMaxTokensRefusal, isModelUnknown, isOpenAiNotFound, rejectedBetas, type CheckRun, type Evidence} from './diagnose.js';
import type {Network} from './network.js';
import {betasDisabled, claudeCodeHeaders, credentialStyle, modelOf, type ProbeTarget} from './requests.js';
import {send, type Outcome} from './send.js';

/*
The probe's third stage: what single checks cannot know, gathered before anything is diagnosed. The
follow-up requests run only when a check calls for them.
*/

export type ProbeOptions = {
	/** Per request, not for the whole probe: the requests run in parallel. */
	readonly timeoutMs: number;
	/** Also send one real, streamed, one-token message (costs a token). */
	readonly live?: boolean;
	/** Cancels every request; the probe then resolves with a "cancelled" finding. */
	readonly signal?: AbortSignal;
	/** DNS resolver for the gateway (and proxy) host, for tests. */
	readonly lookup?: import('node:net').LookupFunction;
};

export function isSuccess(outcome: Outcome): boolean {
	return outcome.kind === 'answer' && outcome.status >= 200 && outcome.status <= 299 && !outcome.bodyFailure
		&& (outcome.json !== undefined || isEventStream(outcome));
}

/** A live stream that broke is sent again as Claude Code sends it then: the same request, `stream: false`. */
async function retryWithoutStream(live: CheckRun | undefined, network: Network, options: ProbeOptions): Promise<Evidence['streamRetry']> {
	if (live?.outcome.kind !== 'answer' || !isBrokenStream(live.outcome)) {
		return undefined;
	}

	const body = typeof live.exchange.body === 'object' && live.exchange.body !== null ? live.exchange.body : {};
	const retry = await send({...live.exchange, body: {...body, stream: false}}, network, options.timeoutMs, options.signal);
	if (retry.kind !== 'answer') {
		return {accepted: false};
	}

	const json = retry.json as {type?: unknown} | undefined;
	return {status: retry.status, accepted: retry.status >= 200 && retry.status <= 299 && json?.type === 'message'};
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
		body: {model: modelOf(target), messages: [], max_tokens: 1},
	}, network, options.timeoutMs, options.signal);
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
	}, network, options.timeoutMs, options.signal);
	if (retry.kind !== 'answer') {
		return undefined;
	}

	const accepted = retry.status < 500 && ![401, 403, 404, 407].includes(retry.status) && (retry.status < 300 || retry.status > 399);
	return {status: retry.status, accepted};
}

/** Like Claude Code, the messages request once more without the betas the gateway named. */
async function retryWithoutBetas(messages: CheckRun, network: Network, options: ProbeOptions): Promise<Evidence['betaRetry']> {
	const {outcome, exchange} = messages;
	const sent = exchange.headers['anthropic-beta'] ?? '';
	if (outcome.kind !== 'answer' || !isBetaRejection(outcome)) {
		return undefined;
	}

	const dropped = rejectedBetas(outcome, sent);
	const kept = sent.split(',').filter(beta => !dropped.includes(beta));
	if (dropped.length === 0 || kept.length === 0) {
		return undefined;
	}

	const retry = await send({...exchange, headers: {...exchange.headers, 'anthropic-beta': kept.join(',')}}, network, options.timeoutMs, options.signal);
	const accepted = retry.kind === 'answer' && (isMaxTokensRefusal(retry) || (retry.status >= 200 && retry.status <= 299));
	return {dropped, accepted};
}

export function byName(runs: readonly CheckRun[], name: CheckRun['name']): CheckRun | undefined {
	return runs.find(run => run.name === name);
}

export async function gatherEvidence(runs: readonly CheckRun[], target: ProbeTarget, network: Network, options: ProbeOptions): Promise<Evidence> {
	const messages = byName(runs, 'messages')!;
	const model = modelOf(target);
	const messagesPathMissing = messages.outcome.kind === 'answer' && messages.outcome.status === 404 && !isModelUnknown(messages.outcome, model);
	const accepted = runs.find(run => isSuccess(run.outcome));
	const credentialProven = accepted !== undefined;
	const refused = [messages, byName(runs, 'models'), byName(runs, 'count_tokens')].find(run => run && isAuthRejection(run.outcome));
	const proceed = !options.signal?.aborted;
	const dnsFailure = runs.map(run => run.outcome).find(outcome => isDnsFailure(outcome));
	const [openAi, swap, betaRetry, streamRetry] = await Promise.all([
		proceed && messagesPathMissing ? detectOpenAi(messages.outcome, target, messages.exchange.headers, network, options) : undefined,
		proceed && refused && !credentialProven ? retryOtherStyle(refused, target, network, options) : undefined,
		proceed ? retryWithoutBetas(messages, network, options) : undefined,
		proceed ? retryWithoutStream(byName(runs, 'live'), network, options) : undefined,
	]);
	return {
		baseUrl: target.baseUrl,
		timeoutMs: options.timeoutMs,
		credential: credentialStyle(target),
		model,
		modelConfigured: target.model !== undefined,
		betasDisabled: betasDisabled(target),
		proxy: network.proxy,
		extraCaPath: network.extraCaPath,
		messagesPathMissing,
		openAi,
		swap,
		credentialProven,
		...(accepted && {acceptedRequest: `${accepted.exchange.method} ${accepted.exchange.url}`}),
		allTimedOut: runs.every(run => run.outcome.kind === 'failure' && run.outcome.reason === 'timeout'),
		liveSent: options.live ?? false,
		...(target.modelNote && {modelNote: target.modelNote}),
		...(isAuthRejection(messages.outcome) && {messagesRefusal: messages.outcome}),
		...(betaRetry && {betaRetry}),
		...(streamRetry && {streamRetry}),
		...(dnsFailure && {dnsFailure}),
	};
}
