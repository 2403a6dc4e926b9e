import type {LookupFunction} from 'node:net';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type {Dispatcher} from 'undici';
import type {Finding} from '../core/findings.js';
import {readNamedFile} from '../io/named-file.js';

/*
The probe's first stage: the network Claude Code's traffic would take, read from the effective env
(HTTPS_PROXY/NO_PROXY, NODE_EXTRA_CA_CERTS, the client certificate).
*/

/** Environment as Claude Code would see it; only the network-related names are read. */
export type ProbeEnv = Readonly<Record<string, string | undefined>>;

/** The proxy a request goes through, with any user:password stripped for display. */
export type ProxyRoute = {
	/** The variable it came from, as spelt in the env (`HTTPS_PROXY`, `https_proxy`, …). */
	readonly variable: string;
	/** `scheme://host:port`, safe to print. */
	readonly display: string;
	/** `host:port` of the proxy. */
	readonly host: string;
};

/** What a request to the gateway needs without a proxy: Node's own http(s) with these TLS options. */
export type DirectRoute = {
	readonly kind: 'direct';
	readonly tls: TlsOptions;
	/** Kept alive across the probe's parallel requests, as undici's pool was; destroyed with the network. */
	readonly agents: {readonly http: http.Agent; readonly https: https.Agent};
};

/** Through a proxy: undici's ProxyAgent (loaded only then: undici costs start-up that Node's own http does not). */
export type ProxiedRoute = {
	readonly kind: 'proxy';
	readonly dispatcher: Dispatcher;
};

export type TlsOptions = {
	readonly ca?: string[];
	readonly cert?: string;
	readonly key?: string;
	readonly passphrase?: string;
	readonly lookup?: LookupFunction;
};

export type Network = {
	readonly route: DirectRoute | ProxiedRoute;
	readonly proxy?: ProxyRoute;
	/** The CA file that was added to Node's roots, when it could be read. */
	readonly extraCaPath?: string;
	/** Problems with the env's proxy or certificate settings. */
	readonly findings: Finding[];
	/** A setting so broken that no request would mean anything (e.g. a proxy URL without a scheme). */
	readonly fatal: boolean;
};

/**
Reads a variable whatever its case: lower case first, as curl and undici do for the proxy variables.
*/
export function envValue(env: ProbeEnv, name: string): {variable: string; value: string} | undefined {
	const lower = name.toLowerCase();
	const candidates = [lower, name.toUpperCase(), ...Object.keys(env).filter(key => key.toLowerCase() === lower)];
	for (const variable of candidates) {
		const value = env[variable];
		if (value !== undefined && value !== '') {
			return {variable, value};
		}
	}

	return undefined;
}

/** Which proxy variable applies to a URL, as undici's EnvHttpProxyAgent picks it (https falls back to the http proxy). */
function proxyVariableFor(url: URL, env: ProbeEnv): {variable: string; value: string} | undefined {
	if (url.protocol === 'https:') {
		return envValue(env, 'https_proxy') ?? envValue(env, 'http_proxy');
	}

	return envValue(env, 'http_proxy');
}

/**
Whether NO_PROXY exempts a URL, with curl's rules: `*` matches everything, an entry matches the host
itself and its subdomains (a leading `.` or `*.` is allowed), and an optional `:port` must match too.
*/
export function isExcludedByNoProxy(url: URL, noProxy: string | undefined): boolean {
	if (!noProxy) {
		return false;
	}

	const host = url.hostname.toLowerCase().replace(/^\[(.*)]$/, '$1');
	const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
	for (const rawEntry of noProxy.split(/[\s,]+/)) {
		const entry = rawEntry.trim().toLowerCase();
		if (entry === '') {
			continue;
		}

		if (entry === '*') {
			return true;
		}

		const withPort = /^(.+):(\d+)$/.exec(entry);
		const entryHost = (withPort?.[1] ?? entry).replace(/^\[(.*)]$/, '$1').replace(/^\*?\./, '');
		if (withPort && Number(withPort[2]) !== port) {
			continue;
		}

		if (host === entryHost || host.endsWith(`.${entryHost}`)) {
			return true;
		}
	}

	return false;
}

async function readPem(env: ProbeEnv, name: string, fix: string, {findings, timeoutMs}: {findings: Finding[]; timeoutMs: number}): Promise<{path: string; pem: string} | undefined> {
	const path = env[name];
	if (!path) {
		return undefined;
	}

	const read = await readNamedFile(path, {timeoutMs});
	if ('problem' in read) {
		// Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS and carries on; so does the probe.
		findings.push({code: 'tls-file-unreadable', level: 'warning', message: `${name} names ${path}, which ${read.problem}`, fix});
		return undefined;
	}

	return {path, pem: read.text};
}

function directRoute(tlsOptions: TlsOptions): DirectRoute {
	return {kind: 'direct', tls: tlsOptions, agents: {http: new http.Agent({keepAlive: true}), https: new https.Agent({keepAlive: true})}};
}

