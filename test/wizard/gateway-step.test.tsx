import {renderToString} from 'ink';
import {afterAll, describe, expect, test, vi} from 'vitest';
import {emptyDraft} from '../../source/wizard/model/draft.js';
import {gatewayChoices} from '../../source/wizard/model/gateway-choice.js';
import type {Command} from '../../source/wizard/model/keys.js';
import {selectedTarget, writeRequest} from '../../source/wizard/model/steps/target.js';
import {defaultServices} from '../../source/wizard/start/default-services.js';
import {loadSetup} from '../../source/wizard/start/setup.js';
import {initialState, type WizardAction, wizardReducer, type WizardState} from '../../source/wizard/model/reducer.js';
import {Screen} from '../../source/wizard/view/Screen.js';
import {setupFrom, targets, testFolder, usableReport} from './fixtures.js';

// Ink reads CI once as it loads: hidden before any import runs, as the wizard itself does (source/wizard/start/start.ts).
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
afterAll(restoreCi);

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

const fresh = () => initialState(setupFrom());
/** Bearer token typed, kept in the settings file: on to the headers. */
const token = (value: string): WizardAction[] => [enter, type(value), enter, enter];
const userSettings = targets[0]!;

describe('"Which gateway?"', () => {
	test('the list filters by name or id, any case, and Other is always last', () => {
		expect(gatewayChoices('LITE').map(choice => choice.label)).toEqual(['LiteLLM (unified endpoint)', 'LiteLLM (Bedrock pass-through)', 'LiteLLM (Vertex pass-through)', 'Other']);
		expect(gatewayChoices('zai').map(choice => choice.label)).toEqual(['Z.ai (Zhipu GLM)', 'Other']);
		expect(gatewayChoices('no such gateway').map(choice => choice.label)).toEqual(['Other']);
		expect(gatewayChoices('').at(-1)?.label).toBe('Other');
	});

	test('typing filters and puts the highlight back on the first row; Ctrl+U clears the filter', () => {
		const state = run(fresh(), down, down, type('deep'));
		expect(state).toMatchObject({endpoint: {part: 'gateway', filter: 'deep', index: 0}});
		expect(run(state, clear)).toMatchObject({endpoint: {filter: '', index: 0}});
	});

	test('a preset fills every field it documents: Z.ai\'s format, URL, bearer credential and model mappings, with its non-Claude note said once', () => {
		const state = run(fresh(), type('z.ai'), enter);
		expect(state).toMatchObject({step: 'endpoint', endpoint: {part: 'url', notice: 'note: Z.ai (Zhipu GLM) answers with its own models, not Claude models.'}});
		expect(state.draft).toEqual({...emptyDraft, baseUrl: 'https://api.z.ai/api/anthropic', opusModel: 'glm-4.7', sonnetModel: 'glm-4.7', haikuModel: 'glm-4.5-air'});
		const credential = run(state, enter);
		expect(credential.step).toBe('credential');
		expect(credential.endpoint.notice).toBeUndefined();
	});

	test('typing only a token after choosing DeepSeek writes its documented keys, as write --preset deepseek does', () => {
		const state = run(fresh(), type('deepseek'), enter, enter, token('sk-deepseek-1'));
		expect(state.step).toBe('headers');
		expect(state.draft).toMatchObject({credentialStyle: 'bearer', model: 'deepseek-flash[1m]', opusModel: 'deepseek-flash[1m]', sonnetModel: 'deepseek-flash[1m]', haikuModel: 'deepseek-flash'});
		expect(writeRequest(state, userSettings).set).toEqual({
			ANTHROPIC_BASE_URL: 'https://api.deepseek.com/anthropic',
			ANTHROPIC_AUTH_TOKEN: 'sk-deepseek-1',
			ANTHROPIC_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_OPUS_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_SONNET_MODEL: 'deepseek-flash[1m]',
			ANTHROPIC_DEFAULT_HAIKU_MODEL: 'deepseek-flash',
			CLAUDE_CODE_SUBAGENT_MODEL: 'deepseek-flash',
		});
	});

	test('OpenRouter gets its documented ANTHROPIC_API_KEY="" beside the token', () => {
		const state = run(fresh(), type('openrouter'), enter, enter, token('sk-or-1'));
		expect(writeRequest(state, userSettings).set).toEqual({ANTHROPIC_BASE_URL: 'https://openrouter.ai/api', ANTHROPIC_AUTH_TOKEN: 'sk-or-1', ANTHROPIC_API_KEY: ''});
	});

	test('Portkey asks its provider slug; its key goes as the token and in its header, as its Claude Code page writes them', () => {
		const state = run(fresh(), type('portkey'), enter, type('@anthropic-prod'), enter, enter, token('pk-secret-1'));
		expect(state.draft.headers).toEqual([{name: 'x-portkey-api-key', value: 'pk-secret-1'}, {name: 'x-portkey-provider', value: '@anthropic-prod'}]);
		const request = writeRequest(state, userSettings);
		expect(request).toMatchObject({noAuth: false, headers: ['x-portkey-api-key: pk-secret-1', 'x-portkey-provider: @anthropic-prod']});
		expect(request.set).toEqual({ANTHROPIC_BASE_URL: 'https://api.portkey.ai', ANTHROPIC_AUTH_TOKEN: 'pk-secret-1'});
	});

	test('Cloudflare asks its template fields in turn, refuses an empty one, and fills its URL and header from them', () => {
		let state = run(fresh(), type('cloudflare'), enter);
		expect(state).toMatchObject({endpoint: {part: 'field', fieldIndex: 0}});
		expect(run(state, enter)).toMatchObject({endpoint: {part: 'field', fieldIndex: 0}, blocked: true});
		state = run(state, type('acct123'), enter, type('my-gw'), enter, type('cf-token-9'), enter);
		expect(state).toMatchObject({endpoint: {part: 'url', fields: {account: 'acct123', gateway: 'my-gw', 'gateway-token': 'cf-token-9'}}});
		expect(state.draft.baseUrl).toBe('https://gateway.ai.cloudflare.com/v1/acct123/my-gw/anthropic');
		expect(state.draft.headers).toEqual([{name: 'cf-aig-authorization', value: 'Bearer cf-token-9'}]);
		expect(run(state, esc)).toMatchObject({endpoint: {part: 'field', fieldIndex: 2}});
		expect(run(state, esc, esc, esc, esc)).toMatchObject({endpoint: {part: 'gateway'}});
	});

	test('the LiteLLM Bedrock pass-through sets the format: the write names it, with the default region', () => {
		const state = run(fresh(), type('bedrock'), enter);
		expect(state.draft).toMatchObject({api: 'bedrock', baseUrl: 'http://localhost:4000/bedrock', region: 'us-east-1'});
		const done = run(state, enter, enter, token('sk-litellm-1'));
		expect(done.step).toBe('headers');
		expect(writeRequest(done, userSettings)).toMatchObject({api: 'bedrock', region: 'us-east-1', set: {ANTHROPIC_BASE_URL: 'http://localhost:4000/bedrock', ANTHROPIC_AUTH_TOKEN: 'sk-litellm-1'}});
	});

	test('Other asks the format next, Anthropic preselected; Esc goes back to the list with the filter kept', () => {
		const state = run(fresh(), type('other'), enter);
		expect(state).toMatchObject({endpoint: {part: 'format'}, draft: {api: 'anthropic'}});
		expect(run(state, esc)).toMatchObject({endpoint: {part: 'gateway', filter: 'other'}});
	});
});

