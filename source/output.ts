import {writeSync} from 'node:fs';

/**
Write straight to the file descriptor: creating process.stdout loads Node's stream machinery, a few ms of start-up
for a command that prints two lines. A descriptor that would block (a non-blocking pipe) gets the stream after all.
*/
export function writeOutput(fd: 1 | 2, text: string): void {
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
