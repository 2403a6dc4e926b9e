import chalk from 'chalk';
import type {ReactElement} from 'react';
import {afterAll, afterEach, beforeEach, describe, expect, test, vi} from 'vitest';
import {type Layer, resolveEffective} from '../../source/core/layers.js';
import type {ProbeReport} from '../../source/probe/probe.js';
import {App} from '../../source/wizard/view/App.js';
import {ChoiceList} from '../../source/wizard/view/components/ChoiceList.js';
import {KeyHints} from '../../source/wizard/view/components/KeyHints.js';
import {withoutBreakSpace} from '../../source/wizard/view/components/Prose.js';
import {FindingList} from '../../source/wizard/view/components/FindingList.js';
import {GatewayModels} from '../../source/wizard/view/components/GatewayModels.js';
import {PlannedChangeView} from '../../source/wizard/view/components/PlannedChangeView.js';
import {draftFromValues, emptyDraft} from '../../source/wizard/model/draft.js';
import type {ProbeState} from '../../source/wizard/model/state.js';
import type {PlannedChange, WizardServices, WizardSetup} from '../../source/wizard/model/services.js';
import {CredentialStyleChoice} from '../../source/wizard/view/steps/CredentialStyleChoice.js';
import {DoneStep} from '../../source/wizard/view/steps/DoneStep.js';
import {ModelsStep} from '../../source/wizard/view/steps/ModelsStep.js';
import {ProbeStep} from '../../source/wizard/view/steps/ProbeStep.js';
import {TargetStep} from '../../source/wizard/view/steps/TargetStep.js';
import {modelFields} from '../../source/wizard/model/validation.js';
import {probeLine} from '../../source/wizard/model/summary.js';
import {cannotTellReport, targets, unusableReport} from './fixtures.js';
import {renderSized, type SizedApp} from './sized-render.js';

/*
Issue 12, seen #9: "tables wrap to column 0 at 80 and 100 columns". Every table the wizard draws keeps its columns
at 80 and 100 columns with long values (a long URL, long header values, long temporary paths): a row too wide takes
more lines, each cell under its own column, and no line is wider than the terminal (Ink would wrap it to column 0).
*/

// Ink reads CI once as it loads: hidden before any import runs, as the wizard itself does (source/wizard/start/start.ts).
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
const savedLevel = chalk.level;
afterAll(() => {
	chalk.level = savedLevel;
	restoreCi();
});

let mounted: SizedApp | undefined;
// Frames are compared as the screen shows them, without colours; one test compares the colours too.
beforeEach(() => {
	chalk.level = 0;
});
afterEach(() => {
	mounted?.unmount();
	mounted = undefined;
});

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

const unused = async () => {
	throw new Error('not reached on the current config');
};

const services: WizardServices = {probe: unused, plan: unused, apply: unused};

/** Ink's frame of `tree` in a terminal of this size, as it is first drawn. */
async function frameOf(tree: ReactElement, columns: number, rows = 40): Promise<string> {
	mounted?.unmount();
	mounted = renderSized(tree, {columns, rows});
	await vi.waitFor(() => {
		expect(mounted!.lastFrame()).not.toBe('');
	});
	return mounted.lastFrame();
}

/** The frame's lines, colours stripped; each must fit the terminal. */
function linesOf(frame: string, columns: number): string[] {
	const lines = frame.replaceAll(ansi, '').split('\n');
	for (const line of lines) {
		expect([...line].length, line).toBeLessThanOrEqual(columns);
	}

	return lines;
}

function setupOf(layers: Layer[]): WizardSetup {
	const effective = resolveEffective(layers);
	return {effective, currentFindings: [], baseline: draftFromValues(effective.values), fromShell: new Set(), profiles: [], shell: 'bash', targets, defaultTarget: 0, layers};
}

