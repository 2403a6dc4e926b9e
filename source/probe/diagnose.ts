import type {Finding} from '../core/findings.js';
import {beyondLatin1, describeBeyondLatin1, latin1Fix} from '../core/headers.js';
import {isSecretHeaderName} from '../core/mask.js';
import {parseJson} from '../core/json-shape.js';
import {legacyRemapSwitch, type ModelNote} from '../core/models.js';
import {escapeControl} from '../core/safe-text.js';
import {parseSse} from './sse.js';
import {headerValue, type Answer, type Exchange, type Failure, type Outcome} from './send.js';
import {errorCode, type ProxyRoute} from './network.js';

export type CheckName = 'models' | 'count_tokens' | 'messages' | 'live';

/** Which credential header(s) went out. */
export type CredentialStyle = 'bearer' | 'x-api-key' | 'both' | 'none';

/** One check as run: what was sent and what came back. */
export type CheckRun = {
	readonly name: CheckName;
	readonly exchange: Exchange;
	readonly outcome: Outcome;
};

/** What the probe knows beyond a single check, gathered before anything is classified. */
export type Evidence = {
	readonly baseUrl: string;
	readonly timeoutMs: number;
	readonly credential: CredentialStyle;
	readonly model: string;
	/** The model was configured, not the probe's default: an unknown one then breaks Claude Code. */
	readonly modelConfigured: boolean;
	readonly betasDisabled: boolean;
	readonly proxy?: ProxyRoute;
	readonly extraCaPath?: string;
	/** `/v1/messages` answered 404 for want of the path (not of the model). */
	readonly messagesPathMissing: boolean;
	/** How the 404 server gave itself away as OpenAI-format, if it did. */
	readonly openAi?: 'error-shape' | 'chat-completions';
	/** The retry of a refused request with the other header style. */
	readonly swap?: {readonly status: number; readonly accepted: boolean};
	/** Some request was answered 2xx with the credential: a 401 elsewhere is about that endpoint only. */
	readonly credentialProven: boolean;
	/** The first request so answered, as `METHOD URL`. */
	readonly acceptedRequest?: string;
	/** Every check timed out: the gateway as a whole is silent, not one endpoint. */
	readonly allTimedOut: boolean;
	/** The messages check's 401/403: the other checks' refusals are said in its words, so the diagnosis prints once. */
	readonly messagesRefusal?: Answer;
	/** A check whose host name did not resolve: the others' timeouts are the same cause, said once. */
	readonly dnsFailure?: Failure;
	/** Betas the gateway named as rejected, and whether messages was accepted without them, as Claude Code retries. */
	readonly betaRetry?: {readonly dropped: readonly string[]; readonly accepted: boolean};
	/** A real streamed message was sent too (`--live`): it, not the free request, decides. */
	readonly liveSent?: boolean;
	/** Why the model asked for is not the configured one. */
	readonly modelNote?: ModelNote;
	/** The live stream broke, and the request was sent again without streaming, as Claude Code sends it: its answer. */
	readonly streamRetry?: {readonly status?: number; readonly accepted: boolean};
};

type Classifier = (run: CheckRun, answer: Answer, evidence: Evidence) => Finding | undefined;
type FailureClassifier = (run: CheckRun, failure: Failure, evidence: Evidence) => Finding | undefined;

/** Claude Code cannot work without messages (and a stream, when asked for); the other checks are nice to have. */
function severity(run: CheckRun): 'error' | 'warning' {
	return run.name === 'messages' || run.name === 'live' ? 'error' : 'warning';
}

function requestText(exchange: Exchange): string {
	const streamed = isObject(exchange.body) && exchange.body['stream'] === true;
	return `${streamed ? 'The streamed ' : ''}${exchange.method} ${exchange.url}`;
}

function messagesRequest(evidence: Evidence): string {
	return `POST ${evidence.baseUrl}/v1/messages?beta=true`;
}

