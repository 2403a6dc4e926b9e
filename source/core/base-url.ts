import type {Finding} from './findings.js';

const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return loopbackHosts.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname.endsWith('.localhost');
}

/** A URL as output may show it: any user name or password replaced, a query or fragment (they carry keys) cut to `?…`/`#…`. */
export function redactUrl(raw: string): string {
	return raw.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/?#@]*@/i, '$1***@').replace(/([?#]).*$/s, '$1…');
}

export type BaseUrlCheck = {
	readonly findings: Finding[];
	/** The URL as Claude Code should get it (trailing slashes removed); absent when it is unusable. */
	readonly normalized?: string;
};

const apiSuffixes = ['/v1/chat/completions', '/v1/messages'];

/**
What is true of a base URL without a scheme (seen with Claude Code 2.1.328 and 2.1.332): `127.0.0.1:8766` fails
every request (Invalid URL), while `localhost:8766` happens to work in the client but not in tools that parse
URLs by the standard, which read `localhost:` as the scheme. Both are refused with the fix.
*/
function noScheme(shown: string): Finding {
	const fixed = `http://${shown.replace(/\/+$/, '')}`;
	if (/^localhost(:\d+)?(\/|$)/i.test(shown)) {
		return {code: 'base-url-no-scheme', level: 'error', message: `The base URL "${shown}" has no scheme (http:// or https://)`, fix: `use ${fixed}`, suggestion: fixed};
	}

	return {code: 'base-url-no-scheme', level: 'error', message: `The base URL "${shown}" has no scheme, so every request of Claude Code fails (Invalid URL)`, fix: `use ${fixed}`, suggestion: fixed};
}

/**
Check `ANTHROPIC_BASE_URL` the way Claude Code will use it: it appends `/v1/messages` as text.
Note `new URL('localhost:8766')` parses with protocol `localhost:`, so the scheme is checked by hand.
*/
export function checkBaseUrl(raw: string): BaseUrlCheck {
	const shown = redactUrl(raw);
	const value = raw.trim();
	if (value === '') {
		return {findings: [{code: 'base-url-empty', level: 'error', message: 'The base URL is empty', fix: 'give the gateway\'s address, such as http://127.0.0.1:4000'}]};
	}

	if (value !== raw) {
		return {findings: [{code: 'base-url-spaces', level: 'error', message: `The base URL "${shown}" has spaces around it`, fix: `use "${redactUrl(value)}"`, suggestion: redactUrl(value)}]};
	}

	const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(value)?.[1];
	if (scheme === undefined) {
		return {findings: [noScheme(shown)]};
	}

	if (!['http', 'https'].includes(scheme.toLowerCase())) {
		return {findings: [{code: 'base-url-scheme', level: 'error', message: `The base URL "${shown}" uses the scheme ${scheme}:, which Claude Code cannot talk to`, fix: 'use an http:// or https:// address'}]};
	}

	// `new URL('http:///x')` quietly takes x as the host.
	if (/^[a-z][a-z\d+.-]*:\/\/[/?#]/i.test(value)) {
		return {findings: [{code: 'base-url-no-host', level: 'error', message: `The base URL "${shown}" has no host`, fix: 'write it as http://host:port'}]};
	}

	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return {findings: [{code: 'base-url-invalid', level: 'error', message: `The base URL "${shown}" is not a valid URL`, fix: 'write it as http://host:port'}]};
	}

	if (url.hostname === '') {
		return {findings: [{code: 'base-url-no-host', level: 'error', message: `The base URL "${shown}" has no host`, fix: 'write it as http://host:port'}]};
	}

	if (url.username !== '' || url.password !== '') {
		return {findings: [{code: 'base-url-credentials', level: 'error', message: `The base URL "${shown}" holds a user name or password`, fix: 'remove them from the URL and give the credential with --auth-token'}]};
	}

	const withoutQuery = value.replace(/[?#].*$/s, '');
	if (url.search !== '' || url.hash !== '' || withoutQuery !== value) {
		return {findings: [{code: 'base-url-query', level: 'error', message: `The base URL "${shown}" has a query or fragment, which Claude Code would break by appending /v1/messages after it`, fix: `use ${withoutQuery.replace(/\/+$/, '')}`, suggestion: withoutQuery.replace(/\/+$/, '')}]};
	}

	const normalized = value.replace(/\/+$/, '');
	const pathname = new URL(normalized).pathname.replace(/\/+$/, '');
	for (const suffix of apiSuffixes) {
		if (pathname.toLowerCase().endsWith(suffix)) {
			const fixed = normalized.slice(0, normalized.length - suffix.length);
			const consequence = suffix === '/v1'
				? 'so Claude Code would post to /v1/v1/messages'
				: `but Claude Code appends /v1/messages itself${suffix === '/v1/chat/completions' ? ' and speaks the Anthropic format, not OpenAI\'s' : ''}`;
			return {findings: [{code: 'base-url-api-path', level: 'error', message: `The base URL "${shown}" ends in ${suffix}, ${consequence}`, fix: `use ${fixed}`, suggestion: fixed}]};
		}
	}

	const findings: Finding[] = [];
	if (/\/v1$/i.test(pathname)) {
		// Portkey routes /v1/* and answers /v1/v1/messages; most gateways do not. The probe tries both.
		findings.push({code: 'base-url-v1', level: 'warning', message: `The base URL "${normalized}" ends in /v1, so Claude Code posts to /v1/v1/messages, which works only on gateways that route it (Portkey does)`, fix: `use ${normalized.slice(0, -'/v1'.length)} unless the gateway documents the /v1 form; ccgate probe tells which one works`});
	}

	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		findings.push({code: 'base-url-plain-http', level: 'warning', message: `The base URL "${normalized}" uses plain http to another machine, so the credential travels in clear`, fix: `use https://${normalized.slice('http://'.length)} if the gateway offers it`, suggestion: `https://${normalized.slice('http://'.length)}`});
	}

	return {findings, normalized};
}
