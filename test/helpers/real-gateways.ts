import {type ChildProcess, spawn} from 'node:child_process';
import {mkdir, mkdtemp, realpath, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:http';
import net, {type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {RecordedRequest} from './gateway.js';
import {freePort} from './ports.js';

/*
Gateways no one here wrote, installed as dev dependencies and started on loopback in front of loopback
upstreams: claude-code-router 2.0.0 (@musistudio's; translates Anthropic's format to an OpenAI-format
provider), Portkey's gateway 1.15.2 (passes Anthropic's format through to the provider named by a header),
the unscoped claude-code-router 2.1.1 (another project of the same name, also a translator to an OpenAI-format
provider) and @llmops/gateway 0.6.10 (a fork of Portkey's, with `x-llmops-` headers). Each runs with a temporary HOME and TMPDIR (they write their state there, nowhere else), and with
HTTP(S)_PROXY pointing at a closed loopback port, so nothing can reach past loopback.
*/

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeModules = path.join(here, '..', '..', 'node_modules');
export const claudeCodeRouterCli = path.join(nodeModules, '@musistudio', 'claude-code-router', 'dist', 'cli.js');
const portkeyStart = path.join(here, 'real-gateways', 'portkey-start.mjs');
const unscopedRouterCli = path.join(nodeModules, 'claude-code-router', 'dist', 'cli.js');
const llmopsStart = path.join(here, 'real-gateways', 'llmops-start.mjs');

export type RealGateway = {
	/** `http://127.0.0.1:PORT`, what goes into ANTHROPIC_BASE_URL. */
	readonly url: string;
	readonly port: number;
	/** What the gateway printed, for a failing test's message. */
	output(): string;
	close(): Promise<void>;
};

async function isListening(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

async function temporaryHome(): Promise<string> {
	return realpath(await mkdtemp(path.join(tmpdir(), 'ccgate-real-gw-')));
}

/** Starts `args` with node and a private HOME, and waits until `port` accepts connections. */
async function startNode(args: string[], port: number, home: string, env: Record<string, string> = {}): Promise<RealGateway> {
	const closedPort = await freePort();
	const child: ChildProcess = spawn(process.execPath, args, {
		cwd: home,
		env: {
			PATH: process.env['PATH'] ?? '',
			HOME: home,
			TMPDIR: home,
			// Anything that tries to leave loopback goes to a port where nothing listens.
			HTTP_PROXY: `http://127.0.0.1:${closedPort}`,
			HTTPS_PROXY: `http://127.0.0.1:${closedPort}`,
			NO_PROXY: '127.0.0.1,localhost',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		output += chunk;
	});
	const exited = new Promise<void>(resolve => {
		child.once('exit', () => {
			resolve();
		});
	});

	const close = async () => {
		child.kill('SIGKILL');
		await exited;
		await rm(home, {recursive: true, force: true});
	};

	const deadline = Date.now() + 30_000;
	// Polled one after another: each attempt waits for the one before.
	// eslint-disable-next-line no-await-in-loop
	while (!(await isListening(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			await close(); // eslint-disable-line no-await-in-loop
			throw new Error(`${path.basename(args[0]!)} did not start on port ${port}:\n${output}`);
		}

		await new Promise(resolve => { // eslint-disable-line no-await-in-loop
			setTimeout(resolve, 50);
		});
	}

	return {url: `http://127.0.0.1:${port}`, port, output: () => output, close};
}

/** claude-code-router with `apiKey` as its APIKEY, routing every request to the OpenAI-format `upstream` as `model`. */
export async function startClaudeCodeRouter(options: {upstream: string; apiKey: string; model: string}): Promise<RealGateway> {
	const home = await temporaryHome();
	const port = await freePort();
	await mkdir(path.join(home, '.claude-code-router'));
	await writeFile(path.join(home, '.claude-code-router', 'config.json'), JSON.stringify({
		HOST: '127.0.0.1',
		PORT: port,
		APIKEY: options.apiKey,
		LOG: false,
		Providers: [{name: 'upstream', api_base_url: `${options.upstream}/v1/chat/completions`, api_key: 'upstream-key', models: [options.model]}],
		Router: {default: `upstream,${options.model}`},
	}));
	return startNode([claudeCodeRouterCli, 'start'], port, home);
}

/**
The unscoped claude-code-router 2.1.1, routing every category of request (it sorts them into default,
background, thinking, long context and search) to the OpenAI-format `upstream` as `model`. It checks no key.
*/
export async function startUnscopedClaudeCodeRouter(options: {upstream: string; model: string}): Promise<RealGateway> {
	const home = await temporaryHome();
	const port = await freePort();
	const categories = ['default', 'background', 'thinking', 'longcontext', 'search'];
	const configPath = path.join(home, 'router.json');
	await writeFile(configPath, JSON.stringify({
		server: {host: '127.0.0.1', port},
		routing: {
			rules: Object.fromEntries(categories.map(category => [category, {provider: 'upstream', model: options.model}])),
			defaultProvider: 'upstream',
			providers: {
				upstream: {
					type: 'openai',
					endpoint: `${options.upstream}/v1/chat/completions`,
					authentication: {type: 'bearer', credentials: {apiKey: 'upstream-key'}},
					settings: {models: [options.model], defaultModel: options.model, categoryMappings: Object.fromEntries(categories.map(category => [category, true]))},
				},
			},
		},
	}));
	return startNode([unscopedRouterCli, 'start', '--config', configPath], port, home);
}

/** @llmops/gateway 0.6.10: like Portkey's, it passes each request to the provider its `x-llmops-provider` header names. */
export async function startLlmops(): Promise<RealGateway> {
	const home = await temporaryHome();
	const port = await freePort();
	return startNode([llmopsStart, String(port)], port, home, {NODE_ENV: 'production'});
}

/**
Portkey's gateway. `nodeServer` picks the @hono/node-server copy it runs on: the pinned 1.12.2, or the
aliased 1.19.19 (`hono-node-server-broken`), with which its streamed answers break.
*/
export async function startPortkey(options: {nodeServer?: 'pinned' | 'broken'} = {}): Promise<RealGateway> {
	const home = await temporaryHome();
	const port = await freePort();
	const env: Record<string, string> = options.nodeServer === 'broken' ? {CCGATE_HONO_NODE_SERVER: 'hono-node-server-broken'} : {};
	return startNode([portkeyStart, `--port=${port}`, '--headless'], port, home, {NODE_ENV: 'production', ...env});
}

export type OpenAiUpstream = {url: string; requests: RecordedRequest[]; close(): Promise<void>};

/** A loopback provider in OpenAI's format that answers every chat completion with `reply`, whatever max_tokens says (as providers do). */
export async function startOpenAiUpstream(reply: string): Promise<OpenAiUpstream> {
	const requests: RecordedRequest[] = [];
	const server = createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8').on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers)) {
				headers[name] = Array.isArray(value) ? value.join(', ') : value ?? '';
			}

			requests.push({method: request.method ?? '', path: request.url ?? '', headers, body});
			if (request.url !== '/v1/chat/completions') {
				response.writeHead(404, {'content-type': 'application/json'}).end(JSON.stringify({error: {message: `Invalid URL (${request.method} ${request.url})`, type: 'invalid_request_error'}}));
				return;
			}

			const {model, stream} = JSON.parse(body) as {model: string; stream?: boolean};
			const usage = {prompt_tokens: 1, completion_tokens: 3, total_tokens: 4};
			if (stream) {
				response.writeHead(200, {'content-type': 'text/event-stream'});
				const chunk = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
				chunk({id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model, choices: [{index: 0, delta: {role: 'assistant', content: reply}, finish_reason: null}]});
				chunk({id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model, choices: [{index: 0, delta: {}, finish_reason: 'stop'}], usage});
				response.end('data: [DONE]\n\n');
				return;
			}

			response.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({
				id: 'chatcmpl-1', object: 'chat.completion', created: 1, model, choices: [{index: 0, message: {role: 'assistant', content: reply}, finish_reason: 'stop'}], usage,
			}));
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}
