import {constants} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {kindOf, maxFileBytes} from './read-text.js';

/*
Files that variables name (NODE_EXTRA_CA_CERTS, CLAUDE_CODE_CLIENT_CERT and _KEY), read by the probe: apart from
read-text.ts, whose readers start with every command and load no promise API.
*/

/** A file read for what it holds, or why it could not be: one clause, as in `is a named pipe (FIFO), not a regular file`. */
export type FileRead = {readonly text: string} | {readonly problem: string};

async function readRegularFile(file: string, maxBytes: number): Promise<FileRead> {
	let stats;
	try {
		stats = await stat(file);
	} catch (error) {
		return {problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`};
	}

	if (!stats.isFile()) {
		return {problem: `is ${kindOf(stats)}, not a regular file`};
	}

	if (stats.size > maxBytes) {
		return {problem: `is larger than ${maxBytes / 1024 / 1024} MB`};
	}

	let handle;
	try {
		// Non-blocking, and checked again once open: a FIFO swapped in after the stat cannot hang the read.
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
		const opened = await handle.stat();
		if (!opened.isFile()) {
			return {problem: `is ${kindOf(opened)}, not a regular file`};
		}

		const bytes = Buffer.alloc(maxBytes + 1);
		let total = 0;
		for (;;) {
			// eslint-disable-next-line no-await-in-loop
			const {bytesRead} = await handle.read(bytes, total, bytes.length - total, null);
			if (bytesRead === 0) {
				break;
			}

			total += bytesRead;
			if (total > maxBytes) {
				return {problem: `is larger than ${maxBytes / 1024 / 1024} MB`};
			}
		}

		return {text: bytes.subarray(0, total).toString('utf8')};
	} catch (error) {
		return {problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`};
	} finally {
		await handle?.close();
	}
}

/**
A file a variable names (a CA or client certificate): checked like a settings file (a regular file, at most `maxBytes`,
checked before it is opened, so a FIFO never blocks and a device never streams) and read within `timeoutMs`.
*/
export async function readNamedFile(file: string, {maxBytes = maxFileBytes, timeoutMs}: {maxBytes?: number; timeoutMs: number}): Promise<FileRead> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<FileRead>(resolve => {
		timer = setTimeout(() => {
			resolve({problem: `could not be read within ${timeoutMs} ms`});
		}, timeoutMs);
		timer.unref();
	});
	try {
		return await Promise.race([readRegularFile(file, maxBytes), late]);
	} finally {
		clearTimeout(timer);
	}
}
