import type {ServerResponse} from 'node:http';
import {renderToString} from 'ink';
import {afterAll, describe, expect, test, vi} from 'vitest';
import {hasError} from '../../source/core/findings.js';
import {presets} from '../../source/core/presets.js';
import type {ProbeReport} from '../../source/probe/probe.js';
import {defaultServices} from '../../source/wizard/start/default-services.js';
import {findingOf} from '../../source/wizard/model/finding-of.js';
import type {Command} from '../../source/wizard/model/keys.js';
import {selectedTarget, writeRequest} from '../../source/wizard/model/steps/target.js';
import {askedField, fieldText, focusedField, type TextFieldName} from '../../source/wizard/model/text-editing.js';
import {initialState, steps, type WizardAction, wizardReducer, type WizardState} from '../../source/wizard/model/reducer.js';
import {Screen} from '../../source/wizard/view/Screen.js';
import type {WizardServices} from '../../source/wizard/model/services.js';
import {loadSetup} from '../../source/wizard/start/setup.js';
import {type GatewayOptions, startGateway} from '../helpers/gateway.js';
import {testFolder, unusableReport, usableReport} from './fixtures.js';

/*
Issue 20.1: every fix the wizard shows names a key or a step, never a command-line flag. This walks every step of
the wizard for every known gateway and for Other in each API format: at each state it tries what a user can do
there (Enter on an empty field, a wrong value, each row of a list, the step's own keys, Esc) and follows each of
those as far as the wizard goes, drawing every state with the component the app draws (Screen) and failing on any
`--flag` on it. The probe is given a usable and an unusable report; the last section runs the real probe against
loopback gateways that fail in the ways it diagnoses, so its own findings are on screen too.
*/

const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
afterAll(restoreCi);

const command = (name: Command): WizardAction => ({type: 'command', command: name});
const type = (text: string): WizardAction => ({type: 'edit', edit: {type: 'insert', text}});
const clear: WizardAction[] = [{type: 'edit', edit: {type: 'end'}}, {type: 'edit', edit: {type: 'clear'}}];

/** A flag as the command line spells one: two dashes and a letter, not inside a word. */
const flag = /(?<![\w-])--[a-z][\w-]*/;

/** A wide, tall terminal: nothing wraps a flag in two or scrolls one out of sight. */
const terminal = {rows: 400, columns: 300};

const goodValues: Partial<Record<TextFieldName, string>> = {
	baseUrl: 'http://127.0.0.1:4000',
	region: 'us-east-1',
	project: 'my-project',
	secret: 'secret-token-1234',
	helper: 'cat /home/user/key',
	headerName: 'x-team',
	headerValue: 'core',
};

const presetFieldValues: Readonly<Record<string, string>> = {account: 'acct123', gateway: 'my-gw', 'gateway-token': 'cf-token-9', provider: '@anthropic-prod'};

/** Wrong values for a field: each shows a finding with its fix. */
function wrongValues(field: TextFieldName): string[] {
	switch (field) {
		case 'baseUrl': {
			return ['localhost:4000', 'http://user:pw@127.0.0.1:4000', 'https://api.anthropic.com', 'ftp://x'];
		}

		case 'headerName': {
			return ['Authorization', 'bad name'];
		}

		case 'gatewayFilter': {
			return [];
		}

		default: {
			return ['bad value', 'claude-gw-sonnet'];
		}
	}
}

type Walk = {
	readonly services: WizardServices;
	/** Each screen seen, once. */
	readonly seen: Set<string>;
	/** The probe's answer: a given report, or the real probe's. */
	readonly report?: ProbeReport;
};

function focusedValue(state: WizardState): string | undefined {
	const field = focusedField(state);
	if (field === undefined) {
		return undefined;
	}

	return field === 'presetField' ? presetFieldValues[askedField(state)!.name] : goodValues[field];
}

