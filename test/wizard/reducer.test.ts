import {describe, expect, test} from 'vitest';
import {resolveEffective} from '../../source/core/layers.js';
import {draftFromValues, emptyDraft} from '../../source/wizard/model/draft.js';
import type {Command} from '../../source/wizard/model/keys.js';
import {writeRequest} from '../../source/wizard/model/steps/target.js';
import {initialState, type WizardAction, wizardReducer, type WizardState} from '../../source/wizard/model/reducer.js';
import type {PlannedChange} from '../../source/wizard/model/services.js';
import {setupFrom, unusableReport, usableReport} from './fixtures.js';

const command = (name: Command): WizardAction => ({type: 'command', command: name});
const enter = command('confirm');
const esc = command('back');
const down = command('down');
const up = command('up');
const type = (text: string): WizardAction => ({type: 'edit', edit: {type: 'insert', text}});
const clear: WizardAction[] = [{type: 'edit', edit: {type: 'end'}}, {type: 'edit', edit: {type: 'clear'}}];

function run(state: WizardState, ...actions: Array<WizardAction | WizardAction[]>): WizardState {
	return actions.flat().reduce(wizardReducer, state);
}

const gateway = 'http://127.0.0.1:4000';
/** From the "Which gateway?" list: Other (the only row once the filter matches no preset), then the Anthropic format. */
const other: WizardAction[] = [type('other'), enter, enter];
/** A first-time user at the base URL question. */
const fresh = () => run(initialState(setupFrom()), other);
const configured = () => initialState(setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'old-token'}}));

/** Through the steps with valid answers, as far as `step`. */
function freshAt(step: WizardState['step']): WizardState {
	const path: Record<string, WizardAction[]> = {
		endpoint: [],
		credential: [type(gateway), enter],
		headers: [type(gateway), enter, enter, type('token-1'), enter, enter],
	};
	path['models'] = [...path['headers']!, down, enter];
	path['probe'] = [...path['models'], enter];
	let state = run(fresh(), path[step] ?? path['probe']);
	if (path[step]) {
		return state;
	}

	if (state.probe.status === 'running') {
		state = run(state, {type: 'probe-finished', id: state.probe.id, report: usableReport()});
	}

	state = run(state, enter);
	return step === 'target' ? state : run(state, enter);
}

const change: PlannedChange = {kind: 'print', shell: 'bash', text: 'export A=1\n', maskedText: 'export A=1\n', findings: []};