/** Ends every connection the network holds: sockets to a server that never answered would otherwise outlive the probe. */
export async function closeNetwork(network: Network): Promise<void> {
	if (network.route.kind === 'proxy') {
		await network.route.dispatcher.destroy().catch(() => undefined);
		return;
	}

	network.route.agents.http.destroy();
	network.route.agents.https.destroy();
}

/** An undici dispatcher for the route (doctor --client's relay streams through undici whatever the route). */
export async function dispatcherOf(network: Network): Promise<Dispatcher> {
	if (network.route.kind === 'proxy') {
		return network.route.dispatcher;
	}

	const {Agent} = await import('undici');
	return new Agent({connect: network.route.tls});
}

/**
The route Claude Code's traffic would take: Node's roots plus NODE_EXTRA_CA_CERTS, the client
certificate for mTLS, and the proxy unless NO_PROXY exempts the gateway.
*/
export async function buildNetwork(baseUrl: string, env: ProbeEnv, lookup?: LookupFunction, timeoutMs = 5000): Promise<Network> {
	const findings: Finding[] = [];
	const reading = {findings, timeoutMs};
	const [extraCa, clientCert, clientKey] = await Promise.all([
		readPem(env, 'NODE_EXTRA_CA_CERTS', 'point NODE_EXTRA_CA_CERTS at your CA\'s PEM file', reading),
		readPem(env, 'CLAUDE_CODE_CLIENT_CERT', 'point CLAUDE_CODE_CLIENT_CERT at your client certificate\'s PEM file', reading),
		readPem(env, 'CLAUDE_CODE_CLIENT_KEY', 'point CLAUDE_CODE_CLIENT_KEY at your client key\'s PEM file', reading),
	]);

	if (Boolean(env['CLAUDE_CODE_CLIENT_CERT']) !== Boolean(env['CLAUDE_CODE_CLIENT_KEY'])) {
		const [set, missing] = env['CLAUDE_CODE_CLIENT_CERT'] ? ['CLAUDE_CODE_CLIENT_CERT', 'CLAUDE_CODE_CLIENT_KEY'] : ['CLAUDE_CODE_CLIENT_KEY', 'CLAUDE_CODE_CLIENT_CERT'];
		findings.push({code: 'client-cert-half', level: 'warning', message: `${set} is set without ${missing}, so no client certificate is sent`, fix: `set ${missing} too`});
	}

	// Passing `ca` replaces Node's roots, so they are added back: NODE_EXTRA_CA_CERTS extends, never narrows.
	const ca = extraCa ? [...tls.rootCertificates, extraCa.pem] : undefined;
	const tlsOptions: TlsOptions = {
		...(ca && {ca}),
		...(clientCert && clientKey && {cert: clientCert.pem, key: clientKey.pem, passphrase: env['CLAUDE_CODE_CLIENT_KEY_PASSPHRASE']}),
		...(lookup && {lookup}),
	};

	const url = new URL(baseUrl);
	const proxyVariable = proxyVariableFor(url, env);
	if (!proxyVariable || isExcludedByNoProxy(url, envValue(env, 'no_proxy')?.value)) {
		return {route: directRoute(tlsOptions), extraCaPath: extraCa?.path, findings, fatal: false};
	}

	const proxyUrl = parseProxyUrl(proxyVariable.value);
	if (!proxyUrl && /^socks/i.test(proxyVariable.value)) {
		findings.push({
			code: 'proxy-socks',
			level: 'error',
			message: `${proxyVariable.variable} "${stripUserInfo(proxyVariable.value)}" is a SOCKS proxy, which Claude Code does not support`,
			fix: `set ${proxyVariable.variable} to an HTTP proxy, or add the gateway's host to NO_PROXY`,
		});
		return {route: directRoute(tlsOptions), extraCaPath: extraCa?.path, findings, fatal: true};
	}

	if (!proxyUrl) {
		findings.push({
			code: 'proxy-invalid',
			level: 'error',
			message: `${proxyVariable.variable} "${stripUserInfo(proxyVariable.value)}" is not an http:// or https:// URL`,
			fix: `set ${proxyVariable.variable}=http://${stripUserInfo(proxyVariable.value).replace(/^[a-z]+:\/\//i, '')}`,
		});
		return {route: directRoute(tlsOptions), extraCaPath: extraCa?.path, findings, fatal: true};
	}

	const proxy: ProxyRoute = {variable: proxyVariable.variable, display: `${proxyUrl.protocol}//${proxyUrl.host}`, host: proxyUrl.host};
	const {ProxyAgent} = await import('undici');
	const dispatcher = new ProxyAgent({
		uri: proxyUrl.href,
		requestTls: tlsOptions,
		// The proxy's own certificate may come from the same private CA; the lookup resolves the proxy's name.
		proxyTls: {...(ca && {ca}), ...(lookup && {lookup})},
	});
	return {route: {kind: 'proxy', dispatcher}, proxy, extraCaPath: extraCa?.path, findings, fatal: false};
}

function parseProxyUrl(value: string): URL | undefined {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

function stripUserInfo(value: string): string {
	return value.replace(/\/\/[^/@]*@/, '//');
}

export function errorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
		return error.code;
	}

	return undefined;
}