/** `host:port` of the gateway, the port spelt out so "nothing listening" names exactly where. */
function gatewayHost(evidence: Evidence): string {
	const url = new URL(evidence.baseUrl);
	return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Server text goes into one-line findings: no line breaks, no control characters, bounded, no closing period of its own. */
export function tidy(text: string): string {
	const line = escapeControl(text.replaceAll(/\s+/g, ' ').trim());
	const short = line.length > 400 ? `${line.slice(0, 399)}…` : line;
	return short.replace(/\.+$/, '');
}

/** The Anthropic error shape: `{"type":"error","error":{"type":…,"message":…}}`. */
function anthropicError(json: unknown): {type: string; message: string} | undefined {
	if (isObject(json) && json['type'] === 'error' && isObject(json['error']) && typeof json['error']['type'] === 'string') {
		const message = json['error']['message'];
		return {type: json['error']['type'], message: typeof message === 'string' ? message : ''};
	}

	return undefined;
}

/** OpenAI's error shape: `{"error":{"message":…,"type":…,"param":…,"code":…}}`, with no top-level `type`. */
function isOpenAiError(json: unknown): boolean {
	return isObject(json) && json['type'] === undefined && isObject(json['error']) && typeof json['error']['message'] === 'string';
}

/** The error texts of a JSON body, in every shape gateways use: `error` (a string or an object), `message`, `detail`, nested `error.error`. */
function errorTexts(json: unknown, depth = 0): string[] {
	if (!isObject(json) || depth > 3) {
		return [];
	}

	const texts: string[] = [];
	for (const key of ['error', 'message', 'detail', 'msg', 'cause']) {
		const value = json[key];
		if (typeof value === 'string' && value.trim() !== '') {
			texts.push(value);
		} else if (isObject(value)) {
			texts.push(...errorTexts(value, depth + 1));
		}
	}

	return [...new Set(texts)];
}

/** What the server said about its answer, from whichever error shape it uses: every field that carries words. */
function serverDetail(answer: Answer): string | undefined {
	const anthropic = anthropicError(answer.json);
	if (anthropic) {
		return tidy(anthropic.message ? `${anthropic.type}: ${anthropic.message}` : anthropic.type);
	}

	const {json} = answer;
	if (isObject(json)) {
		const texts = errorTexts(json);
		return texts.length === 0 ? undefined : tidy(texts.join(': '));
	}

	// A short plain-text body ("Bad Gateway") says something; an HTML page does not.
	if (json === undefined && !isHtml(answer) && answer.text.trim() !== '' && answer.text.length <= 200) {
		return tidy(answer.text);
	}

	return undefined;
}

/** Whether any field of the body (or a plain-text body) is about max_tokens: the gateway read the request's body. */
function mentionsMaxTokens(answer: Answer): boolean {
	const anthropic = anthropicError(answer.json);
	const texts = anthropic ? [anthropic.message] : errorTexts(answer.json);
	return texts.some(text => /max_tokens/i.test(text)) || (answer.json === undefined && !isHtml(answer) && /max_tokens/i.test(answer.text.slice(0, 2000)));
}

function statusWithDetail(answer: Answer): string {
	const detail = serverDetail(answer);
	return detail ? `${answer.status}: ${detail}` : String(answer.status);
}

export function isHtml(answer: Pick<Answer, 'contentType' | 'text'>): boolean {
	return /html/i.test(answer.contentType) || /^\s*<(!doctype|html|head|body)/i.test(answer.text);
}

/**
Whether a body is a stream of server-sent events, whatever its Content-Type says: Claude Code reads the frames, and
takes a stream sent without a Content-Type (seen, 2.1.328).
*/
export function isEventStream(answer: Pick<Answer, 'contentType' | 'text'>): boolean {
	return /event-stream/i.test(answer.contentType) || (!isHtml(answer) && /^\s*(?:event|data):/.test(answer.text) && parseSse(answer.text).length > 0);
}

/**
A stream that broke inside a content block (the connection cut, or ended, after content_block_start or a delta), or
carried an error event: Claude Code then sends the request again without streaming (seen, 2.1.328: `stream: false`)
and goes on with that answer. (One that ends after content_block_stop it calls malformed, and does not retry; one that
ends after message_delta without message_stop it takes.)
*/
export function isBrokenStream(answer: Answer): boolean {
	if (answer.status < 200 || answer.status > 299 || !isEventStream(answer)) {
		return false;
	}

	const names = parseSse(answer.text).map(event => event.event).filter(name => name !== 'ping');
	if (names[0] !== 'message_start' || names.includes('message_stop')) {
		return false;
	}

	return names.includes('error') || ['content_block_start', 'content_block_delta'].includes(names.at(-1) ?? '');
}

/** What makes a stream malformed to Claude Code: a second message_start, or a content block stopped that was not started. */
function malformation(names: readonly string[]): string | undefined {
	if (names.filter(name => name === 'message_start').length > 1) {
		return 'a second message_start';
	}

	let open = 0;
	for (const name of names) {
		open += name === 'content_block_start' ? 1 : (name === 'content_block_stop' ? -1 : 0);
		if (open < 0) {
			return 'a content_block_stop without its content_block_start';
		}
	}

	return undefined;
}

/** A well-formed stream complete but for message_stop, which Claude Code takes as it is (seen, 2.1.328). */
function endsAfterMessageDelta(names: readonly string[]): boolean {
	return names[0] === 'message_start' && names.at(-1) === 'message_delta' && !names.includes('error') && malformation(names) === undefined;
}

/** The cause with a code, however deep undici or Node wrapped it. */
function rootError(error: unknown): {code?: string; message: string; hostname?: string} {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && isObject(current); depth++) {
		const code = errorCode(current);
		if (code && code !== 'UND_ERR_ABORTED') {
			const hostname = typeof current['hostname'] === 'string' ? current['hostname'] : undefined;
			return {code, message: typeof current['message'] === 'string' ? current['message'] : '', hostname};
		}

		if (current['cause'] === undefined) {
			break;
		}

		current = current['cause'];
	}

	return {code: errorCode(error), message: error instanceof Error ? error.message : String(error)};
}

// --- Failures: no HTTP answer at all ---

const cancelled: FailureClassifier = (_run, failure, evidence) => failure.reason === 'cancelled'
	? {code: 'probe-cancelled', level: 'error', message: `The probe of ${evidence.baseUrl} was cancelled`}
	: undefined;

const timedOut: FailureClassifier = (run, failure, evidence) => {
	const {code} = rootError(failure.error);
	if (failure.reason !== 'timeout' && code !== 'UND_ERR_CONNECT_TIMEOUT' && code !== 'UND_ERR_HEADERS_TIMEOUT') {
		return undefined;
	}

	if (!evidence.allTimedOut) {
		return {code: 'probe-endpoint-timeout', level: 'error', message: `${requestText(run.exchange)} got no answer within ${evidence.timeoutMs} ms`, fix: 'check the gateway\'s logs for this endpoint, or raise --timeout'};
	}

	if (evidence.proxy) {
		return {
			code: 'probe-proxy-timeout',
			level: 'error',
			message: `${evidence.baseUrl} did not answer within ${evidence.timeoutMs} ms through the proxy ${evidence.proxy.display}`,
			fix: `check the gateway and ${evidence.proxy.variable}, or raise --timeout`,
		};
	}

	return {code: 'probe-timeout', level: 'error', message: `${evidence.baseUrl} did not answer within ${evidence.timeoutMs} ms`, fix: 'check that the gateway is up and reachable, or raise --timeout'};
};

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

export function isDnsFailure(outcome: Outcome): outcome is Failure {
	return outcome.kind === 'failure' && dnsCodes.has(rootError(outcome.error).code ?? '');
}

const dnsFailure: FailureClassifier = (_run, failure, evidence) => {
	const {code, hostname} = rootError(failure.error);
	if (!code || !dnsCodes.has(code)) {
		return undefined;
	}

	const name = hostname ?? new URL(evidence.baseUrl).hostname;
	if (evidence.proxy && name === new URL(evidence.proxy.display).hostname) {
		return {code: 'probe-proxy-dns', level: 'error', message: `The proxy host ${name} in ${evidence.proxy.variable} does not resolve (${code})`, fix: `correct ${evidence.proxy.variable}, or check your DNS`};
	}

	return {code: 'probe-dns', level: 'error', message: `The host name ${name} does not resolve (${code})`, fix: 'check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN'};
};

const refused: FailureClassifier = (_run, failure, evidence) => {
	if (rootError(failure.error).code !== 'ECONNREFUSED') {
		return undefined;
	}

	if (evidence.proxy) {
		return {code: 'probe-proxy-refused', level: 'error', message: `The proxy ${evidence.proxy.display} in ${evidence.proxy.variable} refuses connections`, fix: `check ${evidence.proxy.variable}, or add the gateway's host to NO_PROXY`};
	}

	return {code: 'probe-refused', level: 'error', message: `Nothing is listening at ${gatewayHost(evidence)} (connection refused)`, fix: 'start the gateway, or correct the host and port in ANTHROPIC_BASE_URL'};
};

