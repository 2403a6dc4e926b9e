import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {runInProcess} from '../helpers/run-in-process.js';
import {temporaryFolder} from '../helpers/temporary.js';

test('print runs in-process on the HOME its context gives, not the test process\'s own', async () => {
	const home = temporaryFolder('ccgate-in-process-');
	mkdirSync(path.join(home, '.claude'));
	writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'token-from-this-home'}}));
	const run = await runInProcess(['print', '--shell', 'bash'], {env: {HOME: home, CCGATE_CONFIG_DIR: path.join(home, '.config', 'ccgate'), CCGATE_MANAGED_SETTINGS: path.join(home, 'managed.json')}});
	expect(run).toEqual({exitCode: 0, stdout: 'export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\nexport ANTHROPIC_AUTH_TOKEN=\'token-from-this-home\'\n', stderr: ''});
});
