#!/usr/bin/env node
// Whole-process timings of the built ccgate, each as a ratio against `node -e 0` measured in the same run.
// Not a test: it prints medians, spread, the ratios and whether each budget holds.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'ccgate.js');
// The one-file build (`npm run binary`), measured beside the package when it is there.
const oneFile = path.join(root, 'dist', 'ccgate');
const hasOneFile = existsSync(oneFile);
// The Node it embeds (scripts/binary.js wrote its path there), timed too: the one file's start is mostly that Node's.
const seaConfig = path.join(root, 'dist', 'sea', 'sea-config.json');
const oneFileNode = hasOneFile && existsSync(seaConfig) ? JSON.parse(readFileSync(seaConfig, 'utf8')).executable : undefined;
const oneFileNodeCase = oneFileNode === undefined ? [] : [{name: 'node -e 0 (the Node inside the one file)', command: [oneFileNode, ['-e', '0']]}];
const oneFileCases = hasOneFile
	? [
		{name: 'one file: ccgate --version', command: [oneFile, ['--version']]},
		{name: 'one file: ccgate print', command: [oneFile, ['print', '--shell', 'bash']]},
	]
	: [];
const runs = Number(process.env.BENCH_RUNS ?? 41);
const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-bench-'));
// Removed however the run ends, a wizard that never showed its marker included.
process.on('exit', () => {
	rmSync(home, {recursive: true, force: true});
});
const env = {PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', CCGATE_CONFIG_DIR: path.join(home, '.config', 'ccgate'), CCGATE_MANAGED_SETTINGS: path.join(home, 'managed.json')};

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function quartiles(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = q => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
	return [at(0.25), at(0.75)];
}

function timeProcess(command, args) {
	const start = process.hrtime.bigint();
	const result = spawnSync(command, args, {env, cwd: home, stdio: ['ignore', 'pipe', 'pipe']});
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	if (result.status !== 0 && !args.includes('--allow-fail')) {
		throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
	}

	return ms;
}

/** Interleave the commands run by run, so a slow moment of the machine hits all of them alike. */
function measureInterleaved(cases) {
	const samples = new Map(cases.map(item => [item.name, []]));
	for (const item of cases) {
		timeProcess(...item.command); // Warm the file cache.
	}

	for (let run = 0; run < runs; run++) {
		for (const item of cases) {
			samples.get(item.name).push(timeProcess(...item.command));
		}
	}

	return samples;
}

async function startGatewayProcess() {
	const source = `
const http = require('node:http');
const server = http.createServer((request, response) => {
	let body = '';
	request.on('data', chunk => { body += chunk; });
	request.on('end', () => {
		const send = (status, value) => { const text = JSON.stringify(value); response.writeHead(status, {'content-type': 'application/json'}); response.end(text); };
		if (request.url.startsWith('/v1/models')) return send(200, {data: [{type: 'model', id: 'claude-bench', display_name: 'Bench', created_at: '2025-01-01T00:00:00Z'}], has_more: false, first_id: 'claude-bench', last_id: 'claude-bench'});
		if (request.url.startsWith('/v1/messages/count_tokens')) return send(200, {input_tokens: 1});
		if (request.url.startsWith('/v1/messages')) return send(400, {type: 'error', error: {type: 'invalid_request_error', message: 'max_tokens: must be greater than or equal to 1'}});
		send(404, {type: 'error', error: {type: 'not_found_error', message: 'not found'}});
	});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));`;
	const child = spawn(process.execPath, ['-e', source], {stdio: ['ignore', 'pipe', 'inherit']});
	const port = await new Promise(resolve => {
		child.stdout.once('data', data => resolve(Number(String(data).trim())));
	});
	return {child, url: `http://127.0.0.1:${port}`};
}

/**
Run a command in an 80×24 pseudo-terminal (util-linux `script`, through sh and stty) with `CI=true`, and time until
each marker is on screen. `keys` are typed once, as soon as the first marker shows: the first frame has put the
terminal in raw mode, so they wait there until Ink reads them. Resolves with the times and the peak memory (VmHWM) of the
node process at the last marker.
*/
async function inTerminal({command, home, markers, keys, extraEnv = {}}) {
	return new Promise((resolve, reject) => {
		const start = process.hrtime.bigint();
		// A terminal of the classic 80×24: script's own has no size until stty gives it one.
		const child = spawn('script', ['-qfec', `stty cols 80 rows 24 && exec ${command}`, '/dev/null'], {env: {...env, HOME: home, CCGATE_CONFIG_DIR: path.join(home, 'ccgate'), TERM: 'xterm-256color', CI: 'true', ...extraEnv}, stdio: ['pipe', 'pipe', 'pipe']});
		// A command that has already ended (node printing one word) closes the terminal early: ignore the broken pipe.
		child.stdin.on('error', () => {});
		let screen = '';
		const times = [];
		let finished = false;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${command} did not show "${markers[times.length]}" within 20 s; it showed: ${screen.slice(-500)}`));
		}, 20_000);
		child.stdout.on('data', data => {
			screen += String(data);
			// eslint-disable-next-line no-control-regex
			const text = screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '');
			while (times.length < markers.length && text.includes(markers[times.length])) {
				times.push(Number(process.hrtime.bigint() - start) / 1e6);
				if (times.length === 1 && keys) {
					child.stdin.write(keys);
				}
			}

			if (!finished && times.length === markers.length) {
				finished = true;
				clearTimeout(timer);
				// The node process runs under script (through a shell): find it among the descendants.
				const descendants = pid => spawnSync('pgrep', ['-P', String(pid)], {encoding: 'utf8'}).stdout.trim().split('\n').filter(Boolean).flatMap(child => [child, ...descendants(child)]);
				let peakKiB = Number.NaN;
				for (const pid of descendants(child.pid)) {
					try {
						// By its command line: the process name is not `node` on every Node (Node 24 names its main thread).
						if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[1] === bin) {
							peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
						}
					} catch {}
				}

				child.stdin.write('\u0003');
				child.on('exit', () => resolve({times, peakMiB: peakKiB / 1024}));
				setTimeout(() => child.kill('SIGKILL'), 2000).unref();
			}
		});
	});
}

/**
A first-time user (empty HOME): the endpoint step (which gateway?) is the first frame; then a typed character shows in
its filter.
*/
async function wizardFirstTime(command = `${process.execPath} ${bin}`) {
	const wizardHome = mkdtempSync(path.join(os.tmpdir(), 'ccgate-bench-wizard-'));
	try {
		const {times: [frame, answered], peakMiB} = await inTerminal({command, home: wizardHome, markers: ['1/7 Endpoint', 'Filter: h'], keys: 'h'});
		return {frame, answered, peakMiB};
	} finally {
		rmSync(wizardHome, {recursive: true, force: true});
	}
}

/** A configured user (the bench's HOME): the wizard opens on the current config, drawn by Ink. */
async function wizardConfigured() {
	const {times: [frame]} = await inTerminal({command: `${process.execPath} ${bin}`, home, markers: ['Edit the current config']});
	return frame;
}

/** The pseudo-terminal's own cost: node printing one word through the same script, sh and stty. */
async function nodeInTerminal() {
	const {times: [frame]} = await inTerminal({command: `${process.execPath} -e "process.stdout.write('ready')"`, home, markers: ['ready']});
	return frame;
}

/**
A table row. The ratio is the median of the run-by-run ratios: each run of a command is divided by the baseline
measured in the same round, so a slow moment of the machine weighs on both sides of the ratio alike.
*/
function row(name, samples, baselines, budget) {
	const m = median(samples);
	const [q1, q3] = quartiles(samples);
	const ratio = baselines === undefined ? undefined : median(samples.map((sample, index) => sample / baselines[index]));
	return {name, median: m, q1, q3, ratio, budget, holds: budget === undefined ? undefined : ratio <= budget};
}

// A configured user, so print and show have something to do.
mkdirSync(path.join(home, '.claude'), {recursive: true});
writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'bench-token-0123456789', ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme'}}, undefined, 2));
// And Claude Code's own state file, which grows with every project and prompt (here 30 projects, some 300 kB).
const history = Array.from({length: 60}, (_, index) => ({display: `prompt ${index}: ${'refactor the module and run the tests again '.repeat(2)}`, pastedContents: {}}));
const projects = Object.fromEntries(Array.from({length: 30}, (_, index) => [path.join(home, 'code', `project-${index}`), {allowedTools: [], history, mcpServers: {}, hasTrustDialogAccepted: true, projectOnboardingSeenCount: 1}]));
writeFileSync(path.join(home, '.claude.json'), JSON.stringify({numStartups: 412, installMethod: 'npm', autoUpdates: true, projects}, undefined, 2));

const gateway = await startGatewayProcess();
const bareRequest = `fetch(${JSON.stringify(`${gateway.url}/v1/models`)}).then(r => r.text())`;
const samples = measureInterleaved([
	{name: 'node -e 0', command: [process.execPath, ['-e', '0']]},
	{name: 'ccgate --version', command: [process.execPath, [bin, '--version']]},
	{name: 'ccgate print', command: [process.execPath, [bin, 'print', '--shell', 'bash']]},
	{name: 'ccgate show', command: [process.execPath, [bin, 'show']]},
	{name: 'one bare request (node fetch)', command: [process.execPath, ['-e', bareRequest]]},
	{name: 'ccgate probe', command: [process.execPath, [bin, 'probe', '--base-url', gateway.url, '--auth-token', 'bench-token-0123456789']]},
	...oneFileNodeCase,
	...oneFileCases,
]);
gateway.child.kill();

const frames = [];
const answers = [];
const memory = [];
const configuredFrames = [];
const oneFileAnswers = [];
const nodeFrames = [];
const wizardBaselines = [];
for (let run = 0; run < Math.min(runs, 15); run++) {
	/* eslint-disable no-await-in-loop */
	wizardBaselines.push(timeProcess(process.execPath, ['-e', '0']));
	nodeFrames.push(await nodeInTerminal());
	const {frame, answered, peakMiB} = await wizardFirstTime();
	frames.push(frame);
	answers.push(answered);
	memory.push(peakMiB);
	configuredFrames.push(await wizardConfigured());
	if (hasOneFile) {
		oneFileAnswers.push((await wizardFirstTime(oneFile)).answered);
	}
	/* eslint-enable no-await-in-loop */
}

const baseline = samples.get('node -e 0');
const bare = samples.get('one bare request (node fetch)');
const rows = [
	row('node -e 0', baseline, baseline),
	row('ccgate --version', samples.get('ccgate --version'), baseline, 1.3),
	row('ccgate print', samples.get('ccgate print'), baseline, 1.3),
	row('ccgate show', samples.get('ccgate show'), baseline),
	row('node -e 0 (in the wizard\'s rounds)', wizardBaselines, wizardBaselines),
	row('pty: node printing one word (script)', nodeFrames, wizardBaselines),
	// The wizard's headline: when what the user types shows, which is when Ink runs.
	row('**wizard, first time: a typed key shows (pty)**', answers, wizardBaselines, 5),
	row('wizard, first time: endpoint step on screen (pty)', frames, wizardBaselines),
	row('wizard, configured: current config on screen (pty)', configuredFrames, wizardBaselines),
	row('one bare request (node fetch)', bare, baseline),
	{...row('ccgate probe', samples.get('ccgate probe'), bare, 1.5), against: 'bare request'},
	...oneFileNodeCase.map(item => row(item.name, samples.get(item.name), baseline)),
	// Against the Node inside it where that was timed: what ccgate adds to that Node's own start.
	...oneFileCases.map(item => (oneFileNode === undefined ? row(item.name, samples.get(item.name), baseline) : {...row(item.name, samples.get(item.name), samples.get(oneFileNodeCase[0].name)), against: 'its Node'})),
	...(hasOneFile ? [row('one file, wizard, first time: a typed key shows (pty)', oneFileAnswers, wizardBaselines)] : []),
];

/** What the package installs (dist's .js and .cjs files: package.json `files`), beside the one file. */
const packageBytes = readdirSync(path.join(root, 'dist'), {recursive: true})
	.filter(name => /\.c?js$/.test(name))
	.reduce((sum, name) => sum + statSync(path.join(root, 'dist', name)).size, 0);
const mib = bytes => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const format = number => number.toFixed(1);
const lines = [
	`Node ${process.version}, ${os.cpus().length} cores, ${runs} runs each (wizard: ${frames.length}), medians in ms with the interquartile range; each ratio is the median of the run-by-run ratios to the baseline timed in the same round.`,
	'',
	'| what | median ms | IQR ms | ratio | budget | holds |',
	'| --- | ---: | ---: | ---: | ---: | :---: |',
	...rows.map(item => `| ${item.name} | ${format(item.median)} | ${format(item.q1)}–${format(item.q3)} | ${item.ratio === undefined ? '' : `${item.ratio.toFixed(2)}×${item.against ? ` ${item.against}` : ''}`} | ${item.budget === undefined ? '' : `≤ ${item.budget}×`} | ${item.holds === undefined ? '' : (item.holds ? 'yes' : '**no**')} |`),
	`| size: the package's dist/ ${hasOneFile ? '· the one file, dist/ccgate' : '(no dist/ccgate: npm run binary)'} | ${mib(packageBytes)}${hasOneFile ? ` · ${mib(statSync(oneFile).size)}` : ''} | | | | |`,
	`| wizard peak memory (VmHWM) | ${format(median(memory))} MiB | ${format(Math.min(...memory))}–${format(Math.max(...memory))} MiB | | ≤ 100 MiB | ${median(memory) <= 100 ? 'yes' : '**no**'} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
