import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, describe, expect, test, vi} from 'vitest';
import type {ProbeReport} from '../../source/probe/probe.js';
import {App} from '../../source/wizard/view/App.js';
import {defaultServices} from '../../source/wizard/start/default-services.js';
import type {ProbeInput} from '../../source/wizard/model/validation.js';
import {loadSetup} from '../../source/wizard/start/setup.js';
import {runCcgate} from '../helpers/cli.js';
import {startGateway} from '../helpers/gateway.js';
import {cannotTellReport, testFolder, type TestFolder, unusableReport, usableReport} from './fixtures.js';

// The wizard always loads Ink with CI hidden (source/wizard/start/start.ts), because Ink reads CI once as it loads and
// then draws only at exit. These tests import Ink directly, so they hide it the same way before any import runs.
const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
afterAll(restoreCi);

const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	tab: '\t',
	ctrlC: '\u0003',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
	left: '\u001B[D',
	end: '\u001B[F',
	ctrlD: '\u0004',
	backspace: '\u007F',
} as const;

const gatewayUrl = 'http://127.0.0.1:4000';
const token = 'secret-token-1234567890';

type Wizard = ReturnType<typeof render> & {
	readonly folder: TestFolder;
	/** Every probe the wizard asked for, in order. */
	readonly probes: ProbeInput[];
	/** The last frame, colours stripped. */
	frame(): string;
	/** The last frame with every run of whitespace as one space: phrases the terminal width wrapped read whole. */
	text(): string;
	/** Wait until the frame shows `text`, as drawn or across a wrapped line. */
	until(text: string): Promise<void>;
	press(...input: string[]): void;
};

let mounted: Wizard | undefined;
afterEach(() => {
	mounted?.unmount();
	mounted = undefined;
});

// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[\d;]*m/g;

/** The wizard on fake terminal streams, over real files in a temporary HOME; only the probe is a fake. */
async function startWizard(options: {files?: Record<string, string>; prepare?: (folder: TestFolder) => void; probe?: (input: ProbeInput) => Promise<ProbeReport>; realProbe?: boolean} = {}): Promise<Wizard> {
	const folder = testFolder(options.files);
	options.prepare?.(folder);
	const setup = loadSetup({trustProject: false}, folder.context);
	const probes: ProbeInput[] = [];
	const real = defaultServices(setup, folder.context, {timeoutMs: 5000});
	const services = {
		...real,
		async probe(input: ProbeInput, signal: AbortSignal) {
			if (options.realProbe) {
				probes.push(input);
				return real.probe(input, signal);
			}

			probes.push(input);
			return options.probe ? options.probe(input) : usableReport();
		},
	};
	const app = render(<App setup={setup} services={services}/>);
	const frame = () => (app.lastFrame() ?? '').replaceAll(ansi, '');
	const text = () => frame().replaceAll(/\s+/g, ' ');
	const wizard: Wizard = {
		...app,
		folder,
		probes,
		frame,
		text,
		async until(expected) {
			await vi.waitFor(() => {
				expect(frame().includes(expected) || text().includes(expected.replaceAll(/\s+/g, ' ')), `waiting for ${expected} in:\n${frame()}`).toBe(true);
			}, {timeout: 5000});
		},
		press(...input) {
			for (const data of input) {
				app.stdin.write(data);
			}
		},
	};
	mounted = wizard;
	// Ink listens once its input effect has run; keys written before would be lost.
	await vi.waitFor(() => {
		expect(app.stdin.listenerCount('readable')).toBeGreaterThan(0);
	});
	return wizard;
}

/** From the "Which gateway?" list: Other, the only row once the filter matches no known gateway. */
async function pastGatewayList(wizard: Wizard): Promise<void> {
	await wizard.until('Which gateway?');
	wizard.press('other');
	await wizard.until('Filter: other');
	wizard.press(keys.enter);
}

/** The format question, Anthropic kept: on to the base URL. */
async function pastFormat(wizard: Wizard): Promise<void> {
	await wizard.until('The API format the gateway speaks');
	wizard.press(keys.enter);
	await wizard.until('Claude Code appends');
}

async function throughEndpoint(wizard: Wizard): Promise<void> {
	await pastGatewayList(wizard);
	await pastFormat(wizard);
	wizard.press(gatewayUrl, keys.enter);
	await wizard.until('How does the gateway want the credential?');
}

async function throughCredential(wizard: Wizard): Promise<void> {
	await throughEndpoint(wizard);
	wizard.press(keys.enter, token, keys.enter);
	await wizard.until('Where should the token live?');
	wizard.press(keys.enter);
	await wizard.until('Headers sent with every request');
}

async function throughHeaders(wizard: Wizard): Promise<void> {
	await throughCredential(wizard);
	wizard.press(keys.enter, 'x-team: core', keys.enter);
	await wizard.until('x-team: core');
	wizard.press(keys.enter);
	await wizard.until('Default model');
}

