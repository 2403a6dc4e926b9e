import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import type {Sandbox} from '../helpers/cli.js';
import {ccgate, ccgateBinary, expectNoStackTrace, filesBelow, put, read, sandbox, userSettingsPath} from './support.js';

// docs/contract.md §4a: the Bedrock and Vertex pass-through formats, written, printed, re-edited and refused.
const token = 'T-cloud-token-0123456789';
const bedrockUrl = 'https://litellm.example.com:4000/bedrock';
const vertexUrl = 'https://litellm.example.com:4000/vertex_ai/v1';

const bedrockEnv = {
	ANTHROPIC_AUTH_TOKEN: token,
	CLAUDE_CODE_USE_BEDROCK: '1',
	ANTHROPIC_BEDROCK_BASE_URL: bedrockUrl,
	CLAUDE_CODE_SKIP_BEDROCK_AUTH: '1',
	AWS_REGION: 'eu-west-1',
};

const vertexEnv = {
	ANTHROPIC_AUTH_TOKEN: token,
	CLAUDE_CODE_USE_VERTEX: '1',
	ANTHROPIC_VERTEX_BASE_URL: vertexUrl,
	CLAUDE_CODE_SKIP_VERTEX_AUTH: '1',
	ANTHROPIC_VERTEX_PROJECT_ID: 'acme-ml',
	CLOUD_ML_REGION: 'global',
};

const bedrockFlags = ['--api', 'bedrock', '--base-url', bedrockUrl, '--region', 'eu-west-1', '--auth-token', token];
const vertexFlags = ['--api', 'vertex', '--base-url', vertexUrl, '--project', 'acme-ml', '--auth-token', token];

function settingsEnv(box: Sandbox): unknown {
	return (JSON.parse(read(userSettingsPath(box))) as {env: unknown}).env;
}

/** Source printed lines in a real shell and read back, from its exported environment, every variable named. */
function sourceIn(shell: 'bash' | 'zsh' | 'fish', box: Sandbox, printed: string, names: string[]): Record<string, string> {
	const file = path.join(box.home, `printed.${shell}`);
	put(file, printed);
	const argv = {
		bash: ['/usr/bin/bash', '--norc', '--noprofile', '-c', `. ${file} && env -0`],
		zsh: ['/usr/bin/zsh', '-f', '-c', `. ${file} && env -0`],
		fish: ['/usr/bin/fish', '--no-config', '-c', `source ${file}; and env -0`],
	}[shell];
	const output = execFileSync(argv[0]!, argv.slice(1), {env: {PATH: process.env['PATH'], HOME: box.home}, encoding: 'utf8'});
	const entries = output.split('\0').filter(Boolean).map(entry => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const);
	return Object.fromEntries(entries.filter(([name]) => names.includes(name)));
}

/** Every variable either format could set, and the Anthropic format's own: what a shell must (not) end up with. */
const allNames = ['ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY', ...new Set([...Object.keys(bedrockEnv), ...Object.keys(vertexEnv)])];

