import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';

/** A terminal's output of a given size, keeping each frame Ink writes (debug mode writes whole frames). */
// Ink listens to its streams as Node's streams, with `on`: an EventTarget would not do.
// eslint-disable-next-line unicorn/prefer-event-target
class SizedStdout extends EventEmitter {
	readonly frames: string[] = [];

	constructor(readonly columns: number, readonly rows: number) {
		super();
	}

	write = (frame: string): boolean => {
		this.frames.push(frame);
		return true;
	};
}

/** A terminal's input, as ink-testing-library's: what is written is read by Ink as typed keys. */
// eslint-disable-next-line unicorn/prefer-event-target
class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | undefined;

	write = (data: string): void => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = (): string | null => {
		const {data} = this;
		this.data = undefined;
		return data ?? null;
	};

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

export type SizedApp = {
	/** What the test types. */
	readonly stdin: FakeStdin;
	/** The last frame Ink drew, colours included. */
	lastFrame(): string;
	unmount(): void;
};

/**
Ink drawing `tree` in a terminal `columns` wide and `rows` tall from its first frame on (ink-testing-library's is
100 columns, and a resize after the first frame races the app's own resize listener).
*/
export function renderSized(tree: ReactElement, size: {readonly columns: number; readonly rows: number}): SizedApp {
	const stdout = new SizedStdout(size.columns, size.rows);
	const stderr = new SizedStdout(size.columns, size.rows);
	const stdin = new FakeStdin();
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		stdin,
		lastFrame: () => stdout.frames.at(-1) ?? '',
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
}