const proxyTunnelRefused: FailureClassifier = (_run, failure, evidence) => {
	const status = /Proxy response \((\d+)\)/.exec(rootError(failure.error).message)?.[1];
	if (!evidence.proxy || !status) {
		return undefined;
	}

	return {
		code: 'probe-proxy-tunnel',
		level: 'error',
		message: `The proxy ${evidence.proxy.display} answered ${status} to CONNECT ${gatewayHost(evidence)}`,
		fix: status === '407' ? `put the proxy's user and password in ${evidence.proxy.variable}` : `check ${evidence.proxy.variable}, or add the gateway's host to NO_PROXY`,
	};
};

const untrustedCertificate: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'chains to a self-signed root Node does not trust',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'is signed by a CA Node does not trust',
	UNABLE_TO_GET_ISSUER_CERT: 'is signed by a CA Node does not trust',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'is signed by a CA Node does not trust',
	CERT_UNTRUSTED: 'is not trusted',
};

const tlsFailure: FailureClassifier = (_run, failure, evidence) => {
	const {code = '', message} = rootError(failure.error);
	const host = gatewayHost(evidence);
	const untrusted = untrustedCertificate[code];
	if (untrusted) {
		return {
			code: 'probe-tls-untrusted',
			level: 'error',
			message: `The TLS certificate of ${host} ${untrusted} (${code})`,
			// Turning verification off would hand the token to anyone in the middle: never the fix.
			fix: evidence.extraCaPath
				? `point NODE_EXTRA_CA_CERTS (now ${evidence.extraCaPath}) at the CA that signed the gateway's certificate, never set NODE_TLS_REJECT_UNAUTHORIZED=0`
				: 'set NODE_EXTRA_CA_CERTS=/path/ca.pem to your CA\'s certificate, never NODE_TLS_REJECT_UNAUTHORIZED=0',
		};
	}

	if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
		const state = code === 'CERT_HAS_EXPIRED' ? 'has expired' : 'is not valid yet';
		return {code: 'probe-tls-expired', level: 'error', message: `The TLS certificate of ${host} ${state} (${code})`, fix: 'renew the gateway\'s certificate, or check this machine\'s clock'};
	}

	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
		return {code: 'probe-tls-name', level: 'error', message: `The TLS certificate of ${host} does not name ${new URL(evidence.baseUrl).hostname} (${code})`, fix: 'use a host name the certificate names in ANTHROPIC_BASE_URL'};
	}

	if (/^(ERR_SSL_|ERR_TLS_|ERR_OSSL_|EPROTO$)/.test(code) || /\b(SSL|TLS)\b/.test(message)) {
		return {
			code: 'probe-tls',
			level: 'error',
			message: `TLS with ${host} failed (${code || tidy(message)})`,
			fix: /wrong.version.number/i.test(`${code} ${message}`)
				? 'use http:// in ANTHROPIC_BASE_URL if the gateway does not speak TLS'
				: 'check the gateway\'s TLS setup, and CLAUDE_CODE_CLIENT_CERT and CLAUDE_CODE_CLIENT_KEY if it wants a client certificate',
		};
	}

	return undefined;
};

const unreachableCodes = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

const unreachable: FailureClassifier = (_run, failure, evidence) => {
	const {code} = rootError(failure.error);
	return code && unreachableCodes.has(code)
		? {code: 'probe-unreachable', level: 'error', message: `${gatewayHost(evidence)} cannot be reached (${code})`, fix: 'check your network and VPN, or HTTPS_PROXY and NO_PROXY'}
		: undefined;
};

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

const connectionClosed: FailureClassifier = (_run, failure, evidence) => {
	const {code} = rootError(failure.error);
	// The usual cause is http:// to a TLS port: the server hangs up on what it cannot read.
	return code && resetCodes.has(code)
		? {code: 'probe-connection-closed', level: 'error', message: `${gatewayHost(evidence)} closed the connection without an answer (${code})`, fix: 'check that ANTHROPIC_BASE_URL uses the scheme the gateway speaks (http or https)'}
		: undefined;
};

/** A header value with a character above U+00FF is refused before it is sent (undici's UND_ERR_INVALID_ARG): the header is the cause, not the network. */
const headerValueRefused: FailureClassifier = run => {
	for (const [name, value] of Object.entries(run.exchange.headers)) {
		const wide = beyondLatin1(value);
		if (wide !== undefined) {
			return {code: 'probe-header-not-latin1', level: 'error', message: `${requestText(run.exchange)} was not sent: the value of header ${name} holds ${describeBeyondLatin1(wide, isSecretHeaderName(name))}, which HTTP header values cannot carry`, fix: latin1Fix(name)};
		}
	}

	return undefined;
};

const otherFailure: FailureClassifier = (run, failure) => {
	const {code, message} = rootError(failure.error);
	return {code: 'probe-failed', level: 'error', message: `${requestText(run.exchange)} failed (${code ?? tidy(message)})`, fix: 'check ANTHROPIC_BASE_URL and your network'};
};

const failureClassifiers: FailureClassifier[] = [cancelled, headerValueRefused, timedOut, dnsFailure, refused, proxyTunnelRefused, tlsFailure, unreachable, connectionClosed, otherFailure];

// --- Answers: the server said something ---

const redirect: Classifier = (run, answer) => {
	if (answer.status < 300 || answer.status > 399) {
		return undefined;
	}

	const location = headerValue(answer.headers['location']);
	const fix = 'set ANTHROPIC_BASE_URL to the gateway\'s own address: a redirect would carry x-api-key and custom headers to another host';
	if (!location) {
		return {code: 'probe-redirect', level: severity(run), message: `${requestText(run.exchange)} redirects (${answer.status}) without a Location`, fix};
	}

	let target = location;
	try {
		target = new URL(location, run.exchange.url).href;
	} catch {}

	if (/log-?in|sign-?in|sso|oauth|auth/i.test(target.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, ''))) {
		return {code: 'probe-redirect-sign-in', level: severity(run), message: `${requestText(run.exchange)} redirects (${answer.status}) to a sign-in page, ${escapeControl(target)}`, fix: 'point ANTHROPIC_BASE_URL at the gateway itself: a login page or a proxy is in the way'};
	}

	return {code: 'probe-redirect', level: severity(run), message: `${requestText(run.exchange)} redirects (${answer.status}) to ${escapeControl(target)}`, fix};
};