const longUrl = 'https://gateway.internal.example-corporation.com/anthropic/v1/proxy/team-platform';
const project = '/tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude';
const shell: Layer = {name: 'shell', values: {}, env: {}, trusted: true};
const user: Layer = {
	name: 'user',
	path: '/home/user/.claude/settings.json',
	values: {ANTHROPIC_BASE_URL: longUrl, ANTHROPIC_AUTH_TOKEN: 'sk-gw-0123456789abcdef', ANTHROPIC_CUSTOM_HEADERS: 'x-portkey-config: pc-very-long-config-identifier-0123456789\nx-team: core'},
	env: {},
	trusted: true,
};
const everything = setupOf([
	shell,
	user,
	{name: 'project', path: `${project}/settings.json`, values: {ANTHROPIC_BASE_URL: 'https://evil.example.com'}, env: {}, trusted: false},
	{name: 'local', path: `${project}/settings.local.json`, values: {ANTHROPIC_MODEL: 'claude-sonnet-4-5-20250929'}, env: {}, trusted: true},
]);
const userOnly = setupOf([shell, {...user, values: {ANTHROPIC_BASE_URL: longUrl, ANTHROPIC_MODEL: 'claude-sonnet-4-5'}}]);

const report: ProbeReport = {
	verdict: 'not usable',
	usable: false,
	findings: [{code: 'probe-dns', level: 'error', message: 'The host name gateway.internal.example-corporation.com does not resolve (ENOTFOUND)', fix: 'check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN'}],
	checks: [
		{name: 'models', method: 'GET', path: '/anthropic/v1/proxy/team-platform/v1/models?limit=1000', ms: 98, finding: {code: 'probe-endpoint-timeout', level: 'warning', message: 'no answer'}},
		{name: 'count_tokens', method: 'POST', path: '/anthropic/v1/proxy/team-platform/v1/messages/count_tokens', status: 200, ms: 19, finding: {code: 'probe-count-tokens-ok', level: 'ok', message: 'counted'}},
		{name: 'messages', method: 'POST', path: '/anthropic/v1/proxy/team-platform/v1/messages?beta=true', ms: 13, finding: {code: 'probe-endpoint-timeout', level: 'error', message: 'no answer'}},
	],
	models: {
		visible: ['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5-20251001', 'claude-3-7-sonnet-latest'].map(id => ({id})),
		hidden: ['gpt-4o', 'gpt-4.1-mini', 'gemini-2.5-pro', 'mistral-large-latest', 'llama-3.3-70b-instruct'].map(id => ({id})),
	},
};
const probed = {status: 'done', id: 1, input: {baseUrl: longUrl}, report} as unknown as ProbeState;
const settingsFile = `${project}/settings.local.json`;
const unusableProbe: ProbeState = {status: 'done', id: 1, input: {baseUrl: 'http://127.0.0.1:4000', values: {}}, report: unusableReport()};

const written: PlannedChange = {kind: 'write', label: settingsFile, diff: '', findings: []} as unknown as PlannedChange;

const longTargets = [targets[0]!, {kind: 'settings', scope: 'local', title: 'Project-local settings', where: settingsFile, layer: 'local'} as const, ...targets.slice(2)];
const storageChoices = [{label: 'In the settings file', detail: 'in env, the file made 0600'}, {label: 'In ccgate\'s secret file', detail: 'a 0600 file read through apiKeyHelper: the settings file holds no secret'}];

