import {mkdtempSync, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the packed tarball installs globally with nothing to fetch and works outside the repository', async () => {
	const folder = mkdtempSync(path.join(os.tmpdir(), 'ccgate-pack-'));
	// `npm test` has just built dist/; packing again would only rebuild it.
	await execa('npm', ['pack', '--ignore-scripts', '--pack-destination', folder], {cwd: root});
	const tarball = readdirSync(folder).find(name => name.endsWith('.tgz'))!;
	const prefix = path.join(folder, 'prefix');
	// --offline: the package has no dependencies, so a clean machine needs nothing but the tarball.
	await execa('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(folder, tarball)], {cwd: folder});
	const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-pack-home-'));
	const env = {PATH: `${path.join(prefix, 'bin')}:/usr/bin:/bin`, HOME: home};
	const version = await execa('ccgate', ['--version'], {cwd: home, env, extendEnv: false});
	expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
	const printed = await execa('ccgate', ['print', '--shell', 'bash', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'gateway-token'], {cwd: home, env, extendEnv: false});
	expect(printed.stdout).toBe('export ANTHROPIC_BASE_URL=\'http://127.0.0.1:4000\'\nexport ANTHROPIC_AUTH_TOKEN=\'gateway-token\'');
	const installed = readdirSync(path.join(prefix, 'lib', 'node_modules', 'ccgate')).sort();
	expect(installed).toEqual(['bin', 'dist', 'package.json', 'readme.md']);
}, 120_000);