/** The next step forward with values that work, or undefined where the wizard goes no further. */
function forward(state: WizardState): WizardAction[] | undefined {
	const field = focusedField(state);
	const errors = hasError(steps[state.step].findings(state));
	if (field !== undefined && field !== 'gatewayFilter') {
		const value = focusedValue(state);
		if (value !== undefined && (errors || fieldText(state, field) === '')) {
			return [...clear, type(value), command('confirm')];
		}

		if (errors) {
			return [...clear, command('confirm')];
		}
	}

	if (state.step === 'headers' && state.headers.edit === undefined) {
		return state.headers.index > state.draft.headers.length ? [command('confirm')] : [command('down'), command('down')];
	}

	if (state.step === 'probe' && state.probe.status === 'done' && !state.probe.report.usable) {
		return [command('accept-unusable')];
	}

	if (state.step === 'done' || (state.step === 'review' && state.review.status === 'plan-failed')) {
		return undefined;
	}

	return [command('confirm')];
}

/** What a user can try on this state besides going forward: each is followed as far as the wizard goes. */
function tries(state: WizardState): WizardAction[][] {
	const field = focusedField(state);
	const own = Object.keys(steps[state.step].keys).map(name => [command(name as Command)]);
	const list: WizardAction[][] = [[command('back')], [command('reveal')], ...own];
	if (field !== undefined && field !== 'gatewayFilter') {
		list.push([...clear, command('confirm')]);
		for (const value of wrongValues(field)) {
			list.push([...clear, type(value)], [...clear, type(value), command('confirm')]);
		}
	}

	if (field === undefined) {
		for (let rows = 1; rows <= 4; rows++) {
			list.push([...Array.from({length: rows}, () => command('down')), command('confirm')]);
		}
	}

	return list;
}

/** Draws the state and checks it; false when this screen was seen before (a branch that met the main line ends there). */
function draw(walk: Walk, state: WizardState): boolean {
	const screen = renderToString(<Screen state={state}/>, {columns: terminal.columns});
	if (walk.seen.has(screen)) {
		return false;
	}

	walk.seen.add(screen);
	expect(flag.exec(screen)?.[0], `a flag on the ${state.step} step:\n${screen}`).toBeUndefined();
	return true;
}

/** The answers the app's hooks would give: the probe's report, the real plan, the real write; each state before an answer is drawn. */
async function settle(walk: Walk, state: WizardState): Promise<WizardState> {
	let next = state;
	for (;;) {
		const waiting = next.probe.status === 'running' && next.step !== 'endpoint' && next.step !== 'credential';
		if (!waiting && next.review.status !== 'planning' && next.review.status !== 'writing') {
			return next;
		}

		draw(walk, next);
		// eslint-disable-next-line no-await-in-loop
		next = await answer(walk, next);
	}
}

async function answer(walk: Walk, state: WizardState): Promise<WizardState> {
	const {probe, review} = state;
	if (review.status === 'planning') {
		try {
			return wizardReducer(state, {type: 'planned', id: review.id, change: await walk.services.plan(selectedTarget(state), writeRequest(state))});
		} catch (error) {
			return wizardReducer(state, {type: 'plan-failed', id: review.id, finding: findingOf(error)});
		}
	}

	if (review.status === 'writing') {
		try {
			return wizardReducer(state, {type: 'written', outcome: await walk.services.apply(review.change, state.start.profile)});
		} catch (error) {
			return wizardReducer(state, {type: 'write-failed', finding: findingOf(error)});
		}
	}

	if (probe.status !== 'running') {
		return state;
	}

	const report = walk.report ?? await walk.services.probe(probe.input, new AbortController().signal);
	return wizardReducer(state, {type: 'probe-finished', id: probe.id, report});
}

function apply(state: WizardState, actions: readonly WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, state);
}

/** From `state`, forward until the wizard goes no further, drawing each state; the tries branch off the main line. */
async function walkFrom(walk: Walk, start: WizardState, branch: boolean): Promise<void> {
	let state = await settle(walk, start);
	draw(walk, state);
	for (let count = 0; count < 80; count++) {
		if (branch) {
			for (const actions of tries(state)) {
				// eslint-disable-next-line no-await-in-loop
				const tried = await settle(walk, apply(state, actions));
				if (draw(walk, tried) && (tried.step !== state.step || tried.review.status !== state.review.status)) {
					// eslint-disable-next-line no-await-in-loop
					await walkFrom(walk, tried, false);
				}
			}
		}

		const actions = forward(state);
		if (actions === undefined || state.result) {
			return;
		}

		// eslint-disable-next-line no-await-in-loop
		const next = await settle(walk, apply(state, actions));
		if ((!draw(walk, next) && !branch) || next === state || next.blocked) {
			return;
		}

		state = next;
	}
}

