#!/usr/bin/env node
// `npm test` runs real shells, tmux and git: without them, say what to install in one sentence instead of letting
// dozens of tests fail with `spawnSync fish ENOENT`. The suite's global setup (test/setup/global.ts) asks the same.
import {accessSync, constants, statSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {pathToFileURL} from 'node:url';

/** The programs the tests start themselves (the Claude Code client comes from node_modules). */
export const requiredTools = ['bash', 'zsh', 'fish', 'tmux', 'git'];

function onPath(tool, searchPath) {
	return searchPath.split(path.delimiter).filter(Boolean).some(folder => {
		const file = path.join(folder, tool);
		try {
			accessSync(file, constants.X_OK);
			return statSync(file).isFile();
		} catch {
			return false;
		}
	});
}

/** The tools not found on PATH. */
export function missingTools(searchPath = process.env.PATH ?? '') {
	return requiredTools.filter(tool => !onPath(tool, searchPath));
}

function listed(words) {
	return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** One sentence naming what to install, on Debian or Ubuntu and on macOS; undefined when nothing is missing. */
export function missingToolsSentence(missing = missingTools()) {
	if (missing.length === 0) {
		return undefined;
	}

	const names = missing.join(' ');
	return `The tests run ${listed(missing)}, which ${missing.length === 1 ? 'is' : 'are'} not on PATH: install with \`sudo apt-get install -y ${names}\` on Debian or Ubuntu, or \`brew install ${names}\` on macOS, then run \`npm test\` again.`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const sentence = missingToolsSentence();
	if (sentence) {
		process.stderr.write(`${sentence}\n`);
		process.exitCode = 1;
	}
}
