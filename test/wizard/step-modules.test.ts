import {readFileSync} from 'node:fs';
import {describe, expect, test, vi} from 'vitest';
import {type Step, stepOrder} from '../../source/wizard/model/state.js';
import {initialState, steps, type WizardAction, wizardReducer, type WizardState} from '../../source/wizard/model/reducer.js';
import {setupFrom} from './fixtures.js';

/*
Issue 12 point 7: each step's logic is one module, `model/steps/<step>.ts`, exporting one Step; reducer.ts only dispatches.
*/

describe('the wizard\'s logic is organised by step', () => {
	test.each(stepOrder)('%s: its module exports the one Step the reducer dispatches to', async name => {
		const module = await import(`../../source/wizard/model/steps/${name}.ts`) as Record<string, unknown>;
		const step = module[`${name}Step`] as Step;
		expect(steps[name]).toBe(step);
		expect(typeof step.confirm).toBe('function');
		expect(typeof step.back).toBe('function');
		expect(typeof step.findings).toBe('function');
		expect(typeof step.hints).toBe('function');
		expect(typeof step.keys).toBe('object');
	});

	test('reducer.ts names no step: it hands each action on through the table', () => {
		const source = readFileSync(new URL('../../source/wizard/model/reducer.ts', import.meta.url), 'utf8');
		const named = stepOrder.filter(name => new RegExp(`'${name}'`).test(source));
		expect(named).toEqual([]);
		expect(source).not.toMatch(/state\.step\s*[!=]==/);
	});

	test('no step module imports reducer.ts or layout.ts, so the table is whole whichever module loads first', () => {
		const files = [...stepOrder.map(name => `steps/${name}`), 'state', 'text-editing'];
		const importing = files.filter(name => {
			const source = readFileSync(new URL(`../../source/wizard/model/${name}.ts`, import.meta.url), 'utf8');
			return /from '(?:\.\.?\/)+(?:reducer|layout)\.js'/.test(source);
		});
		expect(importing).toEqual([]);
	});

	test('Enter, Esc, the arrows and a step\'s own key go to the step of state.step', () => {
		const state: WizardState = {...initialState(setupFrom()), step: 'headers'};
		const calls: string[] = [];
		const spies = [
			vi.spyOn(steps.headers, 'confirm').mockImplementation(given => {
				calls.push('confirm');
				return given;
			}),
			vi.spyOn(steps.headers, 'back').mockImplementation(given => {
				calls.push('back');
				return given;
			}),
			vi.spyOn(steps.headers, 'move').mockImplementation((given, delta) => {
				calls.push(`move ${delta}`);
				return given;
			}),
			vi.spyOn(steps.headers.keys, 'remove').mockImplementation(given => {
				calls.push('remove');
				return given;
			}),
		];
		try {
			const commands: WizardAction[] = (['confirm', 'back', 'up', 'down', 'remove'] as const).map(command => ({type: 'command', command}));
			commands.reduce(wizardReducer, state);
			expect(calls).toEqual(['confirm', 'back', 'move -1', 'move 1', 'remove']);
		} finally {
			for (const spy of spies) {
				spy.mockRestore();
			}
		}
	});
});
