import chalk from 'chalk';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/wizard/App.js';
import {firstFrame} from '../../source/wizard/first-frame.js';
import {initialState, type WizardAction, wizardReducer} from '../../source/wizard/reducer.js';
import type {WizardServices, WizardSetup} from '../../source/wizard/services.js';
import {emptyDraft} from '../../source/wizard/draft.js';
import {loadSetup} from '../../source/wizard/setup.js';
import {setupFrom, testFolder} from './fixtures.js';
import {renderSized} from './sized-render.js';

// The first frame is drawn by hand before Ink loads (source/wizard/first-frame.ts); Ink then draws over it. These tests
// hold the two to the same bytes, colours included, so the hand-over cannot be seen.
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
const savedLevel = chalk.level;
afterAll(() => {
	chalk.level = savedLevel;
	restoreCi();
});

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

const unused = async () => {
	throw new Error('not reached on the endpoint step');
};

const services: WizardServices = {probe: unused, plan: unused, apply: unused};

/** Ink's frame of the wizard after `typed`, in a terminal `columns` wide from the start. */
async function inkFrame(setup: WizardSetup, typed = '', columns = 100): Promise<string> {
	const app = renderSized(<App setup={setup} services={services}/>, {columns, rows: 24});
	unmount = app.unmount;
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	if (typed) {
		app.stdin.write(typed);
		await vi.waitFor(() => {
			expect((app.lastFrame() ?? '').replaceAll(ansi, '')).toContain(`Filter: ${typed}`);
		});
	}

	return app.lastFrame() ?? '';
}

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

const type = (text: string): WizardAction => ({type: 'edit', edit: {type: 'insert', text}});

describe('the first frame drawn before Ink', () => {
	test.each([0, 1, 3] as const)('is Ink\'s own first frame, byte for byte, at colour level %i', async level => {
		chalk.level = level;
		const setup = setupFrom();
		const ink = await inkFrame(setup);
		expect(ink).toContain('ccgate · 1/7 Endpoint');
		expect(ink).toContain('Which gateway?');
		expect(firstFrame(initialState(setup, {rows: 24, columns: 100}), 100)?.join('\n')).toBe(ink);
	});

	test('draws the filter\'s text and cursor, and the list it filters, as Ink does', async () => {
		chalk.level = 1;
		const setup = setupFrom();
		const ink = await inkFrame(setup, 'lite');
		expect(ink.replaceAll(ansi, '')).toContain('❯ LiteLLM (unified endpoint)      self-hosted · http://localhost:4000\n  LiteLLM (Bedrock pass-through)  self-hosted · http://localhost:4000/bedrock\n  LiteLLM (Vertex pass-through)   self-hosted · http://localhost:4000/vertex_ai/v1\n  Other                           any other gateway: its format and URL are asked next');
		const state = wizardReducer(initialState(setup, {rows: 24, columns: 100}), type('lite'));
		expect(firstFrame(state, 100)?.join('\n')).toBe(ink);
	});

	test('is not drawn in a terminal so narrow that Ink wraps a line', async () => {
		chalk.level = 0;
		const setup = setupFrom();
		const ink = await inkFrame(setup, '', 60);
		expect(ink).toContain('Which gateway? Type to filter the list; Other is any gateway\n');
		expect(firstFrame(initialState(setup, {rows: 24, columns: 60}), 60)).toBeUndefined();
		expect(firstFrame(initialState(setup, {rows: 24, columns: 80}), 80)).toBeDefined();
	});
});

describe('the first frame when the wizard opens on the current config', () => {
	const configured = {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'secret-token-1234567890', ANTHROPIC_CUSTOM_HEADERS: 'x-team: core'};

	test.each([0, 1, 3] as const)('is Ink\'s own, byte for byte, at colour level %i: values masked, sources dim, the first choice marked', async level => {
		chalk.level = level;
		const setup = setupFrom({user: configured});
		const ink = await inkFrame(setup);
		expect(ink.replaceAll(ansi, '')).toContain('❯ Edit the current config');
		expect(ink).not.toContain('secret-token-1234567890');
		expect(firstFrame(initialState(setup), 100)?.join('\n')).toBe(ink);
	});

	test('with an untrusted project file and its finding, and a profile: Ink\'s own, byte for byte', async () => {
		chalk.level = 1;
		const folder = testFolder({
			'.claude/settings.json': JSON.stringify({env: configured}),
			'project/.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://evil.example.com', ANTHROPIC_MODEL: 'gpt-4o'}}),
			'.config/ccgate/config.json': JSON.stringify({profiles: {work: {values: {ANTHROPIC_BASE_URL: 'https://gw.work.example'}, savedAt: '2026-11-25T00:00:00.000Z'}}}),
		});
		const setup = loadSetup({trustProject: false}, folder.context);
		// The temporary folder's paths are long: a terminal wide enough not to wrap them.
		const ink = await inkFrame(setup, '', 200);
		const text = ink.replaceAll(ansi, '');
		expect(text).toContain('ignored: https://evil.example.com');
		expect(text).toContain('(untrusted folder: not applied)');
		expect(text).toContain('has not trusted this folder');
		expect(text).toContain('Load the profile "work"');
		expect(firstFrame(initialState(setup), 200)?.join('\n')).toBe(ink);
	});

	test('nothing configured but a profile: Ink\'s own, byte for byte', async () => {
		chalk.level = 1;
		const setup = setupFrom({profiles: [{name: 'work', draft: {...emptyDraft, baseUrl: 'https://gw.work.example'}}]});
		const ink = await inkFrame(setup);
		expect(ink).toContain('Nothing of ccgate\'s is configured yet');
		expect(firstFrame(initialState(setup), 100)?.join('\n')).toBe(ink);
	});

	test('in a terminal too narrow for a row of the table, the row wraps inside its columns, by hand as by Ink', async () => {
		chalk.level = 1;
		const setup = setupFrom({user: configured});
		const state = initialState(setup);
		// The widest line is the table's: one row a key, at full width.
		const widest = Math.max(...firstFrame(state, 500)!.map(line => [...line.replaceAll(ansi, '')].length));
		expect(widest).toBe(89);
		for (const columns of [widest, widest - 1, 80]) {
			// eslint-disable-next-line no-await-in-loop
			expect(await inkFrame(setup, '', columns)).toBe(firstFrame(state, columns)?.join('\n'));
			unmount?.();
		}

		expect(firstFrame(state, widest - 1)?.map(line => line.replaceAll(ansi, '')).slice(2, 9)).toEqual([
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL        http://127.0.0.1:4000',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_AUTH_TOKEN      secr…7890',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_CUSTOM_HEADERS  x-team: core',
			'                            user  /home/user/.claude/settings.json',
		]);
	});

	test('is not drawn below the width of a line that does not wrap in columns (the choices\' 76): Ink draws that frame', async () => {
		chalk.level = 0;
		const setup = setupFrom({user: configured});
		const state = initialState(setup);
		expect(firstFrame(state, 76)).toBeDefined();
		expect(firstFrame(state, 75)).toBeUndefined();
		expect((await inkFrame(setup, '', 75)).split('\n').length).toBeGreaterThan(firstFrame(state, 76)!.length);
	});
});
