import {render} from 'ink-testing-library';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import {App} from '../../source/wizard/view/App.js';
import type {WizardServices} from '../../source/wizard/model/services.js';
import {setupFrom, usableReport} from './fixtures.js';

// Ink reads CI once as it loads: hidden before any import runs, as the wizard itself does (source/wizard/start/start.ts).
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
afterAll(restoreCi);

const keys = {enter: '\r', escape: '\u001B', down: '\u001B[B', ctrlU: '\u0015'} as const;

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

let unmount: (() => void) | undefined;
afterEach(() => {
	unmount?.();
	unmount = undefined;
});

const services: WizardServices = {
	probe: async () => usableReport(),
	async plan() {
		throw new Error('not reached');
	},
	async apply() {
		throw new Error('not reached');
	},
};

/** The wizard of a first-time user (ink-testing-library: 100 columns); `until` waits for a text, `frame` is the screen without colours. */
async function start() {
	const app = render(<App setup={setupFrom()} services={services}/>);
	unmount = app.unmount;
	const frame = () => (app.lastFrame() ?? '').replaceAll(ansi, '');
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	return {
		frame,
		async until(text: string) {
			await vi.waitFor(() => {
				expect(frame()).toContain(text);
			}, {timeout: 5000});
		},
		press(...input: string[]) {
			for (const data of input) {
				app.stdin.write(data);
			}
		},
	};
}

describe('the endpoint step\'s new questions, as drawn', () => {
	test('a preset whose models are not Claude\'s says so once, plainly, above its prefilled URL; Esc goes back to the list', async () => {
		const wizard = await start();
		await wizard.until('Which gateway?');
		wizard.press('router');
		await wizard.until('Filter: router');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'Which gateway? Type to filter the list; Other is any gateway not in it.',
			'Filter: router',
			'',
			'❯ claude-code-router  127.0.0.1:3456 · self-hosted',
			'  OpenRouter          openrouter.ai/api',
			'  Other               any other gateway: its format and URL are asked next',
			'',
			'↑↓ choose · Enter continue · Ctrl+U clear · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(keys.enter);
		await wizard.until('❯ http://127.0.0.1:3456');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'note: claude-code-router answers with its own models, not Claude models; the token is the APIKEY of',
			'its config.json.',
			'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.',
			'❯ http://127.0.0.1:3456',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(keys.enter);
		await wizard.until('How does the gateway want the credential?');
		expect(wizard.frame()).not.toContain('note:');
		wizard.press(keys.escape);
		await wizard.until('❯ http://127.0.0.1:3456');
		expect(wizard.frame()).not.toContain('note:');
		wizard.press(keys.escape);
		await wizard.until('Which gateway?');
	});

	test('Cloudflare asks its fields by name; the gateway token is masked', async () => {
		const wizard = await start();
		await wizard.until('Which gateway?');
		wizard.press('cloudflare');
		await wizard.until('Filter: cloudflare');
		wizard.press(keys.enter);
		await wizard.until('Your Cloudflare account ID (in the base URL):');
		wizard.press('acct1', keys.enter, 'gw1', keys.enter, 'tok');
		await wizard.until('❯ •••');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'note: the token is your own Anthropic API key, which the gateway passes on.',
			'The gateway token (Run permission) of an authenticated gateway (sent in cf-aig-authorization):',
			'❯ •••',
			'',
			'Enter continue · Ctrl+U clear · Ctrl+R reveal · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press('\u0012');
		await wizard.until('❯ tok');
		wizard.press(keys.enter);
		await wizard.until('❯ https://gateway.ai.cloudflare.com/v1/acct1/gw1/anthropic');
	});

	test('a Cloudflare account ID with a slash and a space: the error under the field names it, and Enter stays', async () => {
		const wizard = await start();
		await wizard.until('Which gateway?');
		wizard.press('cloudflare');
		await wizard.until('Filter: cloudflare');
		wizard.press(keys.enter);
		await wizard.until('Your Cloudflare account ID (in the base URL):');
		wizard.press('abc/de f');
		await wizard.until('❯ abc/de f');
		wizard.press(keys.enter);
		await wizard.until('✗ "abc/de f" holds "/", which a part of a base URL cannot carry');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'note: the token is your own Anthropic API key, which the gateway passes on.',
			'Your Cloudflare account ID (in the base URL):',
			'❯ abc/de f',
			'✗ "abc/de f" holds "/", which a part of a base URL cannot carry',
			'  → give your Cloudflare account ID with letters, digits and - . _ ~ only',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
	});

	test('the format question, Anthropic preselected, then Bedrock\'s base URL and region, and Esc back through them', async () => {
		const wizard = await start();
		await wizard.until('Which gateway?');
		wizard.press('other');
		await wizard.until('Filter: other');
		wizard.press(keys.enter);
		await wizard.until('The API format');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'The API format the gateway speaks (Claude Code\'s gateway docs name three):',
			'❯ Anthropic  Messages API, ANTHROPIC_BASE_URL: most gateways',
			'  Bedrock    InvokeModel pass-through, ANTHROPIC_BEDROCK_BASE_URL',
			'  Vertex     rawPredict pass-through, ANTHROPIC_VERTEX_BASE_URL',
			'',
			'↑↓ choose · Enter continue · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(keys.down, keys.enter);
		await wizard.until('ANTHROPIC_BEDROCK_BASE_URL);');
		wizard.press('http://127.0.0.1:4000/bedrock', keys.enter);
		await wizard.until('❯ us-east-1');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'The AWS region (AWS_REGION): us-east-1 unless the gateway wants another.',
			'❯ us-east-1',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(keys.ctrlU, 'us east', keys.enter);
		await wizard.until('Enter continues once the ✗ above is fixed.');
		expect(wizard.frame()).toContain('✗ The AWS_REGION value "us east" holds whitespace');
		wizard.press(keys.escape);
		await wizard.until('❯ http://127.0.0.1:4000/bedrock');
		wizard.press(keys.escape);
		await wizard.until('❯ Bedrock');
		wizard.press(keys.escape);
		await wizard.until('Which gateway?');
	});
});