describe('the current-config table', () => {
	test('at 100 columns: a value too long wraps in the value column; a source too long to sit beside the values goes under its value; an untrusted value and a long path stay indented', async () => {
		expect(linesOf(await frameOf(<App setup={everything} services={services}/>, 100), 100)).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL        https://gateway.internal.example-corporation.com/anthropic/v1/proxy/',
			'                            team-platform',
			'                            user  /home/user/.claude/settings.json',
			'                            ignored: https://evil.example.com in project  /tmp/ccgate-wizard-Xy12Ab/',
			'                            clients/acme/project/.claude/settings.json (untrusted folder)',
			'  ANTHROPIC_AUTH_TOKEN      sk-g…cdef',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_CUSTOM_HEADERS  x-portkey-config: pc-very-long-config-identifier-0123456789\\nx-team:',
			'                            core',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_MODEL           claude-sonnet-4-5-20250929',
			'                            local  /tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.',
			'                            local.json',
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		]);
	});

	test('at 80 columns: a value too long wraps in the value column; a source too long to sit beside the values goes under its value; an untrusted value and a long path stay indented', async () => {
		expect(linesOf(await frameOf(<App setup={everything} services={services}/>, 80), 80)).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL        https://gateway.internal.example-corporation.com/',
			'                            anthropic/v1/proxy/team-platform',
			'                            user  /home/user/.claude/settings.json',
			'                            ignored: https://evil.example.com in project  /tmp/',
			'                            ccgate-wizard-Xy12Ab/clients/acme/project/.claude/',
			'                            settings.json (untrusted folder)',
			'  ANTHROPIC_AUTH_TOKEN      sk-g…cdef',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_CUSTOM_HEADERS  x-portkey-config: pc-very-long-config-identifier-',
			'                            0123456789\\nx-team: core',
			'                            user  /home/user/.claude/settings.json',
			'  ANTHROPIC_MODEL           claude-sonnet-4-5-20250929',
			'                            local  /tmp/ccgate-wizard-Xy12Ab/clients/acme/',
			'                            project/.claude/settings.local.json',
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		]);
	});

	test('at 100 columns: a long value wraps in the value column, the sources staying in their column', async () => {
		expect(linesOf(await frameOf(<App setup={userOnly} services={services}/>, 100), 100)).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL  https://gateway.internal.example-       user  /home/user/.claude/settings.json',
			'                      corporation.com/anthropic/v1/proxy/',
			'                      team-platform',
			'  ANTHROPIC_MODEL     claude-sonnet-4-5                       user  /home/user/.claude/settings.json',
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		]);
	});

	test('at 80 columns: a long value wraps in the value column, the sources staying in their column', async () => {
		expect(linesOf(await frameOf(<App setup={userOnly} services={services}/>, 80), 80)).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL  https://gateway.internal.example-corporation.com/',
			'                      anthropic/v1/proxy/team-platform',
			'                      user  /home/user/.claude/settings.json',
			'  ANTHROPIC_MODEL     claude-sonnet-4-5',
			'                      user  /home/user/.claude/settings.json',
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		]);
	});
	test('at 80×16 the wrapped table scrolls by its lines inside its view, to its last line, each line in its column', async () => {
		const frame = await frameOf(<App setup={everything} services={services}/>, 80, 16);
		const below = [
			'',
			'❯ Edit the current config  fields start as set now; only changes are written',
			'  Start fresh              fields start empty and are written as entered',
			'',
			'↑↓ choose · Enter continue · Ctrl+C quit, nothing written',
		];
		expect(linesOf(frame, 80)).toEqual([
			'ccgate · Current config',
			'',
			'What Claude Code uses now, and where it comes from:',
			'  ANTHROPIC_BASE_URL        https://gateway.internal.example-corporation.com/',
			'                            anthropic/v1/proxy/team-platform',
			'                            user  /home/user/.claude/settings.json',
			'                            ignored: https://evil.example.com in project  /tmp/',
			'                            ccgate-wizard-Xy12Ab/clients/acme/project/.claude/',
			'  lines 1–5 of 14 · PgUp PgDn scroll',
			...below,
		]);
		const pages = [
			[
				'                            settings.json (untrusted folder)',
				'  ANTHROPIC_AUTH_TOKEN      sk-g…cdef',
				'                            user  /home/user/.claude/settings.json',
				'  ANTHROPIC_CUSTOM_HEADERS  x-portkey-config: pc-very-long-config-identifier-',
				'                            0123456789\\nx-team: core',
				'  lines 6–10 of 14 · PgUp PgDn scroll',
			],
			[
				'                            0123456789\\nx-team: core',
				'                            user  /home/user/.claude/settings.json',
				'  ANTHROPIC_MODEL           claude-sonnet-4-5-20250929',
				'                            local  /tmp/ccgate-wizard-Xy12Ab/clients/acme/',
				'                            project/.claude/settings.local.json',
				'  lines 10–14 of 14 · PgUp PgDn scroll',
			],
		];
		const app = mounted!;
		for (const page of pages) {
			app.stdin.write('\u001B[6~');
			// eslint-disable-next-line no-await-in-loop
			await vi.waitFor(() => {
				expect(linesOf(app.lastFrame(), 80)).toEqual([
					'ccgate · Current config',
					'',
					'What Claude Code uses now, and where it comes from:',
					...page,
					...below,
				]);
			});
		}
	});
});