/** The gateway's own upstream, as its 5xx body describes it: a cause the gateway passed on in words. */
type UpstreamCause = 'refused' | 'dns' | 'timeout' | 'model' | 'failed';

/**
What a gateway's 5xx body says went wrong behind it, read from every field of the body (or its plain text):
the upstream could not be reached, its host did not resolve, it timed out, it did not know the model, or it failed.
Undefined when the body names no upstream cause (a bare "Internal Server Error").
*/
export function upstreamCause(answer: Answer): UpstreamCause | undefined {
	if (answer.status < 500) {
		return undefined;
	}

	const text = [...errorTexts(answer.json), ...(answer.json === undefined && !isHtml(answer) ? [answer.text.slice(0, 2000)] : [])].join(' ');
	// "fetch failed": the gateway's own fetch to its upstream got no answer (Node's words, passed on by claude-code-router).
	if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|connection refused|socket hang up|fetch failed|refused (?:the |to )?connect|(?:failed|unable|could ?n[o']t) to connect/i.test(text)) {
		return 'refused';
	}

	if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|could ?n[o']t resolve|name resolution/i.test(text)) {
		return 'dns';
	}

	if (/ETIMEDOUT|timed? ?out|deadline exceeded/i.test(text)) {
		return 'timeout';
	}

	const upstream = /upstream|provider|backend|anthropic|bedrock|vertex|openai/i.test(text);
	if (/\bmodel\b/i.test(text) && /\b404\b|not[_ ]found|does not exist|unknown|not supported/i.test(text)) {
		return 'model';
	}

	return upstream && /\b5\d\d\b|error|fail/i.test(text) ? 'failed' : undefined;
}

const operatorFix = 'have whoever runs the gateway check its upstream provider (its address, that it is up, its credential)';

function upstreamFinding(run: CheckRun, answer: Answer, evidence: Evidence, cause: UpstreamCause): Finding {
	const said = `${requestText(run.exchange)} answered ${statusWithDetail(answer)}`;
	const level = severity(run);
	switch (cause) {
		case 'refused': {
			return {code: 'probe-upstream-refused', level, message: `${said}: the gateway could not reach its upstream provider`, fix: operatorFix};
		}

		case 'dns': {
			return {code: 'probe-upstream-dns', level, message: `${said}: the gateway cannot resolve its upstream provider's host name`, fix: operatorFix};
		}

		case 'timeout': {
			return {code: 'probe-upstream-timeout', level, message: `${said}: the gateway's upstream provider did not answer in time`, fix: `retry later, or ${operatorFix}`};
		}

		case 'model': {
			return {code: 'probe-upstream-model-unknown', level, message: `${said}: the gateway's upstream provider does not know the model ${evidence.model}`, fix: 'choose a model the gateway serves with --model, or have whoever runs the gateway route this one to a model its provider serves'};
		}

		case 'failed': {
			return {code: 'probe-upstream-failed', level, message: `${said}: the gateway's upstream provider failed`, fix: `retry later, or ${operatorFix}`};
		}
	}
}

const serverError: Classifier = (run, answer, evidence) => {
	if (answer.status < 500) {
		return undefined;
	}

	// The free request: a 5xx about max_tokens proves the endpoint read it (messagesAnswer says so).
	if (run.name === 'messages' && isMaxTokensRefusal(answer)) {
		return maxTokensProof(run, answer);
	}

	// The gateway passed the request on and says what its upstream did: a real request meets the same.
	const cause = upstreamCause(answer);
	if (cause) {
		return upstreamFinding(run, answer, evidence, cause);
	}

	// Any other 5xx to the free request proves nothing either way: some gateways refuse max_tokens 0 so and serve real requests.
	if (run.name === 'messages' && evidence.liveSent) {
		return {
			code: 'probe-free-request-refused',
			level: 'warning',
			message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)} to the free request (max_tokens 0), which proves nothing either way: the real message decides`,
		};
	}

	if (run.name === 'messages') {
		return {
			code: 'probe-free-request-unproven',
			level: 'warning',
			message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)} to the free request (max_tokens 0), which proves nothing either way: some gateways refuse it so and serve real requests`,
			fix: 'run ccgate probe --live to send one real one-token message',
		};
	}

	return {code: 'probe-server-error', level: severity(run), message: `${requestText(run.exchange)} failed on the server (${statusWithDetail(answer)})`, fix: 'retry later, or check the gateway\'s logs and its upstream provider'};
};

// A rate limit is the gateway's, not one endpoint's: said once for all checks.
const rateLimited: Classifier = (run, answer, evidence) => answer.status === 429
	? {code: 'probe-rate-limited', level: severity(run), message: `The gateway at ${evidence.baseUrl} is rate limiting (${statusWithDetail(answer)})`, fix: 'wait and retry, or ask for a higher rate limit on the gateway'}
	: undefined;

export function isBetaRejection(answer: Answer): boolean {
	return answer.status === 400 && /anthropic-beta|extra inputs are not permitted|unexpected value\(s\)/i.test(answer.text);
}

/** The betas of `sent` that a rejection names. Claude Code 2.1.328 drops those and sends the request again (seen). */
export function rejectedBetas(answer: Answer, sent: string): string[] {
	return sent.split(',').filter(beta => beta !== '' && answer.text.includes(beta));
}

const betaRejected: Classifier = (run, answer, evidence) => {
	if (!isBetaRejection(answer)) {
		return undefined;
	}

	if (evidence.betaRetry?.accepted) {
		const names = evidence.betaRetry.dropped.join(', ');
		return {
			code: 'probe-beta-retried',
			level: 'warning',
			message: `The gateway at ${evidence.baseUrl} rejects the anthropic-beta ${names}: Claude Code drops ${evidence.betaRetry.dropped.length === 1 ? 'it' : 'them'} and sends the request again, which the gateway accepts`,
		};
	}

	return {
		code: 'probe-beta-rejected',
		level: severity(run),
		message: `The gateway at ${evidence.baseUrl} rejects the anthropic-beta header (${statusWithDetail(answer)})`,
		// Claude Code keeps sending two betas even with the switch on (seen with 2.1.328), so then only the gateway can help.
		fix: evidence.betasDisabled
			? 'make the gateway forward the anthropic-beta header, which Claude Code sends even with CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1'
			: 'set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1',
	};
};

