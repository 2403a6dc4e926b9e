import {existsSync, symlinkSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {
	backups,
	ccgate, ccgateBinary,
	expectNoStackTrace,
	expectNotPrinted,
	folder,
	gitInit,
	managedSettingsPath,
	put,
	read,
	sandbox,
	secretFiles,
	trust,
	userSettingsPath,
} from './support.js';

const token = 'valid-token-0123456789abcdef';

/** Nothing of the refused write exists: no settings file, no backup, no secret file. */
function expectNothingWritten(box: Sandbox, ...files: string[]): void {
	for (const file of [userSettingsPath(box), ...files]) {
		expect(existsSync(file)).toBe(false);
	}

	expect(backups(box)).toEqual([]);
	expect(secretFiles(box)).toEqual([]);
}

type Refusal = {name: string; args: string[]; line: string; notEchoed?: string[]};

const refusals: Refusal[] = [
	{
		name: 'a scheme-less URL is refused with the http:// fix',
		args: ['--base-url', 'localhost:8766', '--auth-token', token],
		line: 'error: The base URL "localhost:8766" has no scheme (http:// or https://); use http://localhost:8766.',
	},
	{
		name: 'a scheme-less loopback address is refused: Claude Code fails every request to it',
		args: ['--base-url', '127.0.0.1:8766', '--auth-token', token],
		line: 'error: The base URL "127.0.0.1:8766" has no scheme, so every request of Claude Code fails (Invalid URL); use http://127.0.0.1:8766.',
	},
	{
		name: 'a URL with a key in its query is refused without echoing the key',
		args: ['--base-url', 'https://gw.example.com/api?key=sk-in-the-query-0123', '--auth-token', token],
		line: 'error: The base URL "https://gw.example.com/api?…" has a query or fragment, which Claude Code would break by appending /v1/messages after it; use https://gw.example.com/api.',
		notEchoed: ['sk-in-the-query-0123'],
	},
	{
		name: 'a URL with a key in its fragment is refused without echoing the key',
		args: ['--base-url', 'https://gw.example.com#sk-in-the-fragment-0123', '--auth-token', token],
		line: 'error: The base URL "https://gw.example.com#…" has a query or fragment, which Claude Code would break by appending /v1/messages after it; use https://gw.example.com.',
		notEchoed: ['sk-in-the-fragment-0123'],
	},
	{
		name: 'a URL ending in /v1/messages is refused with the base path kept in the fix',
		args: ['--base-url', 'https://gw.example.com/anthropic/v1/messages', '--auth-token', token],
		line: 'error: The base URL "https://gw.example.com/anthropic/v1/messages" ends in /v1/messages, but Claude Code appends /v1/messages itself; use https://gw.example.com/anthropic.',
	},
	{
		name: 'a URL ending in /v1/chat/completions is refused as OpenAI\'s format',
		args: ['--base-url', 'https://gw.example.com/v1/chat/completions', '--auth-token', token],
		line: 'error: The base URL "https://gw.example.com/v1/chat/completions" ends in /v1/chat/completions, but Claude Code appends /v1/messages itself and speaks the Anthropic format, not OpenAI\'s; use https://gw.example.com.',
	},
	{
		name: 'a non-http scheme is refused',
		args: ['--base-url', 'ftp://gw.example.com', '--auth-token', token],
		line: 'error: The base URL "ftp://gw.example.com" uses the scheme ftp:, which Claude Code cannot talk to; use an http:// or https:// address.',
	},
	{
		name: 'credentials inside the URL are refused, and neither the user nor the password is echoed',
		args: ['--base-url', 'https://alice:hunter2-password@gw.example.com', '--auth-token', token],
		line: 'error: The base URL "https://***@gw.example.com" holds a user name or password; remove them from the URL and give the credential with --auth-token.',
		notEchoed: ['hunter2-password', 'alice'],
	},
	{
		name: 'a URL with a query is refused',
		args: ['--base-url', 'https://gw.example.com/?team=a', '--auth-token', token],
		line: 'error: The base URL "https://gw.example.com/?…" has a query or fragment, which Claude Code would break by appending /v1/messages after it; use https://gw.example.com.',
	},
	{
		name: 'a token with whitespace is refused',
		args: ['--base-url', 'https://gw.example.com', '--auth-token', 'two words-0123456789'],
		line: 'error: The ANTHROPIC_AUTH_TOKEN value holds whitespace or a control character; give the secret alone, without spaces or line breaks.',
		notEchoed: ['two words-0123456789'],
	},
	{
		name: 'a token with a tab is refused',
		args: ['--auth-token', 'tab\tseparated-0123456789'],
		line: 'error: The ANTHROPIC_AUTH_TOKEN value holds whitespace or a control character; give the secret alone, without spaces or line breaks.',
		notEchoed: ['separated-0123456789'],
	},
	{
		name: 'a header value with a carriage return is refused',
		args: ['--auth-token', token, '--header', 'x-tenant: acme\revil: 1'],
		line: 'error: The value of header x-tenant holds a line break or NUL; give x-tenant a one-line value.',
	},
	{
		name: 'a header value with a line feed is refused, not split into two headers',
		args: ['--auth-token', token, '--header', 'x-tenant: acme\nx-evil: 1'],
		line: 'error: The value of header x-tenant holds a line break or NUL; give x-tenant a one-line value.',
	},
	{
		name: 'a header value with a character above U+00FF is refused with the reason, the character named',
		args: ['--auth-token', token, '--header', 'X-Team: 日本'],
		line: 'error: The value of header X-Team holds "日" (U+65E5), a character above U+00FF, which HTTP header values cannot carry, so Claude Code refuses to start with it; give X-Team a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that.',
	},
	{
		name: 'a secret header value with a character above U+00FF is refused without showing the character',
		args: ['--auth-token', token, '--header', 'X-Api-Token: sëcret-☃-0123456789'],
		line: 'error: The value of header X-Api-Token holds a character above U+00FF, which HTTP header values cannot carry, so Claude Code refuses to start with it; give X-Api-Token a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that.',
		notEchoed: ['☃', 'sëcret'],
	},
	{
		name: 'a header without a colon is refused',
		args: ['--auth-token', token, '--header', 'x-tenant'],
		line: 'error: The header "x-tenant" has no colon; write it as Name: Value, such as x-tenant: acme.',
	},
	{
		name: 'an invalid header name is refused',
		args: ['--auth-token', token, '--header', 'x tenant: acme'],
		line: 'error: The header name "x tenant" is not a valid HTTP header name; use letters, digits and - only, as in x-tenant: acme.',
	},
	{
		name: 'a duplicate header, in another case, is refused',
		args: ['--auth-token', token, '--header', 'X-Tenant: acme', '--header', 'x-tenant: other'],
		line: 'error: The header x-tenant is given twice; keep one x-tenant header.',
	},
	{
		name: 'an Authorization header is refused with the credential flags as the fix',
		args: ['--header', 'Authorization: Bearer header-secret-0123456789'],
		line: 'error: The header Authorization is set by Claude Code itself; give the credential with --token-stdin (add --auth-style x-api-key for an x-api-key gateway) instead.',
		notEchoed: ['header-secret-0123456789'],
	},
	{
		name: 'an x-api-key header is refused with the credential flags as the fix',
		args: ['--header', 'X-Api-Key: header-secret-0123456789'],
		line: 'error: The header X-Api-Key is set by Claude Code itself; give the credential with --token-stdin (add --auth-style x-api-key for an x-api-key gateway) instead.',
		notEchoed: ['header-secret-0123456789'],
	},
	...['anthropic-version', 'anthropic-beta', 'host', 'content-length', 'content-type'].map(name => ({
		name: `the reserved header ${name} is refused`,
		args: ['--auth-token', token, '--header', `${name}: x`],
		line: `error: The header ${name} is set by Claude Code itself; remove the ${name} header.`,
	})),
	{
		name: 'a model ID with whitespace is refused',
		args: ['--model', 'claude sonnet'],
		line: 'error: The model ID "claude sonnet" for the model setting holds whitespace; give the ID the gateway lists, such as claude-sonnet-4-5.',
	},
	{
		name: 'an unknown --scope is refused with an example',
		args: ['--scope', 'global', '--model', 'opus'],
		line: 'error: --scope global is not one of user, project, local; give --scope user, for example.',
	},
	{
		name: '--no-auth together with a credential is refused',
		args: ['--no-auth', '--auth-token', token],
		line: 'error: --no-auth is given together with a credential; give either --no-auth or the credential.',
	},
];

describe.concurrent('invalid input is refused with exit 2, one line with the fix, and nothing written', () => {
	for (const {name, args, line, notEchoed = []} of refusals) {
		test(name, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['write', ...args]);
			expect(run).toEqual({exitCode: 2, stdout: '', stderr: `${line}\n`});
			expectNothingWritten(box);
			expectNoStackTrace(run);
			expectNotPrinted(run, token, ...notEchoed);
		});
	}

	test('print refuses the same input the same way', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['print', '--shell', 'bash', '--base-url', 'https://gw.example.com/v1/messages', '--auth-token', token]);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The base URL "https://gw.example.com/v1/messages" ends in /v1/messages, but Claude Code appends /v1/messages itself; use https://gw.example.com.\n'});
	});

	test('every error is listed, one line each, when several values are wrong', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'localhost:8766', '--auth-token', 'a b', '--header', 'host: x']);
		expect(run).toEqual({
			exitCode: 2,
			stdout: '',
			stderr: [
				'error: The base URL "localhost:8766" has no scheme (http:// or https://); use http://localhost:8766.',
				'error: The ANTHROPIC_AUTH_TOKEN value holds whitespace or a control character; give the secret alone, without spaces or line breaks.',
				'error: The header host is set by Claude Code itself; remove the host header.',
				'',
			].join('\n'),
		});
		expectNothingWritten(box);
	});
});

