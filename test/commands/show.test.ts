import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {ccgate, ccgateBinary, expectNotPrinted, folder, managedSettingsPath, put, sandbox, trust, userSettingsPath} from './support.js';

const userToken = 'user-token-0123456789abcdef';
const headerSecret = 'hdr-secret-value-123456';

/**
Every layer at once, run from ~/work/app:
user < project < local < managed, the shell below them all, and a project file in the parent folder that Claude Code never reads.
*/
function layered(options: {trusted: boolean}) {
	const box = sandbox();
	const cwd = folder(box, 'work', 'app');
	const files = {
		user: userSettingsPath(box),
		project: path.join(cwd, '.claude', 'settings.json'),
		local: path.join(cwd, '.claude', 'settings.local.json'),
		managed: managedSettingsPath(box),
	};
	put(files.user, JSON.stringify({
		model: 'claude-user',
		env: {
			ANTHROPIC_BASE_URL: 'https://user.example.com',
			ANTHROPIC_AUTH_TOKEN: userToken,
			ANTHROPIC_CUSTOM_HEADERS: `x-tenant: acme\nx-api-token: ${headerSecret}\nProxy-Password: pw`,
		},
	}));
	put(files.project, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://project.example.com', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-proj', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-proj'}}));
	put(files.local, JSON.stringify({env: {ANTHROPIC_AUTH_TOKEN: 'short-local'}}));
	put(files.managed, JSON.stringify({env: {ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-managed'}}));
	put(path.join(box.home, 'work', '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_MODEL: 'claude-parent'}}));
	if (options.trusted) {
		trust(box, cwd);
	}

	const env = {ANTHROPIC_BASE_URL: 'https://shell.example.com'};
	return {box, cwd, env, files};
}

function layersSection(files: Record<'user' | 'project' | 'local' | 'managed', string>, untrusted = ''): string[] {
	return [
		'',
		'Layers:',
		`  user     ${files.user}`,
		`  project  ${files.project}${untrusted}`,
		`  local    ${files.local}${untrusted}`,
		`  managed  ${files.managed}`,
	];
}

const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe.concurrent('ccgate show', () => {
	test('names the layer of each value and every layer it shadows, secrets masked', async () => {
		const {box, cwd, env, files} = layered({trusted: true});
		const run = await ccgateBinary(box, ['show'], {cwd, env});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text([
				'KEY                             VALUE                                                         LAYER    SHADOWS',
				'ANTHROPIC_BASE_URL              https://project.example.com                                   project  user: https://user.example.com; shell: https://shell.example.com',
				'ANTHROPIC_AUTH_TOKEN            ****                                                          local    user: user…cdef',
				'ANTHROPIC_CUSTOM_HEADERS        x-tenant: acme\\nx-api-token: hdr-…3456\\nProxy-Password: ****  user     -',
				'ANTHROPIC_DEFAULT_OPUS_MODEL    claude-opus-managed                                           managed  project: claude-opus-proj',
				'ANTHROPIC_DEFAULT_SONNET_MODEL  claude-sonnet-proj                                            project  -',
				'model                           claude-user                                                   user     -',
				...layersSection(files),
			]),
			stderr: '',
		});
		expectNotPrinted(run, userToken, 'short-local', headerSecret, ': pw');
	});

	test('an untrusted folder\'s layers are shown, marked untrusted, and not applied', async () => {
		const {box, cwd, env, files} = layered({trusted: false});
		const run = await ccgate(box, ['show'], {cwd, env});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text([
				'KEY                             VALUE                                                         LAYER                         SHADOWS',
				'ANTHROPIC_BASE_URL              https://user.example.com                                      user                          shell: https://shell.example.com; project (untrusted, ignored): https://project.example.com',
				'ANTHROPIC_AUTH_TOKEN            user…cdef                                                     user                          local (untrusted, ignored): ****',
				'ANTHROPIC_CUSTOM_HEADERS        x-tenant: acme\\nx-api-token: hdr-…3456\\nProxy-Password: ****  user                          -',
				'ANTHROPIC_DEFAULT_OPUS_MODEL    claude-opus-managed                                           managed                       project (untrusted, ignored): claude-opus-proj',
				'model                           claude-user                                                   user                          -',
				'ANTHROPIC_DEFAULT_SONNET_MODEL  claude-sonnet-proj                                            project (untrusted, ignored)  -',
				...layersSection(files, ' (untrusted: not applied)'),
			]),
			stderr: text([
				`warning: ${files.project} is left out because Claude Code has not trusted this folder; open claude here and accept the trust dialog, or pass --trust-project.`,
				`warning: ${files.local} is left out because Claude Code has not trusted this folder; open claude here and accept the trust dialog, or pass --trust-project.`,
			]),
		});
	});

	test('--trust-project applies an untrusted folder\'s layers', async () => {
		const trusted = layered({trusted: true});
		const untrusted = layered({trusted: false});
		const expected = await ccgate(trusted.box, ['show'], {cwd: trusted.cwd, env: trusted.env});
		const run = await ccgate(untrusted.box, ['show', '--trust-project'], {cwd: untrusted.cwd, env: untrusted.env});
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout.split('\nLayers:')[0]).toBe(expected.stdout.split('\nLayers:')[0]);
	});

	test('--reveal shows the secrets unmasked', async () => {
		const {box, cwd, env, files} = layered({trusted: true});
		const run = await ccgate(box, ['show', '--reveal'], {cwd, env});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text([
				'KEY                             VALUE                                                                     LAYER    SHADOWS',
				'ANTHROPIC_BASE_URL              https://project.example.com                                               project  user: https://user.example.com; shell: https://shell.example.com',
				'ANTHROPIC_AUTH_TOKEN            short-local                                                               local    user: user-token-0123456789abcdef',
				'ANTHROPIC_CUSTOM_HEADERS        x-tenant: acme\\nx-api-token: hdr-secret-value-123456\\nProxy-Password: pw  user     -',
				'ANTHROPIC_DEFAULT_OPUS_MODEL    claude-opus-managed                                                       managed  project: claude-opus-proj',
				'ANTHROPIC_DEFAULT_SONNET_MODEL  claude-sonnet-proj                                                        project  -',
				'model                           claude-user                                                               user     -',
				...layersSection(files),
			]),
			stderr: '',
		});
	});

	test('a value from the shell alone is shown with the layer shell', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['show'], {env: {ANTHROPIC_BASE_URL: 'https://shell.example.com', ANTHROPIC_AUTH_TOKEN: 'shell-token-0123456789'}});
		expect(run).toEqual({
			exitCode: 0,
			stdout: text([
				'KEY                   VALUE                      LAYER  SHADOWS',
				'ANTHROPIC_BASE_URL    https://shell.example.com  shell  -',
				'ANTHROPIC_AUTH_TOKEN  shel…6789                  shell  -',
				'',
				'Layers:',
			]),
			stderr: '',
		});
	});

	test('layers are read from the current folder only: a project file in the parent folder is ignored', async () => {
		const box = sandbox();
		const parent = folder(box, 'work');
		const cwd = folder(box, 'work', 'app');
		trust(box, parent, cwd);
		put(path.join(parent, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://parent.example.com'}}));
		put(path.join(parent, '.claude', 'settings.local.json'), JSON.stringify({env: {ANTHROPIC_AUTH_TOKEN: 'parent-token'}}));
		const run = await ccgate(box, ['show'], {cwd});
		expect(run).toEqual({exitCode: 0, stdout: 'Nothing of ccgate\'s is configured.\n\nLayers:\n', stderr: ''});
	});

	test('with nothing configured it says so', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['show']);
		expect(run).toEqual({exitCode: 0, stdout: 'Nothing of ccgate\'s is configured.\n\nLayers:\n', stderr: ''});
	});

	test('a provider switch in any layer is an error finding naming the layer', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok'}}));
		put(managedSettingsPath(box), JSON.stringify({env: {CLAUDE_CODE_USE_BEDROCK: '1'}}));
		const run = await ccgate(box, ['show']);
		const managed = managedSettingsPath(box);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe(`error: CLAUDE_CODE_USE_BEDROCK=1 in managed settings (${managed}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove CLAUDE_CODE_USE_BEDROCK from ${managed} to use the gateway.\n`);
	});

	test.each([
		'CLAUDE_CODE_USE_ANTHROPIC_AWS',
		'CLAUDE_CODE_USE_MANTLE',
		'CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD',
		'CLAUDE_CODE_USE_FOUNDRY',
	])('%s beside a base URL is an error finding too: the client sends the gateway nothing', async name => {
		const box = sandbox();
		const user = userSettingsPath(box);
		put(user, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok', [name]: '1'}}));
		const run = await ccgate(box, ['show']);
		expect(run.stderr).toBe(`error: ${name}=1 in user settings (${user}) sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL; remove ${name} from ${user} to use the gateway.\n`);
	});

	test('Bedrock or Vertex with their own base URL is a gateway of that format, never "remove this switch"', async () => {
		const box = sandbox();
		const user = userSettingsPath(box);
		put(user, JSON.stringify({env: {CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'https://bedrock-gw.example.com', CLAUDE_CODE_USE_VERTEX: 'true', ANTHROPIC_VERTEX_BASE_URL: 'https://vertex-gw.example.com'}}));
		const run = await ccgate(box, ['show']);
		// Probed in its own format (no "remove this switch"); only the missing SKIP switch is said.
		expect(run.stderr).toBe('warning: CLAUDE_CODE_SKIP_BEDROCK_AUTH is not set and no AWS credentials are configured, so Claude Code tries to sign its Bedrock requests itself and fails before reaching the gateway; set CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 (ccgate write --api bedrock) for a gateway that holds the AWS credentials.\n');
	});

	test('a settings file that is not valid JSON is an error finding (exit 1: the table is not the whole picture), and the other layers still show', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{"env": {');
		const run = await ccgate(box, ['show'], {env: {ANTHROPIC_BASE_URL: 'https://shell.example.com', ANTHROPIC_AUTH_TOKEN: 'shell-token'}});
		expect(run.exitCode).toBe(1);
		expect(run.stdout).toContain('ANTHROPIC_BASE_URL    https://shell.example.com  shell  -\n');
		expect(run.stderr).toBe(`error: ${userSettingsPath(box)} is not valid JSON at line 1, column 10 (CloseBraceExpected); fix the file by hand.\n`);
	});

	test('a discovery cache for another base URL is summarised and called stale', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok'}}));
		const cache = path.join(box.home, '.claude', 'cache', 'gateway-models.json');
		put(cache, JSON.stringify({baseUrl: 'https://old.example.com', fetchedAt: Date.UTC(2026, 0, 1), models: [{id: 'claude-a'}, {id: 'claude-b'}]}));
		const run = await ccgate(box, ['show']);
		expect(run.stdout.endsWith('\nDiscovery cache: 2 models (claude-a, claude-b), fetched 2026-01-01T00:00:00.000Z, for https://old.example.com\n')).toBe(true);
		expect(run.stderr).toBe(`warning: The discovery cache ${cache} is for https://old.example.com, not the configured https://gw.example.com, so it is stale; start claude once to refresh it.\n`);
	});
});