/** A 400 or 404 that is about the model, not about max_tokens or the path. */
export function isModelUnknown(answer: Answer, model: string): boolean {
	if ((answer.status !== 400 && answer.status !== 404) || answer.json === undefined) {
		return false;
	}

	const detail = serverDetail(answer) ?? '';
	if (/max_tokens/i.test(detail)) {
		return false;
	}

	return detail.toLowerCase().includes(model.toLowerCase())
		|| (/\bmodel\b/i.test(detail) && /not found|unknown|does not exist|not exist|invalid|no such|not supported/i.test(detail));
}

const modelUnknown: Classifier = (run, answer, evidence) => {
	if (run.name === 'models' || !isModelUnknown(answer, evidence.model)) {
		return undefined;
	}

	// The probe asks for the model Claude Code would (its own default when none is configured): unknown there, unknown to the client.
	const level = run.name === 'count_tokens' ? 'warning' : 'error';
	const {modelNote: note} = evidence;
	return {
		code: 'probe-model-unknown',
		level,
		message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)}: the gateway does not know the model ${evidence.model}${note ? `, ${modelNoteClause(note)}` : ''}`,
		fix: note ? modelNoteFix(note, evidence.model) : 'choose a model the gateway serves with --model',
	};
};

/** Why the client asks for another model than the configured one, as a clause: "which Claude Code asks for …". */
export function modelNoteClause(note: ModelNote): string {
	const how = note.mapped ? `its mapping (${note.tier.variable})` : `its own ID for the ${note.tier.tier} tier (${note.tier.variable} is not set)`;
	return note.why === 'alias'
		? `which Claude Code asks for the alias ${note.configured}: ${how}`
		: `which Claude Code asks for instead of the configured ${note.configured}: it remaps legacy Opus IDs to the opus tier, ${how}`;
}

/** The fix for a model the client resolved: map the tier, or keep the legacy ID with the switch. */
export function modelNoteFix(note: ModelNote, asked: string): string {
	const map = `map the ${note.tier.tier} tier to a model the gateway serves with ${note.tier.variable} (--${note.tier.tier}-model ID)`;
	return note.why === 'alias' ? map : `set ${legacyRemapSwitch}=1 to send ${note.configured}, ${map}, or have the gateway serve ${asked}`;
}

/**
Where the client asks for another model than the configured one, the probe says which and why: a remapped legacy ID
is a warning (the user asked for another model), an alias resolved as the client resolves it is said at level ok.
*/
export function modelNoteFinding(note: ModelNote, asked: string): Finding {
	if (note.why === 'remap') {
		return {code: 'probe-model-remapped', level: 'warning', message: `Claude Code asks the gateway for ${asked}, not the configured ${note.configured}: it remaps legacy Opus IDs to the opus tier, ${note.mapped ? `its mapping (${note.tier.variable})` : `its own ID for it (${note.tier.variable} is not set)`}`, fix: `set ${legacyRemapSwitch}=1 to send ${note.configured}`};
	}

	return {code: 'probe-model-alias', level: 'ok', message: `The alias ${note.configured} asks the gateway for ${asked}, ${note.mapped ? `its mapping (${note.tier.variable})` : `the client's own ID for the ${note.tier.tier} tier (${note.tier.variable} is not set)`}`};
}

function baseWithoutPath(baseUrl: string): {origin: string; path: string} | undefined {
	const url = new URL(baseUrl);
	return url.pathname === '/' || url.pathname === '' ? undefined : {origin: url.origin, path: url.pathname};
}

/** The messages endpoint is not there: an OpenAI server, or a wrong base path. Shared by every check it explains. */
function messagesMissing(level: 'error' | 'warning', evidence: Evidence): Finding {
	const request = messagesRequest(evidence);
	if (evidence.openAi) {
		return {
			code: 'probe-openai-server',
			level,
			message: evidence.openAi === 'error-shape'
				? `${request} answered 404 with an OpenAI-style error: this is an OpenAI-format server`
				: `${request} answered 404 but ${evidence.baseUrl}/v1/chat/completions answers: this is an OpenAI-format server`,
			fix: 'put a translation layer such as LiteLLM or claude-code-router between Claude Code and it',
		};
	}

	const base = baseWithoutPath(evidence.baseUrl);
	return {
		code: 'probe-not-found',
		level,
		message: `${request} answered 404: no Anthropic Messages endpoint at this base URL`,
		fix: base
			? `try ANTHROPIC_BASE_URL=${base.origin} without ${base.path}, or the base path the gateway documents for Anthropic's format`
			: 'set ANTHROPIC_BASE_URL to the gateway\'s base path for Anthropic\'s format (Claude Code appends /v1/messages itself)',
	};
}

const notFound: Classifier = (run, answer, evidence) => {
	if (answer.status !== 404) {
		return undefined;
	}

	if (run.name === 'messages' || run.name === 'live' || evidence.messagesPathMissing) {
		return messagesMissing(severity(run), evidence);
	}

	if (run.name === 'models') {
		return {code: 'probe-models-missing', level: 'warning', message: `${requestText(run.exchange)} answered 404: the gateway lists no models, so discovery finds none`, fix: 'set the model IDs by hand with --model'};
	}

	// Claude Code falls back to its own estimate: nothing for the user to do.
	return {code: 'probe-count-tokens-missing', level: 'warning', message: `${requestText(run.exchange)} answered 404: the gateway does not count tokens, so Claude Code estimates them`};
};

const notJson: Classifier = (run, answer) => {
	if (answer.json !== undefined || (run.name === 'live' && answer.status < 300 && isEventStream(answer))) {
		return undefined;
	}

	let what = `${escapeControl(answer.contentType.split(';')[0] ?? '') || 'no content type'}`;
	if (isHtml(answer)) {
		what = 'an HTML page';
	} else if (answer.text.trim() === '') {
		what = 'an empty body';
	}

	// A page or a plain "OK" where an API answer belongs is something in front of the gateway: a sign-in page, a portal, a proxy.
	if (answer.status < 300) {
		return {code: 'probe-not-json-page', level: severity(run), message: `${requestText(run.exchange)} answered ${answer.status} with ${what}, not JSON`, fix: 'point ANTHROPIC_BASE_URL at the gateway itself: a login page or a proxy is in the way'};
	}

	const detail = serverDetail(answer);
	return {
		code: 'probe-not-json',
		level: severity(run),
		message: `${requestText(run.exchange)} answered ${answer.status} with ${what}, not JSON${detail ? ` (${detail})` : ''}`,
		fix: 'check that ANTHROPIC_BASE_URL points at a gateway that speaks Anthropic\'s Messages API',
	};
};