describe('the probe\'s checks', () => {
	test('at 100 columns: the path and its answer wrap under the path\'s column, the URL under itself', async () => {
		expect(linesOf(await frameOf(<ProbeStep probe={probed}/>, 100), 100)).toEqual([
			'Probed https://gateway.internal.example-corporation.com/anthropic/v1/proxy/team-platform:',
			'  warning GET  /anthropic/v1/proxy/team-platform/v1/models?limit=1000  -  98 ms',
			'  ok      POST /anthropic/v1/proxy/team-platform/v1/messages/count_tokens  200  19 ms',
			'  error   POST /anthropic/v1/proxy/team-platform/v1/messages?beta=true  -  13 ms',
			'✗ The host name gateway.internal.example-corporation.com does not resolve (ENOTFOUND)',
			'  → check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN',
			'✗ The gateway is not usable by Claude Code.',
			'Fix it and probe again (r), go back (Esc), or press y to go on and write it anyway.',
		]);
	});

	test('at 80 columns: the path and its answer wrap under the path\'s column, the URL under itself', async () => {
		expect(linesOf(await frameOf(<ProbeStep probe={probed}/>, 80), 80)).toEqual([
			'Probed https://gateway.internal.example-corporation.com/anthropic/v1/proxy/team-',
			'       platform:',
			'  warning GET  /anthropic/v1/proxy/team-platform/v1/models?limit=1000  -  98 ms',
			'  ok      POST /anthropic/v1/proxy/team-platform/v1/messages/count_tokens  200',
			'               19 ms',
			'  error   POST /anthropic/v1/proxy/team-platform/v1/messages?beta=true  -  13 ms',
			'✗ The host name gateway.internal.example-corporation.com does not resolve',
			'  (ENOTFOUND)',
			'  → check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN',
			'✗ The gateway is not usable by Claude Code.',
			'Fix it and probe again (r), go back (Esc), or press y to go on and write it',
			'anyway.',
		]);
	});
});

describe('the gateway\'s model list', () => {
	test('at 100 columns: each list wraps under itself, after its label', async () => {
		expect(linesOf(await frameOf(<GatewayModels api="anthropic" probe={probed} filter=""/>, 100), 100)).toEqual([
			'Gateway models: claude-sonnet-4-5-20250929, claude-opus-4-1-20250805, claude-haiku-4-5-20251001,',
			'                claude-3-7-sonnet-latest',
			'Not listed by discovery (no "claude" in the ID): gpt-4o, gpt-4.1-mini, gemini-2.5-pro,',
			'                                                 mistral-large-latest, llama-3.3-70b-instruct',
		]);
	});

	test('at 80 columns: each list wraps under itself, after its label', async () => {
		expect(linesOf(await frameOf(<GatewayModels api="anthropic" probe={probed} filter=""/>, 80), 80)).toEqual([
			'Gateway models: claude-sonnet-4-5-20250929, claude-opus-4-1-20250805,',
			'                claude-haiku-4-5-20251001, claude-3-7-sonnet-latest',
			'Not listed by discovery (no "claude" in the ID): gpt-4o, gpt-4.1-mini,',
			'                                                 gemini-2.5-pro,',
			'                                                 mistral-large-latest,',
			'                                                 llama-3.3-70b-instruct',
		]);
	});
});

