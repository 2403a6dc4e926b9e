import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/wizard/App.js';
import {firstFrame} from '../../source/wizard/first-frame.js';
import {initialState, type WizardAction, wizardReducer} from '../../source/wizard/reducer.js';
import type {WizardServices, WizardSetup} from '../../source/wizard/services.js';
import {setupFrom} from './fixtures.js';

// The first frame is drawn by hand before Ink loads (source/wizard/first-frame.ts); Ink then draws over it. These tests
// hold the two to the same bytes, colours included, so the hand-over cannot be seen.
const hiddenCi = vi.hoisted(() => {
	const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	return saved;
});
const savedLevel = chalk.level;
afterAll(() => {
	chalk.level = savedLevel;
	for (const [name, value] of Object.entries(hiddenCi)) {
		if (value !== undefined) {
			process.env[name] = value;
		}
	}
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

/** Ink's frame of the wizard after `typed`, at `columns` wide. */
async function inkFrame(setup: WizardSetup, typed = '', columns = 100): Promise<string> {
	const app = render(<App setup={setup} services={services}/>);
	unmount = app.unmount;
	if (columns !== 100) {
		Object.defineProperty(app.stdout, 'columns', {get: () => columns});
		app.stdout.emit('resize');
	}

	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	if (typed) {
		app.stdin.write(typed);
		await vi.waitFor(() => {
			expect((app.lastFrame() ?? '').replaceAll(ansi, '')).toContain(`❯ ${typed}`);
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
		expect(firstFrame(initialState(setup), 100)?.join('\n')).toBe(ink);
	});

	test('draws the field\'s text, cursor and findings as Ink does', async () => {
		chalk.level = 1;
		const setup = setupFrom();
		const ink = await inkFrame(setup, 'localhost:8766');
		expect(ink).toContain('→ use http://localhost:8766');
		const state = wizardReducer(initialState(setup), type('localhost:8766'));
		expect(firstFrame(state, 100)?.join('\n')).toBe(ink);
	});

	test('is not drawn in a terminal so narrow that Ink wraps a line', async () => {
		chalk.level = 0;
		const setup = setupFrom();
		const ink = await inkFrame(setup, '', 60);
		expect(ink).toContain('The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code\nappends /v1/messages.');
		expect(firstFrame(initialState(setup), 60)).toBeUndefined();
		expect(firstFrame(initialState(setup), 80)).toBeDefined();
	});

	test('is not drawn when the wizard opens on the current config: Ink draws that one', () => {
		const state = initialState(setupFrom({user: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000'}}));
		expect(state.step).toBe('current');
		expect(firstFrame(state, 100)).toBeUndefined();
	});
});
