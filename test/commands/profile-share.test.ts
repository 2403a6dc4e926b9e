import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {TerminalSession} from '../wizard/tmux.js';
import {ccgate, ccgateBinary, expectNotPrinted, put, read, sandbox, userSettingsPath} from './support.js';

// A team lead exports a profile without its secrets; each teammate imports it with their own.
const token = 'lead-token-0123456789abcdef';
const headerSecret = 'hdr-secret-0123456789abcdef';
const userFile = `{
    "permissions": {"allow": ["Bash(ls)"]},
    "env": {
        "MY_TEAM": "core"
    }
}
`;

async function leadProfile(box: ReturnType<typeof sandbox>) {
	put(userSettingsPath(box), userFile);
	const written = await ccgate(box, ['write', '--base-url', 'https://gw.team.example/anthropic', '--token-stdin', '--header', 'x-tenant: acme', '--header', `x-gateway-key: ${headerSecret}`, '--sonnet-model', 'claude-team-sonnet', '--discovery'], {input: `${token}\n`});
	expect(written.exitCode).toBe(0);
	expect((await ccgate(box, ['profile', 'save', 'work'])).exitCode).toBe(0);
}

const exported = {
	ccgate: 'profile',
	version: 1,
	name: 'work',
	values: {
		ANTHROPIC_BASE_URL: 'https://gw.team.example/anthropic',
		CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
		ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-team-sonnet',
	},
	secret: 'ANTHROPIC_AUTH_TOKEN',
	headers: [
		{name: 'x-tenant', value: 'acme'},
		{name: 'x-gateway-key', secret: true},
	],
};

describe('profile export', () => {
	test('prints the profile as JSON with the token and the secret header\'s value left out, the header named', async () => {
		const box = sandbox();
		await leadProfile(box);
		const run = await ccgate(box, ['profile', 'export', 'work']);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expectNotPrinted(run, token, headerSecret);
		expect(JSON.parse(run.stdout)).toEqual(exported);
	});

	test('of an unknown profile is exit 2 with the names', async () => {
		const box = sandbox();
		await leadProfile(box);
		expect(await ccgate(box, ['profile', 'export', 'home'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: There is no profile named home; use one of: work.\n'});
	});
});

describe('profile import', () => {
	test('with --token-stdin gives a profile that use writes exactly as the original', async () => {
		const box = sandbox();
		await leadProfile(box);
		put(userSettingsPath(box), userFile);
		expect((await ccgateBinary(box, ['profile', 'use', 'work'])).exitCode).toBe(0);
		const original = read(userSettingsPath(box));
		const shared = path.join(box.home, 'work.json');
		put(shared, (await ccgateBinary(box, ['profile', 'export', 'work'])).stdout);
		expect((await ccgateBinary(box, ['profile', 'rm', 'work'])).exitCode).toBe(0);

		const imported = await ccgateBinary(box, ['profile', 'import', shared, '--token-stdin', '--header', `x-gateway-key: ${headerSecret}`], {input: `${token}\n`});
		expect(imported).toEqual({exitCode: 0, stdout: 'Imported profile work (https://gw.team.example/anthropic); switch to it with ccgate profile use work.\n', stderr: ''});
		put(userSettingsPath(box), userFile);
		expect((await ccgateBinary(box, ['profile', 'use', 'work'])).exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(original);
	});

	test('at a terminal without --token-stdin asks for the secret, and does not show it as it is typed', async () => {
		const box = sandbox();
		const shared = path.join(box.home, 'work.json');
		put(shared, JSON.stringify(exported));
		const terminal = TerminalSession.start({command: [process.execPath, ccgateBin, 'profile', 'import', shared, '--header', `x-gateway-key: ${headerSecret}`], env: box.env, cwd: box.home});
		try {
			await terminal.until('The ANTHROPIC_AUTH_TOKEN for https://gw.team.example/anthropic: ');
			terminal.type(token);
			terminal.press('Enter');
			await terminal.until('[exit 0]');
			expect(terminal.screen()).toContain('Imported profile work (https://gw.team.example/anthropic); switch to it with ccgate profile use work.');
			expect(terminal.screen()).not.toContain(token);
		} finally {
			terminal.kill();
		}

		const exportedAgain = await ccgate(box, ['profile', 'export', 'work']);
		expect(JSON.parse(exportedAgain.stdout)).toEqual(exported);
		expect(read(path.join(box.ccgateDirectory, 'config.json'))).toContain(token);
	});

	test('without a terminal and without --token-stdin is exit 2 with the fix, and nothing is added', async () => {
		const box = sandbox();
		const shared = path.join(box.home, 'work.json');
		put(shared, JSON.stringify(exported));
		expect(await ccgate(box, ['profile', 'import', shared, '--header', `x-gateway-key: ${headerSecret}`])).toEqual({
			exitCode: 2,
			stdout: '',
			stderr: `error: The profile work needs its ANTHROPIC_AUTH_TOKEN, and there is no terminal to ask for it; pipe it in with --token-stdin, as in: printenv GATEWAY_TOKEN | ccgate profile import ${shared} --token-stdin.\n`,
		});
		expect(await ccgate(box, ['profile', 'list'])).toEqual({exitCode: 0, stdout: 'No profiles yet; save the current configuration with ccgate profile save NAME.\n', stderr: ''});
	});

	test('without the secret header\'s value is exit 2 naming the header', async () => {
		const box = sandbox();
		const shared = path.join(box.home, 'work.json');
		put(shared, JSON.stringify(exported));
		expect(await ccgate(box, ['profile', 'import', shared, '--token-stdin'], {input: `${token}\n`})).toEqual({exitCode: 2, stdout: '', stderr: 'error: The profile work needs the value of its secret header x-gateway-key; give it as --header \'x-gateway-key: VALUE\'.\n'});
	});

	test('over an existing profile of that name is exit 2, and the existing one stays', async () => {
		const box = sandbox();
		await leadProfile(box);
		const before = read(path.join(box.ccgateDirectory, 'config.json'));
		const shared = path.join(box.home, 'work.json');
		put(shared, JSON.stringify(exported));
		expect(await ccgate(box, ['profile', 'import', shared, '--token-stdin', '--header', `x-gateway-key: ${headerSecret}`], {input: 'another-token-0123456789\n'})).toEqual({exitCode: 2, stdout: '', stderr: 'error: A profile named work exists already; remove it first with ccgate profile rm work, or keep it.\n'});
		expect(read(path.join(box.ccgateDirectory, 'config.json'))).toBe(before);
	});

	test('a file that is not an exported profile is exit 2 with the fix', async () => {
		const box = sandbox();
		const shared = path.join(box.home, 'settings.json');
		put(shared, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://gw.example.com'}}));
		expect(await ccgate(box, ['profile', 'import', shared, '--token-stdin'], {input: `${token}\n`})).toEqual({exitCode: 2, stdout: '', stderr: `error: ${shared} is not a profile from ccgate profile export (ccgate is missing); export it again with ccgate profile export NAME.\n`});
	});

	test('a shared file that smuggles the token in is refused', async () => {
		const box = sandbox();
		const shared = path.join(box.home, 'work.json');
		put(shared, JSON.stringify({...exported, values: {...exported.values, ANTHROPIC_AUTH_TOKEN: token}}));
		const run = await ccgate(box, ['profile', 'import', shared, '--token-stdin', '--header', `x-gateway-key: ${headerSecret}`], {input: `${token}\n`});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: `error: ${shared} holds a value for ANTHROPIC_AUTH_TOKEN, which a shared profile leaves out; export it again with ccgate profile export NAME.\n`});
	});
});