describe('the done step\'s summary', () => {
	const done = (columns: number) => <DoneStep change={written} outcome={{changed: true, inPlace: false, backup: `${settingsFile}.2026-11-29T00-12-00.bak`}} shellProfile={false} secret="in the file above (mode 0600)." probe="the gateway is usable by Claude Code." unusable={false} columns={columns}/>;

	test('at 100 columns: labels and values in two columns; the backup\'s path whole on a line of its own', async () => {
		expect(linesOf(await frameOf(done(100), 100), 100)).toEqual([
			'✓ Wrote /tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.json.',
			'Backup, which ccgate restore puts back:',
			'/tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.json.2026-11-29T00-12-00.bak',
			'Secret: in the file above (mode 0600).',
			'Probe:  the gateway is usable by Claude Code.',
			'Try it: run claude, and type /status to see the base URL it uses.',
		]);
	});

	test('at 80 columns: the written file\'s path on a line of its own, as it does not fit in the sentence; the backup\'s path whole on one line wider than the terminal, which the terminal wraps (issue 23.3)', async () => {
		expect((await frameOf(done(80), 80)).replaceAll(ansi, '').split('\n')).toEqual([
			'✓ Wrote:',
			'/tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.json',
			'Backup, which ccgate restore puts back:',
			'/tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.json.2026-11-29T00-12-00.bak',
			'Secret: in the file above (mode 0600).',
			'Probe:  the gateway is usable by Claude Code.',
			'Try it: run claude, and type /status to see the base URL it uses.',
		]);
	});
});

describe('a sentence that wraps (issue 23.5)', () => {
	test('at 80 columns the line it wraps onto starts under its first column, not with the space it was broken at', async () => {
		// `style` is the step's credential style, not React's style attribute.
		// eslint-disable-next-line react/style-prop-object
		expect(linesOf(await frameOf(<CredentialStyleChoice style="bearer" api="anthropic"/>, 80), 80)).toEqual([
			'How does the gateway want the credential?',
			'❯ Bearer token            Authorization: Bearer … (ANTHROPIC_AUTH_TOKEN)',
			'  x-api-key               the x-api-key header (ANTHROPIC_API_KEY)',
			'  apiKeyHelper command    a command that prints the key (settings files only)',
			'  None                    a local gateway that wants no credential',
			'The token goes out as Authorization: Bearer; Claude Code asks no questions about',
			'it.',
		]);
	});

	test('the keys\' line too, at 60 columns', async () => {
		expect(linesOf(await frameOf(<KeyHints compact hints={[{key: '↑↓', action: 'choose'}, {key: 'Enter', action: 'continue'}, {key: 'Esc', action: 'back'}, {key: 'Ctrl+C', action: 'quit, nothing written'}]}/>, 60), 60)).toEqual([
			'↑↓ choose · Enter continue · Esc back · Ctrl+C quit, nothing',
			'written',
		]);
	});

	test('only the one space a wrap leaves goes: the first line, an indent, and the styles before the space stay', () => {
		expect(withoutBreakSpace(' first', 0)).toBe(' first');
		expect(withoutBreakSpace('\u001B[2m it.\u001B[22m', 1)).toBe('\u001B[2mit.\u001B[22m');
		expect(withoutBreakSpace('  indented', 1)).toBe('  indented');
	});
});

