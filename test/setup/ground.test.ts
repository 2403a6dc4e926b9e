import {existsSync, mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';
import {temporaryFolder} from '../helpers/temporary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const fixtureConfig = path.join(root, 'test', 'setup', 'fixtures', 'vitest.config.ts');

/** A PATH folder with node, sh and the given tools only, linked to the real ones. */
function pathWith(tools: readonly string[]): string {
	const folder = path.join(temporaryFolder('ccgate-path-'), 'bin');
	mkdirSync(folder);
	symlinkSync(process.execPath, path.join(folder, 'node'));
	for (const tool of ['sh', ...tools]) {
		const real = ['/usr/bin', '/bin', '/usr/local/bin'].map(directory => path.join(directory, tool)).find(file => existsSync(file));
		symlinkSync(real!, path.join(folder, tool));
	}

	return folder;
}

const missingSentence = 'The tests run zsh, fish and tmux, which are not on PATH: install with `sudo apt-get install -y zsh fish tmux` on Debian or Ubuntu, or `brew install zsh fish tmux` on macOS, then run `npm test` again.\n';

test('`npm test` without zsh, fish and tmux stops before building, with one sentence naming what to install', async () => {
	const result = await execa('node', [path.join(root, 'scripts', 'check-tools.js')], {env: {PATH: pathWith(['bash', 'git'])}, extendEnv: false, reject: false});
	expect({stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode}).toEqual({stdout: '', stderr: missingSentence.trimEnd(), exitCode: 1});
});

test('with every tool installed the check says nothing', async () => {
	const result = await execa('node', [path.join(root, 'scripts', 'check-tools.js')], {reject: false});
	expect({stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode}).toEqual({stdout: '', stderr: '', exitCode: 0});
});

test('vitest run directly without them stops in its global setup with the same sentence, running no test', async () => {
	const result = await execa('node', [vitest, 'run', '--config', fixtureConfig], {env: {PATH: pathWith(['bash', 'git']), CI: 'true', CCGATE_FIXTURE: 'test/setup/fixtures/leaks.fixture.ts'}, extendEnv: false, reject: false, cwd: root});
	expect(result.exitCode).toBe(1);
	expect(result.stderr).toBe(missingSentence.trimEnd());
	expect(result.stdout).not.toContain('leaks.fixture.ts');
});

test('a folder a test file leaves in the run\'s temporary folder fails the run, naming it; temporaryFolder() ones are removed', async () => {
	const result = await execa('node', [vitest, 'run', '--config', fixtureConfig], {env: {PATH: process.env['PATH'], CI: 'true', CCGATE_FIXTURE: 'test/setup/fixtures/leaks.fixture.ts'}, extendEnv: false, reject: false, cwd: root});
	expect(result.stdout).toContain('1 passed');
	expect(result.stderr).toMatch(/^The tests left 1 temporary folder \(ccgate-left-\w{6}\): make them with temporaryFolder\(\) from test\/helpers\/temporary\.ts, which removes them after each test file\.$/);
	expect(result.exitCode).toBe(1);
});