describe('step transitions', () => {
	test('with something configured the wizard starts on the current config, with nothing started', () => {
		const state = configured();
		expect(state.step).toBe('current');
		expect(state.probe.status).toBe('idle');
		expect(state.result).toBeUndefined();
	});

	test('a first-time user (nothing configured, no profile) starts on the endpoint\'s "Which gateway?" with empty fields', () => {
		const state = initialState(setupFrom());
		expect(state.step).toBe('endpoint');
		expect(state.endpoint.part).toBe('gateway');
		expect(state.draft).toEqual(emptyDraft);
		expect(state.start.baseline).toEqual(emptyDraft);
		expect(state.probe.status).toBe('idle');
	});

	test('a saved profile alone is reason enough to start on the current config', () => {
		const profile = {name: 'work', draft: {...emptyDraft, baseUrl: 'https://gw.example.com'}};
		expect(initialState(setupFrom({profiles: [profile]})).step).toBe('current');
	});

	test('start fresh opens the endpoint step with empty fields', () => {
		const state = run(configured(), down, enter);
		expect(state.step).toBe('endpoint');
		expect(state.endpoint.part).toBe('gateway');
		expect(state.draft).toEqual(emptyDraft);
		expect(state.probe.status).toBe('idle');
	});

	test('editing the current config starts every field from the effective value and starts the probe', () => {
		const state = run(configured(), enter, enter);
		expect(state.step).toBe('endpoint');
		expect(state.draft.baseUrl).toBe(gateway);
		expect(state.draft.secret).toBe('old-token');
		expect(state.probe).toMatchObject({status: 'running', id: 1, input: {baseUrl: gateway, values: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'old-token'}}});
	});

	test('a saved profile loads its values', () => {
		const profile = {name: 'work', draft: {...emptyDraft, baseUrl: 'https://gw.example.com', secret: 'work-token'}};
		const state = run(initialState(setupFrom({profiles: [profile]})), down, enter);
		expect(state.draft).toEqual(profile.draft);
		expect(state.probe.status).toBe('running');
	});

	test('the endpoint step goes on to the credential with the base URL normalised', () => {
		const state = run(fresh(), type(`${gateway}/`), enter);
		expect(state.step).toBe('credential');
		expect(state.credential.part).toBe('style');
		expect(state.draft.baseUrl).toBe(gateway);
	});

	test('a bearer token is asked, then where it lives, then the headers step opens', () => {
		let state = run(freshAt('credential'), enter);
		expect(state.credential.part).toBe('secret');
		state = run(state, type('token-1'), enter);
		expect(state.credential.part).toBe('storage');
		state = run(state, down, enter);
		expect(state.step).toBe('headers');
		expect(state.draft.secretStorage).toBe('secret-file');
	});

	test('the probe starts as soon as endpoint and credential are valid', () => {
		const state = freshAt('headers');
		expect(state.probe).toMatchObject({status: 'running', input: {baseUrl: gateway, values: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'token-1'}}});
	});

	test('no credential (a local gateway) skips the secret and sends the placeholder token', () => {
		const state = run(freshAt('credential'), down, down, down, enter);
		expect(state.draft.credentialStyle).toBe('none');
		expect(state.step).toBe('headers');
		expect(state.probe).toMatchObject({status: 'running', input: {values: {ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth'}}});
	});

	test('an apiKeyHelper command is asked and then the headers step opens, with no storage question', () => {
		const state = run(freshAt('credential'), down, down, enter, type('cat ~/key'), enter);
		expect(state.step).toBe('headers');
		expect(state.draft.helper).toBe('cat ~/key');
		expect(state.probe).toMatchObject({status: 'running', input: {values: {apiKeyHelper: 'cat ~/key'}}});
	});

	test('a header is added, then Continue opens the models step', () => {
		let state = freshAt('headers');
		expect(state.headers.index).toBe(0);
		state = run(state, enter);
		expect(state.headers.edit).toEqual({name: '', value: '', part: 'name'});
		state = run(state, type('x-team: core'), enter);
		expect(state.draft.headers).toEqual([{name: 'x-team', value: 'core'}]);
		expect(state.headers.edit).toBeUndefined();
		expect(state.headers.index).toBe(2);
		state = run(state, enter);
		expect(state.step).toBe('models');
		expect(state.probe).toMatchObject({input: {values: {ANTHROPIC_CUSTOM_HEADERS: 'x-team: core'}}});
	});

	test('a header is edited in place and removed with d', () => {
		let state = run(freshAt('headers'), enter, type('x-team: core'), enter, up, enter, type('x-b: 2'), enter);
		state = run(state, up, up, up, enter, clear, type('x-team: infra'), enter);
		expect(state.draft.headers).toEqual([{name: 'x-team', value: 'infra'}, {name: 'x-b', value: '2'}]);
		state = run(state, up, up, up, command('remove'));
		expect(state.draft.headers).toEqual([{name: 'x-b', value: '2'}]);
	});

	test('an empty header line closes the editor without adding anything', () => {
		const state = run(freshAt('headers'), enter, enter);
		expect(state.headers.edit).toBeUndefined();
		expect(state.draft.headers).toEqual([]);
	});

	test('the models step goes on to the probe', () => {
		const state = run(freshAt('models'), type('claude-gw-sonnet'), enter);
		expect(state.step).toBe('probe');
		expect(state.draft.model).toBe('claude-gw-sonnet');
	});

	test('Tab fills a model field from the probe\'s list, in turn', () => {
		let state = freshAt('models');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: usableReport()});
		state = run(state, command('next-model'));
		expect(state.draft.model).toBe('claude-gw-sonnet');
		state = run(state, command('next-model'));
		expect(state.draft.model).toBe('gpt-4o');
	});

	test('Space turns discovery on and off on its row', () => {
		// Past the default model, the four tiers and the subagent model.
		let state = run(freshAt('models'), down, down, down, down, down, down, command('toggle'));
		expect(state.draft.discovery).toBe(true);
		state = run(state, command('toggle'));
		expect(state.draft.discovery).toBe(false);
	});

	test('a usable probe lets the user go on to the target', () => {
		let state = freshAt('probe');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: usableReport()}, enter);
		expect(state.step).toBe('target');
	});

	test('the target step opens the review, which plans the write', () => {
		const state = run(freshAt('target'), enter);
		expect(state.step).toBe('review');
		expect(state.review).toEqual({status: 'planning', id: 1});
	});

	test('confirming the review writes, and the written change opens the done step', () => {
		let state = run(freshAt('review'), {type: 'planned', id: 1, change}, enter);
		expect(state.review).toEqual({status: 'writing', change});
		state = run(state, {type: 'written', outcome: {changed: true, inPlace: false}});
		expect(state.step).toBe('done');
	});

	test('Enter on the done step ends the wizard, with printed lines handed back', () => {
		const state = run(freshAt('review'), {type: 'planned', id: 1, change}, enter, {type: 'written', outcome: {changed: false, inPlace: false}}, enter);
		expect(state.result).toEqual({kind: 'printed', text: 'export A=1\n'});
	});

	test('a written settings file ends the wizard as written', () => {
		const write = {...change, kind: 'write', label: '~/.claude/settings.json', diff: '', plan: {}} as unknown as PlannedChange;
		const state = run(freshAt('review'), {type: 'planned', id: 1, change: write}, enter, {type: 'written', outcome: {changed: true, inPlace: false}}, enter);
		expect(state.result).toEqual({kind: 'written'});
	});
});

