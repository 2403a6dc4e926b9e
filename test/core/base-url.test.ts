import {expect, test} from 'vitest';
import {checkBaseUrl} from '../../source/core/base-url.js';
import {formatFinding} from '../../source/core/findings.js';

function lines(raw: string): string[] {
	return checkBaseUrl(raw).findings.map(finding => formatFinding(finding));
}

test('a scheme-less URL is refused with the http:// fix, saying truly what Claude Code does with it', () => {
	// Claude Code 2.1.328 and 2.1.332 accept localhost:PORT and fail every request to 127.0.0.1:PORT (Invalid URL).
	expect(lines('localhost:8766/')).toEqual(['error: The base URL "localhost:8766/" has no scheme (http:// or https://); use http://localhost:8766.']);
	expect(lines('127.0.0.1:8766')).toEqual(['error: The base URL "127.0.0.1:8766" has no scheme, so every request of Claude Code fails (Invalid URL); use http://127.0.0.1:8766.']);
});

test('a URL ending in /v1 is a warning, kept as given: some gateways route /v1/v1/messages', () => {
	expect(checkBaseUrl('https://gw.example.com/v1/')).toEqual({
		findings: [{code: 'base-url-v1', level: 'warning', message: 'The base URL "https://gw.example.com/v1" ends in /v1, so Claude Code posts to /v1/v1/messages, which works only on gateways that route it (Portkey does)', fix: 'use https://gw.example.com unless the gateway documents the /v1 form; ccgate probe tells which one works'}],
		normalized: 'https://gw.example.com/v1',
	});
});

test('a query or fragment is refused without echoing it: it may hold a key', () => {
	expect(lines('https://gw.example.com/api?key=sk-query-secret')).toEqual(['error: The base URL "https://gw.example.com/api?…" has a query or fragment, which Claude Code would break by appending /v1/messages after it; use https://gw.example.com/api.']);
	expect(lines('https://gw.example.com#sk-fragment-secret')).toEqual(['error: The base URL "https://gw.example.com#…" has a query or fragment, which Claude Code would break by appending /v1/messages after it; use https://gw.example.com.']);
	expect(lines('gw.example.com?key=sk-query-secret')).toEqual(['error: The base URL "gw.example.com?…" has no scheme, so every request of Claude Code fails (Invalid URL); use http://gw.example.com?….']);
});

test('an empty host after the scheme is refused rather than read as a host', () => {
	expect(lines('http:///gateway')).toEqual(['error: The base URL "http:///gateway" has no host; write it as http://host:port.']);
});

test('a trailing slash is normalised away and a base path is kept', () => {
	expect(checkBaseUrl('http://127.0.0.1:4000/anthropic/')).toEqual({findings: [], normalized: 'http://127.0.0.1:4000/anthropic'});
});

test('plain http to loopback is fine, to another machine a warning', () => {
	expect(lines('http://[::1]:4000')).toEqual([]);
	expect(lines('http://gw.example.com')).toEqual(['warning: The base URL "http://gw.example.com" uses plain http to another machine, so the credential travels in clear; use https://gw.example.com if the gateway offers it.']);
});

test('a password inside the URL is never echoed', () => {
	expect(lines('https://user:hunter2@gw.example.com')).toEqual(['error: The base URL "https://***@gw.example.com" holds a user name or password; remove them from the URL and give the credential with --auth-token.']);
});
