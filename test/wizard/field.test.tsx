import chalk from 'chalk';
import {Box, Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import {afterAll, afterEach, beforeAll, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/wizard/view/App.js';
import {FieldCursor, refusedNote, TextField} from '../../source/wizard/view/components/TextField.js';
import {keyAction, splitKeys} from '../../source/wizard/model/keys.js';
import {editField, type FieldBuffer} from '../../source/wizard/model/text-buffer.js';
import type {WizardServices} from '../../source/wizard/model/services.js';
import {setupFrom, usableReport} from './fixtures.js';

// Ink reads CI once as it loads: hidden before any import runs, as the wizard itself does (source/wizard/start/start.ts).
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
let level: typeof chalk.level;
beforeAll(() => {
	// The cursor is an inverse cell: drawn whatever colours the test's own terminal has.
	level = chalk.level;
	chalk.level = 1;
});
afterAll(() => {
	chalk.level = level;
	restoreCi();
});

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	home: '\u001B[H',
	end: '\u001B[F',
	delete: '\u001B[3~',
	backspace: '\u007F',
	ctrlH: '\b',
	ctrlD: '\u0004',
	ctrlK: '\u000B',
	ctrlW: '\u0017',
	altBackspace: '\u001B\u007F',
	ctrlA: '\u0001',
	ctrlE: '\u0005',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
	tab: '\t',
	shiftTab: '\u001B[Z',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
} as const;

/**
Every key the wizard binds to a command (source/wizard/model/keys.ts, named in hints.ts), every other Ctrl+letter (which
ink-text-input alone would type as its letter) and every Meta+letter: none may type a thing into a field. Left out:
Ctrl+C (quits), and the keys that are edits: Ctrl+H (Backspace), Ctrl+I (Tab), Ctrl+J and Ctrl+M (Enter), and the shell's editing keys Ctrl+D, Ctrl+K, Ctrl+U, Ctrl+W.
*/
const commandKeys = [keys.enter, keys.escape, keys.up, keys.down, keys.tab, keys.shiftTab, keys.pageUp, keys.pageDown, keys.ctrlR];
const controlLetters = [...'abefglnopqrstvxyz'].map(letter => String.fromCodePoint(letter.codePointAt(0)! - 96));
const metaLetters = [...'abcdefghijklmnopqrstuvwxyz'].map(letter => `\u001B${letter}`);

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

/** The screen with the cursor's inverse cell shown as [x], and no other styling. */
function withCursor(frame: string): string {
	// eslint-disable-next-line no-control-regex
	return frame.replaceAll(/\u001B\[7m(.)\u001B\[27m/g, '[$1]').replaceAll(ansi, '');
}

/** One field as the wizard draws it, its keys read and its edits made as the wizard's reducer makes them. */
function Harness({initial, masked}: {readonly initial: string; readonly masked: boolean}) {
	const [buffer, setBuffer] = useState<FieldBuffer>({text: initial, cursor: initial.length, refused: false});
	useInput((input, key) => {
		setBuffer(current => splitKeys(input, key).reduce((next, pressed) => {
			const action = keyAction(pressed.input, pressed.key, true);
			return action !== undefined && 'edit' in action ? editField(next, action.edit) : next;
		}, current));
	});
	return (
		<FieldCursor.Provider value={buffer}>
			<Box>
				<Text>❯ </Text>
				<TextField focused value={buffer.text} masked={masked} placeholder=""/>
			</Box>
		</FieldCursor.Provider>
	);
}

async function field(initial = '', masked = false) {
	const app = render(<Harness initial={initial} masked={masked}/>);
	unmount = app.unmount;
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	const screen = () => withCursor(app.lastFrame() ?? '');
	return {
		/** Wait for the screen to be `expected` (Ink draws a key's result a moment after it is read). */
		async shows(expected: string, message?: string) {
			await vi.waitFor(() => {
				expect(screen(), message).toBe(expected);
			});
		},
		press(...input: string[]) {
			for (const data of input) {
				app.stdin.write(data);
			}
		},
	};
}

describe('the text field (ink-text-input, wrapped)', () => {
	test('starts with its cursor after the text, drawn as ink-text-input draws it', async () => {
		const input = await field('abc');
		await input.shows('❯ abc[ ]');
	});

	test('Delete deletes left of the cursor, as Backspace does (Ink reports both alike); Ctrl+D deletes right of it, and at the end nothing', async () => {
		const input = await field();
		input.press('abcd', keys.left, keys.left, keys.delete);
		await input.shows('❯ a[c]d');
		input.press(keys.ctrlD);
		await input.shows('❯ a[d]');
		input.press(keys.end, keys.ctrlD);
		await input.shows('❯ ad[ ]');
	});

	test('Backspace, as DEL or as Ctrl+H, deletes left of the cursor; at the start it does nothing', async () => {
		const input = await field('abcd');
		input.press(keys.left, keys.backspace);
		await input.shows('❯ ab[d]');
		input.press(keys.ctrlH);
		await input.shows('❯ a[d]');
		input.press(keys.home, keys.backspace, keys.ctrlH);
		await input.shows('❯ [a]d');
	});

	test('Ctrl+U clears the whole field, wherever the cursor is', async () => {
		const input = await field('abcd');
		input.press(keys.left, keys.left, keys.ctrlU);
		await input.shows('❯ [ ]');
		input.press('x');
		await input.shows('❯ x[ ]');
	});

	test('Ctrl+W and Alt+Backspace delete the word left of the cursor, Ctrl+K all right of it', async () => {
		const input = await field('http://127.0.0.1:4000/v1');
		input.press(keys.ctrlW);
		await input.shows('❯ http://127.0.0.1:4000/[ ]');
		input.press(keys.altBackspace);
		await input.shows('❯ http://127.0.0.1:[ ]');
		input.press(keys.left, keys.left, keys.left, keys.ctrlK);
		await input.shows('❯ http://127.0.0[ ]');
		input.press(keys.home, keys.right, keys.ctrlK);
		await input.shows('❯ h[ ]');
	});

	test('Home and End (and Ctrl+A, Ctrl+E) go to either end; the arrows stop at the ends', async () => {
		const input = await field('abc');
		input.press(keys.home);
		await input.shows('❯ [a]bc');
		input.press(keys.left, keys.left, 'x');
		await input.shows('❯ x[a]bc');
		input.press(keys.end, keys.right, keys.right, 'y');
		await input.shows('❯ xabcy[ ]');
		input.press(keys.ctrlA);
		await input.shows('❯ [x]abcy');
		input.press(keys.ctrlE, keys.left);
		await input.shows('❯ xabc[y]');
	});

	test('😀 (outside the BMP) is left out with a note, so the drawn cursor stays on the character it is on', async () => {
		const input = await field();
		input.press('a😀b');
		await input.shows(`❯ ab[ ]${refusedNote}`);
		input.press(keys.left);
		await input.shows(`❯ a[b]${refusedNote}`);
		input.press('c');
		await input.shows('❯ ac[b]');
	});

	test('pasted text keeps one line: CR and LF are not typed, control characters are left out', async () => {
		const input = await field();
		input.press('tok\r');
		await input.shows('❯ tok[ ]');
		input.press('en\n');
		await input.shows('❯ token[ ]');
		input.press('x\u0085y');
		await input.shows(`❯ tokenxy[ ]${refusedNote}`);
	});

	test('a secret is masked with ink-text-input\'s mask, the cursor where it is', async () => {
		const input = await field('', true);
		input.press('sk-12', keys.left, keys.left, keys.ctrlD);
		await input.shows('❯ •••[•]');
	});

	test('no binding types a letter: every command key, Ctrl+letter and Meta+letter leaves the text as it was', async () => {
		const input = await field('abc');
		for (const data of [...commandKeys, ...controlLetters, ...metaLetters]) {
			// The letter after it shows that the key was read; Backspace takes the letter away again.
			input.press(data, keys.end, 'Z');
			// eslint-disable-next-line no-await-in-loop
			await input.shows('❯ abcZ[ ]', JSON.stringify(data));
			input.press(keys.backspace);
			// eslint-disable-next-line no-await-in-loop
			await input.shows('❯ abc[ ]', JSON.stringify(data));
		}
	});
});

const services: WizardServices = {
	probe: async () => usableReport(),
	async plan() {
		throw new Error('not reached');
	},
	async apply() {
		throw new Error('not reached');
	},
};

async function wizard() {
	const app = render(<App setup={setupFrom()} services={services}/>);
	unmount = app.unmount;
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	const lines = () => withCursor(app.lastFrame() ?? '').split('\n');
	return {
		lines,
		async until(line: string) {
			await vi.waitFor(() => {
				expect(lines(), `waiting for the line ${line} in\n${lines().join('\n')}`).toContain(line);
			}, {timeout: 5000});
		},
		press(...input: string[]) {
			for (const data of input) {
				app.stdin.write(data);
			}
		},
	};
}

type Wizard = Awaited<ReturnType<typeof wizard>>;

const url = 'http://127.0.0.1:4000';

const masked = (text: string) => text.replaceAll(/[^[\] ]/g, '•');

/** Each text field of the wizard: how a first-time user gets to it, and its line with a text and cursor ("ab[c]"). */
const fields: Array<{name: string; reach: (wizard: Wizard) => Promise<void>; line: (text: string) => string}> = [
	{name: 'the gateway filter', reach: async () => undefined, line: text => `Filter: ${text}`},
	{
		name: 'a preset\'s field',
		async reach(w) {
			w.press('cloudflare', keys.enter);
			await w.until('Your Cloudflare account ID (in the base URL):');
		},
		line: text => `❯ ${text}`,
	},
	{
		name: 'a preset\'s secret field',
		async reach(w) {
			w.press('cloudflare', keys.enter, 'acct1', keys.enter, 'gw1', keys.enter);
			await w.until('The gateway token (Run permission) of an authenticated gateway (sent in cf-aig-authorization):');
		},
		line: text => `❯ ${masked(text)}`,
	},
	{
		name: 'the base URL',
		async reach(w) {
			w.press('other', keys.enter, keys.enter);
			await w.until('The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.');
		},
		line: text => `❯ ${text}`,
	},
	{
		name: 'the region',
		async reach(w) {
			w.press('other', keys.enter, keys.down, keys.enter, `${url}/bedrock`, keys.enter);
			await w.until('❯ us-east-1[ ]');
			w.press(keys.ctrlU);
		},
		line: text => `❯ ${text}`,
	},
	{
		name: 'the project',
		async reach(w) {
			w.press('other', keys.enter, keys.down, keys.down, keys.enter, `${url}/vertex`, keys.enter);
			await w.until('❯ global[ ]');
			w.press(keys.enter);
			await w.until('The Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID) Claude Code puts in every request path.');
		},
		line: text => `❯ ${text}`,
	},
	...(['The bearer token (ANTHROPIC_AUTH_TOKEN):', 'The key (ANTHROPIC_API_KEY):', 'The command that prints the key (apiKeyHelper):'] as const).map((prompt, index) => ({
		name: `the credential: ${prompt}`,
		async reach(w: Wizard) {
			w.press('other', keys.enter, keys.enter, url, keys.enter);
			await w.until('How does the gateway want the credential?');
			w.press(...Array.from({length: index}, () => keys.down), keys.enter);
			await w.until(prompt);
		},
		line: (text: string) => `❯ ${index === 2 ? text : masked(text)}`,
	})),
	...(['name', 'value'] as const).map(part => ({
		name: `a header's ${part}`,
		async reach(w: Wizard) {
			w.press('other', keys.enter, keys.enter, url, keys.enter, keys.enter, 'tok', keys.enter, keys.enter);
			await w.until('❯ + Add a header');
			w.press(keys.enter, ...(part === 'value' ? ['x-a:'] : []));
			await w.until(part === 'name' ? '❯ Name   [x]-team' : '❯ Value  [c]ore');
		},
		line: (text: string) => `❯ ${part === 'name' ? 'Name ' : 'Value'}  ${text}`,
	})),
	...(['Default model', 'opus maps to', 'sonnet maps to', 'haiku maps to'] as const).map((label, index) => ({
		name: `the model field "${label}"`,
		async reach(w: Wizard) {
			w.press('other', keys.enter, keys.enter, url, keys.enter, keys.enter, 'tok', keys.enter, keys.enter, keys.down, keys.enter);
			await w.until('❯ Default model   [n]ot set');
			w.press(...Array.from({length: index}, () => keys.down));
		},
		line: (text: string) => `❯ ${label.padEnd(16)}${text}`,
	})),
];

describe('every text field of the wizard', () => {
	test.each(fields)('$name: no binding that keeps the focus there types a thing; Ctrl+D, Home, End, Ctrl+U, Ctrl+W, Alt+Backspace, Ctrl+K edit it', async ({reach, line}) => {
		const w = await wizard();
		await w.until('Which gateway? Type to filter the list; Other is any gateway not in it.');
		await reach(w);
		w.press('abc');
		await w.until(line('abc[ ]'));
		// Ctrl+R twice: in a secret field it reveals, then masks again. (Tab and Shift+Tab accept a shown fix, by design.)
		w.press(keys.pageUp, keys.pageDown, keys.ctrlR, keys.ctrlR, ...controlLetters.filter(data => data !== keys.ctrlR), ...metaLetters, keys.end, 'Z');
		await w.until(line('abcZ[ ]'));
		w.press(keys.home, keys.ctrlD, keys.end, keys.left, keys.backspace);
		await w.until(line('b[Z]'));
		w.press(keys.ctrlU, 'x');
		await w.until(line('x[ ]'));
		w.press('-yz', keys.ctrlW);
		await w.until(line('x-[ ]'));
		w.press(keys.altBackspace, 'ab', keys.left, keys.ctrlK);
		await w.until(line('a[ ]'));
	});
});

describe('a text the wizard puts in a field', () => {
	test('Tab takes the shown fix, and the cursor is at its end, where the next letter goes', async () => {
		const w = await wizard();
		await w.until('Which gateway? Type to filter the list; Other is any gateway not in it.');
		w.press('other', keys.enter, keys.enter, 'localhost:8766');
		await w.until('❯ localhost:8766[ ]');
		w.press(keys.left, keys.left, keys.tab);
		await w.until('❯ http://localhost:8766[ ]');
		w.press('0');
		await w.until('❯ http://localhost:87660[ ]');
	});
});

describe('keys the terminal sends in one read', () => {
	test('each goes where the focus is when it comes: a URL, Enter, Enter, a token, Enter, then Enter and a header line', async () => {
		const w = await wizard();
		await w.until('Which gateway? Type to filter the list; Other is any gateway not in it.');
		w.press(`other\r\r${url}\r\rtok-1\r`);
		await w.until('Where should the token live?');
		w.press('\r\rx-team: core\r');
		await w.until('  x-team: core');
		expect(w.lines()).toContain('❯ Continue');
	});
});