/** The walk from "Which gateway?" on: `filter` picks the gateway, `formatMoves` the format for Other. */
async function walkGateway(filter: string, formatMoves: number, report: ProbeReport | undefined, options: {baseUrl?: string; branch?: boolean} = {}): Promise<Set<string>> {
	const folder = testFolder();
	const setup = loadSetup({trustProject: false}, folder.context);
	const walk: Walk = {services: defaultServices(setup, folder.context, {timeoutMs: 300}), seen: new Set(), ...(report && {report})};
	let state = initialState(setup, terminal);
	draw(walk, state);
	state = apply(state, [type(filter), command('confirm'), ...Array.from({length: formatMoves}, () => command('down'))]);
	if (options.baseUrl !== undefined) {
		state = apply(state, [command('confirm'), type(options.baseUrl)]);
	}

	await walkFrom(walk, state, options.branch ?? true);
	return walk.seen;
}

const anthropicError = (status: number, type: string, message: string) => (response: ServerResponse) => {
	response.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify({type: 'error', error: {type, message}}));
	return true;
};

describe('no --flag on any screen of the wizard', () => {
	for (const preset of presets()) {
		test(`${preset.name}: every step, with a usable and an unusable probe`, async () => {
			const seen = await walkGateway(preset.id, 0, usableReport());
			await walkGateway(preset.id, 0, unusableReport());
			expect([...seen].some(screen => screen.includes('Done'))).toBe(true);
		});
	}

	for (const [format, moves] of [['anthropic', 0], ['bedrock', 1], ['vertex', 2]] as const) {
		test(`Other in the ${format} format: every step, with a usable and an unusable probe`, async () => {
			const seen = await walkGateway('other', moves, usableReport());
			await walkGateway('other', moves, unusableReport());
			expect([...seen].some(screen => screen.includes('Done'))).toBe(true);
		});
	}
});

describe('no --flag on any screen of the wizard, with the real probe\'s findings', () => {
	const faults: Array<{name: string; options: GatewayOptions; seen: string}> = [
		{name: 'a gateway that refuses the credential', options: {auth: {bearer: 'another-token'}}, seen: 'rejects the credential'},
		{name: 'a gateway that wants an x-api-key', options: {auth: {apiKey: 'secret-token-1234'}}, seen: 'x-api-key'},
		{name: 'a gateway that lists no models', options: {handler: (request, response) => request.path.startsWith('/v1/models') && anthropicError(404, 'not_found_error', 'Not found')(response)}, seen: 'lists no models'},
		{name: 'a gateway that serves none of the models asked for', options: {handler: (request, response) => request.path.startsWith('/v1/messages') && anthropicError(404, 'not_found_error', 'model: claude-gw-sonnet not found')(response)}, seen: 'probe: not usable'},
		{name: 'a gateway that wants a header', options: {handler: (request, response) => request.method === 'POST' && anthropicError(400, 'invalid_request_error', 'Either x-portkey-config or x-portkey-provider header is required')(response)}, seen: 'x-portkey-provider'},
	];
	for (const fault of faults) {
		test(`${fault.name}: every step after the probe`, async () => {
			const gateway = await startGateway(fault.options);
			try {
				const seen = await walkGateway('other', 0, undefined, {baseUrl: gateway.url});
				expect([...seen].some(screen => screen.includes(fault.seen)), `no screen shows ${fault.seen}`).toBe(true);
			} finally {
				await gateway.close();
			}
		});
	}

	test('a gateway that does not answer in time', async () => {
		// Never answers: the probe's timeout ends each request.
		const gateway = await startGateway({handler: async () => new Promise<boolean>(() => {
			// Left pending.
		})});
		try {
			const seen = await walkGateway('other', 0, undefined, {baseUrl: gateway.url, branch: false});
			expect([...seen].some(screen => screen.includes('did not answer within 300 ms') || screen.includes('got no answer within 300 ms'))).toBe(true);
		} finally {
			await gateway.close();
		}
	});
});