describe('the API format', () => {
	const other: WizardAction[] = [type('other'), enter];

	test('Vertex: URL, region (global by default) and project, then the credential; the request carries --api, --region, --project', () => {
		let state = run(fresh(), other, down, down, enter);
		expect(state).toMatchObject({endpoint: {part: 'url'}, draft: {api: 'vertex'}});
		state = run(state, type('http://127.0.0.1:4000/vertex_ai/v1'), enter);
		expect(state).toMatchObject({endpoint: {part: 'region'}, draft: {region: 'global'}});
		state = run(state, enter);
		expect(state.endpoint.part).toBe('project');
		expect(run(state, enter)).toMatchObject({endpoint: {part: 'project'}, blocked: true});
		state = run(state, type('acme-ml'), enter);
		expect(state.step).toBe('credential');
		state = run(state, token('T'));
		expect(writeRequest(state, userSettings)).toEqual({set: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000/vertex_ai/v1', ANTHROPIC_AUTH_TOKEN: 'T'}, unset: [], noAuth: false, secretFile: false, api: 'vertex', region: 'global', project: 'acme-ml'});
		// The probe speaks Vertex: its values are the format's keys.
		expect(state.probe).toMatchObject({status: 'running', input: {values: {CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_BASE_URL: 'http://127.0.0.1:4000/vertex_ai/v1', CLOUD_ML_REGION: 'global', ANTHROPIC_VERTEX_PROJECT_ID: 'acme-ml', ANTHROPIC_AUTH_TOKEN: 'T'}}});
	});

	test('Bedrock: a region with a space is refused; Esc from the credential goes back to the region', () => {
		let state = run(fresh(), other, down, enter, type('http://127.0.0.1:4000/bedrock'), enter, clear, type('us east'), enter);
		expect(state).toMatchObject({endpoint: {part: 'region'}, blocked: true});
		state = run(state, clear, type('eu-west-1'), enter);
		expect(state.step).toBe('credential');
		expect(run(state, esc)).toMatchObject({step: 'endpoint', endpoint: {part: 'region'}, draft: {region: 'eu-west-1'}});
	});

	test('Bedrock is offered no x-api-key (the client sends no such header to a Bedrock gateway): ↓ from the bearer token is the apiKeyHelper command', () => {
		const state = run(fresh(), other, down, enter, type('http://127.0.0.1:4000/bedrock'), enter, enter);
		expect(state).toMatchObject({step: 'credential', credential: {part: 'style'}, draft: {credentialStyle: 'bearer'}});
		expect(run(state, down).draft.credentialStyle).toBe('helper');
		expect(run(state, down, down).draft.credentialStyle).toBe('none');
		expect(run(state, down, down, down, up).draft.credentialStyle).toBe('helper');
		const frame = renderToString(<Screen state={state}/>, {columns: 100});
		expect(frame.split('\n').slice(2, 6)).toEqual([
			'How does the gateway want the credential?',
			'❯ Bearer token            Authorization: Bearer … (ANTHROPIC_AUTH_TOKEN)',
			'  apiKeyHelper command    a command that prints the key (settings files only)',
			'  None                    a local gateway that wants no credential',
		]);
	});

	test('Vertex is offered all four credential styles', () => {
		const state = run(fresh(), other, down, down, enter, type('http://127.0.0.1:4000/vertex_ai/v1'), enter, enter, type('p'), enter);
		expect(state.step).toBe('credential');
		expect(run(state, down).draft.credentialStyle).toBe('x-api-key');
	});

	test('turning discovery on for Bedrock warns on the models step, with the wizard\'s fix', () => {
		const state = run(fresh(), other, down, enter, type('http://127.0.0.1:4000/bedrock'), enter, enter, token('T'), down, enter);
		expect(state.step).toBe('models');
		const toggled = run(state, ...Array.from({length: 10}, () => down), command('toggle'));
		expect(toggled.draft.discovery).toBe(true);
		const frame = renderToString(<Screen state={toggled}/>, {columns: 200});
		expect(frame).toContain('! Gateway model discovery works in the Anthropic format only, so with a Bedrock gateway Claude Code lists no models from it');
		expect(frame).toContain('  → turn discovery off (Space), and type the model IDs by hand on the models step');
	});

	test('a Bedrock gateway\'s models step says it lists no models, without the Anthropic format\'s GET /v1/models', () => {
		const state = run(fresh(), other, down, enter, type('http://127.0.0.1:4000/bedrock'), enter, enter, token('T'), down, enter);
		const probed = wizardReducer(state, {type: 'probe-finished', id: state.probe.status === 'running' ? state.probe.id : 0, report: {verdict: 'usable', usable: true, findings: [], checks: []}});
		const frame = renderToString(<Screen state={probed}/>, {columns: 200});
		expect(frame).toContain('A Bedrock gateway lists no models to pick from; type an ID.');
		expect(frame).not.toContain('/v1/models');
	});

	test('editing a Bedrock config starts on its format with every field filled; changing only the token writes only the token', () => {
		const setup = setupFrom({user: {CLAUDE_CODE_USE_BEDROCK: '1', ANTHROPIC_BEDROCK_BASE_URL: 'http://127.0.0.1:4000/bedrock', CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1', AWS_REGION: 'us-west-2', ANTHROPIC_AUTH_TOKEN: 'old'}});
		let state = run(initialState(setup), enter);
		expect(state).toMatchObject({step: 'endpoint', endpoint: {part: 'format'}, draft: {api: 'bedrock', baseUrl: 'http://127.0.0.1:4000/bedrock', region: 'us-west-2', secret: 'old'}});
		state = run(state, enter, enter, enter, enter, type('new'), enter, enter);
		expect(state.step).toBe('headers');
		expect(writeRequest(state, userSettings)).toEqual({set: {ANTHROPIC_AUTH_TOKEN: 'new'}, unset: [], noAuth: false, secretFile: false});
	});

	test('switching an edited Vertex config to the Anthropic format names it, so the planner takes the Vertex keys out', () => {
		const setup = setupFrom({user: {CLAUDE_CODE_USE_VERTEX: '1', ANTHROPIC_VERTEX_BASE_URL: 'http://127.0.0.1:4000/vertex_ai/v1', CLOUD_ML_REGION: 'global', ANTHROPIC_VERTEX_PROJECT_ID: 'p1', ANTHROPIC_AUTH_TOKEN: 'T'}});
		const state = run(initialState(setup), enter, command('up'), command('up'), enter, clear, type('http://127.0.0.1:4000'), enter);
		expect(state.step).toBe('credential');
		expect(writeRequest(state, userSettings)).toMatchObject({api: 'anthropic', set: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000'}});
	});
});

describe('the credential None on the review (issue 23.8)', () => {
	test('the placeholder token shows as (none: no credential), never as a masked secret', async () => {
		const folder = testFolder();
		const setup = loadSetup({trustProject: false}, folder.context);
		const services = defaultServices(setup, folder.context, {timeoutMs: 300});
		let state = run(initialState(setup, {rows: 60, columns: 120}), type('other'), enter, enter, type('http://127.0.0.1:4000'), enter, down, down, down, enter);
		expect(state).toMatchObject({step: 'headers', draft: {credentialStyle: 'none'}});
		state = run(state, down, enter, enter);
		expect(state.step).toBe('probe');
		state = wizardReducer(state, {type: 'probe-finished', id: state.probe.status === 'running' ? state.probe.id : 0, report: usableReport()});
		state = run(state, enter, enter);
		expect(state.review.status).toBe('planning');
		const id = state.review.status === 'planning' ? state.review.id : 0;
		state = wizardReducer(state, {type: 'planned', id, change: await services.plan(selectedTarget(state), writeRequest(state))});
		const frame = renderToString(<Screen state={state}/>, {columns: 120});
		expect(frame).toContain('+    "ANTHROPIC_AUTH_TOKEN": "(none: no credential)"');
		expect(frame).not.toContain('****');
	});
});
