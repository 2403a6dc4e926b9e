import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, vi} from 'vitest';
import {temporaryFolder} from '../helpers/temporary.js';

function quote(value: string): string {
	return `'${value.replaceAll('\'', String.raw`'\''`)}'`;
}

/**
A program in a real pseudo-terminal: a tmux session of its own (its own server socket), 120×40 unless sized.
The program runs with exactly `env` (plus the TERM tmux gives it); its exit code is printed after it as `[exit N]`.
*/
export class TerminalSession {
	static start(options: {command: readonly string[]; env: Record<string, string>; cwd: string; columns?: number; rows?: number; before?: string}): TerminalSession {
		const folder = temporaryFolder('ccgate-tmux-');
		const script = path.join(folder, 'run.sh');
		const variables = Object.entries(options.env).map(([name, value]) => `${name}=${quote(value)}`).join(' ');
		writeFileSync(script, [
			`cd ${quote(options.cwd)}`,
			...(options.before === undefined ? [] : [options.before]),
			`env -i TERM="$TERM" ${variables} ${options.command.map(part => quote(part)).join(' ')}`,
			'echo "[exit $?]"',
			'sleep 3600',
			'',
		].join('\n'));
		const socket = `ccgate-test-${process.pid}-${path.basename(folder)}`;
		const session = new TerminalSession(socket);
		session.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40), `sh ${quote(script)}`);
		// Esc must reach the program at once, not wait to see whether an escape sequence follows.
		session.tmux('set-option', '-g', 'escape-time', '0');
		return session;
	}

	private constructor(private readonly socket: string) {}

	/** The screen and its scrollback, wrapped lines joined. */
	screen(): string {
		return this.tmux('capture-pane', '-p', '-J', '-S', '-');
	}

	/**
	The screen the user had, with its scrollback, wrapped lines joined, while a program is on the alternate screen: what
	the terminal gives back when the program leaves it. Otherwise the same as screen().
	*/
	userScreen(): string {
		if (!this.onAlternateScreen()) {
			return this.screen();
		}

		const history = Number(this.tmux('display-message', '-p', '#{history_size}').trim()) > 0 ? this.tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-1') : '';
		return history + this.tmux('capture-pane', '-p', '-J', '-a');
	}

	/** Whether the program is on the terminal's alternate screen. */
	onAlternateScreen(): boolean {
		return this.tmux('display-message', '-p', '#{alternate_on}').trim() === '1';
	}

	/** The visible screen, wrapped lines joined: each line as the program wrote it. */
	visibleLines(): string[] {
		return this.tmux('capture-pane', '-p', '-J').trimEnd().split('\n');
	}

	/** The visible screen alone, without the scrollback. */
	visibleScreen(): string {
		return this.tmux('capture-pane', '-p');
	}

	/** The visible screen with its escape sequences (colours, inverse, bold) as the terminal holds them. */
	styledScreen(): string {
		return this.tmux('capture-pane', '-p', '-e');
	}

	/** Wait until the screen shows `text`; bounded, polling the screen (every `interval` ms) rather than sleeping a fixed time. */
	async until(text: string | RegExp, timeout = 15_000, interval = 50): Promise<void> {
		await vi.waitFor(() => {
			const screen = this.screen();
			if (typeof text === 'string') {
				expect(screen).toContain(text);
			} else {
				expect(screen).toMatch(text);
			}
		}, {timeout, interval});
	}

	/** Type text literally. */
	type(text: string): void {
		this.tmux('send-keys', '-l', text);
	}

	/** Press named keys: Enter, Escape, Down, C-c, C-u… */
	press(...keys: string[]): void {
		this.tmux('send-keys', ...keys);
	}

	/** Resize the terminal, as a user dragging its window does. */
	resize(columns: number, rows: number): void {
		this.tmux('resize-window', '-x', String(columns), '-y', String(rows));
	}

	/** Send the program a signal, as `kill` from another terminal does: the pane's shell runs it as its one child. */
	signal(name: NodeJS.Signals): void {
		const shell = this.tmux('display-message', '-p', '#{pane_pid}').trim();
		const [program] = execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n');
		process.kill(Number(program), name);
	}

	kill(): void {
		try {
			this.tmux('kill-server');
		} catch {
			// Already gone.
		}
	}

	private tmux(...args: string[]): string {
		return execFileSync('tmux', ['-L', this.socket, ...args], {encoding: 'utf8'});
	}
}
