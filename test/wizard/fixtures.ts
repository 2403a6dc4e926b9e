import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import type {CommandContext} from '../../source/app/context.js';
import type {KeyValues} from '../../source/core/keys.js';
import {type Layer, resolveEffective} from '../../source/core/layers.js';
import type {ProbeReport} from '../../source/probe/probe.js';
import {draftFromValues, type DraftField} from '../../source/wizard/model/draft.js';
import type {ProfileChoice, TargetOption, WizardSetup} from '../../source/wizard/model/services.js';
import {temporaryFolder} from '../helpers/temporary.js';

export const userSettingsFile = '/home/user/.claude/settings.json';

export const targets: TargetOption[] = [
	{kind: 'settings', scope: 'user', title: 'User settings', where: '~/.claude/settings.json', layer: 'user'},
	{kind: 'settings', scope: 'local', title: 'Project-local settings', where: '.claude/settings.local.json', layer: 'local'},
	{kind: 'shell', title: 'Shell profile (bash)', where: '~/.bashrc', layer: 'shell'},
	{kind: 'print', title: 'Just print the export lines for bash', layer: 'shell'},
];

/** A setup as the wizard would read it, from layers given in memory: for the reducer, which never reads files. */
export function setupFrom(options: {user?: KeyValues; shell?: KeyValues; local?: KeyValues; profiles?: ProfileChoice[]; fromShell?: DraftField[]} = {}): WizardSetup {
	const layers: Layer[] = [{name: 'shell', values: options.shell ?? {}, env: {...options.shell}, trusted: true}];
	if (options.user) {
		layers.push({name: 'user', path: userSettingsFile, values: options.user, env: {}, trusted: true});
	}

	if (options.local) {
		layers.push({name: 'local', path: '/work/project/.claude/settings.local.json', values: options.local, env: {}, trusted: true});
	}

	const effective = resolveEffective(layers);
	return {
		effective,
		currentFindings: [],
		baseline: draftFromValues(effective.values),
		fromShell: new Set(options.fromShell ?? []),
		profiles: options.profiles ?? [],
		shell: 'bash',
		targets,
		defaultTarget: 0,
		layers,
	};
}

export function usableReport(models: string[] = ['claude-gw-sonnet', 'gpt-4o']): ProbeReport {
	const entries = models.map(id => ({id}));
	return {
		verdict: 'usable',
		usable: true,
		findings: [{code: 'probe-messages-ok', level: 'ok', message: 'POST /v1/messages answered in Anthropic\'s format'}],
		checks: [],
		models: {visible: entries.filter(entry => entry.id.includes('claude')), hidden: entries.filter(entry => !entry.id.includes('claude'))},
	};
}

export function unusableReport(): ProbeReport {
	return {verdict: 'not usable', usable: false, findings: [{code: 'probe-credential-rejected', level: 'error', message: 'The gateway refused the credential (401)', fix: 'check the token'}], checks: []};
}

/** A gateway that refused the free request with a bare 500: only a real request can tell. */
export function cannotTellReport(): ProbeReport {
	return {
		verdict: 'cannot tell',
		usable: false,
		findings: [{code: 'probe-free-request-unproven', level: 'warning', message: 'POST /v1/messages?beta=true answered 500 to the free request (max_tokens 0), which proves nothing either way', fix: 'run ccgate probe --live to send one real one-token message'}],
		checks: [],
	};
}

export type TestFolder = {
	/** The context a command would get: a temporary HOME, Claude Code's and ccgate's folders inside it. */
	readonly context: CommandContext;
	readonly home: string;
	readonly userSettings: string;
	readonly ccgateDirectory: string;
};

/** Real folders for the wizard's real plan and write; CLAUDE_CONFIG_DIR keeps the developer's own ~/.claude out. */
export function testFolder(files: Record<string, string> = {}): TestFolder {
	const home = temporaryFolder('ccgate-wizard-');
	const project = path.join(home, 'project');
	mkdirSync(project, {recursive: true});
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(home, file)), {recursive: true});
		writeFileSync(path.join(home, file), text);
	}

	const ccgateDirectory = path.join(home, '.config', 'ccgate');
	return {
		home,
		userSettings: path.join(home, '.claude', 'settings.json'),
		ccgateDirectory,
		context: {
			env: {
				PATH: process.env['PATH'],
				HOME: home,
				CLAUDE_CONFIG_DIR: path.join(home, '.claude'),
				CCGATE_CONFIG_DIR: ccgateDirectory,
				CCGATE_MANAGED_SETTINGS: path.join(home, 'managed', 'managed-settings.json'),
				SHELL: '/bin/bash',
			},
			home,
			cwd: project,
			now: Date.now,
			stdout() {},
			stderr() {},
			stdin: new PassThrough(),
			isTerminal: true,
		},
	};
}