describe('what the write carries, by how the wizard was started', () => {
	const withModel = () => initialState(setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'old-token', model: 'opus'}}));

	test('editing writes only the field changed', () => {
		const state = run(withModel(), enter, enter, enter, enter, clear, type('token-2'), enter, enter);
		expect(writeRequest(state).set).toEqual({ANTHROPIC_AUTH_TOKEN: 'token-2'});
		expect(writeRequest(state).unset).toEqual([]);
	});

	test('a fresh start writes what the screen shows: the fields typed, and a field left empty is cleared', () => {
		const state = run(withModel(), down, enter, other, type('https://gw.example.com'), enter, enter, type('token-2'), enter, enter);
		expect(writeRequest(state)).toEqual({set: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'token-2'}, unset: ['model', 'ANTHROPIC_MODEL'], noAuth: false, secretFile: false});
	});

	test('a fresh start with discovery off, no headers and no model writes none of them', () => {
		const setup = setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'old-token', ANTHROPIC_CUSTOM_HEADERS: 'x-team: core\nx-env: prod', model: 'opus', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}});
		const state = run(initialState(setup), down, enter, other, type('https://gw.example.com'), enter, enter, type('token-2'), enter, enter);
		expect(writeRequest(state)).toEqual({set: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'token-2'}, unset: ['model', 'ANTHROPIC_MODEL', 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'], headers: [], noAuth: false, secretFile: false});
	});

	test('a profile replaces the gateway settings: what it leaves empty is cleared', () => {
		const profile = {name: 'work', draft: {...emptyDraft, baseUrl: 'https://gw.example.com', secret: 'work-token'}};
		const setup = {...setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'old-token', model: 'opus'}}), profiles: [profile]};
		const state = run(initialState(setup), down, down, enter);
		expect(writeRequest(state)).toEqual({set: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'work-token'}, unset: ['model', 'ANTHROPIC_MODEL'], noAuth: false, secretFile: false});
	});

	test('values from the shell alone are copied into a settings file when editing', () => {
		const state = run(initialState(setupFrom({shell: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'shell-token'}, fromShell: ['baseUrl', 'credential']})), enter);
		expect(writeRequest(state).set).toEqual({ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'shell-token'});
	});
});

