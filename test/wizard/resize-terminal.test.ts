import {EventEmitter} from 'node:events';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {TerminalOut} from '../../source/wizard/terminal-out.js';
import {ccgateBin, makeSandbox} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';
import {TerminalSession} from './tmux.js';

/*
Issue 23.1: resizing the terminal on any step keeps the scrollback above the wizard and leaves no stale copy of a
frame; Ctrl+L draws the screen again. The built CLI in tmux with CI=true, 40 lines of history printed first, resized
to every kind of size: narrower, wider, shorter (which pushes the top of a frame drawn in place into the scrollback),
taller, and too short. The wizard runs on the alternate screen and leaves its last frame below the history.
Run `npx tsup` first (npm test does).
*/

const token = 'gw-token-0123456789abcdef';
const history = Array.from({length: 40}, (_, index) => `history line ${index + 1}`);

let session: TerminalSession | undefined;
let gateway: Gateway | undefined;
afterEach(async () => {
	session?.kill();
	session = undefined;
	await gateway?.close();
	gateway = undefined;
});

function start(columns: number, rows: number): TerminalSession {
	const sandbox = makeSandbox();
	session = TerminalSession.start({
		command: [process.execPath, ccgateBin],
		env: {...sandbox.env, CI: 'true'},
		cwd: sandbox.home,
		columns,
		rows,
		before: 'i=1; while [ $i -le 40 ]; do echo "history line $i"; i=$((i+1)); done',
	});
	return session;
}

/** Every size a user drags a window through: narrower, wider, shorter, taller, short and narrow, too short, and back. */
const sizes = [[80, 40], [100, 40], [100, 30], [90, 30], [80, 12], [60, 20], [100, 12], [100, 40]] as const;

/**
After a resize: the screen the user had is the history, whole and in order; the wizard's screen holds one frame, the
step's title once, the keys last, laid out for `columns`: no line the terminal had to wrap, and where a line was cut
short to fit (it ends in …), the widest line takes the whole width. Waiting for that before the next resize is what a
user sees between two sizes.
*/
async function expectOneFrame(terminal: TerminalSession, title: string, lastLine: RegExp, columns: number): Promise<void> {
	await vi.waitFor(() => {
		expect(terminal.userScreen().trimEnd().split('\n')).toEqual(history);
		const frame = terminal.visibleLines().map(line => line.trimEnd());
		expect(frame.filter(line => line.startsWith('ccgate · ')), frame.join('\n')).toEqual([title]);
		expect(frame.at(-1)).toMatch(lastLine);
		const widths = frame.map(line => stringWidth(line));
		expect(Math.max(...widths)).toBeLessThanOrEqual(columns);
		if (frame.some(line => line.endsWith('…'))) {
			expect(Math.max(...widths)).toBe(columns);
		}
	}, {timeout: 10_000, interval: 100});
}

/** Below 10 rows, the one line that says so, and the user's screen untouched. */
async function expectTooShort(terminal: TerminalSession, rows: number): Promise<void> {
	await vi.waitFor(() => {
		expect(terminal.userScreen().trimEnd().split('\n')).toEqual(history);
		expect(terminal.visibleLines()).toEqual([`Too short: the wizard needs 10 rows, this terminal has ${rows}; Ctrl+C quits.`]);
	}, {timeout: 10_000, interval: 100});
}

/** After the wizard: the history whole and in order, then the wizard's last frame alone, then the shell's next line. */
function expectLeft(terminal: TerminalSession, lastFrame: string[], exit: string): void {
	expect(terminal.onAlternateScreen()).toBe(false);
	expect(terminal.screen().trimEnd().split('\n').map(line => line.trimEnd())).toEqual([...history, ...lastFrame, exit]);
}

/** From the credential step to the review: a bearer token in the settings file, no headers, no models, the probe's usable answer, user settings. */
async function credentialToReview(terminal: TerminalSession): Promise<void> {
	await terminal.until('How does the gateway want the credential?');
	terminal.press('Enter');
	await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
	// Empty first: an edit shows the token in force, kept unless one is typed.
	terminal.press('C-u');
	terminal.type(token);
	terminal.press('Enter');
	await terminal.until('Where should the token live?');
	terminal.press('Enter');
	await terminal.until('Headers sent with every request');
	terminal.press('Down', 'Enter');
	await terminal.until('4/7 Models and discovery');
	terminal.press('Enter');
	await terminal.until('✓ The gateway is usable by Claude Code.');
	terminal.press('Enter');
	await terminal.until('❯ User settings');
	terminal.press('Enter');
	await terminal.until('Enter write');
}