describe('a settings file whose env is one line (issue 23.3)', () => {
	test('at 60 columns the - and + lines wrap in their column, so the changed URL is read whole on each side', async () => {
		const diff = [
			'--- ~/.claude/settings.json',
			'+++ ~/.claude/settings.json',
			'@@ -1,1 +1,1 @@',
			'-{"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:4000", "ANTHROPIC_AUTH_TOKEN": "sk-a…1234"}}',
			'+{"env": {"ANTHROPIC_BASE_URL": "https://gateway.example.com/anthropic", "ANTHROPIC_AUTH_TOKEN": "sk-a…1234"}}',
			'',
		].join('\n');
		const change = {kind: 'write', label: '~/.claude/settings.json', diff, findings: []} as unknown as PlannedChange;
		expect(linesOf(await frameOf(<PlannedChangeView change={change} rows={20} offset={0} columns={60}/>, 60), 60)).toEqual([
			'The change to ~/.claude/settings.json (secrets masked):',
			'--- ~/.claude/settings.json',
			'+++ ~/.claude/settings.json',
			'@@ -1,1 +1,1 @@',
			'-{"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:4000", "AN',
			'-THROPIC_AUTH_TOKEN": "sk-a…1234"}}',
			'+{"env": {"ANTHROPIC_BASE_URL": "https://gateway.example.com',
			'+/anthropic", "ANTHROPIC_AUTH_TOKEN": "sk-a…1234"}}',
		]);
	});
});

describe('the done step after a probe that found the gateway not usable', () => {
	test('it says to fix the gateway and check it with ccgate doctor, not to try it; printed lines are printed anyway, not written', async () => {
		expect(linesOf(await frameOf(<DoneStep unusable change={written} outcome={{changed: true, inPlace: false}} shellProfile={false} secret="in the file above (mode 0600)." probe={probeLine(unusableProbe, true)} columns={100}/>, 100), 100)).toEqual([
			'✓ Wrote /tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.json.',
			'Secret: in the file above (mode 0600).',
			'Probe:  the gateway was not usable; written anyway, as you chose.',
			'Next:   fix the gateway, then check it with ccgate doctor.',
		]);
		expect(probeLine(unusableProbe, true, true)).toBe('the gateway was not usable; printed anyway, as you chose.');
		// The third verdict (issue 21.2): said as such on the done step, not as usable or not.
		expect(probeLine({...unusableProbe, report: cannotTellReport()}, false)).toBe('it could not tell whether the gateway is usable without a real request; your first message to claude will.');
	});
});

describe('a choice list', () => {
	test('at 100 columns: where to write: a long path wraps under the details\' column', async () => {
		expect(linesOf(await frameOf(<TargetStep selected={1} findings={[]} notes={[]} targets={longTargets}/>, 100), 100)).toEqual([
			'Where should the configuration go?',
			'  User settings             ~/.claude/settings.json',
			'❯ Project-local settings    /tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.claude/settings.local.js',
			'                            on',
			'  Shell profile (bash)      ~/.bashrc',
			'  Just print the export lines for bash',
		]);
	});

	test('at 80 columns: where to write: a long path wraps under the details\' column', async () => {
		expect(linesOf(await frameOf(<TargetStep selected={1} findings={[]} notes={[]} targets={longTargets}/>, 80), 80)).toEqual([
			'Where should the configuration go?',
			'  User settings             ~/.claude/settings.json',
			'❯ Project-local settings    /tmp/ccgate-wizard-Xy12Ab/clients/acme/project/.clau',
			'                            de/settings.local.json',
			'  Shell profile (bash)      ~/.bashrc',
			'  Just print the export lines for bash',
		]);
	});

	test('at 100 columns: a long detail wraps under the details\' column', async () => {
		expect(linesOf(await frameOf(<ChoiceList selected={1} labelWidth={24} choices={storageChoices}/>, 100), 100)).toEqual([
			'  In the settings file      in env, the file made 0600',
			'❯ In ccgate\'s secret file   a 0600 file read through apiKeyHelper: the settings file holds no secret',
		]);
	});

	test('at 80 columns: a long detail wraps under the details\' column', async () => {
		expect(linesOf(await frameOf(<ChoiceList selected={1} labelWidth={24} choices={storageChoices}/>, 80), 80)).toEqual([
			'  In the settings file      in env, the file made 0600',
			'❯ In ccgate\'s secret file   a 0600 file read through apiKeyHelper: the settings',
			'                            file holds no secret',
		]);
	});
});

