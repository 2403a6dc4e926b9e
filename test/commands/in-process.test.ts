import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {expect, test} from 'vitest';
import type {CommandContext} from '../../source/commands/context.js';
import {runPrint} from '../../source/commands/print.js';
import {temporaryFolder} from '../helpers/temporary.js';

/** A command's whole world: HOME and the rest of the environment, the folder, and the two streams, all given. */
function inProcess(env: Record<string, string>): {context: CommandContext; output: {stdout: string; stderr: string}} {
	const output = {stdout: '', stderr: ''};
	const context: CommandContext = {
		env,
		cwd: env['HOME']!,
		stdout(text) {
			output.stdout += text;
		},
		stderr(text) {
			output.stderr += text;
		},
		stdin: new PassThrough(),
		isTerminal: false,
	};
	return {context, output};
}

test('print runs in-process on the HOME its context gives, not the test process\'s own', async () => {
	const home = temporaryFolder('ccgate-in-process-');
	mkdirSync(path.join(home, '.claude'));
	writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'token-from-this-home'}}));
	const {context, output} = inProcess({HOME: home, CCGATE_CONFIG_DIR: path.join(home, '.config', 'ccgate'), CCGATE_MANAGED_SETTINGS: path.join(home, 'managed.json')});
	const code = await runPrint({shell: 'bash'}, [], context);
	expect({code, ...output}).toEqual({code: 0, stdout: 'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\nexport ANTHROPIC_AUTH_TOKEN=\'token-from-this-home\'\n', stderr: ''});
});
