import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';
import {TerminalSession} from '../wizard/tmux.js';
import {temporaryFolder} from '../helpers/temporary.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the packed tarball installs globally with nothing to fetch and works outside the repository', async () => {
	const folder = temporaryFolder('ccgate-pack-');
	// `npm test` has just built dist/; packing again would only rebuild it.
	await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', folder], {cwd: root});
	const tarball = readdirSync(folder).find(name => name.endsWith('.tgz'))!;
	const prefix = path.join(folder, 'prefix');
	// --offline: the package has no dependencies, so a clean machine needs nothing but the tarball.
	await execa('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(folder, tarball)], {cwd: folder});
	const home = temporaryFolder('ccgate-pack-home-');
	const env = {PATH: `${path.join(prefix, 'bin')}:/usr/bin:/bin`, HOME: home};
	const version = await execa('ccgate', ['--version'], {cwd: home, env, extendEnv: false});
	expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
	const printed = await execa('ccgate', ['print', '--shell', 'bash', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'gateway-token'], {cwd: home, env, extendEnv: false});
	expect(printed.stdout).toBe('export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\nexport ANTHROPIC_AUTH_TOKEN=\'gateway-token\'');
	const installed = readdirSync(path.join(prefix, 'lib', 'node_modules', 'ccgate')).sort();
	expect(installed).toEqual(['bin', 'dist', 'package.json', 'readme.md']);

	// The ES-module commands, conf's store, and the wizard (its CommonJS first frame, then Ink) ship too.
	const written = await execa('ccgate', ['write', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'gateway-token'], {cwd: home, env, extendEnv: false});
	expect(written.exitCode).toBe(0);
	expect(readFileSync(path.join(home, '.claude', 'settings.json'), 'utf8')).toContain('"ANTHROPIC_BASE_URL": "http://127.0.0.1:4000"');
	const terminal = TerminalSession.start({command: [path.join(prefix, 'bin', 'ccgate')], env: {...env, CI: 'true'}, cwd: home});
	try {
		await terminal.until('❯ Edit the current config');
		terminal.press('Down');
		await terminal.until('❯ Start fresh');
		terminal.press('C-c');
		await terminal.until('[exit 130]');
	} finally {
		terminal.kill();
	}
}, 120_000);