describe('ccgate write --api', () => {
	test('--api bedrock writes the keys of docs/contract.md §4a, the region as given', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['write', ...bedrockFlags]);
		expect(run).toEqual({stdout: 'Wrote ~/.claude/settings.json.\n', stderr: '', exitCode: 0});
		expect(settingsEnv(box)).toEqual(bedrockEnv);
	});

	test('--api vertex writes the keys of docs/contract.md §4a, the region defaulting to global', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', ...vertexFlags]);
		expect(run.stderr).toBe('');
		expect(run.exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual(vertexEnv);
	});

	test('--api bedrock without --region writes AWS_REGION us-east-1', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--api', 'bedrock', '--base-url', bedrockUrl, '--auth-token', token]);
		expect(run.exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual({...bedrockEnv, AWS_REGION: 'us-east-1'});
	});

	test('switching a target from the Anthropic format to Bedrock, then Vertex, then back takes out ccgate\'s keys of the other formats, and keeps the user\'s own keys', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({permissions: {allow: ['Bash(ls)']}, env: {MY_OWN: 'x'}}, undefined, 2));
		expect((await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', token])).exitCode).toBe(0);
		expect((await ccgate(box, ['write', ...bedrockFlags])).exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual({MY_OWN: 'x', ...bedrockEnv});
		const toVertex = await ccgate(box, ['write', ...vertexFlags]);
		expect(toVertex.stderr).toBe('');
		expect(settingsEnv(box)).toEqual({MY_OWN: 'x', ...vertexEnv});
		expect((await ccgate(box, ['write', '--api', 'anthropic', '--base-url', 'https://gw.example.com'])).exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual({MY_OWN: 'x', ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_BASE_URL: 'https://gw.example.com'});
		expect(JSON.parse(read(userSettingsPath(box)))).toMatchObject({permissions: {allow: ['Bash(ls)']}});
	});

	test('a switch the user wrote by hand stays when ccgate switches format', async () => {
		const box = sandbox();
		put(userSettingsPath(box), JSON.stringify({env: {AWS_REGION: 'ap-south-1'}}, undefined, 2));
		expect((await ccgate(box, ['write', ...vertexFlags])).exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual({...vertexEnv, AWS_REGION: 'ap-south-1'});
	});

	test('re-editing a Bedrock target with --base-url alone keeps it Bedrock', async () => {
		const box = sandbox();
		await ccgate(box, ['write', ...bedrockFlags]);
		const run = await ccgate(box, ['write', '--base-url', 'https://other.example.com/bedrock']);
		expect(run.exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual({...bedrockEnv, ANTHROPIC_BEDROCK_BASE_URL: 'https://other.example.com/bedrock'});
	});

	test('remove takes out only what ccgate wrote, for each format', async () => {
		for (const flags of [bedrockFlags, vertexFlags]) {
			const box = sandbox();
			put(userSettingsPath(box), JSON.stringify({env: {MY_OWN: 'x'}, model: 'opus'}, undefined, 2));
			// One format after the other, each in its own HOME: the steps of one must not overlap.
			expect((await ccgate(box, ['write', ...flags])).exitCode).toBe(0); // eslint-disable-line no-await-in-loop
			const run = await ccgate(box, ['remove', '--yes']); // eslint-disable-line no-await-in-loop
			expect(run.exitCode).toBe(0);
			expect(JSON.parse(read(userSettingsPath(box)))).toEqual({env: {MY_OWN: 'x'}, model: 'opus'});
		}
	});

	test('a profile saved from each format restores it', async () => {
		const box = sandbox();
		await ccgate(box, ['write', ...bedrockFlags]);
		expect(await ccgate(box, ['profile', 'save', 'aws'])).toEqual({stdout: `Saved profile aws (${bedrockUrl}).\n`, stderr: '', exitCode: 0});
		await ccgate(box, ['write', ...vertexFlags]);
		expect((await ccgate(box, ['profile', 'save', 'gcp'])).exitCode).toBe(0);
		expect((await ccgate(box, ['profile', 'list'])).stdout).toBe(`  aws  ${bedrockUrl}\n* gcp  ${vertexUrl}\n`);

		expect((await ccgate(box, ['profile', 'use', 'aws'])).exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual(bedrockEnv);
		expect((await ccgate(box, ['profile', 'use', 'gcp'])).exitCode).toBe(0);
		expect(settingsEnv(box)).toEqual(vertexEnv);
	});
});

describe('base URLs in each format', () => {
	test('a Vertex base URL keeps its /v1 (the client uses it verbatim); one without /v1 is a warning with the fix', async () => {
		const box = sandbox();
		const url = 'https://litellm.example.com:4000/vertex_ai';
		const run = await ccgate(box, ['write', '--api', 'vertex', '--base-url', `${url}/`, '--project', 'acme-ml', '--auth-token', token]);
		expect(run).toEqual({
			stdout: 'Wrote ~/.claude/settings.json.\n',
			stderr: `warning: ANTHROPIC_VERTEX_BASE_URL "${url}" does not end in /v1, and Claude Code posts /projects/… right below it, where Vertex and LiteLLM's /vertex_ai/v1 expect /v1/projects/…; use ${url}/v1 unless the gateway documents otherwise.\n`,
			exitCode: 0,
		});
		expect(settingsEnv(box)).toEqual({...vertexEnv, ANTHROPIC_VERTEX_BASE_URL: url});
	});

	test('a Bedrock base URL without a scheme is refused with the http:// fix, nothing written', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--api', 'bedrock', '--base-url', 'litellm.example.com/bedrock', '--auth-token', token]);
		expect(run).toEqual({stdout: '', stderr: 'error: The base URL "litellm.example.com/bedrock" has no scheme, so every request of Claude Code fails (Invalid URL); use http://litellm.example.com/bedrock.\n', exitCode: 2});
		expect(filesBelow(box.home)).toEqual([]);
	});
});

describe('bad input, exit 2, nothing written', () => {
	const cases: Array<[string, string[], string]> = [
		['--api bedrock --api-key K (the client would not send it)', ['write', '--api', 'bedrock', '--base-url', bedrockUrl, '--api-key', 'K-key-0123456789'], 'error: ANTHROPIC_API_KEY is not what Claude Code sends to a Bedrock gateway: in that mode the credential goes as Authorization: Bearer; give the credential with --auth-token instead of --api-key.\n'],
		['--api vertex without --project', ['write', '--api', 'vertex', '--base-url', vertexUrl, '--auth-token', token], 'error: A Vertex gateway needs the Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID), which Claude Code puts in every request path; give --project ID.\n'],
		['a region with whitespace', ['write', ...bedrockFlags.slice(0, 4), '--region', 'eu west 1', '--auth-token', token], 'error: The AWS_REGION value "eu west 1" holds whitespace; give --region us-east-1, without spaces.\n'],
		['a Vertex project with whitespace', ['write', '--api', 'vertex', '--base-url', vertexUrl, '--project', 'acme ml', '--auth-token', token], 'error: The ANTHROPIC_VERTEX_PROJECT_ID value "acme ml" holds whitespace; give --project my-project, without spaces.\n'],
		['an unknown format', ['write', '--api', 'openai', '--base-url', vertexUrl, '--auth-token', token], 'error: --api openai is not one of anthropic, bedrock, vertex; give --api anthropic, for example.\n'],
		['--region without a cloud format', ['write', '--base-url', 'https://gw.example.com', '--region', 'us-east-1', '--auth-token', token], 'error: --region is for --api bedrock or --api vertex, and this configuration is in the Anthropic format; add --api bedrock or --api vertex.\n'],
		['--project for Bedrock', ['write', ...bedrockFlags, '--project', 'acme-ml'], 'error: --project is for --api vertex, and this configuration is in the Bedrock format; leave --project out for Bedrock, or use --api vertex.\n'],
	];

	for (const [name, args, stderr] of cases) {
		test(`${name}: refused with the fix`, async () => {
			const box = sandbox();
			const run = await ccgate(box, args);
			expectNoStackTrace(run);
			expect(run).toEqual({stdout: '', stderr, exitCode: 2});
			expect(filesBelow(box.home)).toEqual([]);
		});
	}

	test('print refuses the same input', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', '--api', 'vertex', '--base-url', vertexUrl, '--auth-token', token]);
		expect(run).toEqual({stdout: '', stderr: 'error: A Vertex gateway needs the Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID), which Claude Code puts in every request path; give --project ID.\n', exitCode: 2});
	});
});

describe('ccgate print --api', () => {
	for (const [format, flags, env] of [['bedrock', bedrockFlags, bedrockEnv], ['vertex', vertexFlags, vertexEnv]] as const) {
		for (const shell of ['bash', 'zsh', 'fish'] as const) {
			test(`--api ${format} for ${shell}: the real shell ends up with exactly the keys of docs/contract.md §4a`, async () => {
				const box = sandbox();
				// An Anthropic-format gateway configured now: the printed lines replace it.
				put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://old.example.com'}}));
				const run = await ccgate(box, ['print', '--shell', shell, ...flags]);
				expect(run.stderr).toBe('');
				expect(run.exitCode).toBe(0);
				expect(sourceIn(shell, box, run.stdout, allNames)).toEqual(env);
			});
		}

		test(`--api ${format} for PowerShell: one $env: line per key of docs/contract.md §4a`, async () => {
			const box = sandbox();
			const run = await ccgate(box, ['print', '--shell', 'powershell', ...flags]);
			expect(run.exitCode).toBe(0);
			expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual(Object.entries(env).map(([name, value]) => `$env:${name} = '${value}'`).sort());
		});
	}

	test('an AWS_REGION exported for other tools is not printed for an Anthropic-format gateway', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['print', '--shell', 'bash', '--base-url', 'https://gw.example.com', '--auth-token', token], {env: {AWS_REGION: 'eu-west-1'}});
		expect(run).toEqual({stdout: `export ANTHROPIC_BASE_URL='https://gw.example.com'\nexport ANTHROPIC_AUTH_TOKEN='${token}'\n`, stderr: '', exitCode: 0});
	});

	test('print without --api prints the configured Vertex gateway as it is', async () => {
		const box = sandbox();
		await ccgate(box, ['write', ...vertexFlags]);
		const run = await ccgate(box, ['print', '--shell', 'bash']);
		expect(sourceIn('bash', box, run.stdout, allNames)).toEqual(vertexEnv);
	});

	test('write --to shell --api bedrock: a bash sourcing the profile has exactly the keys of docs/contract.md §4a', async () => {
		const box = sandbox();
		put(path.join(box.home, '.bashrc'), 'alias ll=\'ls -l\'\n');
		const run = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', ...bedrockFlags]);
		expect(run.exitCode).toBe(0);
		expect(read(path.join(box.home, '.bashrc'))).not.toContain(token);
		expect(sourceIn('bash', box, read(path.join(box.home, '.bashrc')), allNames)).toEqual(bedrockEnv);
		const toVertex = await ccgate(box, ['write', '--to', 'shell', '--shell', 'bash', ...vertexFlags]);
		expect(toVertex.exitCode).toBe(0);
		expect(sourceIn('bash', box, read(path.join(box.home, '.bashrc')), allNames)).toEqual(vertexEnv);
		expect((await ccgate(box, ['remove', '--yes', '--to', 'shell', '--shell', 'bash'])).exitCode).toBe(0);
		expect(read(path.join(box.home, '.bashrc'))).toBe('alias ll=\'ls -l\'\n');
	});
});

describe('models and discovery in each format', () => {
	test('model ids in each format\'s shape count as Claude models; discovery outside the Anthropic format is a warning', async () => {
		const box = sandbox();
		const bedrock = await ccgate(box, ['write', ...bedrockFlags, '--model', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', '--discovery']);
		expect(bedrock).toEqual({
			stdout: 'Wrote ~/.claude/settings.json.\n',
			stderr: 'warning: Gateway model discovery works in the Anthropic format only, so with a Bedrock gateway Claude Code lists no models from it; turn it off with --no-discovery, and give the model IDs with --model.\n',
			exitCode: 0,
		});
		const vertex = await ccgate(box, ['write', ...vertexFlags, '--model', 'claude-opus-4-1@20250805', '--no-discovery']);
		expect(vertex.stderr).toBe('');
		expect(vertex.exitCode).toBe(0);
	});
});
