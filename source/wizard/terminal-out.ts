import {EventEmitter} from 'node:events';
import onExit from 'signal-exit';
import {drawnText} from '../core/safe-text.js';

// eslint-disable-next-line no-control-regex
const escapeSequence = /\u001B(?:\[[\d;?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;

// Ink's log-update erases the last frame with eraseLines(n): erase the row and go up, n - 1 times, then erase the row.
// eslint-disable-next-line no-control-regex
const inkErasing = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;

/** The terminal's alternate screen, as full-screen programs use it (xterm's mode 1049: the cursor saved, the screen cleared). */
const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[2J';
const leaveAlternateScreen = '\u001B[?1049l';
const home = '\u001B[H';
const clearToLineEnd = '\u001B[K';
const clearBelow = '\u001B[J';

/**
The terminal as Ink is given it (`render`'s `stdout`). The wizard runs on the terminal's alternate screen, as a
full-screen program does, and leaves its last frame (the summary, or the line saying nothing was written) on the
screen the user had, below what was there: so the user's screen and scrollback are as they were, whatever happens to
the terminal meanwhile. On the screen the user had, a frame drawn in place cannot stay true through a resize: the
terminal rewraps it, or pushes its top into the scrollback when it gets shorter, before the program hears of it, and
no program can erase the scrollback but all of it.
- Each frame is drawn from the top of the screen, every line cleared to its end and the rest of the screen below it:
  no count of the last frame's lines to get wrong. A resize has the whole frame drawn again (see redraw()).
- Ink clears the whole terminal, scrollback and all, when a frame is as tall as `rows`: Ink is told the terminal is
  taller than any frame; the wizard fits its frames to `terminalRows`, the real height.
*/
// Ink subscribes with `on` and `off`, as to a Node stream: an EventEmitter, not an EventTarget.
// eslint-disable-next-line unicorn/prefer-event-target
export class TerminalOut extends EventEmitter {
	readonly isTTY = true;
	readonly rows = 10_000;
	columns: number;
	terminalRows: number;
	/** The last frame, as Ink wrote it, without its erasing. */
	private lastFrame = '';
	private dropAll = false;
	private onAlternateScreen = true;
	private readonly stopWatchingExit: () => void;

	constructor(private readonly terminal: NodeJS.WriteStream) {
		super();
		this.columns = terminal.columns || 80;
		this.terminalRows = terminal.rows || 24;
		terminal.on('resize', this.resized);
		// However the process ends (an error, a signal: the library Ink unmounts by), the user gets their screen back.
		this.stopWatchingExit = onExit(this.leaveOnExit, {alwaysLast: true});
		terminal.write(enterAlternateScreen);
	}

	write(given: string): boolean {
		if (this.dropAll || !this.onAlternateScreen) {
			return true;
		}

		// Text a frame shows from a file (a settings value) holds no control sequence but Ink's own (core/safe-text.ts).
		let data = drawnText(given);
		const erasing = inkErasing.exec(data);
		if (erasing) {
			data = data.slice(erasing[0].length);
		}

		if (data.replaceAll(escapeSequence, '') === '') {
			// Erasing alone (the next frame is drawn whole anyway), or a mode: the cursor hidden or shown.
			return data === '' ? true : this.terminal.write(data);
		}

		this.lastFrame = data;
		return this.terminal.write(`${home}${data.replaceAll('\n', `${clearToLineEnd}\n`)}${clearBelow}`);
	}

	/** Ctrl+L, and every resize: the screen cleared and the frame drawn again, whole. */
	redraw(): void {
		if (!this.onAlternateScreen) {
			return;
		}

		this.terminal.write(`${home}${clearBelow}`);
		// Ink draws a whole frame anew only when the terminal got narrower, or when the frame changed: so it is told of a
		// wider one first (what it draws for that is dropped), then of the real width.
		const {columns} = this;
		this.dropAll = true;
		try {
			this.announce(columns + 1);
		} finally {
			this.dropAll = false;
		}

		this.announce(columns);
	}

	/**
	Back to the screen the user had, as it was, and the last frame below what was there (where the cursor was when the
	wizard started): the wizard's summary stays where the user can read it and copy from it.
	*/
	close(): void {
		this.terminal.off('resize', this.resized);
		this.stopWatchingExit();
		if (!this.onAlternateScreen) {
			return;
		}

		this.onAlternateScreen = false;
		const frame = this.lastFrame === '' || this.lastFrame.endsWith('\n') ? this.lastFrame : `${this.lastFrame}\n`;
		this.terminal.write(`${leaveAlternateScreen}${frame}`);
	}

	private readonly leaveOnExit = () => {
		if (this.onAlternateScreen) {
			this.onAlternateScreen = false;
			this.terminal.write(leaveAlternateScreen);
		}
	};

	private readonly resized = () => {
		this.terminalRows = this.terminal.rows || 24;
		this.columns = this.terminal.columns || 80;
		this.redraw();
	};

	private announce(columns: number): void {
		this.columns = columns;
		this.emit('resize');
	}
}