async function throughModels(wizard: Wizard): Promise<void> {
	await throughHeaders(wizard);
	wizard.press(keys.enter);
	await wizard.until('Probe');
}

async function toReview(wizard: Wizard, targetMoves = 0): Promise<void> {
	await throughModels(wizard);
	await wizard.until('The gateway is usable by Claude Code.');
	wizard.press(keys.enter);
	await wizard.until('Where should the configuration go?');
	for (let move = 0; move < targetMoves; move++) {
		wizard.press(keys.down);
	}

	wizard.press(keys.enter);
	await wizard.until('Enter ');
}

describe('current config step', () => {
	test('nothing configured and no profile: the wizard opens on the endpoint, with no step to go back to', async () => {
		const wizard = await startWizard();
		await wizard.until('1/7 Endpoint');
		expect(wizard.frame()).not.toContain('Current config');
		expect(wizard.frame()).toContain('Enter continue · Ctrl+U clear · Ctrl+C quit, nothing written');
	});

	test('nothing configured but a saved profile: the first step offers it beside a fresh start', async () => {
		const wizard = await startWizard({prepare(folder) {
			mkdirSync(folder.ccgateDirectory, {recursive: true});
			writeFileSync(path.join(folder.ccgateDirectory, 'config.json'), JSON.stringify({writes: {}, profiles: {work: {values: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}, savedAt: '2026-11-25T00:00:00.000Z'}}}));
		}});
		await wizard.until('Load the profile "work"');
		expect(wizard.frame()).toContain('Nothing of ccgate\'s is configured yet');
		expect(wizard.frame()).toContain('❯ Start fresh');
		expect(wizard.frame()).toContain('↑↓ choose · Enter continue · Ctrl+C quit, nothing written');
		wizard.press(keys.down, keys.enter);
		await pastFormat(wizard);
		await wizard.until(`❯ ${gatewayUrl}`);
		expect(wizard.frame()).toContain('Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written');
	});

	test('the effective config shows each value masked, with its file, and untrusted layers marked', async () => {
		const wizard = await startWizard({files: {
			'.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}}),
			'project/.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: 'https://evil.example.com'}}),
		}});
		await wizard.until('Edit the current config');
		const frame = wizard.frame();
		expect(frame).toMatch(/ANTHROPIC_BASE_URL\s+http:\/\/127\.0\.0\.1:4000\s+user\s+\S+\/\.claude\/settings\.json/);
		expect(frame).toContain('secr…7890');
		expect(frame).not.toContain(token);
		// The temporary path is long: the table wraps it inside its column (test/wizard/tables.test.tsx), so it is read with the wrapping (a new line, then the 24 columns before the values) taken out.
		expect(frame.replaceAll(/\n {24}/g, '')).toMatch(/ignored: https:\/\/evil\.example\.com in project {0,2}\S+\/project\/\.claude\/settings\.json \(untrusted folder\)/);
		expect(wizard.text()).toContain('is left out because Claude Code has not trusted this folder');
	});

	test('editing starts every field from the effective value', async () => {
		const wizard = await startWizard({files: {'.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}})}});
		await wizard.until('Edit the current config');
		wizard.press(keys.enter);
		await pastFormat(wizard);
		await wizard.until(`❯ ${gatewayUrl}`);
	});
});

describe('endpoint step', () => {
	test('typing localhost:8766 shows the http://localhost:8766 fix, and Enter stays', async () => {
		const wizard = await startWizard();
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press('localhost:8766');
		await wizard.until('→ use http://localhost:8766');
		expect(wizard.text()).toContain('✗ The base URL "localhost:8766" has no scheme (http:// or https://)');
		wizard.press(keys.enter);
		await wizard.until('→ use http://localhost:8766');
		expect(wizard.frame()).toContain('1/7 Endpoint');
	});

	test('Tab accepts the shown fix', async () => {
		const wizard = await startWizard();
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press('localhost:8766');
		await wizard.until('Tab use the fix · Enter continue');
		wizard.press(keys.tab);
		await wizard.until('❯ http://localhost:8766');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.',
			'❯ http://localhost:8766',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
	});

	test('the error goes as the URL is corrected, keystroke by keystroke', async () => {
		const wizard = await startWizard();
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press('localhost:8766');
		await wizard.until('has no scheme');
		wizard.press(keys.ctrlU, 'http://localhost:8766');
		await vi.waitFor(() => {
			expect(wizard.frame()).not.toContain('has no scheme');
		});
	});

	test('Esc goes back to the current config', async () => {
		const wizard = await startWizard({files: {'.claude/settings.json': JSON.stringify({env: {ANTHROPIC_BASE_URL: gatewayUrl}})}});
		await wizard.until('Edit the current config');
		wizard.press(keys.enter);
		await wizard.until('1/7 Endpoint');
		wizard.press(keys.escape);
		await wizard.until('Current config');
	});
});

describe('credential step', () => {
	test('the token is masked as it is typed, and Ctrl+R reveals it', async () => {
		const wizard = await startWizard();
		await throughEndpoint(wizard);
		wizard.press(keys.enter, 'abc');
		await wizard.until('❯ •••');
		expect(wizard.frame()).not.toContain('abc');
		expect(wizard.frame()).toContain('Ctrl+R reveal');
		wizard.press(keys.ctrlR);
		await wizard.until('❯ abc');
		expect(wizard.frame()).toContain('Ctrl+R hide');
	});

	test('an x-api-key choice explains Claude Code\'s approval prompt', async () => {
		const wizard = await startWizard();
		await throughEndpoint(wizard);
		wizard.press(keys.down);
		await wizard.until('"No (recommended)" preselected');
		wizard.press(keys.enter, 'key-1', keys.enter);
		await wizard.until('Where should the key live?');
		expect(wizard.text()).toContain('! ANTHROPIC_API_KEY makes interactive Claude Code ask whether to use the key');
	});

	test('a token with a space is refused with the fix', async () => {
		const wizard = await startWizard();
		await throughEndpoint(wizard);
		wizard.press(keys.enter, 'tok en', keys.enter);
		await wizard.until('✗ The ANTHROPIC_AUTH_TOKEN value holds whitespace or a control character');
		expect(wizard.frame()).toContain('→ give the secret alone, without spaces or line breaks');
	});

	test('ccgate\'s secret file is suggested when the settings file is a symlink', async () => {
		const wizard = await startWizard({prepare(folder) {
			mkdirSync(path.join(folder.home, 'dotfiles'));
			mkdirSync(path.join(folder.home, '.claude'));
			writeFileSync(path.join(folder.home, 'dotfiles', 'settings.json'), '{}\n');
			symlinkSync(path.join(folder.home, 'dotfiles', 'settings.json'), folder.userSettings);
		}});
		await throughEndpoint(wizard);
		wizard.press(keys.enter, token, keys.enter);
		await wizard.until('In ccgate\'s secret file (suggested)');
		expect(wizard.text()).toMatch(/Suggested because \S+settings\.json is a symbolic link/);
	});

	test('ccgate\'s secret file is suggested when the settings file sits in a git repository, and not otherwise', async () => {
		const inRepository = await startWizard({prepare(folder) {
			execFileSync('git', ['init', '--quiet', folder.home], {env: {PATH: process.env['PATH'], GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}});
		}});
		await throughEndpoint(inRepository);
		inRepository.press(keys.enter, token, keys.enter);
		await inRepository.until('In ccgate\'s secret file (suggested)');
		expect(inRepository.text()).toMatch(/Suggested because ~?\S+settings\.json sits inside a git repository/);
		inRepository.unmount();

		const elsewhere = await startWizard();
		await throughEndpoint(elsewhere);
		elsewhere.press(keys.enter, token, keys.enter);
		await elsewhere.until('Where should the token live?');
		expect(elsewhere.text()).not.toContain('(suggested)');
	});

	test('the probe starts in the background once endpoint and credential are valid', async () => {
		const wizard = await startWizard();
		await throughCredential(wizard);
		await wizard.until('probe: usable');
		expect(wizard.probes).toEqual([{baseUrl: gatewayUrl, values: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}}]);
	});
});

describe('headers step', () => {
	test('a reserved header is refused', async () => {
		const wizard = await startWizard();
		await throughCredential(wizard);
		wizard.press(keys.enter, 'Authorization: Bearer x', keys.enter);
		await wizard.until('✗ The header Authorization is set by Claude Code itself');
		expect(wizard.frame()).toContain('Enter save');
	});

	test('a header value with a character above U+00FF is refused under the field, with the reason; Latin-1 is kept', async () => {
		const wizard = await startWizard();
		await throughCredential(wizard);
		wizard.press(keys.enter, 'x-team: 日本', keys.enter);
		await wizard.until('✗ The value of header x-team holds');
		expect(wizard.text()).toContain('❯ Value 日本 ✗ The value of header x-team holds "日" (U+65E5), a character above U+00FF, which HTTP header values cannot carry, so Claude Code refuses to start with it → give x-team a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that Enter continues once the ✗ above is fixed.');
		wizard.press(keys.ctrlU, 'Zürich', keys.enter);
		await wizard.until('x-team: Zürich');
		expect(wizard.frame()).not.toContain('✗');
	});

	test('a credential-like header value is masked', async () => {
		const wizard = await startWizard();
		await throughCredential(wizard);
		wizard.press(keys.enter, 'x-api-token: abcdefghijklmnopqrstu');
		await wizard.until('❯ Value  •••••••••••••••••••••');
		expect(wizard.frame()).toContain('  Name   x-api-token\n❯ Value  •••••••••••••••••••••\n');
		expect(wizard.frame()).toContain('Enter save · Ctrl+R reveal · Esc to the name · Ctrl+C quit, nothing written');
		wizard.press(keys.enter);
		await wizard.until('x-api-token: abcd…rstu');
		expect(wizard.frame()).not.toContain('abcdefghijklmnopqrstu');
	});

	test('a header is removed with d', async () => {
		const wizard = await startWizard();
		await throughCredential(wizard);
		wizard.press(keys.enter, 'x-team: core', keys.enter);
		await wizard.until('  x-team: core');
		wizard.press(keys.up, keys.up, 'd');
		await vi.waitFor(() => {
			expect(wizard.frame()).not.toContain('x-team');
		});
	});
});

describe('models step', () => {
	test('a non-Claude model shows the warning', async () => {
		const wizard = await startWizard();
		await throughHeaders(wizard);
		wizard.press('gpt-4o');
		await wizard.until('⚠ Not a Claude model');
		expect(wizard.text()).toContain('The model setting names gpt-4o, which is not a Claude model');
	});

	test('sonnet shows no warning', async () => {
		const wizard = await startWizard();
		await throughHeaders(wizard);
		wizard.press('sonnet');
		await wizard.until('Default model   sonnet');
		expect(wizard.frame()).not.toContain('Not a Claude model');
	});

	test('the gateway\'s models come from the probe, and Tab picks one', async () => {
		const wizard = await startWizard();
		await throughHeaders(wizard);
		await wizard.until('Gateway models: claude-gw-sonnet');
		expect(wizard.frame()).toContain('Not listed by discovery (no "claude" in the ID): gpt-4o');
		wizard.press(keys.tab);
		await wizard.until('Default model   claude-gw-sonnet');
	});

	test('the gateway\'s model list filters as you type, and Tab picks from what is shown', async () => {
		const wizard = await startWizard({probe: async () => usableReport(['claude-gw-sonnet', 'claude-gw-opus', 'gpt-4o'])});
		await throughHeaders(wizard);
		await wizard.until('Gateway models: claude-gw-sonnet, claude-gw-opus');
		wizard.press('OPU');
		await wizard.until('Gateway models with "OPU": claude-gw-opus');
		expect(wizard.frame()).not.toContain('gpt-4o');
		wizard.press(keys.tab);
		await wizard.until('Default model   claude-gw-opus');
		expect(wizard.frame()).toContain('Gateway models: claude-gw-sonnet, claude-gw-opus');
	});
});

describe('every model setting', () => {
	test('each tier and the subagent model are offered, and a gateway with non-Claude models gets the extra /model entry; the settings file gets them all', async () => {
		const wizard = await startWizard();
		await throughHeaders(wizard);
		await wizard.until('Not listed by discovery');
		expect(wizard.frame().split('\n').slice(4, 13)).toEqual([
			'❯ Default model   not set',
			'  opus maps to',
			'  sonnet maps to',
			'  haiku maps to',
			'  fable maps to',
			'  Subagents use',
			'  Extra in /model',
			'    shown as',
			'  Discovery       [ ] off  lets /model list the gateway\'s Claude models (Claude Code 2.1.129+)',
		]);
		wizard.press(keys.down, keys.down, keys.down, keys.down, 'claude-gw-fable', keys.down, 'claude-gw-sonnet', keys.down, 'gpt-4o', keys.down, 'GPT-4o (gateway)');
		await wizard.until('❯   shown as      GPT-4o (gateway)');
		// The extra entry is for a non-Claude model: no warning about it.
		expect(wizard.frame()).not.toContain('Not a Claude model');
		wizard.press(keys.enter);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press(keys.enter, keys.enter);
		await wizard.until('Enter write');
		wizard.press(keys.enter);
		await wizard.until('✓ Wrote');
		expect(JSON.parse(readFileSync(wizard.folder.userSettings, 'utf8'))).toEqual({env: {
			ANTHROPIC_BASE_URL: gatewayUrl,
			ANTHROPIC_AUTH_TOKEN: token,
			ANTHROPIC_CUSTOM_HEADERS: 'x-team: core',
			ANTHROPIC_DEFAULT_FABLE_MODEL: 'claude-gw-fable',
			CLAUDE_CODE_SUBAGENT_MODEL: 'claude-gw-sonnet',
			ANTHROPIC_CUSTOM_MODEL_OPTION: 'gpt-4o',
			ANTHROPIC_CUSTOM_MODEL_OPTION_NAME: 'GPT-4o (gateway)',
		}});
	});

	test('a gateway that lists only Claude models is not offered the extra /model entry', async () => {
		const wizard = await startWizard({probe: async () => usableReport(['claude-gw-sonnet', 'claude-gw-opus'])});
		await throughHeaders(wizard);
		await wizard.until('Gateway models: claude-gw-sonnet, claude-gw-opus');
		expect(wizard.frame()).toContain('  Subagents use\n  Discovery       [ ] off');
		expect(wizard.frame()).not.toContain('Extra in /model');
	});
});

describe('probe step', () => {
	test('an unusable gateway says so, and y goes on to write it anyway', async () => {
		const wizard = await startWizard({probe: async () => unusableReport()});
		await throughModels(wizard);
		await wizard.until('✗ The gateway is not usable by Claude Code.');
		expect(wizard.text()).toContain('✗ The gateway refused the credential (401)');
		expect(wizard.frame()).toContain('y continue anyway');
		wizard.press(keys.enter);
		await wizard.until('5/7 Probe');
		wizard.press('y');
		await wizard.until('Where should the configuration go?');
	});

	test('a gateway the probe cannot tell about says so, and Enter goes on as for a usable one', async () => {
		const wizard = await startWizard({probe: async () => cannotTellReport()});
		await throughModels(wizard);
		await wizard.until('? The probe cannot tell whether the gateway is usable by Claude Code without a real request.');
		expect(wizard.text()).toContain('Your first message to Claude Code will tell. Enter goes on, r probes again.');
		expect(wizard.text()).toContain('send Claude Code one message after the wizard: it will tell');
		expect(wizard.frame()).toContain('probe: cannot tell');
		expect(wizard.frame()).not.toContain('continue anyway');
		wizard.press(keys.enter);
		await wizard.until('Where should the configuration go?');
	});

	test('the result is shown when it is ready', async () => {
		let answer: (report: ProbeReport) => void = () => undefined;
		const wizard = await startWizard({probe: async () => new Promise(resolve => {
			answer = resolve;
		})});
		await throughModels(wizard);
		await wizard.until(`Probing ${gatewayUrl} as Claude Code would reach it…`);
		// A spinner and the seconds gone, counting while the gateway has not answered.
		expect(wizard.frame()).toMatch(new RegExp(`\\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Probing ${gatewayUrl.replaceAll('.', '\\.')} as Claude Code would reach it… \\d+\\.\\d s\\n`));
		const seconds = () => Number(/ (\d+\.\d) s\n/.exec(wizard.frame())?.[1]);
		const first = seconds();
		await vi.waitFor(() => {
			expect(seconds()).toBeGreaterThanOrEqual(first + 0.3);
		});
		answer(usableReport());
		await wizard.until('✓ The gateway is usable by Claude Code.');
	});
});

describe('target step', () => {
	test('a shell profile says its variables do not reach Claude Code started from an IDE', async () => {
		const wizard = await startWizard();
		await throughModels(wizard);
		await wizard.until('usable by Claude Code');
		wizard.press(keys.enter);
		await wizard.until('Where should the configuration go?');
		wizard.press(keys.down, keys.down);
		await wizard.until('❯ Shell profile (bash)');
		expect(wizard.text()).toContain('Shell variables do not reach Claude Code started from an IDE or a GUI; a settings file does.');
	});

	test('writing below a layer that sets the same key is warned about, naming the file', async () => {
		const wizard = await startWizard({prepare(folder) {
			const local = path.join(folder.context.cwd, '.claude', 'settings.local.json');
			mkdirSync(path.dirname(local), {recursive: true});
			writeFileSync(local, JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999'}}));
			// With CLAUDE_CONFIG_DIR set, Claude Code keeps folder trust in its .claude.json.
			mkdirSync(path.join(folder.home, '.claude'), {recursive: true});
			writeFileSync(path.join(folder.home, '.claude', '.claude.json'), JSON.stringify({projects: {[folder.context.cwd]: {hasTrustDialogAccepted: true}}}));
		}});
		await wizard.until('Edit the current config');
		wizard.press(keys.down, keys.enter);
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press(gatewayUrl, keys.enter, keys.enter, token, keys.enter, keys.enter, keys.down, keys.enter, keys.enter);
		await wizard.until('usable by Claude Code');
		wizard.press(keys.enter);
		await wizard.until('Where should the configuration go?');
		wizard.press(keys.up);
		await wizard.until('❯ User settings');
		expect(wizard.text()).toMatch(/! ANTHROPIC_BASE_URL is also set in local settings \(\S+settings\.local\.json\), which overrides the user layer/);
	});
});

describe('review and done steps', () => {
	test('the review shows the change as a diff with the secret masked, and writes nothing yet', async () => {
		const wizard = await startWizard();
		await toReview(wizard);
		await wizard.until('Enter write');
		const frame = wizard.frame();
		expect(frame).toContain('+    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",');
		expect(frame).toContain('+    "ANTHROPIC_AUTH_TOKEN": "secr…7890",');
		expect(frame).toContain('+    "ANTHROPIC_CUSTOM_HEADERS": "x-team: core"');
		expect(frame).not.toContain(token);
		expect(existsSync(wizard.folder.userSettings)).toBe(false);
		expect(existsSync(wizard.folder.ccgateDirectory)).toBe(false);
	});

	test('the review repeats the non-Claude model warning', async () => {
		const wizard = await startWizard();
		await throughHeaders(wizard);
		wizard.press('gpt-4o', keys.enter);
		await wizard.until('usable by Claude Code');
		wizard.press(keys.enter);
		await wizard.until('Where should the configuration go?');
		wizard.press(keys.enter);
		await wizard.until('Enter write');
		expect(wizard.frame()).toContain('⚠ Not a Claude model');
	});

	test('Enter writes the file and the done step says where, and how to check it', async () => {
		const wizard = await startWizard();
		await toReview(wizard);
		await wizard.until('Enter write');
		wizard.press(keys.enter);
		await wizard.until('✓ Wrote');
		expect(wizard.frame()).toBe([
			'ccgate · Done  probe: usable',
			'',
			// The home folder the wizard's context gives, shown as ~, as the binary shows the user's own.
			'✓ Wrote ~/.claude/settings.json.',
			'Secret: in the file above (mode 0600).',
			'Probe:  the gateway is usable by Claude Code.',
			'Try it: run claude, and type /status to see the base URL it uses.',
			'',
			'Enter exit',
		].join('\n'));
		expect(JSON.parse(readFileSync(wizard.folder.userSettings, 'utf8'))).toEqual({env: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: 'x-team: core'}});
	});

	test('a shell profile\'s review shows the profile and the variables file, not ccgate\'s bookkeeping', async () => {
		const folder = testFolder();
		const setup = loadSetup({trustProject: false}, folder.context);
		const shell = setup.targets.find(target => target.kind === 'shell')!;
		const change = await defaultServices(setup, folder.context, {timeoutMs: 1000}).plan(shell, {set: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}, unset: [], noAuth: false, secretFile: false});
		const files = change.kind === 'write' ? [...change.diff.matchAll(/^\+\+\+ (.*)$/gm)].map(match => path.basename(match[1]!)) : [];
		expect(files).toEqual(['.bashrc', expect.stringMatching(/^bash-profile-[\da-f]{12}\.sh$/)]);
	});

	test('printed lines are shown masked in the review', async () => {
		const wizard = await startWizard();
		await toReview(wizard, 3);
		await wizard.until('Enter print');
		expect(wizard.frame()).toContain('export ANTHROPIC_AUTH_TOKEN=\'secr…7890\'');
		expect(wizard.frame()).not.toContain(token);
	});

	test('Ctrl+C on the review leaves with nothing written', async () => {
		const wizard = await startWizard();
		await toReview(wizard);
		await wizard.until('Enter write');
		wizard.press(keys.ctrlC);
		await wizard.until('Left the ccgate wizard: nothing was written.');
		expect(existsSync(wizard.folder.userSettings)).toBe(false);
	});
});