const credentialFix: Record<CredentialStyle, string> = {
	bearer: 'check the token in ANTHROPIC_AUTH_TOKEN',
	'x-api-key': 'check the key in ANTHROPIC_API_KEY',
	both: 'check ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY',
	none: 'set ANTHROPIC_AUTH_TOKEN with --auth-token, or ANTHROPIC_API_KEY with --api-key',
};

/** The credential headers an error body names: `x-api-key`, a bearer token (`Authorization`). */
function namedCredentials(answer: Answer): Array<'x-api-key' | 'Authorization: Bearer'> {
	const text = [serverDetail(answer) ?? '', answer.json === undefined && !isHtml(answer) ? answer.text.slice(0, 2000) : ''].join(' ');
	return [...(/x-api-key/i.test(text) ? ['x-api-key' as const] : []), ...(/\bbearer\b|authorization header/i.test(text) ? ['Authorization: Bearer' as const] : [])];
}

const sentHeaders: Record<CredentialStyle, string> = {bearer: 'Authorization: Bearer', 'x-api-key': 'x-api-key', both: 'Authorization: Bearer and x-api-key', none: 'no credential'};

/**
A 401 to the messages request that is the gateway's own provider credential, not the developer's: the same credential
was accepted by another request (a gateway's /v1/models lists its own catalog, whatever its provider key), or the body
names a credential header Claude Code did not send ("invalid x-api-key" to a bearer token: the gateway's key upstream).
*/
function providerCredential(run: CheckRun, answer: Answer, evidence: Evidence): Finding | undefined {
	if (answer.status !== 401 || (run.name !== 'messages' && run.name !== 'live') || evidence.credential === 'none') {
		return undefined;
	}

	// "invalid x-api-key or bearer token" names the header that was sent too: that is the developer's.
	const named = namedCredentials(answer);
	const notSent = named.length > 0 && named.every(header => !sentHeaders[evidence.credential].includes(header));
	if (!evidence.credentialProven && !notSent) {
		return undefined;
	}

	const why = evidence.credentialProven
		? `although it accepted the same credential for ${evidence.acceptedRequest ?? 'another request'}`
		: `naming ${named.join(' and ')}, which Claude Code did not send (it sent ${sentHeaders[evidence.credential]})`;
	return {
		code: 'probe-upstream-credential',
		level: 'error',
		message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)}, ${why}: the credential refused is the gateway's own, for its upstream provider`,
		fix: 'ask whoever runs the gateway to check its provider credential (yours is not the one refused)',
	};
}

const authRejected: Classifier = (run, answer, evidence) => {
	if (answer.status !== 401 && answer.status !== 403) {
		return undefined;
	}

	if (run.name !== 'messages' && run.name !== 'live' && evidence.credentialProven) {
		return {
			code: 'probe-endpoint-refused',
			level: 'warning',
			message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)} although other requests accepted the credential`,
			fix: 'allow this endpoint for the credential on the gateway',
		};
	}

	// The optional endpoints may word the same refusal differently: the messages endpoint's words are used.
	if (run.name !== 'messages' && evidence.messagesRefusal && answer !== evidence.messagesRefusal) {
		return authRejected({...run, name: 'messages'}, evidence.messagesRefusal, evidence);
	}

	if (evidence.swap?.accepted && evidence.credential === 'bearer') {
		return {
			code: 'probe-auth-style-api-key',
			level: 'error',
			message: `The gateway at ${evidence.baseUrl} rejects the token as Authorization: Bearer (${answer.status}) but accepts it as x-api-key`,
			fix: 'use ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN (or --secret-file)',
		};
	}

	if (evidence.swap?.accepted && evidence.credential === 'x-api-key') {
		return {
			code: 'probe-auth-style-bearer',
			level: 'error',
			message: `The gateway at ${evidence.baseUrl} rejects the key as x-api-key (${answer.status}) but accepts it as Authorization: Bearer`,
			fix: 'use ANTHROPIC_AUTH_TOKEN instead of ANTHROPIC_API_KEY',
		};
	}

	const provider = providerCredential(run, answer, evidence);
	if (provider) {
		return provider;
	}

	if (evidence.credential === 'none') {
		return {code: 'probe-credential-missing', level: 'error', message: `The gateway at ${evidence.baseUrl} wants a credential and none was sent (${statusWithDetail(answer)})`, fix: credentialFix.none};
	}

	if (answer.status === 403 && isHtml(answer)) {
		return {code: 'probe-forbidden-html', level: 'error', message: `The gateway at ${evidence.baseUrl} refuses the request with an HTML page (403): a firewall in front of it, or the credential`, fix: `${credentialFix[evidence.credential]}, and have whoever runs the gateway exempt its /v1/messages path from the firewall's request-body inspection (AWS WAF: CrossSiteScripting_Body; ModSecurity: the OWASP CRS body rules)`};
	}

	if (answer.status === 403) {
		return {code: 'probe-forbidden', level: 'error', message: `The gateway at ${evidence.baseUrl} refuses the credential (${statusWithDetail(answer)})`, fix: 'check what this credential may do on the gateway, and the custom headers it expects'};
	}

	return {code: 'probe-credential-rejected', level: 'error', message: `The gateway at ${evidence.baseUrl} rejects the credential (${statusWithDetail(answer)})`, fix: credentialFix[evidence.credential]};
};

