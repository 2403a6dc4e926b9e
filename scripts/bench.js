#!/usr/bin/env node
// Whole-process timings of the built ccgate, each as a ratio against `node -e 0` measured in the same run.
// Not a test: it prints medians, spread, the ratios and whether each budget holds.
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'ccgate.js');
const runs = Number(process.env.BENCH_RUNS ?? 21);
const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-bench-'));
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
Start the wizard in a pseudo-terminal (util-linux `script`), answer its first step (current config) with Enter,
and time until the endpoint step is on screen; read the process's peak memory there.
*/
async function wizardFirstFrame(marker) {
	return new Promise((resolve, reject) => {
		const start = process.hrtime.bigint();
		// A first-time user: an empty HOME, so extra Enters stop at the empty endpoint field.
		const wizardHome = mkdtempSync(path.join(os.tmpdir(), 'ccgate-bench-wizard-'));
		const child = spawn('script', ['-qfec', `${process.execPath} ${bin}`, '/dev/null'], {env: {...env, HOME: wizardHome, CCGATE_CONFIG_DIR: path.join(wizardHome, 'ccgate'), TERM: 'xterm-256color', CI: 'true', COLUMNS: '100', LINES: '40'}, stdio: ['pipe', 'pipe', 'pipe']});
		child.on('exit', () => rmSync(wizardHome, {recursive: true, force: true}));
		let screen = '';
		let done = false;
		let answered = false;
		let firstFrameMs;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the wizard did not show "${marker}" within 20 s; it showed: ${screen.slice(-500)}`));
		}, 20_000);
		child.stdout.on('data', data => {
			screen += String(data);
			const text = screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '');
			if (!answered && text.includes('Current config')) {
				firstFrameMs = Number(process.hrtime.bigint() - start) / 1e6;
				// Ink reads keys once its input hook is on, a moment after the first frame: press Enter until it lands.
				answered = setInterval(() => child.stdin.write('\r'), 10);
			}

			if (!done && answered && text.includes(marker)) {
				done = true;
				clearInterval(answered);
				const ms = Number(process.hrtime.bigint() - start) / 1e6;
				// The wizard's node process runs under script (through a shell): find it among the descendants.
				const descendants = pid => spawnSync('pgrep', ['-P', String(pid)], {encoding: 'utf8'}).stdout.trim().split('\n').filter(Boolean).flatMap(child => [child, ...descendants(child)]);
				let peakKiB = Number.NaN;
				for (const pid of descendants(child.pid)) {
					try {
						const status = readFileSync(`/proc/${pid}/status`, 'utf8');
						if (/^Name:\s+node/m.test(status)) {
							peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
						}
					} catch {}
				}

				child.stdin.write('\u0003');
				clearTimeout(timer);
				child.on('exit', () => resolve({ms, firstFrameMs, peakMiB: peakKiB / 1024}));
				setTimeout(() => child.kill('SIGKILL'), 2000).unref();
			}
		});
	});
}

function row(name, samples, baseline, budget) {
	const m = median(samples);
	const [q1, q3] = quartiles(samples);
	const ratio = baseline === undefined ? undefined : m / baseline;
	return {name, median: m, q1, q3, ratio, budget, holds: budget === undefined ? undefined : ratio <= budget};
}

const wizardMarker = 'Endpoint';

// A configured user, so print and show have something to do.
mkdirSync(path.join(home, '.claude'), {recursive: true});
writeFileSync(path.join(home, '.claude', 'settings.json'), JSON.stringify({env: {ANTHROPIC_BASE_URL: 'http://127.0.0.1:4000', ANTHROPIC_AUTH_TOKEN: 'bench-token-0123456789', ANTHROPIC_CUSTOM_HEADERS: 'x-tenant: acme'}}, undefined, 2));

const gateway = await startGatewayProcess();
const bareRequest = `fetch(${JSON.stringify(`${gateway.url}/v1/models`)}).then(r => r.text())`;
const samples = measureInterleaved([
	{name: 'node -e 0', command: [process.execPath, ['-e', '0']]},
	{name: 'ccgate --version', command: [process.execPath, [bin, '--version']]},
	{name: 'ccgate print', command: [process.execPath, [bin, 'print', '--shell', 'bash']]},
	{name: 'ccgate show', command: [process.execPath, [bin, 'show']]},
	{name: 'one bare request (node fetch)', command: [process.execPath, ['-e', bareRequest]]},
	{name: 'ccgate probe', command: [process.execPath, [bin, 'probe', '--base-url', gateway.url, '--auth-token', 'bench-token-0123456789']]},
]);
gateway.child.kill();

const frames = [];
const firstFrames = [];
const memory = [];
for (let run = 0; run < Math.min(runs, 9); run++) {
	// eslint-disable-next-line no-await-in-loop
	const {ms, firstFrameMs, peakMiB} = await wizardFirstFrame(wizardMarker);
	frames.push(ms);
	firstFrames.push(firstFrameMs);
	memory.push(peakMiB);
}

const baseline = median(samples.get('node -e 0'));
const bare = median(samples.get('one bare request (node fetch)'));
const rows = [
	row('node -e 0', samples.get('node -e 0'), baseline),
	row('ccgate --version', samples.get('ccgate --version'), baseline, 1.3),
	row('ccgate print', samples.get('ccgate print'), baseline, 1.3),
	row('ccgate show', samples.get('ccgate show'), baseline),
	row('wizard: first frame (pty)', firstFrames, baseline),
	row('wizard: endpoint step on screen (pty)', frames, baseline, 3.5),
	row('one bare request (node fetch)', samples.get('one bare request (node fetch)'), baseline),
	{...row('ccgate probe', samples.get('ccgate probe'), bare, 1.5), against: 'one bare request'},
];

const format = number => number.toFixed(1);
const lines = [
	`Node ${process.version}, ${os.cpus().length} cores, ${runs} runs each (wizard: ${frames.length}), medians in ms with the interquartile range.`,
	'',
	'| what | median ms | IQR ms | ratio | budget | holds |',
	'| --- | ---: | ---: | ---: | ---: | :---: |',
	...rows.map(item => `| ${item.name} | ${format(item.median)} | ${format(item.q1)}–${format(item.q3)} | ${item.ratio === undefined ? '' : `${item.ratio.toFixed(2)}×${item.against ? ' bare request' : ''}`} | ${item.budget === undefined ? '' : `≤ ${item.budget}×`} | ${item.holds === undefined ? '' : (item.holds ? 'yes' : '**no**')} |`),
	`| wizard peak memory (VmHWM) | ${format(median(memory))} MiB | ${format(Math.min(...memory))}–${format(Math.max(...memory))} MiB | | ≤ 100 MiB | ${median(memory) <= 100 ? 'yes' : '**no**'} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
rmSync(home, {recursive: true, force: true});
