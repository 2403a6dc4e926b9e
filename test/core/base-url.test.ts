import {expect, test} from 'vitest';
import {checkBaseUrl} from '../../source/core/base-url.js';
import {formatFinding} from '../../source/core/findings.js';

function lines(raw: string): string[] {
	return checkBaseUrl(raw).findings.map(finding => formatFinding(finding));
}

test('a scheme-less URL is refused with the http:// fix, without the trailing slash', () => {
	expect(lines('localhost:8766/')).toEqual(['error: The base URL "localhost:8766/" has no scheme, so every request of Claude Code fails; use http://localhost:8766.']);
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