describe('validation gating', () => {
	test('a scheme-less base URL blocks Enter', () => {
		const state = run(fresh(), type('localhost:8766'), enter);
		expect(state.step).toBe('endpoint');
	});

	test('an empty base URL blocks Enter', () => {
		expect(run(fresh(), enter).step).toBe('endpoint');
	});

	test('a base URL ending in /v1/messages blocks Enter; one ending in /v1 is a warning (some gateways route it)', () => {
		expect(run(fresh(), type(`${gateway}/v1/messages`), enter).step).toBe('endpoint');
		expect(run(fresh(), type(`${gateway}/v1`), enter).step).toBe('credential');
	});

	test('plain http to another machine is a warning, and Enter goes on', () => {
		expect(run(fresh(), type('http://gateway.example.com'), enter).step).toBe('credential');
	});

	test('an empty token blocks Enter', () => {
		const state = run(freshAt('credential'), enter, enter);
		expect(state.credential.part).toBe('secret');
	});

	test('a token with a space blocks Enter', () => {
		const state = run(freshAt('credential'), enter, type('tok en'), enter);
		expect(state.credential.part).toBe('secret');
	});

	test('an x-api-key is a warning (the approval prompt), and Enter goes on', () => {
		const state = run(freshAt('credential'), down, enter, type('key-1'), enter);
		expect(state.credential.part).toBe('storage');
	});

	test('an empty apiKeyHelper command blocks Enter', () => {
		const state = run(freshAt('credential'), down, down, enter, enter);
		expect(state.credential.part).toBe('secret');
	});

	test('a reserved header is refused', () => {
		const state = run(freshAt('headers'), enter, type('Authorization: Bearer x'), enter);
		expect(state.headers.edit).toEqual({name: 'Authorization', value: 'Bearer x', part: 'value'});
		expect(state.draft.headers).toEqual([]);
	});

	test('a duplicate header (any case) is refused', () => {
		const state = run(freshAt('headers'), enter, type('x-team: a'), enter, up, enter, type('X-Team: b'), enter);
		expect(state.headers.edit).toEqual({name: 'X-Team', value: 'b', part: 'value'});
	});

	test('a header without a name is refused', () => {
		const state = run(freshAt('headers'), enter, type(': core'), enter);
		expect(state.headers.edit).toEqual({name: '', value: 'core', part: 'value'});
	});

	test('an invalid header from the current config blocks Continue until it is removed', () => {
		let state = run(initialState(setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 't', ANTHROPIC_CUSTOM_HEADERS: 'host: x'}})), enter, enter, enter, enter, enter, enter);
		expect(state.step).toBe('headers');
		state = run(state, enter);
		expect(state.step).toBe('headers');
		state = run(state, up, up, command('remove'), down, enter);
		expect(state.step).toBe('models');
	});

	test('a non-Claude model is a warning, and Enter goes on', () => {
		expect(run(freshAt('models'), type('gpt-4o'), enter).step).toBe('probe');
	});

	test('a model ID with a space blocks Enter', () => {
		expect(run(freshAt('models'), type('claude sonnet'), enter).step).toBe('models');
	});

	test('Enter waits while the probe runs', () => {
		expect(run(freshAt('probe'), enter).step).toBe('probe');
	});

	test('an unusable gateway blocks Enter', () => {
		let state = freshAt('probe');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: unusableReport()}, enter);
		expect(state.step).toBe('probe');
	});

	test('an unusable gateway can be written after the explicit y', () => {
		let state = freshAt('probe');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: unusableReport()}, command('accept-unusable'));
		expect(state.step).toBe('target');
		expect(state.acceptUnusable).toBe(true);
	});

	test('y does nothing when the gateway is usable', () => {
		let state = freshAt('probe');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: usableReport()}, command('accept-unusable'));
		expect(state.step).toBe('probe');
	});

	test('a plan with an error blocks the write', () => {
		const refused = {...change, findings: [{code: 'secret-target-tracked', level: 'error', message: 'The file would be committed'}]} satisfies PlannedChange;
		const state = run(freshAt('review'), {type: 'planned', id: 1, change: refused}, enter);
		expect(state.review.status).toBe('planned');
	});

	test('Enter does nothing while the plan is worked out', () => {
		expect(run(freshAt('review'), enter).review.status).toBe('planning');
	});
});