describe('what issue 12 saw, fixed', () => {
	const shortTokenSettings = JSON.stringify({env: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: 'badtoken'}});

	test('1. re-edit changing only the token: the review shows it as one masked old → new line', async () => {
		const wizard = await startWizard({files: {'.claude/settings.json': shortTokenSettings}});
		await wizard.until('Edit the current config');
		wizard.press(keys.enter);
		await pastFormat(wizard);
		await wizard.until(`❯ ${gatewayUrl}`);
		wizard.press(keys.enter, keys.enter);
		await wizard.until('❯ [****]');
		wizard.press('goodtoken', keys.enter, keys.enter);
		await wizard.until('Headers sent with every request');
		wizard.press(keys.down, keys.enter, keys.enter);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press(keys.enter, keys.enter);
		await wizard.until('Enter write');
		// Compared word for word: a long temporary path wraps the heading at 100 columns.
		expect(wizard.text()).toBe([
			'ccgate · 7/7 Review  probe: usable',
			'',
			'The change to ~/.claude/settings.json (secrets masked):',
			`--- ${wizard.folder.userSettings}`,
			`+++ ${wizard.folder.userSettings}`,
			'ANTHROPIC_AUTH_TOKEN: **** → ****',
			'',
			'Enter write · Esc back · Ctrl+C quit, nothing written',
		].join('\n').replaceAll(/\s+/g, ' '));
	});

	test('3. start fresh writes what the screen showed: discovery off, no headers and no model are removed', async () => {
		const wizard = await startWizard({files: {'.claude/settings.json': JSON.stringify({model: 'opus', env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', ANTHROPIC_AUTH_TOKEN: 'old-token', ANTHROPIC_CUSTOM_HEADERS: 'x-a: 1\nx-b: 2', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}})}});
		await wizard.until('Edit the current config');
		wizard.press(keys.down);
		await wizard.until('❯ Start fresh              fields start empty and are written as entered');
		wizard.press(keys.enter);
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press(gatewayUrl, keys.enter, keys.enter, token, keys.enter, keys.enter);
		await wizard.until('Headers sent with every request');
		wizard.press(keys.down, keys.enter);
		await wizard.until('Default model');
		expect(wizard.frame()).toContain('[ ] off');
		wizard.press(keys.enter);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press(keys.enter, keys.enter);
		await wizard.until('Enter write');
		wizard.press(keys.enter);
		await wizard.until('✓ Wrote');
		// The file was written on one line, and stays so.
		expect(readFileSync(wizard.folder.userSettings, 'utf8')).toBe(`{"env":{"ANTHROPIC_BASE_URL":"${gatewayUrl}","ANTHROPIC_AUTH_TOKEN":"${token}"}}`);
	});

	test('4. switching the credential style starts the new field empty', async () => {
		const wizard = await startWizard();
		await throughEndpoint(wizard);
		wizard.press(keys.enter, 'badtoken');
		await wizard.until('❯ ••••••••');
		wizard.press(keys.escape);
		await wizard.until('How does the gateway want the credential?');
		wizard.press(keys.down, keys.enter);
		await wizard.until('The key (ANTHROPIC_API_KEY):');
		wizard.press('sk-ant-x');
		await wizard.until('❯ ••••••••');
		wizard.press(keys.ctrlR);
		await wizard.until('❯ sk-ant-x');
		expect(wizard.frame()).not.toContain('badtoken');
	});

	test('5. a project-local target in a git repository: the fix is a key, Enter says why it waits, s writes through the secret file', async () => {
		const wizard = await startWizard({prepare(folder) {
			execFileSync('git', ['init', '--quiet', folder.context.cwd], {env: {PATH: process.env['PATH'], GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}});
		}});
		await throughModels(wizard);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press(keys.enter);
		await wizard.until('Where should the configuration go?');
		wizard.press(keys.down, keys.enter);
		await wizard.until('s secret file instead');
		expect(wizard.text()).toContain('→ press s to keep the secret in ccgate\'s secret file instead, or Esc to choose another place');
		expect(wizard.frame()).not.toContain('Enter write');
		expect(wizard.frame()).toMatch(/\n\ns secret file instead · Esc back · Ctrl\+C quit, nothing written$/);
		wizard.press(keys.enter);
		await wizard.until('Nothing is written while the ✗ above holds: press s, or Esc to go back.');
		wizard.press('s');
		await wizard.until('Enter write');
		expect(wizard.frame()).not.toContain('Nothing is written while');
		expect(wizard.text()).toContain('+ "apiKeyHelper": "cat');
		wizard.press(keys.enter);
		await wizard.until('✓ Wrote');
		const local = JSON.parse(readFileSync(path.join(wizard.folder.context.cwd, '.claude', 'settings.local.json'), 'utf8')) as {env: Record<string, string>; apiKeyHelper: string};
		expect(local.env['ANTHROPIC_AUTH_TOKEN']).toBeUndefined();
		// The helper, as Claude Code runs it: sh, with the user's HOME (the secret file's path is $HOME-relative).
		expect(execFileSync('sh', ['-c', local.apiKeyHelper], {env: {PATH: process.env['PATH'], HOME: wizard.folder.home}, encoding: 'utf8'})).toBe(token);
	});

	test('6. the first step marks the active profile, and loading a profile makes it the active one', async () => {
		const profiles = {
			home: {values: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4001', ANTHROPIC_AUTH_TOKEN: token}, savedAt: '2026-11-25T00:00:00.000Z'},
			work: {values: {ANTHROPIC_BASE_URL: gatewayUrl, ANTHROPIC_AUTH_TOKEN: token}, savedAt: '2026-11-25T00:00:00.000Z'},
		};
		const wizard = await startWizard({prepare(folder) {
			mkdirSync(folder.ccgateDirectory, {recursive: true});
			writeFileSync(path.join(folder.ccgateDirectory, 'config.json'), JSON.stringify({writes: {}, profiles, activeProfile: 'home'}));
		}});
		await wizard.until('Load the profile "work"');
		expect(wizard.frame()).toContain('  Load the profile "home" (active)');
		expect(wizard.frame()).toContain('  Load the profile "work"  ');
		wizard.press(keys.down, keys.down, keys.enter);
		await pastFormat(wizard);
		await wizard.until(`❯ ${gatewayUrl}`);
		wizard.press(keys.enter, keys.enter, keys.enter, keys.enter);
		await wizard.until('Headers sent with every request');
		wizard.press(keys.down, keys.enter, keys.enter);
		await wizard.until('The gateway is usable by Claude Code.');
		wizard.press(keys.enter, keys.enter);
		await wizard.until('Enter write');
		wizard.press(keys.enter);
		await wizard.until('✓ Wrote');
		expect((JSON.parse(readFileSync(path.join(wizard.folder.ccgateDirectory, 'config.json'), 'utf8')) as {activeProfile?: string}).activeProfile).toBe('work');
	});

	test('8. Ctrl+D deletes forward, Ctrl+U clears the whole field, and 😀 is left out with a note', async () => {
		const wizard = await startWizard();
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		wizard.press('http://a😀b');
		await wizard.until('❯ http://ab  (left out: a character no gateway setting can hold)');
		wizard.press(keys.left, keys.left, keys.ctrlD);
		await wizard.until('❯ http://b\n');
		wizard.press(keys.backspace, 'x', keys.end, keys.left);
		await wizard.until('❯ http:/xb\n');
		wizard.press(keys.ctrlU);
		await wizard.until('❯ http://127.0.0.1:4000\n');
	});

	test('9. no error before anything is typed; Enter on an error says so; the fix names what to do here', async () => {
		const wizard = await startWizard();
		await pastGatewayList(wizard);
		await pastFormat(wizard);
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.',
			'❯ http://127.0.0.1:4000',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(keys.enter);
		await wizard.until('Nothing is typed yet: http://127.0.0.1:4000 is only an example; type the value.');
		expect(wizard.frame()).toBe([
			'ccgate · 1/7 Endpoint',
			'',
			'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.',
			'❯ http://127.0.0.1:4000',
			'✗ The base URL is empty',
			'  → give the gateway\'s address, such as http://127.0.0.1:4000',
			'',
			'Nothing is typed yet: http://127.0.0.1:4000 is only an example; type the value.',
			'',
			'Enter continue · Ctrl+U clear · Esc back · Ctrl+C quit, nothing written',
		].join('\n'));
		wizard.press(gatewayUrl, keys.enter, keys.enter);
		await wizard.until('The bearer token (ANTHROPIC_AUTH_TOKEN):');
		expect(wizard.frame()).not.toContain('✗');
		wizard.press(keys.enter);
		await wizard.until('✗ The ANTHROPIC_AUTH_TOKEN value is empty');
		expect(wizard.frame()).toContain('  → type a value');
		expect(wizard.frame()).not.toContain('--unset');
	});
});

describe('one rule, one place', () => {
	test('6. for the same configuration the wizard\'s probe sends the gateway exactly what ccgate probe sends', async () => {
		const gateway = await startGateway({auth: {bearer: token}});
		try {
			const wizard = await startWizard({realProbe: true});
			await pastGatewayList(wizard);
			await pastFormat(wizard);
			wizard.press(gateway.url, keys.enter, keys.enter, token, keys.enter, keys.enter);
			await wizard.until('Headers sent with every request');
			wizard.press(keys.enter, 'x-team: core', keys.enter);
			await wizard.until('  x-team: core');
			wizard.press(keys.down, keys.enter);
			await wizard.until('Default model');
			// The probes run so far (without the models) have answered: only the next one is compared.
			await wizard.until('probe: usable');
			gateway.requests.splice(0);
			// An alias and its mapping: the probe must send the mapped ID, as Claude Code would (opusplan asks for the
			// sonnet tier outside plan mode, seen with 2.1.328).
			wizard.press('opusplan', keys.down, keys.down, 'claude-gw-sonnet', keys.enter);
			await wizard.until('The gateway is usable by Claude Code.');
			const fromWizard = gateway.requests.splice(0);
			expect(fromWizard.length).toBeGreaterThan(0);

			const settings = {env: {ANTHROPIC_BASE_URL: gateway.url, ANTHROPIC_AUTH_TOKEN: token, ANTHROPIC_CUSTOM_HEADERS: 'x-team: core', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-gw-sonnet'}, model: 'opusplan'};
			mkdirSync(path.dirname(wizard.folder.userSettings), {recursive: true});
			writeFileSync(wizard.folder.userSettings, JSON.stringify(settings));
			const cli = await runCcgate(['probe', '--timeout', '5000'], {env: wizard.folder.context.env, cwd: wizard.folder.context.cwd});
			expect(cli.exitCode).toBe(0);
			const fromCli = gateway.requests.splice(0);
			const shape = (requests: typeof fromCli) => requests.map(({method, path: requestPath, headers, body}) => ({method, path: requestPath, headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))), body}));
			expect(shape(fromWizard)).toEqual(shape(fromCli));
			expect(fromWizard.some(request => request.body.includes('"model":"claude-gw-sonnet"'))).toBe(true);
		} finally {
			await gateway.close();
		}
	});
});