const billing: Classifier = (run, answer) => answer.status === 402
	? {code: 'probe-billing', level: severity(run), message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)}`, fix: 'check this credential\'s budget or billing on the gateway'}
	: undefined;

/** Whether discovery would list an ID: Claude Code keeps those containing `claude` or `anthropic`, any case. */
export function isDiscoverable(id: string): boolean {
	return /claude|anthropic/i.test(id);
}

export type ModelEntry = {id: string; display_name?: string};

/** The `data[]` of a model list, or undefined when the body is not one. */
export function modelList(json: unknown): ModelEntry[] | undefined {
	if (!isObject(json) || !Array.isArray(json['data'])) {
		return undefined;
	}

	const models: ModelEntry[] = [];
	for (const entry of json['data'] as unknown[]) {
		if (isObject(entry) && typeof entry['id'] === 'string') {
			const displayName = entry['display_name'];
			models.push(typeof displayName === 'string' ? {id: entry['id'], display_name: displayName} : {id: entry['id']});
		}
	}

	return models;
}

const modelsAnswer: Classifier = (run, answer) => {
	if (run.name !== 'models' || answer.status < 200 || answer.status > 299) {
		return undefined;
	}

	const request = requestText(run.exchange);
	const models = modelList(answer.json);
	const fix = 'set the model IDs by hand with --model';
	if (!models) {
		return {code: 'probe-models-invalid', level: 'warning', message: `${request} answered ${answer.status} without a model list`, fix};
	}

	if (models.length === 0) {
		return {code: 'probe-models-empty', level: 'warning', message: `${request} lists no models`, fix};
	}

	const visible = models.filter(model => isDiscoverable(model.id)).length;
	if (visible === 0) {
		return {code: 'probe-models-hidden', level: 'warning', message: `${request} lists ${plural(models.length, 'model')}, none with "claude" or "anthropic" in its ID: discovery shows none`, fix};
	}

	return {code: 'probe-models-ok', level: 'ok', message: `${request} lists ${plural(models.length, 'model')}, ${visible} visible to Claude Code's discovery`};
};

const countTokensAnswer: Classifier = (run, answer) => {
	if (run.name !== 'count_tokens' || answer.status < 200 || answer.status > 299) {
		return undefined;
	}

	const tokens = isObject(answer.json) ? answer.json['input_tokens'] : undefined;
	return typeof tokens === 'number'
		? {code: 'probe-count-tokens-ok', level: 'ok', message: `${requestText(run.exchange)} counts tokens (${plural(tokens, 'input token')})`}
		: {code: 'probe-count-tokens-invalid', level: 'warning', message: `${requestText(run.exchange)} answered ${answer.status} without input_tokens`};
};

/** A 400 (or 422) whose error is about max_tokens: the request reached a Messages endpoint that read it. */
export function isMaxTokensRefusal(answer: Answer): boolean {
	return (answer.status === 400 || answer.status === 422 || answer.status >= 500) && mentionsMaxTokens(answer);
}

/** Header names a gateway says it wants, as in "Either x-portkey-config or x-portkey-provider header is required". */
function headersNamed(detail: string): string[] {
	return [...new Set(detail.match(/\bx-[a-z\d-]+/gi) ?? [])];
}

/** A 400 that is not about max_tokens is the gateway refusing what Claude Code sends: read from its body. */
const badRequest: Classifier = (run, answer, evidence) => {
	if ((answer.status !== 400 && answer.status !== 422) || isMaxTokensRefusal(answer)) {
		return undefined;
	}

	const detail = serverDetail(answer) ?? '';
	const wanted = headersNamed(detail);
	// Said of the gateway, not of one endpoint: every check that got it prints it once.
	if (/header/i.test(detail) && wanted.length > 0) {
		return {
			code: 'probe-header-wanted',
			level: severity(run),
			message: `The gateway at ${evidence.baseUrl} wants a header Claude Code does not send (${answer.status}: ${detail})`,
			fix: `add ${wanted.join(' or ')} with --header "${wanted.at(-1)!}: VALUE" (it goes into ANTHROPIC_CUSTOM_HEADERS)`,
		};
	}

	if (run.name === 'models' || run.name === 'count_tokens') {
		return undefined;
	}

	return {
		code: 'probe-bad-request',
		level: severity(run),
		message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)}: the gateway refuses the request Claude Code sends`,
		fix: 'check the custom headers and the model the gateway expects, and its logs',
	};
};

/** A refusal of max_tokens 0 that is about max_tokens: the endpoint exists and read the request (a 5xx so worded too). */
function maxTokensProof(run: CheckRun, answer: Answer): Finding {
	const request = requestText(run.exchange);
	const anthropic = anthropicError(answer.json);
	if (anthropic && answer.status < 500) {
		return {code: 'probe-messages-ok', level: 'ok', message: `${request} answers in Anthropic's format (${answer.status} ${anthropic.type} to max_tokens 0)`};
	}

	return answer.status < 500
		? {code: 'probe-messages-ok', level: 'ok', message: `${request} answers ${answer.status} to max_tokens 0: the endpoint exists`}
		: {code: 'probe-messages-ok', level: 'ok', message: `${request} answers ${statusWithDetail(answer)} to max_tokens 0: the endpoint exists and read the request`};
}

const messagesAnswer: Classifier = (run, answer) => {
	if (run.name !== 'messages') {
		return undefined;
	}

	const request = requestText(run.exchange);
	// `max_tokens: 0` is refused before any generation: a free proof that the endpoint is there.
	if (isMaxTokensRefusal(answer)) {
		return maxTokensProof(run, answer);
	}

	if (answer.status >= 200 && answer.status <= 299) {
		// A translating gateway (claude-code-router) passes max_tokens 0 on, and its provider generates a reply.
		return isObject(answer.json) && answer.json['type'] === 'message'
			? {code: 'probe-messages-generated', level: 'warning', message: `${request} answered ${answer.status} with a generated message to max_tokens 0: a translating gateway passed the invalid request to its provider, so this check cost a request`}
			: {code: 'probe-messages-not-anthropic', level: 'error', message: `${request} answered ${answer.status} with JSON that is not an Anthropic message`, fix: 'point ANTHROPIC_BASE_URL at a gateway that speaks Anthropic\'s Messages API'};
	}

	return undefined;
};

const streamFix = 'check that every proxy between you and the gateway passes server-sent events through unbuffered';