describe.concurrent('a secret bound for a file that would be committed is refused with exit 2', () => {
	test('a token for --scope project is refused with the fix', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		const run = await ccgate(box, ['write', '--scope', 'project', '--base-url', 'https://gw.example.com', '--auth-token', token], {cwd: project});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: ~/app/.claude/settings.json is the project\'s shared settings file, which is committed, and a secret must not go there; use --scope local in a git-ignored file, or --secret-file.\n'});
		expectNothingWritten(box, path.join(project, '.claude', 'settings.json'));
		expectNotPrinted(run, token);
	});

	test('a secret header value for --scope project is refused too', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		const run = await ccgate(box, ['write', '--scope', 'project', '--header', 'x-gateway-token: header-secret-0123456789'], {cwd: project});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: ~/app/.claude/settings.json is the project\'s shared settings file, which is committed, and a secret must not go there; use --scope local in a git-ignored file, or --secret-file.\n'});
		expectNothingWritten(box, path.join(project, '.claude', 'settings.json'));
		expectNotPrinted(run, 'header-secret-0123456789');
	});

	test('--scope project with --secret-file is accepted: the file holds only the apiKeyHelper', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		const run = await ccgate(box, ['write', '--scope', 'project', '--base-url', 'https://gw.example.com', '--auth-token', token, '--secret-file'], {cwd: project});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/app/.claude/settings.json.\n', stderr: ''});
		const [keyFile] = secretFiles(box);
		expect(read(path.join(project, '.claude', 'settings.json'))).toBe(`{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com"\n  },\n  "apiKeyHelper": ${JSON.stringify(`cat "$HOME"'${keyFile!.slice(box.home.length)}'`)}\n}\n`);
	});

	test('a token for a settings.local.json that git would track is refused with the fix', async () => {
		const box = sandbox();
		const repo = folder(box, 'repo');
		gitInit(box, repo);
		const run = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--auth-token', token], {cwd: repo});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: ~/repo/.claude/settings.local.json would be committed by git (it is not ignored), and a secret must not go there; add .claude/settings.local.json to .gitignore, or use --secret-file.\n'});
		expectNothingWritten(box, path.join(repo, '.claude', 'settings.local.json'));
		expectNotPrinted(run, token);
	});

	test('the same settings.local.json is accepted, silently, once .gitignore lists it', async () => {
		const box = sandbox();
		const repo = folder(box, 'repo');
		gitInit(box, repo);
		put(path.join(repo, '.gitignore'), '.claude/settings.local.json\n');
		const run = await ccgate(box, ['write', '--scope', 'local', '--base-url', 'https://gw.example.com', '--auth-token', token], {cwd: repo});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/repo/.claude/settings.local.json.\n', stderr: ''});
		expect(read(path.join(repo, '.claude', 'settings.local.json'))).toBe(`{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`);
	});

	test('a settings.local.json outside any git repository is accepted', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		const run = await ccgate(box, ['write', '--scope', 'local', '--auth-token', token], {cwd: project});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/app/.claude/settings.local.json.\n', stderr: ''});
	});

	test('a user settings file linked into a dotfiles repository gets a warning, not a refusal', async () => {
		const box = sandbox();
		const dotfiles = folder(box, 'dotfiles');
		gitInit(box, dotfiles);
		put(path.join(dotfiles, 'claude.json'), '{}\n');
		execFileSync('git', ['-C', dotfiles, 'add', 'claude.json'], {env: box.env});
		folder(box, '.claude');
		symlinkSync(path.join(dotfiles, 'claude.json'), userSettingsPath(box));
		const run = await ccgate(box, ['write', '--auth-token', token]);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('warning: ~/.claude/settings.json sits in a git repository, so the secret may be committed with it; use --secret-file to keep the secret in a 0600 file of ccgate\'s.\n');
		expect(read(path.join(dotfiles, 'claude.json'))).toBe(`{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`);
	});
});

