import {checkFormatValues} from './api-format.js';
import {checkBaseUrl} from './base-url.js';
import {shortLivedTokenFindings} from './claude-login.js';
import type {Finding} from './findings.js';
import {beyondLatin1, describeBeyondLatin1, type Header, latin1Fix, parseHeader, parseHeaders} from './headers.js';
import {type KeyValues, ownedKeys, secretKeys} from './keys.js';
import {isSecretHeaderName} from './mask.js';
import {presetAt} from './presets.js';
import {firstControl} from './safe-text.js';
import {modelAlias, modelKeys} from './models.js';
import {isSwitchOn} from './switches.js';

/** Names Claude Code sets itself; a custom header with one of them would clash. */
const reservedHeaderNames = new Set(['authorization', 'x-api-key', 'anthropic-version', 'anthropic-beta', 'host', 'content-length', 'content-type']);

/** RFC 9110 token characters. */
const headerNamePattern = /^[!#$%&'*+\-.^_`|~\dA-Za-z]+$/;

/** The first Claude Code release with gateway model discovery. */
export const discoveryMinimumVersion = '2.1.129';

export function checkHeaders(headers: readonly Header[]): Finding[] {
	const findings: Finding[] = [];
	const seen = new Set<string>();
	for (const {name, value} of headers) {
		if (!headerNamePattern.test(name)) {
			findings.push({code: 'header-name-invalid', level: 'error', message: `The header name ${JSON.stringify(name)} is not a valid HTTP header name`, fix: 'use letters, digits and - only, as in x-tenant: acme'});
			continue;
		}

		const lowerName = name.toLowerCase();
		if (reservedHeaderNames.has(lowerName)) {
			const credential = lowerName === 'authorization' || lowerName === 'x-api-key';
			findings.push({
				code: credential ? 'header-credential' : 'header-reserved',
				level: 'error',
				message: `The header ${name} is set by Claude Code itself`,
				fix: credential ? 'give the credential with --token-stdin (add --auth-style x-api-key for an x-api-key gateway) instead' : `remove the ${name} header`,
			});
			continue;
		}

		if (seen.has(lowerName)) {
			findings.push({code: 'header-duplicate', level: 'error', message: `The header ${name} is given twice`, fix: `keep one ${name} header`});
			continue;
		}

		seen.add(lowerName);
		if (/[\r\n\0]/.test(value)) {
			findings.push({code: 'header-line-break', level: 'error', message: `The value of header ${name} holds a line break or NUL`, fix: `give ${name} a one-line value`});
			continue;
		}

		// A tab is part of HTTP's field value (RFC 9110, 5.5), and Node's client sends it: only the other controls are refused.
		const control = firstControl(value.replaceAll('\t', ' '));
		if (control !== undefined) {
			findings.push({code: 'header-control-character', level: 'error', message: `The value of header ${name} holds a control character (${control})`, fix: `give ${name} a value of printable characters only`});
			continue;
		}

		const wide = beyondLatin1(value);
		if (wide !== undefined) {
			findings.push({code: 'header-not-latin1', level: 'error', message: `The value of header ${name} holds ${describeBeyondLatin1(wide, isSecretHeaderName(name))}, which HTTP header values cannot carry, so Claude Code refuses to start with it`, fix: latin1Fix(name)});
		}
	}

	return findings;
}

/**
One `Name: Value` line as given (a `--header` flag): a line without a colon is no header, and a line break
inside would silently make two headers of one, so both are errors here, before the lines are joined.
*/
export function checkHeaderLine(line: string): Finding[] {
	if (!line.includes(':')) {
		// Only its first word is named: what follows may be the secret itself (`x-token T`).
		const name = line.trim().split(/\s/)[0] ?? '';
		return [{code: 'header-no-colon', level: 'error', message: `The header ${JSON.stringify(name)}${name === line.trim() ? '' : ' (the rest not shown)'} has no colon`, fix: 'write it as Name: Value, such as x-tenant: acme'}];
	}

	if (/[\r\n\0]/.test(line.trim())) {
		return checkHeaders([parseHeader(line)]).filter(finding => finding.level === 'error').slice(0, 1);
	}

	return [];
}

export function checkSecretText(variable: string, value: string): Finding[] {
	// eslint-disable-next-line no-control-regex
	if (/[\s\u0000-\u001F\u007F]/.test(value)) {
		return [{code: 'secret-whitespace', level: 'error', message: `The ${variable} value holds whitespace or a control character`, fix: 'give the secret alone, without spaces or line breaks'}];
	}

	if (value === '') {
		return [{code: 'secret-empty', level: 'error', message: `The ${variable} value is empty`, fix: `give a value, or --unset ${variable}`}];
	}

	return [];
}

export function isClaudeModel(id: string): boolean {
	const lower = id.toLowerCase();
	return lower.includes('claude') || lower.includes('anthropic') || modelAlias(id) !== undefined;
}

/** A model's setting as a sentence names it: the settings key `model` in words, a variable by its name. */
function modelSetting(variable: string, first = true): string {
	if (variable !== 'model') {
		return variable;
	}

	return first ? 'The model setting' : 'the model setting';
}

export function checkModel(variable: string, id: string): Finding[] {
	if (id.trim() === '' || /\s/.test(id)) {
		return [{code: 'model-invalid', level: 'error', message: id.trim() === '' ? `${modelSetting(variable)} is empty` : `The model ID ${JSON.stringify(id)} for ${modelSetting(variable, false)} holds whitespace`, fix: 'give the ID the gateway lists, such as claude-sonnet-4-5'}];
	}

	if (isClaudeModel(id)) {
		return [];
	}

	return [{code: 'model-not-claude', level: 'warning', message: `${modelSetting(variable)} names ${id}, which is not a Claude model: gateway discovery will not list it, Claude-specific features may fail, and GUI hosts that wrap Claude Code send non-Claude models around the gateway`, fix: 'prefer a Claude model ID or an alias such as sonnet'}];
}

/** Compare dotted versions such as 2.1.129; true when `version` is older than `minimum`. */
export function isOlderVersion(version: string, minimum: string): boolean {
	const a = version.split('.').map(Number);
	const b = minimum.split('.').map(Number);
	for (let index = 0; index < Math.max(a.length, b.length); index++) {
		const difference = (a[index] ?? 0) - (b[index] ?? 0);
		if (difference !== 0) {
			return difference < 0;
		}
	}

	return false;
}

export type ValidationContext = {
	/** `claude --version` of the client on PATH, when there is one. */
	readonly claudeVersion?: string;
};

/**
Every check of docs/contract.md §3 that looks at one set of values alone (layers and targets are checked by their callers).
Used by the commands and by the wizard on every keystroke.
*/
export function checkValues(values: KeyValues, context: ValidationContext = {}): Finding[] {
	const findings: Finding[] = [];
	const baseUrl = values.ANTHROPIC_BASE_URL;
	let host: string | undefined;
	if (baseUrl !== undefined) {
		const check = checkBaseUrl(baseUrl);
		findings.push(...check.findings);
		if (check.normalized) {
			host = new URL(check.normalized).hostname.toLowerCase();
		}
	}

	// A Bedrock or Vertex gateway (docs/contract.md §4a): its own checks, and its host for the host checks below.
	const format = checkFormatValues(values);
	findings.push(...format.findings);
	if (format.gatewayUrl !== undefined) {
		host = new URL(format.gatewayUrl).hostname.toLowerCase();
	}

	// A value holding an escape sequence or a line break reaches the client, the shell and the terminal as it is.
	for (const key of ownedKeys) {
		const control = secretKeys.has(key) || key === 'ANTHROPIC_CUSTOM_HEADERS' ? undefined : firstControl(values[key] ?? '');
		if (control !== undefined) {
			findings.push({code: 'value-control-character', level: 'error', message: `The value of ${key} holds a control character (${control})`, fix: `give ${key} without control characters or line breaks`});
		}
	}

	const token = values.ANTHROPIC_AUTH_TOKEN;
	const apiKey = values.ANTHROPIC_API_KEY;
	if (token !== undefined) {
		findings.push(...checkSecretText('ANTHROPIC_AUTH_TOKEN', token));
	}

	// `ANTHROPIC_API_KEY=""` is what gateways such as OpenRouter document: it keeps a key from elsewhere from beating the token.
	if (apiKey !== undefined && (apiKey !== '' || token === undefined)) {
		findings.push(...checkSecretText('ANTHROPIC_API_KEY', apiKey));
		findings.push({code: 'api-key-prompt', level: 'warning', message: 'ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored', fix: 'use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key'});
	}

	if (values.apiKeyHelper?.trim() === '') {
		findings.push({code: 'api-key-helper-empty', level: 'error', message: 'The apiKeyHelper command is empty', fix: 'give a command that prints the key, or --unset apiKeyHelper'});
	}

	if (token !== undefined && apiKey !== undefined && apiKey !== '') {
		findings.push({code: 'credential-both', level: 'warning', message: 'Both ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY are set, so Claude Code sends both an Authorization and an x-api-key header', fix: 'keep only the one the gateway wants'});
	}

	// A known gateway's own page is the authority on what it wants (docs/contract.md §9): Cloudflare's passes the
	// user's Anthropic key on, and a gateway of non-Claude models was said to be one when its preset was chosen.
	const preset = baseUrl === undefined ? undefined : presetAt(baseUrl);
	for (const [variable, secret] of [['ANTHROPIC_AUTH_TOKEN', token], ['ANTHROPIC_API_KEY', apiKey]] as const) {
		const documented = variable === 'ANTHROPIC_API_KEY' && preset?.ownAnthropicKey === true;
		if (secret?.startsWith('sk-ant-') && host !== undefined && host !== 'api.anthropic.com' && !documented) {
			findings.push({code: 'anthropic-key-elsewhere', level: 'warning', message: `${variable} holds an Anthropic key (sk-ant-…) bound for ${host}, so the gateway receives your Anthropic key`, fix: 'use the credential the gateway issued'});
		}
	}

	if (baseUrl !== undefined && token === undefined && apiKey === undefined && values.apiKeyHelper === undefined) {
		findings.push({code: 'credential-none', level: 'warning', message: 'No credential is set for the gateway, so Claude Code falls back to your own Anthropic login and sends it there', fix: 'give it with --token-stdin, or --no-auth for a gateway that wants no credential'});
	}

	// A Claude apps gateway's session token copied in by hand stops working within the hour (docs/contract.md §3a).
	findings.push(...shortLivedTokenFindings(values));

	findings.push(...checkHeaders(parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS)));

	for (const key of modelKeys) {
		const id = values[key];
		if (id !== undefined) {
			findings.push(...checkModel(key, id).filter(finding => preset?.claudeModels !== false || finding.level !== 'warning'));
		}
	}

	if (isSwitchOn(values.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY)) {
		if (host === 'api.anthropic.com') {
			findings.push({code: 'discovery-anthropic-host', level: 'warning', message: 'Gateway model discovery does nothing with the base URL api.anthropic.com', fix: 'turn discovery off with --no-discovery, or point the base URL at a gateway'});
		}

		if (context.claudeVersion !== undefined && isOlderVersion(context.claudeVersion, discoveryMinimumVersion)) {
			findings.push({code: 'discovery-old-client', level: 'warning', message: `Gateway model discovery needs Claude Code ${discoveryMinimumVersion} or later, and the claude on PATH is ${context.claudeVersion}`, fix: 'update Claude Code with claude update'});
		}
	}

	return findings;
}