describe('the models step\'s discovery row', () => {
	const idle = {status: 'idle'} as const;
	const discoveryOn = {...emptyDraft, discovery: true};
	// Every tier and the subagent model; the extra /model entry is not offered.
	const fields = modelFields.filter(entry => entry.field !== 'customModel' && entry.field !== 'customModelName');

	test('at 100 columns: its note on the row', async () => {
		expect(linesOf(await frameOf(<ModelsStep draft={discoveryOn} fields={fields} row="discovery" probe={idle} findings={{underField: [], rest: []}}/>, 100), 100).slice(8, 9)).toEqual([
			'❯ Discovery       [x] on   lets /model list the gateway\'s Claude models (Claude Code 2.1.129+)',
		]);
	});

	test('at 80 columns: its note wraps under itself, not back at column 0', async () => {
		expect(linesOf(await frameOf(<ModelsStep draft={discoveryOn} fields={fields} row="discovery" probe={idle} findings={{underField: [], rest: []}}/>, 80), 80).slice(8, 10)).toEqual([
			'❯ Discovery       [x] on   lets /model list the gateway\'s Claude models (Claude',
			'                           Code 2.1.129+)',
		]);
	});
});

describe('findings', () => {
	test('at 100 columns: the message wraps under itself, past its mark; the fix under the fix', async () => {
		expect(linesOf(await frameOf(<FindingList findings={report.findings}/>, 100), 100)).toEqual([
			'✗ The host name gateway.internal.example-corporation.com does not resolve (ENOTFOUND)',
			'  → check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN',
		]);
	});

	test('at 80 columns: the message wraps under itself, past its mark; the fix under the fix', async () => {
		expect(linesOf(await frameOf(<FindingList findings={report.findings}/>, 80), 80)).toEqual([
			'✗ The host name gateway.internal.example-corporation.com does not resolve',
			'  (ENOTFOUND)',
			'  → check the host in ANTHROPIC_BASE_URL, your DNS, or your VPN',
		]);
	});
});

describe('the planned change', () => {
	const diff = [
		'--- ~/.claude/settings.json',
		'+++ ~/.claude/settings.json',
		'@@ -1,5 +1,6 @@',
		' {',
		'   "env": {',
		'-    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",',
		`+    "ANTHROPIC_BASE_URL": "${longUrl}",`,
		'+    "ANTHROPIC_CUSTOM_HEADERS": "x-portkey-config: pc-very-long-config-identifier-0123456789\\nx-team: core",',
		'     "ANTHROPIC_AUTH_TOKEN": "sk-g…cdef"',
		'   }',
		' }',
		'',
	].join('\n');
	const change = {kind: 'write', label: '~/.claude/settings.json', diff, findings: []} as unknown as PlannedChange;

	test.each([
		[100, [
			'-    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",',
			'+    "ANTHROPIC_BASE_URL": "https://gateway.internal.example-corporation.com/anthropic/v1/proxy/team',
			'+-platform",',
			'+    "ANTHROPIC_CUSTOM_HEADERS": "x-portkey-config: pc-very-long-config-identifier-0123456789\\nx-tea',
			'+m: core",',
		]],
		[80, [
			'-    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",',
			'+    "ANTHROPIC_BASE_URL": "https://gateway.internal.example-corporation.com/ant',
			'+hropic/v1/proxy/team-platform",',
			'+    "ANTHROPIC_CUSTOM_HEADERS": "x-portkey-config: pc-very-long-config-identifi',
			'+er-0123456789\\nx-team: core",',
		]],
	] as const)('at %i columns: a diff line too long for the terminal wraps, each of its rows after its own + mark', async (columns, long) => {
		expect(linesOf(await frameOf(<PlannedChangeView change={change} rows={20} offset={0} columns={columns}/>, columns), columns)).toEqual([
			'The change to ~/.claude/settings.json (secrets masked):',
			'--- ~/.claude/settings.json',
			'+++ ~/.claude/settings.json',
			'@@ -1,5 +1,6 @@',
			' {',
			'   "env": {',
			...long,
			'     "ANTHROPIC_AUTH_TOKEN": "sk-g…cdef"',
			'   }',
			' }',
		]);
	});
});
