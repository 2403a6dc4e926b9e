import {writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, test} from 'vitest';
import {backups, ccgate, ccgateBinary, expectNoStackTrace, expectNotPrinted, lines, mode, put, read, sandbox, secretFiles, userSettingsPath} from './support.js';

const write = ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'refused-token-0123456789'];

describe.concurrent('a settings file ccgate cannot edit safely is refused, exit 1, one sentence, nothing changed', () => {
	test('invalid JSON (a trailing comma) is refused with its line and column', async () => {
		const box = sandbox();
		const text = '{\n  "model": "opus",\n  "env": {\n    "A": "1",\n  }\n}\n';
		put(userSettingsPath(box), text, 0o644);
		const run = await ccgateBinary(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is not valid JSON at line 5, column 3 (PropertyNameExpected); fix the file by hand, or run ccgate restore; nothing was changed.\n'});
		expect(read(userSettingsPath(box))).toBe(text);
		expect(mode(userSettingsPath(box)).toString(8)).toBe('644');
		expect(backups(box)).toEqual([]);
	});

	test('invalid JSON (a missing comma) is refused with its line and column', async () => {
		const box = sandbox();
		const text = '{\n  "model": "opus"\n  "env": {}\n}\n';
		put(userSettingsPath(box), text);
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is not valid JSON at line 3, column 3 (CommaExpected); fix the file by hand, or run ccgate restore; nothing was changed.\n'});
		expect(read(userSettingsPath(box))).toBe(text);
		expect(backups(box)).toEqual([]);
	});

	test('a comment is refused, since Claude Code reads plain JSON', async () => {
		const box = sandbox();
		const text = '{\n  // mine\n  "model": "opus"\n}\n';
		put(userSettingsPath(box), text);
		const run = await ccgate(box, write);
		expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json is not valid JSON at line 2, column 3 (InvalidCommentToken); fix the file by hand, or run ccgate restore; nothing was changed.\n'});
		expect(read(userSettingsPath(box))).toBe(text);
	});

	for (const [name, text] of [['an array', '[\n  {"model": "opus"}\n]\n'], ['null', 'null\n'], ['a string', '"settings"']] as const) {
		test(`a top level that is ${name}, not an object, is refused`, async () => {
			const box = sandbox();
			put(userSettingsPath(box), text);
			const run = await ccgate(box, write);
			expect(run).toEqual({exitCode: 1, stdout: '', stderr: 'error: ~/.claude/settings.json does not hold a JSON object at its top level; make the file an object such as {} by hand; nothing was changed.\n'});
			expect(read(userSettingsPath(box))).toBe(text);
			expect(backups(box)).toEqual([]);
		});
	}

	test('remove refuses an invalid file too', async () => {
		const box = sandbox();
		await ccgate(box, write);
		put(userSettingsPath(box), '{,}');
		const run = await ccgate(box, ['remove', '--yes']);
		expect(run.exitCode).toBe(1);
		expect(lines(run.stderr)).toEqual(['error: ~/.claude/settings.json is not valid JSON at line 1, column 2 (ValueExpected); fix the file by hand, or run ccgate restore; nothing was changed.']);
		expect(read(userSettingsPath(box))).toBe('{,}');
		expectNoStackTrace(run);
	});
});

/*
`write --probe` probes the gateway between reading the file and writing it. This gateway changes the
settings file on its first request (as another program or an editor would), then answers like an
Anthropic gateway, so the probe finds it usable and only the change on disk can stop the write.
*/
const servers: Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map(async server => new Promise(resolve => {
		server.closeAllConnections();
		server.close(resolve);
	})));
});

