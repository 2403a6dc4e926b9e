import {readFileSync} from 'node:fs';
import {afterEach, expect, test} from 'vitest';
import {presets} from '../../source/core/presets.js';
import {defaultServices} from '../../source/wizard/start/default-services.js';
import type {Command} from '../../source/wizard/model/keys.js';
import {writeRequest} from '../../source/wizard/model/steps/target.js';
import {initialState, type WizardAction, wizardReducer, type WizardState} from '../../source/wizard/model/reducer.js';
import {loadSetup} from '../../source/wizard/start/setup.js';
import {runClaude} from '../helpers/claude.js';
import {startBedrockGateway} from '../helpers/bedrock-gateway.js';
import type {CloudGateway} from '../helpers/cloud-gateway.js';
import {type Gateway, type RecordedRequest, startGateway} from '../helpers/gateway.js';
import {startVertexGateway} from '../helpers/vertex-gateway.js';
import {testFolder} from '../wizard/fixtures.js';

/*
The wizard probes exactly what it writes: for every known gateway, the answers a user gives (the preset chosen, its
fields, a token) go through the real reducer; the probe it starts reaches a loopback gateway, the write lands in a
real settings file, and the real client, started on that file, reaches the same gateway. The probe's requests and
the client's carry the same credential headers and custom headers, under the same base path.
*/

const command = (name: Command): WizardAction => ({type: 'command', command: name});
const enter = command('confirm');
const down = command('down');
const type = (text: string): WizardAction => ({type: 'edit', edit: {type: 'insert', text}});
const clear: WizardAction[] = [{type: 'edit', edit: {type: 'end'}}, {type: 'edit', edit: {type: 'clear'}}];
const token = 'gw-token-0123456789';
const fieldValues: Readonly<Record<string, string>> = {account: 'acct-0123', gateway: 'gw-main', 'gateway-token': 'cf-gateway-token-1', provider: '@anthropic-prod'};

let gateway: Gateway | CloudGateway | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
});

function run(state: WizardState, ...actions: Array<WizardAction | WizardAction[]>): WizardState {
	return actions.flat().reduce(wizardReducer, state);
}

/** What a request says about the configuration: its credential headers and the custom headers the settings name. */
function seen(request: RecordedRequest, headerNames: readonly string[]): Record<string, string | undefined> {
	const names = ['authorization', 'x-api-key', ...headerNames];
	return Object.fromEntries(names.map(name => [name, request.headers[name]]));
}

test.each(presets().map(preset => [preset.id, preset] as const))('%s: the wizard probes the headers and the base path the client sends once the settings are written', async (_id, preset) => {
	// A gateway of the preset's format that takes any credential: the probe sends no second, diagnostic request.
	const basePath = {anthropic: '/gw', bedrock: '/gw/bedrock', vertex: '/gw/vertex/v1'}[preset.api];
	gateway = await {anthropic: startGateway, bedrock: startBedrockGateway, vertex: startVertexGateway}[preset.api]({basePath});
	const folder = testFolder();
	const setup = loadSetup({trustProject: false}, folder.context);
	const {url} = gateway;
	let state = run(initialState(setup), type(preset.id), enter, preset.fields.flatMap(field => [type(fieldValues[field.name]!), enter]));
	expect(state).toMatchObject({step: 'endpoint', endpoint: {part: 'url', preset: {id: preset.id}}});
	state = run(state, clear, type(url), enter);
	if (preset.api !== 'anthropic') {
		// The region as the preset fills it; a Vertex project.
		state = run(state, enter, preset.api === 'vertex' ? [type('acme-ml'), enter] : []);
	}

	// The credential style the preset chose, a token (a stand-in one kept), kept in the settings file.
	state = run(state, enter, preset.placeholderToken === undefined ? [...clear, type(token)] : [], enter, enter);
	expect(state.step).toBe('headers');
	state = run(state, state.draft.headers.length === 0 ? down : [], enter, enter);
	expect(state.step).toBe('probe');
	expect(state.probe.status).toBe('running');

	const services = defaultServices(setup, folder.context, {timeoutMs: 5000});
	if (state.probe.status === 'running') {
		await services.probe(state.probe.input, new AbortController().signal);
	}

	const probed = gateway.requests.splice(0);
	const change = await services.plan(setup.targets[0]!, writeRequest(state, setup.targets[0]));
	await services.apply(change);
	const settings = JSON.parse(readFileSync(folder.userSettings, 'utf8')) as {env: Record<string, string>};
	const customHeaderNames = (settings.env['ANTHROPIC_CUSTOM_HEADERS'] ?? '').split('\n').filter(Boolean).map(line => line.split(':')[0]!.trim().toLowerCase());
	expect(customHeaderNames).toEqual(preset.headers.map(header => header.name.toLowerCase()));

	const client = await runClaude({home: folder.home, timeoutMs: 60_000});
	expect(client.stdout, client.stderr).toContain('pong from gateway');
	const sent = gateway.requests.splice(0);
	expect(probed.length).toBeGreaterThan(0);
	for (const request of [...probed, ...sent]) {
		expect(request.path.startsWith(`${basePath}/`), request.path).toBe(true);
	}

	// Request by request, as the client sends each kind (a Bedrock client lists inference profiles with no credential);
	// the client streams the message the probe asks for whole, on the same path otherwise.
	const kind = (request: RecordedRequest) => `${request.method} ${request.path.replace(/\?.*$/, '').replace(/\/model\/[^/]+\/invoke(?:-with-response-stream)?$/, '/model/…/invoke').replace(/\/models\/[^/:]+:(?:streamR|r)awPredict$/, '/models/…:rawPredict')}`;
	const clientSays = new Map(sent.map(request => [kind(request), seen(request, customHeaderNames)]));
	const compared = probed.filter(request => clientSays.has(kind(request)));
	expect(compared.length, `${probed.map(kind).join(', ')} / ${[...clientSays.keys()].join(', ')}`).toBeGreaterThan(0);
	for (const request of compared) {
		expect(seen(request, customHeaderNames), kind(request)).toEqual(clientSays.get(kind(request)));
	}

	const posted = [...clientSays].find(([name]) => name.startsWith('POST'))![1];
	// The settings file's credential: the placeholder for a gateway whose credential travels in a header.
	expect(posted['authorization']).toBe(settings.env['ANTHROPIC_AUTH_TOKEN'] === undefined ? undefined : `Bearer ${settings.env['ANTHROPIC_AUTH_TOKEN']}`);
}, 90_000);
