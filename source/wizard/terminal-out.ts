import {EventEmitter} from 'node:events';
import stringWidth from 'string-width';
import {drawnText} from '../core/safe-text.js';

// eslint-disable-next-line no-control-regex
const escapeSequence = /\u001B(?:\[[\d;?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

/** Erase `count` rows, the cursor's and those above it, and leave the cursor at the start of the top one. */
function eraseRows(count: number): string {
	return `${'\u001B[2K\u001B[1A'.repeat(Math.max(count - 1, 0))}\u001B[2K\u001B[G`;
}

// Ink's log-update erases the last frame with eraseLines(n): erase the row and go up, n - 1 times, then erase the row.
// eslint-disable-next-line no-control-regex
const inkErasing = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;

/**
The terminal as Ink is given it (`render`'s `stdout`): every write goes through to the real one, with two
differences that keep the user's scrollback and leave no stale frame when the terminal is resized.
- Ink clears the whole terminal, scrollback and all, when a frame is as tall as `rows`, also when a resize makes the
  last frame that tall before the wizard has laid it out again. Ink is told the terminal is taller than any frame;
  the wizard fits its frames to `terminalRows`, the real height.
- Ink erases the last frame by its count of lines. A narrower terminal rewraps the frame on screen (its lines,
  trailing spaces left out), so it takes more rows, and the terminal does that before the program hears of the
  resize: a frame Ink draws in between would leave the top of the last one behind. So Ink's erasing is replaced by
  one that counts the rows the last frame takes at the width the terminal has at the moment of the write.
*/
// Ink subscribes with `on` and `off`, as to a Node stream: an EventEmitter, not an EventTarget.
// eslint-disable-next-line unicorn/prefer-event-target
export class TerminalOut extends EventEmitter {
	readonly isTTY = true;
	readonly rows = 10_000;
	columns: number;
	terminalRows: number;
	/** The last frame's lines, as written. */
	private frame: string[] = [];
	private dropAll = false;

	constructor(private readonly terminal: NodeJS.WriteStream) {
		super();
		this.columns = terminal.columns || 80;
		this.terminalRows = terminal.rows || 24;
		terminal.on('resize', this.resized);
	}

	write(given: string): boolean {
		if (this.dropAll) {
			return true;
		}

		// Text a frame shows from a file (a settings value) holds no control sequence but Ink's own (core/safe-text.ts).
		let data = drawnText(given);

		const erasing = inkErasing.exec(data);
		if (erasing) {
			data = this.erasing() + data.slice(erasing[0].length);
			this.frame = [];
		}

		const text = data.replaceAll(escapeSequence, '');
		if (text !== '') {
			this.frame = text.split('\n');
			if (this.frame.at(-1) === '') {
				this.frame.pop();
			}
		}

		return this.terminal.write(data);
	}

	/** Ctrl+L: the frame erased, as many rows as it takes now, and drawn again. */
	redraw(): void {
		this.terminal.write(this.erasing());
		this.frame = [];
		// Ink draws a whole frame anew only when the terminal got narrower: so it is told of a wider one first (what it
		// draws for that is dropped), then of the real width.
		const {columns} = this;
		this.dropAll = true;
		try {
			this.announce(columns + 1);
		} finally {
			this.dropAll = false;
		}

		this.announce(columns);
	}

	/** Stop following the real terminal's size. */
	close(): void {
		this.terminal.off('resize', this.resized);
	}

	private readonly resized = () => {
		this.terminalRows = this.terminal.rows || 24;
		this.announce(this.terminal.columns || 80);
	};

	/** What erases the last frame as the terminal shows it now; the cursor is on the row after the frame. */
	private erasing(): string {
		// The width now, even when the terminal's resize has not reached this process yet.
		const columns = this.terminal.getWindowSize?.()[0] || this.terminal.columns || 80;
		const rows = this.frame.reduce((sum, line) => sum + Math.max(1, Math.ceil(stringWidth(line.trimEnd()) / columns)), 0);
		return eraseRows(rows + 1);
	}

	private announce(columns: number): void {
		this.columns = columns;
		this.emit('resize');
	}
}
