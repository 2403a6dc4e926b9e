import {describe, expect, test} from 'vitest';
import {draftFromValues, emptyDraft} from '../../source/wizard/model/draft.js';
import {requestFromDraft} from '../../source/app/request.js';

const current = draftFromValues({
	ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000',
	ANTHROPIC_AUTH_TOKEN: 'old-token',
	ANTHROPIC_CUSTOM_HEADERS: 'x-team: core',
	model: 'sonnet',
});

const noShell = new Set<never>();

describe('what a write carries', () => {
	test('re-editing one field asks to change only that key', () => {
		const request = requestFromDraft({...current, secret: 'new-token'}, {baseline: current, fromShell: noShell, target: 'settings'});
		expect(request).toEqual({set: {ANTHROPIC_AUTH_TOKEN: 'new-token'}, unset: [], noAuth: false, secretFile: false});
	});

	test('nothing changed asks for nothing', () => {
		expect(requestFromDraft(current, {baseline: current, fromShell: noShell, target: 'settings'})).toEqual({set: {}, unset: [], noAuth: false, secretFile: false});
	});

	test('a cleared field is removed; a cleared model goes from both model keys', () => {
		const request = requestFromDraft({...current, headers: [], model: ''}, {baseline: current, fromShell: noShell, target: 'settings'});
		expect(request).toEqual({set: {}, unset: ['model', 'ANTHROPIC_MODEL'], headers: [], noAuth: false, secretFile: false});
	});

	test('starting fresh over a config writes what was typed and clears the rest', () => {
		const typed = {...emptyDraft, baseUrl: 'https://gw.example.com', secret: 'tok'};
		expect(requestFromDraft(typed, {baseline: current, fromShell: noShell, target: 'settings'})).toEqual({
			set: {ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'tok'},
			unset: ['model', 'ANTHROPIC_MODEL'],
			headers: [],
			noAuth: false,
			secretFile: false,
		});
	});

	test('values found only in the shell are copied into a settings file, not into a shell profile', () => {
		const fromShell = new Set(['baseUrl', 'credential'] as const);
		expect(requestFromDraft(current, {baseline: current, fromShell, target: 'settings'}).set).toEqual({ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'old-token'});
		expect(requestFromDraft(current, {baseline: current, fromShell, target: 'shell'}).set).toEqual({});
	});

	test('printed lines carry every field', () => {
		expect(requestFromDraft(current, {baseline: current, fromShell: noShell, target: 'print'})).toEqual({
			set: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'old-token', model: 'sonnet'},
			unset: ['ANTHROPIC_DEFAULT_OPUS_MODEL', 'ANTHROPIC_DEFAULT_SONNET_MODEL', 'ANTHROPIC_DEFAULT_HAIKU_MODEL', 'ANTHROPIC_DEFAULT_FABLE_MODEL', 'CLAUDE_CODE_SUBAGENT_MODEL', 'ANTHROPIC_CUSTOM_MODEL_OPTION', 'ANTHROPIC_CUSTOM_MODEL_OPTION_NAME', 'CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'],
			headers: ['x-team: core'],
			noAuth: false,
			secretFile: false,
		});
	});

	test('ccgate\'s secret file is asked for a settings file only', () => {
		const draft = {...current, secretStorage: 'secret-file'} as const;
		expect(requestFromDraft(draft, {baseline: current, fromShell: noShell, target: 'settings'}).secretFile).toBe(true);
		expect(requestFromDraft(draft, {baseline: current, fromShell: noShell, target: 'shell'}).secretFile).toBe(false);
	});

	test('each credential style asks for its own key', () => {
		const context = {baseline: current, fromShell: noShell, target: 'settings'} as const;
		expect(requestFromDraft({...current, credentialStyle: 'x-api-key'}, context).set).toEqual({ANTHROPIC_API_KEY: 'old-token'});
		expect(requestFromDraft({...current, credentialStyle: 'helper', helper: 'cat ~/k'}, context).set).toEqual({apiKeyHelper: 'cat ~/k'});
		expect(requestFromDraft({...current, credentialStyle: 'none'}, context)).toMatchObject({set: {}, noAuth: true});
	});

	test('discovery turned on sets 1, turned off removes it', () => {
		const context = {baseline: current, fromShell: noShell, target: 'settings'} as const;
		expect(requestFromDraft({...current, discovery: true}, context).set).toEqual({CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'});
		expect(requestFromDraft(current, {...context, baseline: {...current, discovery: true}}).unset).toEqual(['CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY']);
	});
});

describe('fields from a config', () => {
	test('ccgate\'s no-auth placeholder reads as no credential', () => {
		expect(draftFromValues({ANTHROPIC_AUTH_TOKEN: 'ccgate-no-auth'}).credentialStyle).toBe('none');
	});

	test('ccgate\'s own secret file reads as the secret it holds', () => {
		const draft = draftFromValues({apiKeyHelper: 'cat \'/s/k\''}, {helper: 'cat \'/s/k\'', secret: 'tok'});
		expect(draft).toMatchObject({credentialStyle: 'bearer', secret: 'tok', secretStorage: 'secret-file'});
	});

	test('a user\'s own apiKeyHelper stays a command', () => {
		expect(draftFromValues({apiKeyHelper: 'pass gw'})).toMatchObject({credentialStyle: 'helper', helper: 'pass gw'});
	});

	test('ANTHROPIC_MODEL wins over the settings key model, as in Claude Code', () => {
		expect(draftFromValues({model: 'opus', ANTHROPIC_MODEL: 'claude-x'}).model).toBe('claude-x');
	});
});
