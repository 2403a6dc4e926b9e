import {describe, expect, test} from 'vitest';
import {presetData} from '../../source/core/preset-data.js';
import {checkPresets} from '../../source/core/preset-schema.js';
import {presetAt, presets} from '../../source/core/presets.js';

// Every fact of a preset comes from a page, read on a date: the file is refused without them.
const complete = {
	id: 'example',
	name: 'Example',
	api: 'anthropic',
	baseUrl: 'https://gw.example.com/anthropic',
	selfHosted: false,
	credential: 'ANTHROPIC_AUTH_TOKEN',
	emptyApiKey: false,
	fields: [],
	headers: [],
	discovery: 'unknown',
	claudeModels: true,
	source: 'https://gw.example.com/docs/claude-code',
	checked: '2026-11-28',
};

describe('the preset file', () => {
	test('every preset names an https documentation page and the date it was checked', () => {
		// The shipped data passes the schema.
		expect(checkPresets(presetData)).toEqual(presets());
		for (const preset of presets()) {
			expect(preset.source, preset.id).toMatch(/^https:\/\/[^\s/]+\.[a-z]+\//);
			expect(preset.checked, preset.id).toMatch(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
		}
	});

	test('the gateways docs/contract.md §9 lists are all there, each at most once', () => {
		const ids = presets().map(preset => preset.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toEqual(expect.arrayContaining(['litellm', 'litellm-bedrock', 'litellm-vertex', 'claude-code-router', 'portkey', 'openrouter', 'cloudflare', 'vercel', 'ollama', 'lm-studio', 'deepseek', 'kimi-code', 'zai', 'minimax', 'dashscope']));
	});

	test('a preset without a source URL is refused', () => {
		const {source: _source, ...withoutSource} = complete;
		expect(() => checkPresets([withoutSource])).toThrow('Preset example: source is missing');
	});

	test('a preset without a checked date, or with a date that is not YYYY-MM-DD, is refused', () => {
		const {checked: _checked, ...withoutDate} = complete;
		expect(() => checkPresets([withoutDate])).toThrow('Preset example: checked is missing');
		expect(() => checkPresets([{...complete, checked: 'last week'}])).toThrow('Preset example: checked "last week" is not in the expected form');
	});

	test('two presets with one id are refused', () => {
		expect(() => checkPresets([complete, {...complete, name: 'Example again'}])).toThrow('Preset id example is given twice');
	});

	test('a base URL ending in /v1/messages is refused, and /v1 too for the Anthropic format', () => {
		expect(() => checkPresets([{...complete, baseUrl: 'https://gw.example.com/v1/messages'}])).toThrow('Preset example: the base URL https://gw.example.com/v1/messages ends in /v1/messages, which Claude Code appends itself');
		expect(() => checkPresets([{...complete, api: 'vertex', baseUrl: 'https://gw.example.com/v1/messages'}])).toThrow('ends in /v1/messages');
		expect(() => checkPresets([{...complete, baseUrl: 'https://gw.example.com/v1'}])).toThrow('Preset example: the base URL https://gw.example.com/v1 ends in /v1, which Claude Code appends itself');
		// A Vertex pass-through base URL keeps its /v1: the client uses it verbatim.
		expect(checkPresets([{...complete, api: 'vertex', baseUrl: 'http://localhost:4000/vertex_ai/v1'}])).toHaveLength(1);
	});

	test('a source that is not an https address is refused', () => {
		expect(() => checkPresets([{...complete, source: 'the docs'}])).toThrow('Preset example: source "the docs" is not in the expected form');
	});

	test('a preset with an unknown field is refused, so a typo never passes as a fact', () => {
		expect(() => checkPresets([{...complete, baseURL: 'https://x.example.com'}])).toThrow('Preset example: unknown field baseURL');
	});
});

describe('presetAt: the hosted gateway a base URL is', () => {
	test('a template\'s fields match one path segment each; a trailing slash and the case of the host do not matter', () => {
		expect(presetAt('https://gateway.ai.cloudflare.com/v1/acct-1/gw-main/anthropic')?.id).toBe('cloudflare');
		expect(presetAt('https://Gateway.AI.cloudflare.com/v1/acct-1/gw-main/anthropic/')?.id).toBe('cloudflare');
		expect(presetAt('https://gateway.ai.cloudflare.com/v1/acct-1/a/b/anthropic')).toBeUndefined();
		expect(presetAt('https://api.z.ai/api/anthropic')?.id).toBe('zai');
		expect(presetAt('https://api.deepseek.com/anthropic')?.id).toBe('deepseek');
	});

	test('another host, a longer path, or a self-hosted preset\'s default address is no preset', () => {
		expect(presetAt('https://evil.example.com/https://api.z.ai/api/anthropic')).toBeUndefined();
		expect(presetAt('https://api.z.ai/api/anthropic/extra')).toBeUndefined();
		expect(presetAt('https://api.z.ai.evil.example.com/api/anthropic')).toBeUndefined();
		expect(presetAt('http://localhost:4000')).toBeUndefined();
	});
});
