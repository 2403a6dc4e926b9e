import {describe, expect, test} from 'vitest';
import {ccgate, lines, put, read, sandbox, userSettingsPath} from './support.js';

/*
Every model setting Claude Code has, through the command line: each tier's mapping (fable too), the subagent model,
in the settings file, in shell lines, in `show`, in profiles, and out again with `remove`.
*/

const token = 'sk-gw-models-token-0123456789';
const gateway = 'https://gw.example.com';
const modelFlags = ['--model', 'fable', '--fable-model', 'claude-gw-fable', '--subagent-model', 'claude-gw-haiku'];

describe('--fable-model and --subagent-model', () => {
	test('write puts them in the settings file, beside the default model fable, with no warning', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', gateway, '--auth-token', token, ...modelFlags]);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe(`{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gw.example.com",
    "ANTHROPIC_AUTH_TOKEN": "${token}",
    "ANTHROPIC_DEFAULT_FABLE_MODEL": "claude-gw-fable",
    "CLAUDE_CODE_SUBAGENT_MODEL": "claude-gw-haiku"
  },
  "model": "fable"
}
`);
	});

	test('print gives them as export lines, the model as ANTHROPIC_MODEL', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', '--base-url', gateway, '--auth-token', token, ...modelFlags]);
		expect(run).toEqual({exitCode: 0, stderr: '', stdout: [
			'export ANTHROPIC_BASE_URL=\'https://gw.example.com\'',
			`export ANTHROPIC_AUTH_TOKEN='${token}'`,
			'export ANTHROPIC_MODEL=\'fable\'',
			'export ANTHROPIC_DEFAULT_FABLE_MODEL=\'claude-gw-fable\'',
			'export CLAUDE_CODE_SUBAGENT_MODEL=\'claude-gw-haiku\'',
			'',
		].join('\n')});
	});

	test('show lists them with their layer, and remove takes them out again', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "permissions": {}\n}\n');
		await ccgate(box, ['write', '--base-url', gateway, '--no-auth', '--fable-model', 'claude-gw-fable', '--subagent-model', 'claude-gw-haiku']);
		const shown = await ccgate(box, ['show']);
		expect(lines(shown.stdout).slice(0, 5)).toEqual([
			'KEY                            VALUE                   LAYER  SHADOWS',
			'ANTHROPIC_BASE_URL             https://gw.example.com  user   -',
			'ANTHROPIC_AUTH_TOKEN           (none: no credential)   user   -',
			'ANTHROPIC_DEFAULT_FABLE_MODEL  claude-gw-fable         user   -',
			'CLAUDE_CODE_SUBAGENT_MODEL     claude-gw-haiku         user   -',
		]);
		expect((await ccgate(box, ['remove', '--yes'])).exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{\n  "permissions": {}\n}\n');
	});

	test('a profile saved with them writes them when used', async () => {
		const box = sandbox();
		const saved = await ccgate(box, ['profile', 'save', 'work', '--base-url', gateway, '--auth-token', token, '--fable-model', 'claude-gw-fable', '--subagent-model', 'claude-gw-haiku']);
		expect(saved).toEqual({exitCode: 0, stdout: 'Saved profile work (https://gw.example.com).\n', stderr: ''});
		expect((await ccgate(box, ['profile', 'use', 'work'])).exitCode).toBe(0);
		expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {
			ANTHROPIC_BASE_URL: gateway,
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_DEFAULT_FABLE_MODEL: 'claude-gw-fable',
			CLAUDE_CODE_SUBAGENT_MODEL: 'claude-gw-haiku',
		}});
	});

	test('a subagent model that is not a Claude model is warned about, naming its variable', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--subagent-model', 'gpt-4o']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: 'warning: CLAUDE_CODE_SUBAGENT_MODEL names gpt-4o, which is not a Claude model: gateway discovery will not list it, Claude-specific features may fail, and GUI hosts that wrap Claude Code send non-Claude models around the gateway; prefer a Claude model ID or an alias such as sonnet.\n'});
	});

	for (const model of ['fable', 'fable[1m]', 'best', 'BEST[1M]']) {
		test(`the alias ${model} is a Claude model: no warning`, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['write', '--model', model, '--subagent-model', model]);
			expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		});
	}
});