describe.concurrent('ccgate show --json', () => {
	function layerRef(layer: string, file: string | null, trusted = true) {
		return {layer, path: file, trusted};
	}

	test('has each key with its masked value, layer, shadows and untrusted values; the layers; the cache; the findings', async () => {
		const {box, cwd, env, files} = layered({trusted: false});
		const run = await ccgateBinary(box, ['show', '--json'], {cwd, env});
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expectNotPrinted(run, userToken, 'short-local', headerSecret);
		expect(JSON.parse(run.stdout)).toEqual({
			keys: [
				{
					key: 'ANTHROPIC_BASE_URL',
					value: 'https://user.example.com',
					...layerRef('user', files.user),
					shadows: [{...layerRef('shell', null), value: 'https://shell.example.com'}],
					untrusted: [{...layerRef('project', files.project, false), value: 'https://project.example.com'}],
				},
				{
					key: 'ANTHROPIC_AUTH_TOKEN',
					value: 'user…cdef',
					...layerRef('user', files.user),
					shadows: [],
					untrusted: [{...layerRef('local', files.local, false), value: '****'}],
				},
				{
					key: 'ANTHROPIC_CUSTOM_HEADERS',
					value: 'x-tenant: acme\nx-api-token: hdr-…3456\nProxy-Password: ****',
					...layerRef('user', files.user),
					shadows: [],
					untrusted: [],
				},
				{
					key: 'ANTHROPIC_DEFAULT_OPUS_MODEL',
					value: 'claude-opus-managed',
					...layerRef('managed', files.managed),
					shadows: [],
					untrusted: [{...layerRef('project', files.project, false), value: 'claude-opus-proj'}],
				},
				{
					key: 'model',
					value: 'claude-user',
					...layerRef('user', files.user),
					shadows: [],
					untrusted: [],
				},
			],
			untrusted: [{key: 'ANTHROPIC_DEFAULT_SONNET_MODEL', value: 'claude-sonnet-proj', ...layerRef('project', files.project, false)}],
			layers: [layerRef('user', files.user), layerRef('project', files.project, false), layerRef('local', files.local, false), layerRef('managed', files.managed)],
			discoveryCache: null,
			// No sign-in to a Claude apps gateway is stored (docs/contract.md §3a).
			gatewaySession: null,
			findings: [
				{code: 'layer-untrusted', level: 'warning', message: `${files.project} is left out because Claude Code has not trusted this folder`, fix: 'open claude here and accept the trust dialog, or pass --trust-project', layer: files.project},
				{code: 'layer-untrusted', level: 'warning', message: `${files.local} is left out because Claude Code has not trusted this folder`, fix: 'open claude here and accept the trust dialog, or pass --trust-project', layer: files.local},
			],
		});
	});

	test('--json --reveal carries the secrets unmasked', async () => {
		const {box, cwd, env} = layered({trusted: true});
		const run = await ccgate(box, ['show', '--json', '--reveal'], {cwd, env});
		const shown = JSON.parse(run.stdout) as {keys: Array<{key: string; value: string; shadows: Array<{value: string}>}>};
		const token = shown.keys.find(key => key.key === 'ANTHROPIC_AUTH_TOKEN');
		expect(token?.value).toBe('short-local');
		expect(token?.shadows.map(shadow => shadow.value)).toEqual([userToken]);
	});
});

