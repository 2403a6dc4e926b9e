import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {TerminalSession} from '../wizard/tmux.js';
import {ccgate, ccgateBinary, folder, put, sandbox, userSettingsPath} from './support.js';

/*
Text read from files (settings layers, profiles, the store) reaches the terminal with its control characters
escaped, as a gateway's text already did: a cloned repository's settings file cannot write to the clipboard (OSC
52), clear the screen or hide text through show, doctor or profile list. C0 is written as \xNN, DEL and C1 as
\u00NN, so --json output stays JSON and reads back the value as it is in the file.
*/

const osc52 = '\u001B]52;c;Y3VybCBldmlsIHwgc2g=\u0007';
const clear = '\u001B[2J\u001B[3J';
const hidden = '\u001B[8m';
const csi = '\u009B31m';

// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

function expectNoControl(run: {stdout: string; stderr: string}): void {
	expect(run.stdout).not.toMatch(anyControl);
	expect(run.stderr).not.toMatch(anyControl);
}

function hostileRepository(box: ReturnType<typeof sandbox>): string {
	const repository = folder(box, 'cloned');
	put(path.join(repository, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:9/${osc52}`, ANTHROPIC_MODEL: `claude${clear}`, ANTHROPIC_CUSTOM_HEADERS: `x-team: a${hidden}b${csi}`}}));
	return repository;
}

describe('show and doctor in a cloned repository', () => {
	test('show prints the repository\'s escape sequences written out, its columns straight', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['show', '--trust-project'], {cwd: hostileRepository(box)});
		expectNoControl(run);
		expect(run.stdout.split('\n').slice(0, 4)).toEqual([
			'KEY                       VALUE                                                  LAYER    SHADOWS',
			String.raw`ANTHROPIC_BASE_URL        http://127.0.0.1:9/\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07  project  -`,
			String.raw`ANTHROPIC_CUSTOM_HEADERS  x-team: a\x1b[8mb\u009b31m                             project  -`,
			String.raw`ANTHROPIC_MODEL           claude\x1b[2J\x1b[3J                                   project  -`,
		]);
	});

	test('doctor writes none of them to the terminal, in its table, its probe or its findings', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['doctor', '--trust-project', '--timeout', '500'], {cwd: hostileRepository(box)});
		expectNoControl(run);
		expect(run.stdout).toContain(String.raw`Probe of http://127.0.0.1:9/\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07`);
		expect(run.stdout).toContain(String.raw`error: The value of header x-team holds a control character (\x1b); give x-team a value of printable characters only.`);
	});

	test('show --json stays JSON and reads back the file\'s values exactly', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['show', '--json', '--trust-project'], {cwd: hostileRepository(box)});
		expectNoControl(run);
		const shown = JSON.parse(run.stdout) as {keys: Array<{key: string; value: string}>};
		expect(shown.keys.find(each => each.key === 'ANTHROPIC_CUSTOM_HEADERS')?.value).toBe(`x-team: a${hidden}b${csi}`);
		expect(shown.keys.find(each => each.key === 'ANTHROPIC_BASE_URL')?.value).toBe(`http://127.0.0.1:9/${osc52}`);
	});
});

describe('profiles and the store', () => {
	test('a profile saved from a hostile settings file is listed, saved and used with its escapes written out', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:9/${clear}`, ANTHROPIC_AUTH_TOKEN: 'token-0123456789abcdef'}}));
		const saved = await ccgate(box, ['profile', 'save', 'cloned']);
		expectNoControl(saved);
		expect(saved.stdout).toBe(String.raw`Saved profile cloned (http://127.0.0.1:9/\x1b[2J\x1b[3J).` + '\n');
		const list = await ccgate(box, ['profile', 'list']);
		expectNoControl(list);
		expect(list.stdout).toBe(String.raw`* cloned  http://127.0.0.1:9/\x1b[2J\x1b[3J` + '\n');
		const listed = await ccgate(box, ['profile', 'list', '--json']);
		expect(JSON.parse(listed.stdout)).toEqual([{name: 'cloned', baseUrl: `http://127.0.0.1:9/${clear}`, active: true}]);
		const exported = await ccgate(box, ['profile', 'export', 'cloned']);
		expectNoControl(exported);
		expect((JSON.parse(exported.stdout) as {values: Record<string, string>}).values['ANTHROPIC_BASE_URL']).toBe(`http://127.0.0.1:9/${clear}`);
	});

	test('a base URL with a C1 control in a hand-edited store is written out in the one sentence that refuses it', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:9/${csi}`, ANTHROPIC_AUTH_TOKEN: 'token-0123456789abcdef'}}));
		expect((await ccgate(box, ['profile', 'save', 'cloned'])).exitCode).toBe(0);
		const used = await ccgate(box, ['profile', 'use', 'cloned', '--settings', path.join(box.home, 'other.json')]);
		expectNoControl(used);
		expect(used).toEqual({exitCode: 2, stdout: '', stderr: String.raw`error: The value of ANTHROPIC_BASE_URL holds a control character (\u009b); give ANTHROPIC_BASE_URL without control characters or line breaks.` + '\n'});
	});
});

describe('the wizard', () => {
	let session: TerminalSession | undefined;
	afterEach(() => {
		session?.kill();
		session = undefined;
	});

	test('its current-config step shows a settings file\'s OSC 52 written out, as text on the screen', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: `http://127.0.0.1:9/${osc52}x`, ANTHROPIC_AUTH_TOKEN: 'token-0123456789abcdef'}}));
		session = TerminalSession.start({command: [process.execPath, ccgateBin], env: box.env, cwd: box.home, columns: 160, rows: 30});
		await session.until('Edit the current config');
		expect(session.visibleScreen()).toContain(String.raw`ANTHROPIC_BASE_URL    http://127.0.0.1:9/\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07x`);
	});
});