async function gatewayThatEdits(file: string, text: string): Promise<{url: string; requests: string[]}> {
	const requests: string[] = [];
	const server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			const {pathname, search} = new URL(request.url ?? '/', 'http://gateway.invalid');
			requests.push(`${request.method} ${request.url}`);
			if (requests.length === 1) {
				writeFileSync(file, text);
			}

			const send = (status: number, body: unknown) => {
				response.writeHead(status, {'content-type': 'application/json'});
				response.end(JSON.stringify(body));
			};

			if (request.method === 'GET' && pathname === '/v1/models') {
				send(200, {data: [], has_more: false, first_id: null, last_id: null});
			} else if (request.method === 'POST' && pathname === '/v1/messages/count_tokens') {
				send(200, {input_tokens: 1});
			} else if (request.method === 'POST' && pathname === '/v1/messages' && search === '?beta=true') {
				send(400, {type: 'error', error: {type: 'invalid_request_error', message: 'max_tokens: must be greater than or equal to 1'}});
			} else {
				send(404, {type: 'error', error: {type: 'not_found_error', message: 'Not found'}});
			}
		});
	});
	servers.push(server);
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests};
}

describe('a settings file changed between reading and writing', () => {
	test('is refused with exit 1 and one sentence, and keeps the other program\'s bytes', async () => {
		const box = sandbox();
		const original = '{\n  "model": "opus"\n}\n';
		const theirs = '{\n  "model": "sonnet",\n  "theirs": true\n}\n';
		put(userSettingsPath(box), original);
		const gateway = await gatewayThatEdits(userSettingsPath(box), theirs);
		const secret = 'probe-token-0123456789abcdef';
		const run = await ccgate(box, ['write', '--probe', '--base-url', gateway.url, '--auth-token', secret]);
		expect(gateway.requests.length).toBeGreaterThan(0);
		expect(run.exitCode).toBe(1);
		expect(run.stdout).toBe('Probe: the gateway is usable by Claude Code.\n');
		// The probe's own findings (warnings) may come first; the refusal is the one error, and the last line.
		const printed = lines(run.stderr);
		expect(printed.at(-1)).toBe('error: ~/.claude/settings.json changed on disk while ccgate was working (another program is saving it); run the command again once it is saved; nothing was written.');
		expect(printed.slice(0, -1).filter(line => !line.startsWith('warning: '))).toEqual([]);
		expect(read(userSettingsPath(box))).toBe(theirs);
		expect(backups(box)).toEqual([]);
		expectNoStackTrace(run);
		expectNotPrinted(run, secret);
	});

	test('with --secret-file, the refused write leaves no secret file behind', async () => {
		const box = sandbox();
		const theirs = '{\n  "theirs": true\n}\n';
		put(userSettingsPath(box), '{}\n');
		const gateway = await gatewayThatEdits(userSettingsPath(box), theirs);
		const run = await ccgate(box, ['write', '--probe', '--secret-file', '--base-url', gateway.url, '--auth-token', 'probe-token-0123456789abcdef']);
		expect(run.exitCode).toBe(1);
		expect(lines(run.stderr).filter(line => line.startsWith('error: '))).toEqual(['error: ~/.claude/settings.json changed on disk while ccgate was working (another program is saving it); run the command again once it is saved; nothing was written.']);
		expect(read(userSettingsPath(box))).toBe(theirs);
		expect(secretFiles(box)).toEqual([]);
		expect(backups(box)).toEqual([]);
	});

	test('the same gateway, with no one changing the file, lets the write through', async () => {
		const box = sandbox();
		const original = '{\n  "model": "opus"\n}\n';
		put(userSettingsPath(box), original);
		// "Changes" the file to the bytes it already holds.
		const gateway = await gatewayThatEdits(userSettingsPath(box), original);
		const run = await ccgate(box, ['write', '--probe', '--base-url', gateway.url, '--auth-token', 'probe-token-0123456789abcdef']);
		expect(run.exitCode).toBe(0);
		expect(lines(run.stderr).filter(line => !line.startsWith('warning: '))).toEqual([]);
		expect(run.stdout).toBe('Probe: the gateway is usable by Claude Code.\nWrote ~/.claude/settings.json. Backup: ' + backups(box)[0]! + '\n');
		expect(read(userSettingsPath(box))).toBe(`{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_BASE_URL": "${gateway.url}",\n    "ANTHROPIC_AUTH_TOKEN": "probe-token-0123456789abcdef"\n  }\n}\n`);
	});
});