/** Masking (docs/contract.md §2): 16 characters or more show as first four … last four, shorter ones as ****. */
describe.concurrent('masking', () => {
	async function shownToken(box: Sandbox, value: string): Promise<string> {
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_AUTH_TOKEN: value}}));
		const run = await ccgate(box, ['show', '--json']);
		return (JSON.parse(run.stdout) as {keys: Array<{value: string}>}).keys[0]!.value;
	}

	test('a 16-character secret shows its first and last four characters', async () => {
		expect(await shownToken(sandbox(), 'abcd56789012wxyz')).toBe('abcd…wxyz');
	});

	test('a 15-character secret shows as ****', async () => {
		expect(await shownToken(sandbox(), 'abcd5678901wxyz')).toBe('****');
	});

	test('header values whose names hold key, token, secret, auth, password or cookie as a word are masked, others are not', async () => {
		const box = sandbox();
		const headers = ['X-Key: k', 'x-my-token: t', 'X-Secret-Id: s', 'x-authz: a', 'x-password: p', 'x-tenant: acme-corp-0123456789', 'Cookie: session=c', 'Proxy-Authorization: Basic b', 'x-portkey-api-key: pk', 'x-portkey-provider: anthropic', 'x-keyboard: us'];
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_CUSTOM_HEADERS: headers.join('\n')}}));
		const run = await ccgate(box, ['show', '--json']);
		expect((JSON.parse(run.stdout) as {keys: Array<{value: string}>}).keys[0]!.value).toBe('X-Key: ****\nx-my-token: ****\nX-Secret-Id: ****\nx-authz: ****\nx-password: ****\nx-tenant: acme-corp-0123456789\nCookie: ****\nProxy-Authorization: ****\nx-portkey-api-key: ****\nx-portkey-provider: anthropic\nx-keyboard: us');
		expect(run.stdout).toContain('anthropic');
	});
});