describe('back-navigation', () => {
	test('Esc on the endpoint goes back to the current config', () => {
		expect(run(configured(), enter, esc).step).toBe('current');
		expect(run(configured(), enter, enter, esc, esc).step).toBe('current');
	});

	test('Esc on a first-time user\'s endpoint goes back question by question to "Which gateway?", and stays there', () => {
		expect(run(fresh(), type('http://a'), esc)).toMatchObject({step: 'endpoint', endpoint: {part: 'format'}, draft: {baseUrl: 'http://a'}});
		expect(run(fresh(), type('http://a'), esc, esc, esc)).toMatchObject({step: 'endpoint', endpoint: {part: 'gateway'}});
	});

	test('Esc on the current config stays', () => {
		expect(run(configured(), esc).step).toBe('current');
	});

	test('Esc walks back through the credential\'s parts, then to the endpoint', () => {
		let state = run(freshAt('credential'), enter, type('token-1'), enter);
		expect(state.credential.part).toBe('storage');
		state = run(state, esc);
		// Back on the secret, the token typed is kept aside and shown as [****]: the field is empty to type a new one.
		expect(state).toMatchObject({credential: {part: 'secret'}, keptSecret: 'token-1', draft: {secret: ''}});
		expect(run(state, enter)).toMatchObject({credential: {part: 'storage'}, draft: {secret: 'token-1'}});
		state = run(state, esc);
		expect(state.draft.secret).toBe('token-1');
		expect(state.credential.part).toBe('style');
		state = run(state, esc);
		expect(state.step).toBe('endpoint');
		expect(state.draft.baseUrl).toBe(gateway);
	});

	test('Esc on the headers goes back to where the credential was left', () => {
		expect(run(freshAt('headers'), esc)).toMatchObject({step: 'credential', credential: {part: 'storage'}});
		expect(run(freshAt('credential'), down, down, down, enter, esc)).toMatchObject({step: 'credential', credential: {part: 'style'}});
	});

	test('Esc while editing a header goes back from its value to its name, then cancels the edit and keeps the list', () => {
		expect(run(freshAt('headers'), enter, type('x-team: core'), esc).headers.edit).toEqual({name: 'x-team', value: 'core', part: 'name'});
		const state = run(freshAt('headers'), enter, type('x-team: core'), esc, esc);
		expect(state.step).toBe('headers');
		expect(state.headers.edit).toBeUndefined();
		expect(state.draft.headers).toEqual([]);
	});

	test('Esc goes from models to headers, from the probe to models, from the target to the probe', () => {
		expect(run(freshAt('models'), esc).step).toBe('headers');
		expect(run(freshAt('probe'), esc).step).toBe('models');
		expect(run(freshAt('target'), esc).step).toBe('probe');
	});

	test('Esc on the review goes back to the target and drops the plan', () => {
		const state = run(freshAt('review'), {type: 'planned', id: 1, change}, esc);
		expect(state.step).toBe('target');
		expect(state.review).toEqual({status: 'idle'});
	});

	test('a plan that arrives after Esc is ignored', () => {
		const state = run(freshAt('review'), esc, {type: 'planned', id: 1, change});
		expect(state.review).toEqual({status: 'idle'});
	});

	test('Esc does nothing while writing, or on the done step', () => {
		const writing = run(freshAt('review'), {type: 'planned', id: 1, change}, enter);
		expect(run(writing, esc).step).toBe('review');
		const done = run(writing, {type: 'written', outcome: {changed: true, inPlace: false}});
		expect(run(done, esc).step).toBe('done');
	});

	test('values typed survive going back and forth', () => {
		const state = run(freshAt('models'), type('claude-x'), esc, esc, esc, esc);
		expect(state.step).toBe('credential');
		expect(run(state, enter, enter, enter, enter).draft.model).toBe('claude-x');
	});
});

