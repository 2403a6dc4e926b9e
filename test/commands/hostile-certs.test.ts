import {execFileSync} from 'node:child_process';
import {symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, test} from 'vitest';
import {ccgateBin} from '../helpers/cli.js';
import {type Gateway, startGateway} from '../helpers/gateway.js';
import {put, sandbox, userSettingsPath} from './support.js';

/*
The files NODE_EXTRA_CA_CERTS, CLAUDE_CODE_CLIENT_CERT and CLAUDE_CODE_CLIENT_KEY name are checked like settings
files before they are opened: a FIFO hangs neither doctor nor probe, a device (/dev/zero) is never streamed into
memory, a file over 10 MB is not read; each is one sentence, and the probe goes on as Node would, without it.
Run as real processes with a deadline: a hang is a failure here, not a stuck test worker. probe reports on stderr,
doctor in its report.
*/

let gateway: Gateway;
afterAll(async () => gateway?.close());

async function gatewayUrl(): Promise<string> {
	gateway ??= await startGateway({});
	return gateway.url;
}

/** The built ccgate, given 30 s: the old code hung on a FIFO until killed. */
async function ccgateWithin(box: ReturnType<typeof sandbox>, args: string[], env: Record<string, string> = {}) {
	return execa(process.execPath, [ccgateBin, ...args], {env: {...box.env, ...env}, extendEnv: false, cwd: box.home, reject: false, timeout: 30_000, stdin: 'ignore'});
}

function fifo(box: ReturnType<typeof sandbox>, name: string): string {
	const file = path.join(box.home, name);
	execFileSync('mkfifo', [file]);
	return file;
}

describe('a certificate file that is not a regular file', () => {
	test('doctor --timeout 1000 with NODE_EXTRA_CA_CERTS naming a FIFO in the user\'s settings: one sentence, no hang', async () => {
		const box = sandbox();
		const ca = fifo(box, 'ca.pem');
		put(userSettingsPath(box), JSON.stringify({env: {ANTHROPIC_BASE_URL: await gatewayUrl(), ANTHROPIC_AUTH_TOKEN: 'token-0123456789abcdef', NODE_EXTRA_CA_CERTS: ca}}));
		const run = await ccgateWithin(box, ['doctor', '--timeout', '1000']);
		expect(run.timedOut).toBe(false);
		expect(run.stdout.split('\n')).toContain(`warning: NODE_EXTRA_CA_CERTS names ${ca}, which is a named pipe (FIFO), not a regular file; point NODE_EXTRA_CA_CERTS at your CA's PEM file.`);
		// The gateway was still probed, as Node would still connect without the extra CA.
		expect(gateway.requests.some(request => request.path.startsWith('/v1/messages'))).toBe(true);
	});

	test('probe with a link to a FIFO as the client key: one sentence, no hang', async () => {
		const box = sandbox();
		const key = path.join(box.home, 'key.pem');
		symlinkSync(fifo(box, 'real-key.pem'), key);
		const cert = path.join(box.home, 'cert.pem');
		writeFileSync(cert, 'not used');
		const run = await ccgateWithin(box, ['probe', '--base-url', await gatewayUrl(), '--no-auth', '--timeout', '1000'], {CLAUDE_CODE_CLIENT_CERT: cert, CLAUDE_CODE_CLIENT_KEY: key});
		expect(run.timedOut).toBe(false);
		expect(run.stderr.split('\n')).toContain(`warning: CLAUDE_CODE_CLIENT_KEY names ${key}, which is a named pipe (FIFO), not a regular file; point CLAUDE_CODE_CLIENT_KEY at your client key's PEM file.`);
	});

	test('CLAUDE_CODE_CLIENT_CERT=/dev/zero is a device, refused before a byte is read', async () => {
		const box = sandbox();
		const key = path.join(box.home, 'key.pem');
		writeFileSync(key, 'not used');
		// /usr/bin/time's maximum resident size, in kB: the old code read /dev/zero until it held 1.1 GB.
		const run = await execa('/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ccgateBin, 'probe', '--base-url', await gatewayUrl(), '--no-auth', '--timeout', '1000'], {env: {...box.env, CLAUDE_CODE_CLIENT_CERT: '/dev/zero', CLAUDE_CODE_CLIENT_KEY: key}, extendEnv: false, cwd: box.home, reject: false, timeout: 30_000, stdin: 'ignore'});
		expect(run.stderr.split('\n')).toContain('warning: CLAUDE_CODE_CLIENT_CERT names /dev/zero, which is a device, not a regular file; point CLAUDE_CODE_CLIENT_CERT at your client certificate\'s PEM file.');
		const maxRss = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1]);
		expect(maxRss).toBeLessThan(200 * 1024);
	});

	test('a CA file over 10 MB is not read, and says so', async () => {
		const box = sandbox();
		const ca = path.join(box.home, 'huge.pem');
		writeFileSync(ca, Buffer.alloc((10 * 1024 * 1024) + 1, 0x41));
		const run = await ccgateWithin(box, ['probe', '--base-url', await gatewayUrl(), '--no-auth', '--timeout', '1000'], {NODE_EXTRA_CA_CERTS: ca});
		expect(run.stderr.split('\n')).toContain(`warning: NODE_EXTRA_CA_CERTS names ${ca}, which is larger than 10 MB; point NODE_EXTRA_CA_CERTS at your CA's PEM file.`);
	});

	test('a missing CA file is named with its error, as before', async () => {
		const box = sandbox();
		const ca = path.join(box.home, 'missing.pem');
		const run = await ccgateWithin(box, ['probe', '--base-url', await gatewayUrl(), '--no-auth', '--timeout', '1000'], {NODE_EXTRA_CA_CERTS: ca});
		expect(run.stderr.split('\n')).toContain(`warning: NODE_EXTRA_CA_CERTS names ${ca}, which cannot be read (ENOENT); point NODE_EXTRA_CA_CERTS at your CA's PEM file.`);
	});
});
