import {afterEach, expect, test, vi} from 'vitest';
import {ccgateBin, makeSandbox} from '../helpers/cli.js';
import {TerminalSession} from './tmux.js';

/*
The wizard's text field in a real terminal (tmux), with CI=true: the keys as a terminal sends them (Home as
ESC [1~ or ESC [H, Backspace as DEL, Ctrl+W as ETB). Run `npx tsup` first (npm test does).
*/

let session: TerminalSession | undefined;
afterEach(() => {
	session?.kill();
	session = undefined;
});

/** The screen's lines from the step's title on, trailing spaces dropped. */
function fromTitle(terminal: TerminalSession): string {
	const lines = terminal.visibleScreen().split('\n').map(line => line.trimEnd());
	return lines.slice(lines.findIndex(line => line.startsWith('ccgate · '))).join('\n').trimEnd();
}

/** The field's line as the terminal holds it, each inverse cell (the cursor) shown as [x]. */
function fieldLine(terminal: TerminalSession): string | undefined {
	const line = terminal.styledScreen().split('\n').find(line => line.includes('❯ '));
	if (line === undefined) {
		return undefined;
	}

	let inverse = false;
	let text = '';
	// eslint-disable-next-line no-control-regex
	for (const [, parameters, character] of line.matchAll(/\u001B\[([\d;]*)m|([^\u001B])/gu)) {
		if (character === undefined) {
			const codes = parameters!.split(';');
			inverse = codes.includes('7') || (inverse && !codes.includes('27') && !codes.includes('0') && parameters !== '');
		} else {
			text += inverse ? `[${character}]` : character;
		}
	}

	return text.trimEnd();
}

test('a secret typed in a real terminal: Home and Ctrl+D edit it where the cursor is, Ctrl+R shows it and types nothing', async () => {
	const sandbox = makeSandbox();
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns: 100, rows: 24});
	const terminal = session;
	await terminal.until('Which gateway?');
	terminal.type('other');
	await terminal.until('Filter: other');
	terminal.press('Enter');
	await terminal.until('The API format the gateway speaks');
	terminal.press('Enter');
	await terminal.until('Claude Code appends');
	terminal.type('http://127.0.0.1:4000');
	terminal.press('Enter');
	await terminal.until('How does the gateway want the credential?');
	terminal.press('Enter');
	await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
	terminal.type('xsk-gw-1234');
	await terminal.until('❯ •••••••••••');
	// Home, then Ctrl+D: the x before the token goes, not a character left of the cursor.
	terminal.press('Home', 'C-d', 'C-r');
	await terminal.until('❯ sk-gw-1234');
	expect(fromTitle(terminal)).toBe([
		'ccgate · 2/7 Credential',
		'',
		'The bearer token (ANTHROPIC_AUTH_TOKEN):',
		'❯ sk-gw-1234',
		'',
		'Enter continue · Ctrl+R hide · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
	].join('\n'));
	expect(fieldLine(terminal)).toBe('❯ [s]k-gw-1234');
	// End, Backspace, a letter; Ctrl+R again masks it, and neither Ctrl+R typed an r. (tmux drops the inverse
	// space a cursor at the end is, with the line's trailing spaces: a step left puts it on the last character.)
	terminal.press('End', 'BSpace');
	terminal.type('5');
	terminal.press('C-r', 'Left');
	await terminal.until('❯ ••••••••••');
	await vi.waitFor(() => {
		expect(fieldLine(terminal)).toBe('❯ •••••••••[•]');
	});
	terminal.press('C-r');
	await terminal.until('❯ sk-gw-1235');
	expect(fieldLine(terminal)).toBe('❯ sk-gw-123[5]');
	terminal.press('C-c');
	await terminal.until('[exit 130]');
}, 60_000);

test('at 60 columns a URL longer than the line keeps the space after ❯ and wraps under its own column (issue 23.5)', async () => {
	const sandbox = makeSandbox();
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns: 60, rows: 20});
	const terminal = session;
	await terminal.until('Which gateway?');
	terminal.type('other');
	await terminal.until('Filter: other');
	terminal.press('Enter');
	await terminal.until('Anthropic');
	terminal.press('Enter');
	await terminal.until('ANTHROPIC_BASE_URL');
	terminal.type('https://gateway.internal.example-corporation.com/anthropic/v1/proxy/team-platform');
	await terminal.until('team-platform');
	expect(fromTitle(terminal)).toBe([
		'ccgate · 1/7 Endpoint',
		'',
		'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code',
		'appends /v1/messages.',
		'❯ https://gateway.internal.example-corporation.com/anthropic',
		'  /v1/proxy/team-platform',
		'',
		'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit,',
		'nothing written',
	].join('\n'));
});