type Warning = {name: string; args: string[]; lines: string[]};

const warnings: Warning[] = [
	{
		name: 'plain http to a host other than loopback',
		args: ['--base-url', 'http://gw.example.com:4000', '--auth-token', token],
		lines: ['warning: The base URL "http://gw.example.com:4000" uses plain http to another machine, so the credential travels in clear; use https://gw.example.com:4000 if the gateway offers it.'],
	},
	{
		name: 'an sk-ant- key sent to a third-party host',
		args: ['--base-url', 'https://gw.example.com', '--auth-token', 'sk-ant-api03-0123456789abcdef'],
		lines: ['warning: ANTHROPIC_AUTH_TOKEN holds an Anthropic key (sk-ant-…) bound for gw.example.com, so the gateway receives your Anthropic key; use the credential the gateway issued.'],
	},
	{
		name: 'ANTHROPIC_API_KEY, which interactive Claude Code asks to approve',
		args: ['--base-url', 'https://gw.example.com', '--api-key', token],
		lines: ['warning: ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored; use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key.'],
	},
	{
		name: 'both a token and a key',
		args: ['--base-url', 'https://gw.example.com', '--auth-token', token, '--api-key', 'key-0123456789abcdef'],
		lines: [
			'warning: ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key, with "No (recommended)" preselected, and a declined key is silently ignored; use --token-stdin alone for a gateway that takes a bearer token, or add --secret-file for one that wants x-api-key.',
			'warning: Both ANTHROPIC_AUTH_TOKEN and ANTHROPIC_API_KEY are set, so Claude Code sends both an Authorization and an x-api-key header; keep only the one the gateway wants.',
		],
	},
	{
		name: 'a base URL with no credential at all',
		args: ['--base-url', 'https://gw.example.com'],
		lines: ['warning: No credential is set for the gateway, so Claude Code falls back to your own Anthropic login and sends it there; give it with --token-stdin, or --no-auth for a gateway that wants no credential.'],
	},
	{
		name: 'a non-Claude model such as gpt-4o',
		args: ['--model', 'gpt-4o'],
		lines: ['warning: The model setting names gpt-4o, which is not a Claude model: gateway discovery will not list it, Claude-specific features may fail, and GUI hosts that wrap Claude Code send non-Claude models around the gateway; prefer a Claude model ID or an alias such as sonnet.'],
	},
	{
		name: 'a non-Claude model for the opus slot',
		args: ['--opus-model', 'llama-3-70b'],
		lines: ['warning: ANTHROPIC_DEFAULT_OPUS_MODEL names llama-3-70b, which is not a Claude model: gateway discovery will not list it, Claude-specific features may fail, and GUI hosts that wrap Claude Code send non-Claude models around the gateway; prefer a Claude model ID or an alias such as sonnet.'],
	},
	{
		name: 'discovery with the base URL api.anthropic.com',
		args: ['--base-url', 'https://api.anthropic.com', '--auth-token', token, '--discovery'],
		lines: ['warning: Gateway model discovery does nothing with the base URL api.anthropic.com; turn discovery off with --no-discovery, or point the base URL at a gateway.'],
	},
];