describe('resizing the terminal', () => {
	test('on the first step: narrower, wider, shorter, taller, too short — the history stays, one frame, laid out for each size', async () => {
		const terminal = start(100, 40);
		await terminal.until('Which gateway?');
		await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, 100);
		for (const [columns, rows] of sizes) {
			terminal.resize(columns, rows);
			// eslint-disable-next-line no-await-in-loop
			await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, columns);
		}

		terminal.resize(80, 8);
		await expectTooShort(terminal, 8);
		terminal.resize(90, 30);
		await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, 90);
		terminal.type('lite');
		await terminal.until('Filter: lite');
		await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, 90);
		terminal.press('C-c');
		await terminal.until('[exit 130]');
		expectLeft(terminal, ['Left the ccgate wizard: nothing was written.'], '[exit 130]');
	}, 90_000);

	test('on a text step: the field keeps its text and cursor, one frame; Ctrl+L draws it again in place', async () => {
		const terminal = start(100, 40);
		await terminal.until('Which gateway?');
		terminal.type('other');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		terminal.press('Enter');
		await terminal.until('Claude Code appends');
		terminal.press('C-u');
		terminal.type('http://127.0.0.1:4000/some/long/path/for/a/gateway/behind/a/proxy');
		await terminal.until('behind/a/proxy');
		for (const [columns, rows] of [[70, 40], [100, 40], [100, 30], [60, 14], [100, 12], [100, 40]] as const) {
			terminal.resize(columns, rows);
			// eslint-disable-next-line no-await-in-loop
			await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, columns);
		}

		terminal.press('C-l');
		terminal.type('x');
		await terminal.until('proxyx');
		await expectOneFrame(terminal, 'ccgate · 1/7 Endpoint', /written$/, 100);
		terminal.press('C-c');
		await terminal.until('[exit 130]');
		expectLeft(terminal, ['Left the ccgate wizard: nothing was written.'], '[exit 130]');
	}, 90_000);

	test('on the review: the diff laid out again, one frame; the write still goes through, and the summary is left below the history', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const terminal = start(100, 40);
		await terminal.until('Which gateway?');
		terminal.type('other');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		terminal.press('Enter');
		await terminal.until('Claude Code appends');
		terminal.press('C-u');
		terminal.type(gateway.url);
		terminal.press('Enter');
		await credentialToReview(terminal);
		for (const [columns, rows] of [[80, 40], [100, 40], [100, 32], [80, 14], [100, 40]] as const) {
			terminal.resize(columns, rows);
			// eslint-disable-next-line no-await-in-loop
			await expectOneFrame(terminal, 'ccgate · 7/7 Review  probe: usable', /written$/, columns);
		}

		terminal.press('Enter');
		await terminal.until('✓ Wrote ~/.claude/settings.json.');
		terminal.resize(80, 12);
		await expectOneFrame(terminal, 'ccgate · Done  probe: usable', /exit$/, 80);
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		expectLeft(terminal, [
			'ccgate · Done  probe: usable',
			'',
			'✓ Wrote ~/.claude/settings.json.',
			'Secret: in the file above (mode 0600).',
			'Probe:  the gateway is usable by Claude Code.',
			'Try it: run claude, and type /status to see the base URL it uses.',
		], '[exit 0]');
	}, 120_000);

	test('killed on a step (SIGTERM), the wizard still gives the user their screen back, as it was', async () => {
		const terminal = start(100, 40);
		await terminal.until('Which gateway?');
		terminal.signal('SIGTERM');
		await terminal.until('[exit 143]');
		// "Terminated" is the shell's, saying how its command ended.
		expectLeft(terminal, ['Terminated'], '[exit 143]');
	}, 60_000);

	test('a path longer than the terminal is left whole on the line under "Backup", so it is copied as one', async () => {
		gateway = await startGateway({auth: {bearer: token}});
		const sandbox = makeSandbox();
		mkdirSync(path.join(sandbox.home, '.claude'), {recursive: true});
		writeFileSync(path.join(sandbox.home, '.claude', 'settings.json'), `{"env": {"ANTHROPIC_BASE_URL": "${gateway.url}", "ANTHROPIC_AUTH_TOKEN": "old-token-0000000000"}}\n`);
		session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns: 60, rows: 30});
		const terminal = session;
		await terminal.until('❯ Edit the current config');
		terminal.press('Enter');
		await terminal.until('The API format the gateway speaks');
		terminal.press('Enter');
		await terminal.until(`❯ ${gateway.url}`);
		terminal.press('Enter');
		await credentialToReview(terminal);
		terminal.press('Enter');
		await terminal.until('Backup, which ccgate restore puts back:');
		terminal.press('Enter');
		await terminal.until('[exit 0]');
		// Wrapped by the terminal, not broken by a newline: joined, the line under "Backup" is the path of the backup, whole.
		const lines = terminal.screen().split('\n').map(line => line.trimEnd());
		const backup = lines[lines.indexOf('Backup, which ccgate restore puts back:') + 1]!;
		expect(stringWidth(backup)).toBeGreaterThan(60);
		expect(readFileSync(backup, 'utf8')).toBe(`{"env": {"ANTHROPIC_BASE_URL": "${gateway.url}", "ANTHROPIC_AUTH_TOKEN": "old-token-0000000000"}}\n`);
	}, 120_000);
});