const liveAnswer: Classifier = (run, answer, evidence) => {
	if (run.name !== 'live' || answer.status < 200 || answer.status > 299) {
		return undefined;
	}

	const request = `${run.exchange.method} ${run.exchange.url}`;
	if (!isEventStream(answer)) {
		return {code: 'probe-stream-not-sse', level: 'error', message: `${request} answered ${escapeControl(answer.contentType.split(';')[0] ?? '') || 'no content type'} instead of an event stream`, fix: 'make the gateway honour stream: true, as Claude Code streams every message'};
	}

	const events = parseSse(answer.text);
	const errorEvent = events.find(event => event.event === 'error');
	const retried = isBrokenStream(answer) && evidence.streamRetry?.accepted;
	if (retried) {
		const names = events.map(event => event.event).filter(name => name !== 'ping' && name !== 'error');
		return {
			code: 'probe-stream-retried',
			level: 'warning',
			message: `The stream from ${request} broke after ${escapeControl(names.at(-1) ?? 'message_start')}, before message_stop; Claude Code then sends the request again without streaming, which the gateway answered with a message: replies arrive whole, not as they are written`,
			fix: streamFix,
		};
	}

	if (errorEvent) {
		let detail = tidy(errorEvent.data);
		const parsed = parseJson(errorEvent.data);
		detail = (parsed && serverDetail({...answer, json: parsed.data})) ?? detail;

		return {code: 'probe-stream-error', level: 'error', message: `The stream from ${request} carried an error event (${detail})`, fix: 'retry later, or check the gateway\'s logs'};
	}

	const names = events.map(event => event.event).filter(name => name !== 'ping');
	if (names[0] !== 'message_start') {
		return {code: 'probe-stream-bad-start', level: 'error', message: `The stream from ${request} did not start with message_start (first event: ${escapeControl(names[0] ?? 'none')})`, fix: streamFix};
	}

	// claude-code-router 2.1.1 sends two messages in one stream: the client calls it malformed (seen).
	const malformed = malformation(names);
	if (malformed) {
		return {code: 'probe-stream-malformed', level: 'error', message: `The stream from ${request} is malformed (${malformed}), which Claude Code refuses`, fix: 'have whoever runs the gateway fix its translation of streamed messages'};
	}

	if (!names.includes('message_stop') && endsAfterMessageDelta(names) && !answer.bodyFailure) {
		return {code: 'probe-stream-no-stop', level: 'warning', message: `The stream from ${request} ended after message_delta without message_stop, which Claude Code takes (other clients may not)`, fix: 'have whoever runs the gateway make it end each stream with message_stop'};
	}

	if (!names.includes('message_stop')) {
		const last = names.at(-1) ?? 'message_start';
		let why = 'the connection ended';
		if (answer.bodyFailure?.reason === 'timeout') {
			why = `nothing more within ${evidence.timeoutMs} ms`;
		} else if (answer.bodyFailure) {
			why = rootError(answer.bodyFailure.error).code ?? 'the connection failed';
		}

		return {code: 'probe-stream-broken', level: 'error', message: `The stream from ${request} broke after ${escapeControl(last)}, before message_stop (${why})`, fix: streamFix};
	}

	const untyped = /event-stream/i.test(answer.contentType) ? '' : ' without a Content-Type of text/event-stream, which Claude Code takes';
	return {code: 'probe-stream-ok', level: 'ok', message: `${request} streamed a one-token message (message_start … message_stop)${untyped}`};
};

const unexpected: Classifier = (run, answer) => ({
	code: 'probe-unexpected',
	level: severity(run),
	message: `${requestText(run.exchange)} answered ${statusWithDetail(answer)}`,
	fix: 'check that ANTHROPIC_BASE_URL points at a gateway that speaks Anthropic\'s Messages API',
});

// Order matters: a 404 HTML page means a wrong path before it means a login page; a 401 or 403 is about the credential whatever its body.
const answerClassifiers: Classifier[] = [
	redirect,
	serverError,
	rateLimited,
	betaRejected,
	modelUnknown,
	notFound,
	authRejected,
	notJson,
	billing,
	badRequest,
	modelsAnswer,
	countTokensAnswer,
	messagesAnswer,
	liveAnswer,
	unexpected,
];

/** One finding per check: the first classifier that recognises the outcome speaks. */
export function diagnose(run: CheckRun, evidence: Evidence): Finding {
	const {outcome} = run;
	if (outcome.kind === 'failure') {
		// A sibling that waited on the same unresolvable name timed out for the same reason.
		const failure = outcome.reason === 'timeout' && evidence.dnsFailure ? evidence.dnsFailure : outcome;
		const finding = firstOf(failureClassifiers, classifier => classifier(run, failure, evidence))!;
		// A failed request is fatal for messages only; the optional checks merely could not tell.
		return run.name === 'messages' || run.name === 'live' || finding.level !== 'error' ? finding : {...finding, level: 'warning'};
	}

	// A body that broke off mid-way is the stream's problem for `live`, a failed request for everyone else.
	if (outcome.bodyFailure && run.name !== 'live') {
		return diagnose({...run, outcome: outcome.bodyFailure}, evidence);
	}

	return firstOf(answerClassifiers, classifier => classifier(run, outcome, evidence))!;
}

function firstOf<T>(classifiers: readonly T[], apply: (classifier: T) => Finding | undefined): Finding | undefined {
	for (const classifier of classifiers) {
		const finding = apply(classifier);
		if (finding) {
			return finding;
		}
	}

	return undefined;
}

/** Nothing but a real message can prove the credential: the cheap checks could not. */
export function credentialUnconfirmed(evidence: Evidence): Finding {
	return {
		code: 'probe-credential-unconfirmed',
		level: 'warning',
		message: `Only a real message can confirm the credential for ${evidence.baseUrl}: /v1/models and count_tokens did not answer 200, and a gateway may refuse max_tokens 0 before it looks at the credential`,
		fix: 'run the probe with --live to send one real one-token message',
	};
}

/** A 404 from `/v1/messages` that is OpenAI's error shape needs no further request to tell. */
export function isOpenAiNotFound(outcome: Outcome): boolean {
	return outcome.kind === 'answer' && outcome.status === 404 && isOpenAiError(outcome.json);
}

/** Whether `/v1/chat/completions` answers as a live endpoint would: JSON, and not "no such path". */
export function answersLikeAnEndpoint(outcome: Outcome): boolean {
	return outcome.kind === 'answer' && outcome.json !== undefined && ![404, 405].includes(outcome.status) && (outcome.status < 300 || outcome.status > 399);
}

export function isAuthRejection(outcome: Outcome): outcome is Answer {
	return outcome.kind === 'answer' && (outcome.status === 401 || outcome.status === 403);
}
