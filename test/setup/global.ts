import {chmodSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {missingToolsSentence} from '../../scripts/check-tools.js';

/**
Before any test: the programs the tests start must be installed (one sentence saying how, not dozens of ENOENT).
Each run gets a temporary folder of its own as TMPDIR, so that several runs on one machine do not see each other's
folders; at the end, a `ccgate…` folder a test left in it fails the run.
*/
export default function setup() {
	const sentence = missingToolsSentence();
	if (sentence) {
		process.stderr.write(`${sentence}\n`);
		// A thrown error would print vitest's stack trace under the sentence.
		// eslint-disable-next-line unicorn/no-process-exit
		process.exit(1);
	}

	// A short name: the wizard's frames show paths under it, and a long one wraps them at 100 columns.
	const runFolder = mkdtempSync(path.join(os.tmpdir(), 'vitest-run-'));
	// Open to pass through (as /tmp is), so the unprivileged users the permission tests create reach their folders;
	// each folder inside is made 0700 by mkdtemp.
	chmodSync(runFolder, 0o755);
	process.env['TMPDIR'] = runFolder;

	return function teardown() {
		const left = readdirSync(runFolder).filter(name => name.startsWith('ccgate'));
		rmSync(runFolder, {recursive: true, force: true});
		if (left.length > 0) {
			process.stderr.write(`The tests left ${left.length} temporary folder${left.length === 1 ? '' : 's'} (${left.join(', ')}): make them with temporaryFolder() from test/helpers/temporary.ts, which removes them after each test file.\n`);
			process.exitCode = 1;
		}
	};
}