describe.concurrent('warnings are printed and do not block: exit 0, file written', () => {
	for (const {name, args, lines} of warnings) {
		test(name, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['write', ...args]);
			expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: lines.map(line => `${line}\n`).join('')});
			expect(existsSync(userSettingsPath(box))).toBe(true);
			expectNotPrinted(run, token);
		});
	}

	for (const url of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000', 'http://gw.localhost']) {
		test(`plain http to loopback (${url}) gets no warning`, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['write', '--base-url', url, '--auth-token', token]);
			expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		});
	}

	test('a Latin-1 header value (Zürich) is written as given, with no finding', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--header', 'X-Team: Zürich']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_CUSTOM_HEADERS": "X-Team: Zürich"\n  }\n}\n');
	});

	test('an sk-ant- key bound for api.anthropic.com gets no warning', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://api.anthropic.com', '--auth-token', 'sk-ant-api03-0123456789abcdef']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
	});

	for (const model of ['opus', 'sonnet[1m]', 'haiku', 'opusplan', 'default', 'claude-x', 'Anthropic.Claude-3-haiku', 'OPUS[1M]']) {
		test(`the model ${model} gets no warning`, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['write', '--model', model]);
			expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
			expect(read(userSettingsPath(box))).toBe(`{\n  "model": ${JSON.stringify(model)}\n}\n`);
		});
	}

	test('CLAUDE_CODE_USE_BEDROCK=1 in the managed settings is a warning on write, naming the file', async () => {
		const box = sandbox();
		put(managedSettingsPath(box), '{"env": {"CLAUDE_CODE_USE_BEDROCK": "1"}}\n');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token]);
		const managed = managedSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: 'Wrote ~/.claude/settings.json.\n',
			stderr: `warning: CLAUDE_CODE_USE_BEDROCK=1 in managed settings (${managed}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_BEDROCK from ${managed} to use the gateway.\n`,
		});
	});

	test('CLAUDE_CODE_USE_VERTEX=1 in the shell is a warning on write, naming the shell', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token], {env: {CLAUDE_CODE_USE_VERTEX: '1'}});
		expect(run).toEqual({
			exitCode: 0,
			stdout: 'Wrote ~/.claude/settings.json.\n',
			stderr: 'warning: CLAUDE_CODE_USE_VERTEX=1 in the shell\'s environment sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_VERTEX from the shell to use the gateway.\n',
		});
	});

	test('writing the user layer that a trusted local settings file overrides names that file', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		trust(box, project);
		const local = path.join(project, '.claude', 'settings.local.json');
		put(local, '{"env": {"ANTHROPIC_BASE_URL": "https://local.example.com"}}\n');
		const run = await ccgate(box, ['write', '--scope', 'user', '--base-url', 'https://gw.example.com', '--auth-token', token], {cwd: project});
		expect(run).toEqual({
			exitCode: 0,
			stdout: 'Wrote ~/.claude/settings.json.\n',
			stderr: `warning: ANTHROPIC_BASE_URL is also set in local settings (${local}), which overrides the user layer; change it there, or remove it from ${local}.\n`,
		});
		expect(read(userSettingsPath(box))).toBe(`{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "${token}"\n  }\n}\n`);
	});

	test('an untrusted folder\'s local settings do not count as overriding', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		put(path.join(project, '.claude', 'settings.local.json'), '{"env": {"ANTHROPIC_BASE_URL": "https://local.example.com"}}\n');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token], {cwd: project});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
	});
});
