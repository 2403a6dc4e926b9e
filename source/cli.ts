import {fstatSync, writeSync} from 'node:fs';
import os from 'node:os';
import type {CommandContext} from './app/context.js';
import {homeFolder} from './io/paths.js';
import {main} from './main.js';

/*
The entry: the only code that reads the process's home folder, environment, clock and streams. It builds the
context every command takes them from, and leaves the rest to main() (source/main.ts).
*/

/**
Write straight to the file descriptor: creating process.stdout loads Node's stream machinery, a few ms of start-up
for a command that prints two lines. A descriptor that would block (a non-blocking pipe) gets the stream after all.
*/
function writeOutput(fd: 1 | 2, text: string): void {
	let bytes = Buffer.from(text);
	try {
		while (bytes.length > 0) {
			bytes = bytes.subarray(writeSync(fd, bytes));
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
			throw error;
		}

		(fd === 1 ? process.stdout : process.stderr).write(bytes);
	}
}

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

// No top-level await: this entry is built as CommonJS, which starts faster than an ES module.
void main(process.argv.slice(2), context).then(code => {
	process.exitCode = code;
});