describe('the background probe', () => {
	test('it re-runs when a value it depends on changes', () => {
		let state = freshAt('headers');
		const first = (state.probe as {id: number}).id;
		state = run(state, {type: 'probe-finished', id: first, report: unusableReport()});
		state = run(state, esc, esc, clear, type('token-2'), enter, enter);
		expect(state.probe).toMatchObject({status: 'running', id: first + 1, input: {values: {ANTHROPIC_AUTH_TOKEN: 'token-2'}}});
	});

	test('it does not re-run when nothing it depends on changed', () => {
		let state = freshAt('headers');
		const {id} = state.probe as {id: number};
		state = run(state, {type: 'probe-finished', id, report: usableReport()}, enter, enter);
		expect(state.probe).toMatchObject({status: 'done', id});
	});

	test('r runs it again', () => {
		let state = freshAt('probe');
		const {id} = state.probe as {id: number};
		state = run(state, {type: 'probe-finished', id, report: unusableReport()}, command('rerun'));
		expect(state.probe).toMatchObject({status: 'running', id: id + 1});
	});

	test('an answer from an older run is ignored', () => {
		let state = freshAt('headers');
		const {id} = state.probe as {id: number};
		state = run(state, esc, esc, clear, type('token-2'), enter, enter);
		state = run(state, {type: 'probe-finished', id, report: usableReport()});
		expect(state.probe.status).toBe('running');
	});

	test('a new run takes back an earlier "write it anyway"', () => {
		let state = freshAt('probe');
		state = run(state, {type: 'probe-finished', id: (state.probe as {id: number}).id, report: unusableReport()}, command('accept-unusable'), esc, command('rerun'));
		expect(state.acceptUnusable).toBe(false);
	});

	test('the models go to the probe as the values `ccgate probe` reads, alias and mapping both', () => {
		const state = run(freshAt('models'), type('sonnet'), down, down, type('claude-gw-sonnet'), enter);
		expect(state.probe).toMatchObject({input: {values: {model: 'sonnet', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-gw-sonnet'}}});
	});
});

describe('keys', () => {
	test('Ctrl+C on every step ends the wizard as cancelled', () => {
		for (const step of ['current', 'endpoint', 'credential', 'headers', 'models', 'probe', 'target', 'review'] as const) {
			const start = step === 'current' ? configured() : freshAt(step);
			expect(start.step).toBe(step);
			expect(run(start, command('cancel')).result).toEqual({kind: 'cancelled'});
		}
	});

	test('Ctrl+C while the write is under way waits for it', () => {
		const state = run(freshAt('review'), {type: 'planned', id: 1, change}, enter, command('cancel'));
		expect(state.result).toBeUndefined();
	});

	test('letters in a text field are typed at its cursor; in a list they are commands', () => {
		let state = run(freshAt('credential'), enter, {type: 'key', input: 'tok', key: {}}, {type: 'key', input: '', key: {leftArrow: true}}, {type: 'key', input: 'x', key: {}});
		expect(state.draft.secret).toBe('toxk');
		state = run(freshAt('headers'), enter, type('x-a: 1'), enter, up, up, {type: 'key', input: 'd', key: {}});
		expect(state.draft.headers).toEqual([]);
	});

	test('keys that arrive together are each read against the state they land on', () => {
		const keys: WizardAction[] = [{type: 'key', input: '', key: {return: true}}, {type: 'edit', edit: {type: 'set', text: 'x-a: 1'}}, {type: 'key', input: '\r', key: {return: true}}];
		expect(run(freshAt('headers'), keys).draft.headers).toEqual([{name: 'x-a', value: '1'}]);
	});

	test('a token and its Enter read as one string: the token is typed, then the Enter read', () => {
		const state = run(freshAt('credential'), enter, {type: 'key', input: 'token-1\r', key: {}});
		expect(state.draft.secret).toBe('token-1');
		expect(state.credential.part).toBe('storage');
	});

	test('a header is edited as a name and a value: a colon typed in the name goes on to the value, Esc back to the name', () => {
		let state = run(freshAt('headers'), enter, type('x-portkey-api-key'));
		expect(state.headers.edit).toEqual({name: 'x-portkey-api-key', value: '', part: 'name'});
		state = run(state, enter, type('sk-1'), command('reveal'));
		expect(state).toMatchObject({headers: {edit: {name: 'x-portkey-api-key', value: 'sk-1', part: 'value'}}, reveal: true});
		state = run(state, esc);
		expect(state).toMatchObject({headers: {edit: {part: 'name'}}, reveal: false});
		state = run(state, type(':'));
		expect(state.headers.edit).toEqual({name: 'x-portkey-api-key', value: 'sk-1', part: 'value'});
		state = run(state, enter);
		expect(state.draft.headers).toEqual([{name: 'x-portkey-api-key', value: 'sk-1'}]);
	});

	test('Ctrl+R reveals the secret being typed, and only there', () => {
		const state = run(freshAt('credential'), enter, command('reveal'));
		expect(state.reveal).toBe(true);
		expect(run(state, type('token-1'), enter).reveal).toBe(false);
		expect(run(fresh(), command('reveal')).reveal).toBe(false);
	});

	test('nothing happens once the wizard has ended', () => {
		const state = run(fresh(), command('cancel'));
		expect(run(state, enter)).toBe(state);
	});
});

describe('trust', () => {
	test('a base URL from an untrusted project file never receives the user\'s token: the probe goes to the trusted base URL', () => {
		const setup = setupFrom({user: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'user-token'}});
		const untrusted = {name: 'project' as const, path: '/work/project/.claude/settings.json', values: {ANTHROPIC_BASE_URL: 'https://evil.example.com'}, env: {}, trusted: false};
		const layers = [...setup.layers, untrusted];
		const effective = resolveEffective(layers);
		const state = run(initialState({...setup, layers, effective, baseline: draftFromValues(effective.values)}), enter);
		expect(state.probe).toMatchObject({status: 'running', input: {baseUrl: gateway, values: {ANTHROPIC_BASE_URL: gateway, ANTHROPIC_AUTH_TOKEN: 'user-token'}}});
		expect(JSON.stringify(state.probe)).not.toContain('evil.example.com');
	});
});
