import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {CliRun} from '../helpers/cli.js';
import {runInProcess} from '../helpers/run-in-process.js';
import {temporaryFolder} from '../helpers/temporary.js';
import {ccgate, ccgateBinary, expectNoStackTrace, put, sandbox} from './support.js';

test('print runs in-process on the HOME its context gives, not the test process\'s own', async () => {
	const home = temporaryFolder('ccgate-in-process-');
	mkdirSync(path.join(home, '.claude'));
	writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'token-from-this-home'}}));
	const run = await runInProcess(['print', '--shell', 'bash'], {env: {HOME: home, CCGATE_CONFIG_DIR: path.join(home, '.config', 'ccgate'), CCGATE_MANAGED_SETTINGS: path.join(home, 'managed.json')}});
	expect(run).toEqual({exitCode: 0, stdout: 'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\nexport ANTHROPIC_AUTH_TOKEN=\'token-from-this-home\'\n', stderr: ''});
});

type Case = {
	readonly args: readonly string[];
	/** Files to put in the sandbox first, relative to its HOME. */
	readonly files?: Record<string, string>;
	readonly folders?: readonly string[];
	readonly input?: string;
};

const cases: Record<string, Case> = {
	'--help': {args: ['--help']},
	'an unknown option (a parse error)': {args: ['write', '--bogus']},
	'an unknown command': {args: ['frobnicate']},
	'a stray argument (a command\'s own exit code)': {args: ['write', 'https://gw.example.com']},
	'a refused value (findings, exit 2)': {args: ['write', '--base-url', 'localhost:4000', '--auth-token', 'token-0123456789']},
	'a settings file that is a folder (a file refusal, exit 1)': {args: ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789'], folders: ['.claude/settings.json']},
	'a settings file that is not JSON': {args: ['write', '--base-url', 'http://127.0.0.1:4000'], files: {'.claude/settings.json': '{"env": {,}}\n'}},
	'--token-stdin with nothing on standard input': {args: ['write', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'], input: ''},
	'a write, named from the home folder': {args: ['write', '--base-url', 'http://127.0.0.1:4000', '--token-stdin'], input: 'token-0123456789\n'},
	'show, secrets masked': {args: ['show'], files: {'.claude/settings.json': '{"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:4000", "ANTHROPIC_AUTH_TOKEN": "token-0123456789abcdef"}}\n'}},
	'a profile saved': {args: ['profile', 'save', 'work', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789']},
	'remove with nothing written': {args: ['remove', '--yes']},
};

/** The same run in a fresh sandbox, its own HOME shown as <home>. */
async function runIn(run: typeof ccgate, setup: Case): Promise<CliRun> {
	const box = sandbox();
	for (const folder of setup.folders ?? []) {
		mkdirSync(path.join(box.home, folder), {recursive: true});
	}

	for (const [file, text] of Object.entries(setup.files ?? {})) {
		put(path.join(box.home, file), text);
	}

	const result = await run(box, setup.args, {input: setup.input});
	const anonymous = (text: string) => text.replaceAll(box.home, '<home>');
	return {exitCode: result.exitCode, stdout: anonymous(result.stdout), stderr: anonymous(result.stderr)};
}

describe.concurrent('in-process and the built binary give the same exit code, output and error line', () => {
	test.each(Object.entries(cases))('%s', async (_name, setup) => {
		const [inProcess, binary] = await Promise.all([runIn(ccgate, setup), runIn(ccgateBinary, setup)]);
		expect(inProcess).toEqual(binary);
		expectNoStackTrace(inProcess);
	});
});
