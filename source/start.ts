import {fstatSync} from 'node:fs';
import os from 'node:os';
import type {CommandContext} from './app/context.js';
import {writeOutput} from './output.js';
import {homeFolder} from './io/paths.js';
import {main} from './main.js';

/*
The only code that reads the process's home folder, environment, clock and streams: it builds the context every
command takes them from, and leaves the rest to main() (source/main.ts). The entry (source/cli.ts) loads it for
every command line but `ccgate --version`.
*/

/**
Whether a descriptor is a terminal. Node's tty module loads its net and stream modules (some 7 ms of start-up), so it
is asked only about a character device: a pipe or a file, where a script reads the output, is not a terminal.
*/
function isTerminalDescriptor(fd: 1 | 2): boolean {
	try {
		if (!fstatSync(fd).isCharacterDevice()) {
			return false;
		}
	} catch {
		return false;
	}

	return process.getBuiltinModule('node:tty').isatty(fd);
}

/** NO_COLOR set to anything but the empty string turns colour off (no-color.org); so does a terminal that says it is dumb. */
function colourAllowed(): boolean {
	return !process.env['NO_COLOR'] && process.env['TERM'] !== 'dumb';
}

const context: CommandContext = {
	env: process.env,
	// $HOME when absolute, else the account's home folder, else exit 2 (read when a command first needs it).
	get home() {
		return homeFolder(process.env, () => os.userInfo().homedir);
	},
	cwd: process.cwd(),
	now: Date.now,
	stdout(text) {
		writeOutput(1, text);
	},
	stderr(text) {
		writeOutput(2, text);
	},
	// A getter: touching process.stdin sets up a stream, which costs start-up time that most commands never use.
	get stdin() {
		return process.stdin;
	},
	get isTerminal() {
		return Boolean(process.stdin.isTTY && process.stdout.isTTY);
	},
	// Asked of the descriptor first: process.stdout is made only at a terminal, where its width is needed.
	get stdoutTerminal() {
		return isTerminalDescriptor(1) ? {columns: process.stdout.columns || 80, colour: colourAllowed()} : undefined;
	},
	get stderrColour() {
		return isTerminalDescriptor(2) && colourAllowed();
	},
};

/** Run the command line; its exit code becomes the process's. No top-level await: this file is built as CommonJS, which starts faster than an ES module. */
export function start(argv: readonly string[]): void {
	void main(argv, context).then(code => {
		process.exitCode = code;
	});
}
