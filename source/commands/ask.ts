import {UserError} from '../core/findings.js';
import type {CommandContext} from '../app/context.js';
import {ExitCode} from './exit-code.js';

type Asking = Pick<CommandContext, 'stdin' | 'stderr'>;

/** The most `--token-stdin` reads: a secret is far shorter; more is a file piped in by mistake. */
export const secretInputLimit = 64 * 1024;

function stopReading(stream: NodeJS.ReadableStream): void {
	stream.pause();
	// A pipe left open after the line (a parent still holding it) must not keep ccgate running.
	if (!(stream as NodeJS.ReadStream).isTTY) {
		(stream as NodeJS.ReadStream).destroy?.();
	}
}

/**
The first line of a pipe or file (without its line ending), or all of it when it has no line break: the line may be
followed by more, or by nothing while the pipe stays open. More than `limit` bytes before the line ends is refused.
*/
export async function readFirstLine(stream: NodeJS.ReadableStream, limit = secretInputLimit): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	return new Promise<string>((resolve, reject) => {
		const finish = (error?: Error) => {
			stream.off('data', onData);
			stream.off('end', onEnd);
			stream.off('error', finish);
			stopReading(stream);
			if (error) {
				reject(error);
				return;
			}

			const text = Buffer.concat(chunks).toString('utf8');
			const end = text.indexOf('\n');
			resolve((end === -1 ? text : text.slice(0, end)).replace(/\r$/, ''));
		};

		const onData = (chunk: Buffer | string) => {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			const end = bytes.indexOf(0x0A);
			chunks.push(end === -1 ? bytes : bytes.subarray(0, end + 1));
			size += end === -1 ? bytes.length : end;
			if (size > limit) {
				finish(new UserError({code: 'token-stdin-too-long', level: 'error', message: `Standard input held more than ${limit / 1024} KiB before its first line ended, and no secret is that long`, fix: 'pipe in the secret alone, as in: printenv GATEWAY_TOKEN | ccgate write --token-stdin'}));
			} else if (end !== -1) {
				finish();
			}
		};

		const onEnd = () => {
			finish();
		};

		stream.on('data', onData);
		stream.on('end', onEnd);
		stream.on('error', finish);
		stream.resume();
	});
}

/** Ask at the terminal for a line without showing it (on stderr, with the prompt); Enter ends it, Ctrl+C leaves (exit 130). */
export async function askSecret(prompt: string, context: Asking): Promise<string> {
	// A terminal's stream: it has raw mode.
	const input = context.stdin as NodeJS.ReadStream;
	context.stderr(prompt);
	input.setRawMode(true);
	input.resume();
	let typed = '';
	try {
		return await new Promise<string>((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				for (const character of chunk.toString('utf8')) {
					if (character === '\r' || character === '\n') {
						input.off('data', onData);
						resolve(typed);
						return;
					}

					if (character === '\u0003') {
						input.off('data', onData);
						reject(new ExitCode(130));
						return;
					}

					if (character === '\u0015') {
						// Ctrl+U: start again.
						typed = '';
					} else if (character === '\u007F' || character === '\b') {
						typed = [...typed].slice(0, -1).join('');
					} else if (character >= ' ') {
						typed += character;
					}
				}
			};

			input.on('data', onData);
		});
	} finally {
		input.setRawMode(false);
		input.pause();
		context.stderr('\n');
	}
}

/** Ask at the terminal for a line, shown as it is typed (the terminal echoes it). */
export async function askLine(prompt: string, context: Asking): Promise<string> {
	context.stderr(prompt);
	return readFirstLine(context.stdin, 1024);
}

/** `--token-stdin`: at a terminal, asked for without echo; from a pipe or file, its first line (at most 64 KiB). */
export async function readSecretInput(context: Asking, what = 'The secret'): Promise<string> {
	if ((context.stdin as NodeJS.ReadStream).isTTY) {
		return askSecret(`${what} (not shown as you type; Enter ends it): `, context);
	}

	return readFirstLine(context.stdin);
}
