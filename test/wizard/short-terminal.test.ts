import {afterEach, describe, expect, test, vi} from 'vitest';
import {ccgateBin, makeSandbox} from '../helpers/cli.js';
import {TerminalSession} from './tmux.js';

/*
Issue 23.2: from 10 rows up, the title, the highlighted row of a list, the field being typed in and its error are
always on screen (lists scroll around the highlighted row); below 10 rows one line says the terminal is too short.
The built CLI in tmux with CI=true (Ink draws live anyway); run `npx tsup` first (npm test does).
*/

let session: TerminalSession | undefined;
afterEach(() => {
	session?.kill();
	session = undefined;
});

function start(columns: number, rows: number): TerminalSession {
	const sandbox = makeSandbox();
	session = TerminalSession.start({command: [process.execPath, ccgateBin], env: {...sandbox.env, CI: 'true'}, cwd: sandbox.home, columns, rows});
	return session;
}

/** The visible rows, trailing blanks taken off each. */
function visibleRows(terminal: TerminalSession): string[] {
	return terminal.visibleScreen().split('\n').map(line => line.trimEnd());
}

/** From "Which gateway?": Other, the Anthropic format, a base URL, Bearer token; then Enter on the empty token. */
async function toEmptyToken(terminal: TerminalSession): Promise<void> {
	await terminal.until('Which gateway?');
	terminal.type('other');
	await terminal.until('Filter: other');
	terminal.press('Enter');
	await terminal.until('Anthropic');
	terminal.press('Enter');
	await terminal.until('ANTHROPIC_BASE_URL');
	terminal.type('http://127.0.0.1:4000');
	terminal.press('Enter');
	await terminal.until('How does the gateway want the credential?');
	terminal.press('Enter');
	await terminal.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
	terminal.press('Enter');
	await terminal.until('→ type a value');
}

describe.each([[80, 10], [80, 12], [60, 20]])('at %i×%i', (columns, rows) => {
	test('the gateway list keeps the title and scrolls to the highlighted row', async () => {
		const terminal = start(columns, rows);
		await terminal.until('Which gateway?');
		terminal.press('Down', 'Down', 'Down', 'Down', 'Down', 'Down');
		await terminal.until('❯ Cloudflare AI Gateway');
		const screen = visibleRows(terminal);
		expect(screen[0]).toBe('ccgate · 1/7 Endpoint');
		expect(screen.filter(line => line.startsWith('❯ '))).toEqual([expect.stringMatching(/^❯ Cloudflare AI Gateway/)]);
	});

	test('Enter on an empty token keeps the title, the field and its error on screen', async () => {
		const terminal = start(columns, rows);
		await toEmptyToken(terminal);
		const screen = visibleRows(terminal);
		expect(screen[0]).toBe('ccgate · 2/7 Credential');
		expect(screen).toContain('❯');
		expect(screen).toContain('✗ The ANTHROPIC_AUTH_TOKEN value is empty');
		expect(screen).toContain('  → type a value');
		const field = screen.indexOf('❯');
		expect(screen[field + 1]).toBe('✗ The ANTHROPIC_AUTH_TOKEN value is empty');
	});

	test('a model ID with a space keeps the models step\'s title, the field and its error, under it, on screen', async () => {
		const terminal = start(columns, rows);
		await toEmptyToken(terminal);
		terminal.type('tok');
		terminal.press('Enter');
		await terminal.until('Where should the token live?');
		terminal.press('Enter');
		await terminal.until('Continue');
		terminal.press('Down', 'Enter');
		await terminal.until('Models and discovery');
		terminal.press('Down', 'Down', 'Down');
		await terminal.until('❯ haiku maps to');
		terminal.type('bad value');
		await terminal.until('holds whitespace');
		const screen = visibleRows(terminal);
		expect(screen[0]).toMatch(/^ccgate · 4\/7 Models and discovery/);
		const field = screen.indexOf('❯ haiku maps to   bad value');
		expect(field).toBeGreaterThan(0);
		// The error right under the field, wrapped under itself at 60 columns.
		const under = screen.slice(field + 1, field + 5).join(' ').replaceAll(/\s+/g, ' ');
		expect(under).toMatch(/^✗ The model ID "bad value" for ANTHROPIC_DEFAULT_HAIKU_MODEL holds whitespace → give the ID the gateway lists, such as claude-sonnet-4-5/);
	});
});

test('below 10 rows one line says the terminal is too short; taller again, the step is back', async () => {
	const terminal = start(80, 12);
	await terminal.until('Which gateway?');
	terminal.resize(80, 9);
	await vi.waitFor(() => {
		expect(visibleRows(terminal).join('\n')).toContain('Too short');
	});
	expect(visibleRows(terminal).filter(line => line !== '')).toEqual(['Too short: the wizard needs 10 rows, this terminal has 9; Ctrl+C quits.']);
	terminal.resize(80, 12);
	// The list is drawn again (the title above it may be the old one's, pulled back from the scrollback by the taller terminal).
	await vi.waitFor(() => {
		expect(visibleRows(terminal)).toContain('❯ LiteLLM (unified endpoint)                    localhost:4000 · self-hosted');
	});
	expect(visibleRows(terminal)).toContain('ccgate · 1/7 Endpoint');
	expect(visibleRows(terminal).join('\n')).not.toContain('Too short');
});
