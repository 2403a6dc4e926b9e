import path from 'node:path';
import {expect, test} from 'vitest';
import {ccgate, expectNoStackTrace, folder, put, sandbox, userSettingsPath} from './support.js';

/*
Claude Code's own files pass zod schemas (source/core/client-files.ts): a field of the wrong shape is read as absent,
the file's other fields still count, and nothing fails unexpectedly. A `__proto__` name is data, never a prototype.
*/

test('show reads past fields of the wrong shape in settings, ~/.claude.json, the credentials file and the discovery cache', async () => {
	const box = sandbox();
	const cwd = folder(box, 'work');
	put(userSettingsPath(box), String.raw`{"model": 5, "apiKeyHelper": ["x"], "env": {"ANTHROPIC_BASE_URL": "https://user.example.com", "ANTHROPIC_MODEL": {"a": 1}, "CLAUDE_CODE_MAX_OUTPUT_TOKENS": 8000, "__proto__": {"ANTHROPIC_AUTH_TOKEN": "polluted-0123456789"}}}`);
	put(path.join(cwd, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://project.example.com'}}));
	put(path.join(box.home, '.claude.json'), JSON.stringify({projects: {[cwd]: {hasTrustDialogAccepted: 'yes'}}}));
	put(path.join(box.home, '.claude', '.credentials.json'), JSON.stringify({claudeAiOauth: 'x', enterpriseGateway: {url: 5, jwt: 'a.b.c'}}));
	put(path.join(box.home, '.claude', 'cache', 'gateway-models.json'), JSON.stringify({baseUrl: 1, models: 'none'}));
	const run = await ccgate(box, ['show'], {cwd});
	expectNoStackTrace(run);
	const user = userSettingsPath(box);
	const project = path.join(cwd, '.claude', 'settings.json');
	expect(run).toEqual({
		exitCode: 0,
		stdout: [
			'KEY                 VALUE                     LAYER  SHADOWS',
			'ANTHROPIC_BASE_URL  https://user.example.com  user   project (untrusted, ignored): https://project.example.com',
			'',
			'Layers:',
			`  user     ${user}`,
			`  project  ${project} (untrusted: not applied)`,
			'',
			'Discovery cache: 0 models (none), fetched at an unknown time, for an unknown base URL',
			'',
		].join('\n'),
		stderr: [
			`warning: ${project} is left out because Claude Code has not trusted this folder; open claude here and accept the trust dialog, or pass --trust-project.`,
			'warning: No credential is set for the gateway, so Claude Code falls back to your own Anthropic login and sends it there; give it with --token-stdin, or --no-auth for a gateway that wants no credential.',
			'',
		].join('\n'),
	});
});