/** A terminal as TerminalOut sees one: its size, resize events, and what was written to it. */
// eslint-disable-next-line unicorn/prefer-event-target -- a Node stream's events, as TerminalOut reads them.
class FakeTerminal extends EventEmitter {
	written = '';
	constructor(public columns: number, public rows: number) {
		super();
	}

	write(data: string): boolean {
		this.written += data;
		return true;
	}

	/** The size the kernel holds, which changes before the resize event arrives. */
	getWindowSize(): [number, number] {
		return [this.columns, this.rows];
	}
}

describe('the terminal as Ink is given it (TerminalOut)', () => {
	const enter = '\u001B[?1049h\u001B[H\u001B[2J';
	const leave = '\u001B[?1049l';
	// What Ink writes before a frame: its erasing of the last one's lines.
	const inkErasing = (lines: number) => `${'\u001B[2K\u001B[1A'.repeat(lines - 1)}\u001B[2K\u001B[G`;

	test('Ink is told a terminal taller than any frame; the wizard reads the real height', () => {
		const terminal = new FakeTerminal(80, 24);
		const out = new TerminalOut(terminal as unknown as NodeJS.WriteStream);
		expect([out.columns, out.rows, out.terminalRows]).toEqual([80, 10_000, 24]);
		terminal.rows = 18;
		terminal.emit('resize');
		expect(out.terminalRows).toBe(18);
		out.close();
	});

	test('the wizard opens on the alternate screen, and draws each frame from its top: every line cleared to its end, the screen below cleared, no count of the last frame\'s lines', () => {
		const terminal = new FakeTerminal(100, 40);
		const out = new TerminalOut(terminal as unknown as NodeJS.WriteStream);
		expect(terminal.written).toBe(enter);
		out.write('first\nframe\n');
		terminal.written = '';
		out.write(`${inkErasing(3)}second\n`);
		expect(terminal.written).toBe('\u001B[Hsecond\u001B[K\n\u001B[J');
		out.close();
	});

	test('erasing alone is left out (the next frame is drawn whole); the cursor hidden or shown goes through', () => {
		const terminal = new FakeTerminal(100, 40);
		const out = new TerminalOut(terminal as unknown as NodeJS.WriteStream);
		terminal.written = '';
		out.write(inkErasing(5));
		out.write('\u001B[?25l');
		expect(terminal.written).toBe('\u001B[?25l');
		out.close();
	});

	test('a resize clears the screen and has Ink draw the whole frame for the new size', () => {
		const terminal = new FakeTerminal(100, 40);
		const out = new TerminalOut(terminal as unknown as NodeJS.WriteStream);
		out.write('frame\n');
		terminal.written = '';
		const told: number[] = [];
		out.on('resize', () => {
			told.push(out.columns);
			out.write(`${inkErasing(2)}frame at ${out.columns}\n`);
		});
		terminal.columns = 60;
		terminal.rows = 12;
		terminal.emit('resize');
		// Told of a wider terminal first (what Ink draws for it is dropped), so that Ink draws the real width anew.
		expect(told).toEqual([61, 60]);
		expect([out.columns, out.terminalRows]).toEqual([60, 12]);
		expect(terminal.written).toBe('\u001B[H\u001B[J\u001B[Hframe at 60\u001B[K\n\u001B[J');
		out.close();
	});

	test('at the end: back to the user\'s screen, as it was, and the last frame below what was there, its last line ended', () => {
		const terminal = new FakeTerminal(100, 40);
		const out = new TerminalOut(terminal as unknown as NodeJS.WriteStream);
		out.write('ccgate · Done\n\n✓ Wrote ~/.claude/settings.json.');
		out.write('\u001B[?25h');
		terminal.written = '';
		out.close();
		expect(terminal.written).toBe(`${leave}ccgate · Done\n\n✓ Wrote ~/.claude/settings.json.\n`);
		// Nothing more reaches the terminal after that.
		out.write('late frame\n');
		terminal.emit('resize');
		expect(terminal.written).toBe(`${leave}ccgate · Done\n\n✓ Wrote ~/.claude/settings.json.\n`);
	});
});
