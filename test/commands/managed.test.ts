import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {credentialCommandPlaceholder} from '../../source/core/managed-fragment.js';
import {makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import {everyTierModels, type Gateway, startGateway} from '../helpers/gateway.js';

const binDirectory = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));

/* A team rollout through managed settings (docs/contract.md §8): the fragment, and doctor where one is in force. */

let gateway: Gateway | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
});

async function saveTeamProfile(sandbox: Sandbox, baseUrl: string) {
	const saved = await runCcgate(['profile', 'save', 'team', '--base-url', baseUrl, '--token-stdin', '--header', 'x-tenant: acme', '--header', 'x-gateway-key: hdr-secret-0123456789', '--discovery', '--sonnet-model', 'claude-sonnet-4-5'], {env: sandbox.env, input: 'T-team-token-0123456789\n'});
	expect(saved).toEqual({stdout: `Saved profile team (${baseUrl}).\n`, stderr: '', exitCode: 0});
}

describe('ccgate profile export NAME --managed', () => {
	test('prints env with the gateway, shared headers, models and discovery, an apiKeyHelper to replace, never a secret, and where it goes', async () => {
		const sandbox = makeSandbox();
		await saveTeamProfile(sandbox, 'https://gateway.example.com');
		const exported = await runCcgate(['profile', 'export', 'team', '--managed'], {env: sandbox.env});

		expect(exported.exitCode).toBe(0);
		expect(exported.stdout).toBe([
			'{',
			'  "env": {',
			'    "ANTHROPIC_BASE_URL": "https://gateway.example.com",',
			'    "ANTHROPIC_CUSTOM_HEADERS": "x-tenant: acme",',
			'    "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY": "1",',
			'    "ANTHROPIC_DEFAULT_SONNET_MODEL": "claude-sonnet-4-5"',
			'  },',
			`  "apiKeyHelper": ${JSON.stringify(credentialCommandPlaceholder)}`,
			'}',
			'',
		].join('\n'));
		expect(exported.stdout).not.toMatch(/T-team-token|hdr-secret|forceLoginMethod/);
		expect(exported.stderr).toBe([
			'Managed settings for profile team: put them in force on each machine as this drop-in file, or merge them into the single file named beside it. They win over every user, project and local settings file.',
			'  Linux    /etc/claude-code/managed-settings.d/ccgate-team.json  (or /etc/claude-code/managed-settings.json)',
			'  macOS    /Library/Application Support/ClaudeCode/managed-settings.d/ccgate-team.json  (or /Library/Application Support/ClaudeCode/managed-settings.json)',
			'  Windows  C:\\Program Files\\ClaudeCode\\managed-settings.d\\ccgate-team.json  (or C:\\Program Files\\ClaudeCode\\managed-settings.json)',
			'warning: apiKeyHelper holds a placeholder: the profile\'s credential is not in the fragment; replace it with your organisation\'s command that prints a developer\'s gateway credential.',
			'warning: The secret header x-gateway-key is left out; add it in each developer\'s own settings, or have the gateway take the credential apiKeyHelper prints.',
			'',
		].join('\n'));
	});

	test('--managed is refused on another profile action, naming the flags that action takes', async () => {
		const sandbox = makeSandbox();
		const refused = await runCcgate(['profile', 'list', '--managed'], {env: sandbox.env});
		expect(refused).toEqual({stdout: '', stderr: 'error: ccgate profile list does not take --managed; it takes --json.\n', exitCode: 2});
	});
});

describe('ccgate doctor with a managed fragment in force', () => {
	test('names the managed layer as the gateway\'s source and proposes no write that the managed layer overrides', async () => {
		const sandbox = makeSandbox();
		// Every tier the client asks for unmapped is listed; the fragment's sonnet mapping (claude-sonnet-4-5) is not.
		gateway = await startGateway({auth: {bearer: 'T-managed-token-0123456789'}, models: everyTierModels});
		await saveTeamProfile(sandbox, gateway.url);
		const fragment = JSON.parse((await runCcgate(['profile', 'export', 'team', '--managed'], {env: sandbox.env})).stdout) as {env: Record<string, string>; apiKeyHelper: string};
		// The administrator puts the organisation's credential command in place of the placeholder.
		const dropIns = path.join(sandbox.home, 'managed', 'managed-settings.d');
		mkdirSync(dropIns, {recursive: true});
		writeFileSync(path.join(dropIns, 'ccgate-team.json'), JSON.stringify({...fragment, apiKeyHelper: 'echo T-managed-token-0123456789'}, undefined, 2));
		// The developer's own, older gateway in user settings, which the managed layer overrides.
		mkdirSync(path.join(sandbox.home, '.claude'));
		writeFileSync(path.join(sandbox.home, '.claude', 'settings.json'), '{"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:9"}}\n');

		// The real client on PATH, as CI's Node 24 and 26 runs (vitest without npm's node_modules/.bin) would lack it.
		const doctor = await runCcgate(['doctor'], {env: {...sandbox.env, PATH: `${binDirectory}:${sandbox.env['PATH']!}`}});
		const managedFile = path.join(dropIns, 'ccgate-team.json');
		const userFile = path.join(sandbox.home, '.claude', 'settings.json');
		expect(doctor.stdout).toContain(`\nGateway source: managed settings (${managedFile}), your organisation's rollout: user, project and local settings cannot change what it sets, so a fix below to one of its values is your administrator's to make.\n`);
		expect(doctor.stdout.slice(doctor.stdout.indexOf('\nFindings\n'))).toBe([
			'',
			'Findings',
			`warning: ANTHROPIC_BASE_URL in user settings (${userFile}) is overridden by managed settings (${managedFile}); the managed value is your organisation's rollout and wins; ask your administrator to change it, and remove it from ${userFile}, where it has no effect.`,
			`warning: The model tier sonnet is mapped to claude-sonnet-4-5 (ANTHROPIC_DEFAULT_SONNET_MODEL), which the gateway does not list; ask your administrator to map it to a model the gateway lists in the managed settings (${managedFile}), which set ANTHROPIC_DEFAULT_SONNET_MODEL above every file of yours.`,
			'',
		].join('\n'));
		expect(doctor.stdout).not.toContain('ccgate write');
		expect(doctor.stdout).toContain('The gateway is usable by Claude Code');
		expect(doctor.exitCode).toBe(0);
		expect(gateway.requests.every(request => request.headers['authorization'] === 'Bearer T-managed-token-0123456789')).toBe(true);
	});
});
