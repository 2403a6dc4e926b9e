import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {ccgate, ccgateBinary, expectNoStackTrace, sandbox} from './support.js';

const {version} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};

describe.concurrent('the command line', () => {
	test('--version prints the version of package.json', async () => {
		const run = await ccgateBinary(sandbox(), ['--version']);
		expect(run).toEqual({exitCode: 0, stdout: `${version}\n`, stderr: ''});
	});

	test('-v is --version', async () => {
		const run = await ccgateBinary(sandbox(), ['-v']);
		expect(run).toEqual({exitCode: 0, stdout: `${version}\n`, stderr: ''});
	});

	test('--help prints the commands, exit 0', async () => {
		const run = await ccgate(sandbox(), ['--help']);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout.split('\n')[0]).toBe('ccgate: point Claude Code at an LLM gateway, and prove that it works');
		for (const command of ['print', 'write', 'probe', 'show', 'doctor', 'remove', 'restore', 'profile', 'run', 'presets', 'help']) {
			expect(run.stdout).toMatch(new RegExp(`^ {2}ccgate ${command} `, 'm'));
		}
	});

	test('an unknown option is refused, exit 2, in one line', async () => {
		const run = await ccgateBinary(sandbox(), ['write', '--bogus']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The option --bogus is not one ccgate knows; see ccgate help write.\n'});
	});

	test('an option missing its value is refused, exit 2, in one line', async () => {
		const run = await ccgate(sandbox(), ['write', '--base-url']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The option --base-url needs a value; give it as --base-url URL.\n'});
	});

	test('an unknown command is refused, exit 2, in one line', async () => {
		const run = await ccgate(sandbox(), ['frobnicate']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The command "frobnicate" is not one ccgate knows; see ccgate help.\n'});
	});

	test('ccgate with no terminal exits 2 with one line naming ccgate write and ccgate print', async () => {
		const run = await ccgateBinary(sandbox(), [], {input: ''});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n'});
		expectNoStackTrace(run);
	});

	test('ccgate with no terminal says the same when CI is set', async () => {
		const run = await ccgateBinary(sandbox(), [], {input: '', env: {CI: 'true'}});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toBe('error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n');
	});

	test('a stray argument to write is refused, exit 2', async () => {
		const run = await ccgate(sandbox(), ['write', 'https://gw.example.com']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate write takes no argument ("https://gw.example.com"); give values as options, such as --base-url URL.\n'});
	});

	test('--unset of a key ccgate does not own is refused, exit 2', async () => {
		const run = await ccgate(sandbox(), ['write', '--unset', 'PATH']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: --unset PATH names no key ccgate writes; give one such as ANTHROPIC_CUSTOM_HEADERS or model.\n'});
	});
});
