import {execFileSync, spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {afterAll, expect, test} from 'vitest';
import {temporaryFolder} from '../helpers/temporary.js';
import {createUser, deleteUser, type TestUser} from '../helpers/users.js';

// What each command loads at start-up, read from the bundler's own record of the build (dist/metafile-*.json).
const root = fileURLToPath(new URL('../..', import.meta.url));

type Output = {
	imports: Array<{path: string; kind: string; external?: boolean}>;
	inputs: Record<string, unknown>;
};

function outputs(format: 'cjs' | 'esm'): Record<string, Output> {
	return (JSON.parse(readFileSync(path.join(root, 'dist', `metafile-${format}.json`), 'utf8')) as {outputs: Record<string, Output>}).outputs;
}

const esm = outputs('esm');
const cjs = outputs('cjs');

function packagesIn(output: Output): string[] {
	const packages = new Set<string>();
	for (const input of Object.keys(output.inputs)) {
		const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
		if (name) {
			packages.add(name);
		}
	}

	return [...packages].sort();
}

/** The outputs a file loads before its code runs: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
	if (!seen.has(file)) {
		seen.add(file);
		for (const entry of esm[file]!.imports) {
			if (entry.kind === 'import-statement' && !entry.external) {
				staticClosure(entry.path, seen);
			}
		}
	}

	return seen;
}

function packagesLoadedBy(file: string): string[] {
	return [...new Set([...staticClosure(file)].flatMap(output => packagesIn(esm[output]!)))].sort();
}

test('bin/ccgate.js loads the one CommonJS file of the fast paths', () => {
	expect(readFileSync(path.join(root, 'bin', 'ccgate.js'), 'utf8')).toContain('require(\'../dist/cli.cjs\');');
	expect(JSON.parse(readFileSync(path.join(root, 'bin', 'package.json'), 'utf8'))).toEqual({type: 'commonjs'});
});

test('--version, print and show run from dist/cli.cjs alone: no other file of ccgate, no React, Ink, conf or zod', () => {
	const cli = cjs['dist/cli.cjs']!;
	expect(packagesIn(cli)).toEqual(['jsonc-parser']);
	const files = cli.imports.filter(entry => !entry.path.startsWith('node:')).map(entry => `${entry.kind} ${entry.path}`).sort();
	expect(files).toEqual([
		'dynamic-import ./commands/doctor.js',
		'dynamic-import ./commands/presets.js',
		'dynamic-import ./commands/probe.js',
		'dynamic-import ./commands/profile.js',
		'dynamic-import ./commands/remove.js',
		'dynamic-import ./commands/restore.js',
		'dynamic-import ./commands/run.js',
		'dynamic-import ./commands/write.js',
		// The wizard's CommonJS half, required only when the wizard opens (checked below, by running it).
		'require-call ./wizard.cjs',
	]);
});

test.each([['--version'], ['print', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789'], ['print', '--preset', 'openrouter', '--auth-token', 'token-0123456789'], ['show']])('ccgate %s loads no file but bin/ccgate.js and dist/cli.cjs', async (...args) => {
	const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-startup-'));
	try {
		// Node names each file it loads under NODE_DEBUG=module, and each ES module under NODE_DEBUG=esm.
		const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), ...args], {extendEnv: false, env: {PATH: process.env['PATH'], HOME: home, NODE_DEBUG: 'module,esm'}});
		const loaded = [...new Set([...result.stderr.matchAll(/load "([^"]+)" for module/g)].map(match => path.relative(root, match[1]!)))];
		expect(loaded).toEqual([path.join('bin', 'ccgate.js'), path.join('dist', 'cli.cjs')]);
		expect(result.stderr).not.toContain('ESM');
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
});

test('the wizard\'s CommonJS half, which draws the first frame, holds no React, Ink, conf or ajv, and starts no ES module', () => {
	const wizard = cjs['dist/wizard.cjs']!;
	expect(packagesIn(wizard)).toEqual(['chalk', 'jsonc-parser', 'zod']);
	const files = wizard.imports.filter(entry => !entry.path.startsWith('node:')).map(entry => `${entry.kind} ${entry.path}`);
	expect(files).toEqual(['dynamic-import ./commands/wizard.js']);
});

test.each(['write', 'remove', 'restore', 'probe', 'doctor', 'profile', 'wizard'])('ccgate %s starts without conf and ajv: they arrive by import() when the store is written', command => {
	const packages = packagesLoadedBy(`dist/commands/${command}.js`);
	expect(packages).not.toContain('conf');
	expect(packages).not.toContain('ajv');
});

test.each(['write', 'remove', 'restore', 'probe', 'doctor', 'profile', 'wizard'])('ccgate %s starts without React or Ink', command => {
	const packages = packagesLoadedBy(`dist/commands/${command}.js`);
	expect(packages).not.toContain('react');
	expect(packages).not.toContain('ink');
});

test('the wizard\'s ES-module half loads no library before Ink: the writers and the probe come by import() when used', () => {
	expect(packagesLoadedBy('dist/commands/wizard.js')).toEqual([]);
});

test('React and Ink are in the wizard\'s Ink half alone, one script that imports nothing, without Ink\'s devtools', () => {
	for (const [file, output] of [...Object.entries(esm), ...Object.entries(cjs)]) {
		expect([file, packagesIn(output).filter(name => ['ink', 'react', 'yoga-layout'].includes(name))]).toEqual([file, []]);
	}

	const ink = Object.values((JSON.parse(readFileSync(path.join(root, 'dist', 'metafile-ink.json'), 'utf8')) as {outputs: Record<string, Output>}).outputs);
	expect(ink).toHaveLength(1);
	expect(packagesIn(ink[0]!)).toEqual(expect.arrayContaining(['ink', 'react', 'react-reconciler', 'yoga-layout']));
	expect(packagesIn(ink[0]!)).not.toContain('ws');
	expect(ink[0]!.imports.filter(entry => entry.kind !== 'require-call')).toEqual([]);
	const script = readFileSync(path.join(root, 'dist', 'wizard-ink.js'), 'utf8');
	const [first, ...rest] = script.split('\n');
	expect(first).toBe(`// ccgate wizard Ink half ${createHash('sha256').update(rest.join('\n')).digest('hex')}`);
	expect(rest[0]).toBe('(async function (require, __ccgateUrl, __ccgateFilename, __ccgateDirname) {\'use strict\';');
});

test('--version prints the package version', async () => {
	const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
	const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), '--version'], {extendEnv: false, env: {PATH: process.env['PATH']}});
	expect(result.stdout).toBe(version);
	expect(result.stderr).toBe('');
});

/** What the last wizardLeftAtOnce() showed, escape sequences and all. */
let lastScreen = '';

/**
The wizard in a pseudo-terminal (util-linux script), left with Ctrl+C once Ink has drawn its first screen (the key
shows in the filter): its exit code. `as` runs it as that user, with that umask.
*/
async function wizardLeftAtOnce(env: Record<string, string>, cwd: string, as?: {user: TestUser; umask: string}, installed = root): Promise<number | null> {
	const node = `${process.execPath} ${path.join(installed, 'bin', 'ccgate.js')}`;
	const command = as ? `setpriv --reuid=${as.user.uid} --regid=${as.user.gid} --clear-groups /bin/sh -c 'umask ${as.umask}; exec ${node}'` : node;
	const child = spawn('script', ['-qfec', `stty cols 80 rows 24 && exec ${command}`, '/dev/null'], {cwd, env: {PATH: process.env['PATH']!, TERM: 'xterm-256color', ...env}, stdio: ['pipe', 'pipe', 'inherit']});
	let screen = '';
	let typed = false;
	child.stdout.on('data', (data: Buffer) => {
		screen += String(data);
		lastScreen = screen;
		if (!typed && screen.includes('Which gateway?')) {
			typed = true;
			child.stdin.write('x');
		}

		// eslint-disable-next-line no-control-regex
		if (screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '').includes('Filter: x') && !child.stdin.writableEnded) {
			child.stdin.end('\u0003');
		}
	});
	return new Promise(resolve => {
		child.on('close', code => {
			resolve(code);
		});
	});
}

const cacheFolderName = `node-compile-cache-ccgate-${process.getuid!()}`;
/** The Ink half's cache file for this Node and this build (source/wizard/ink-half.ts). */
const inkCacheName = `wizard-ink-${process.version}-${process.arch}-${/^\/\/ ccgate wizard Ink half ([\da-f]{32})/.exec(readFileSync(path.join(root, 'dist', 'wizard-ink.js'), 'utf8'))![1]}.cache`;
const hasCompileCache = typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function';

test.each([
	['', [cacheFolderName]],
	['NODE_DISABLE_COMPILE_CACHE=1', []],
])('the wizard keeps compiled code in the temporary folder only (%s)', async (setting, expected) => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const project = temporaryFolder('ccgate-startup-project-');
	const env = {HOME: home, TMPDIR: temporary, CI: 'true', ...(setting ? {NODE_DISABLE_COMPILE_CACHE: '1'} : {})};
	// Left with Ctrl+C: 130, as a shell reports an interrupted command.
	expect(await wizardLeftAtOnce(env, project)).toBe(130);
	expect(readdirSync(temporary)).toEqual(expected);
	expect(readdirSync(home)).toEqual([]);
	expect(readdirSync(project)).toEqual([]);
	if (expected.length > 0) {
		const folder = path.join(temporary, cacheFolderName);
		// The Ink half's own cache on every Node; Node's compile cache (22.1+) keeps its files in a folder per version.
		const files = readdirSync(folder);
		expect(files.filter(name => name.endsWith('.cache'))).toEqual([inkCacheName]);
		expect(files.filter(name => !name.endsWith('.cache'))).toHaveLength(hasCompileCache ? 1 : 0);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		expect(statSync(path.join(folder, inkCacheName)).mode & 0o777).toBe(0o600);
	}
});

test('the Ink half\'s cache, once written, is used as it is by the next start (a cache V8 refused would be written anew)', async () => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const cache = path.join(temporary, cacheFolderName, inkCacheName);
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, home)).toBe(130);
	const written = statSync(cache);
	expect(written.size).toBeGreaterThan(100_000);
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, home)).toBe(130);
	const after = statSync(cache);
	expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
});

test('a cache of an older build goes when this one writes its own; another Node\'s stays', async () => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const folder = path.join(temporary, cacheFolderName);
	mkdirSync(folder, {mode: 0o700});
	const older = `wizard-ink-${process.version}-${process.arch}-${'0'.repeat(32)}.cache`;
	const otherNode = `wizard-ink-v0.0.0-${process.arch}-${'0'.repeat(32)}.cache`;
	writeFileSync(path.join(folder, older), 'compiled code of an older build', {mode: 0o600});
	writeFileSync(path.join(folder, otherNode), 'compiled code for another Node', {mode: 0o600});
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, home)).toBe(130);
	expect(readdirSync(folder).filter(name => name.endsWith('.cache')).sort()).toEqual([inkCacheName, otherNode].sort());
});

// What stands at the Ink half's cache name in the private folder: the wizard starts all the same, reads no link and
// no FIFO, and writes a cache of its own in its place.
const atCacheName: Array<[string, (file: string) => string | undefined]> = [
	['bytes that are not compiled code', (file: string) => {
		writeFileSync(file, 'not compiled code', {mode: 0o600});
		return undefined;
	}],
	['a link to a file elsewhere', (file: string) => {
		const elsewhere = path.join(temporaryFolder('ccgate-startup-elsewhere-'), 'file');
		writeFileSync(elsewhere, 'left as it is');
		symlinkSync(elsewhere, file);
		return elsewhere;
	}],
	['a FIFO', (file: string) => {
		execFileSync('mkfifo', ['-m', '600', file]);
		return undefined;
	}],
];

test.each(atCacheName)('%s at the Ink half\'s cache name: the wizard starts, and its own cache takes the place', async (_label, plant) => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const folder = path.join(temporary, cacheFolderName);
	mkdirSync(folder, {mode: 0o700});
	const elsewhere = plant(path.join(folder, inkCacheName));
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, home)).toBe(130);
	const cache = statSync(path.join(folder, inkCacheName), {throwIfNoEntry: false});
	expect(cache?.isFile()).toBe(true);
	expect(cache!.size).toBeGreaterThan(100_000);
	if (elsewhere !== undefined) {
		expect(readFileSync(elsewhere, 'utf8')).toBe('left as it is');
	}
});

// The cache is code Node will run: a folder at its name that another user could have put there, or could write
// into, is not used (source/wizard/compile-cache.ts).
const planted: Array<[string, (folder: string) => string]> = [
	['a folder anyone may write to', (folder: string) => {
		mkdirSync(folder);
		chmodSync(folder, 0o777);
		return folder;
	}],
	['a link to another folder', (folder: string) => {
		const elsewhere = temporaryFolder('ccgate-startup-elsewhere-');
		symlinkSync(elsewhere, folder);
		return elsewhere;
	}],
];
// Only root can give a folder to another user (CI runs as root).
if (process.getuid!() === 0) {
	planted.push(['a folder another user owns', (folder: string) => {
		mkdirSync(folder, {mode: 0o700});
		chownSync(folder, 65_534, 65_534);
		return folder;
	}]);
}

test.each(planted)('the wizard keeps no compiled code in %s at the cache\'s name', async (_label, plant) => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const project = temporaryFolder('ccgate-startup-project-');
	const folder = plant(path.join(temporary, cacheFolderName));
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, project)).toBe(130);
	expect(readdirSync(folder)).toEqual([]);
});

const user = createUser('cache');
const cannot = typeof user === 'string' ? user : undefined;
if (cannot) {
	console.warn(`Skipping the compile cache test run as an unprivileged user: ${cannot}.`);
}

afterAll(() => {
	if (typeof user !== 'string') {
		deleteUser(user);
		rmSync(user.home, {recursive: true, force: true});
	}
});

test.skipIf(cannot !== undefined)('as an unprivileged user with umask 000, the cache folder is 0700 and the Ink half\'s cache 0600, both the user\'s', async () => {
	const testUser = user as TestUser;
	// A temporary folder as /tmp is: anyone may make an entry, and only its owner remove it.
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	chmodSync(temporary, 0o1777);
	const folder = path.join(temporary, `node-compile-cache-ccgate-${testUser.uid}`);
	expect(await wizardLeftAtOnce({HOME: testUser.home, TMPDIR: temporary, CI: 'true'}, testUser.home, {user: testUser, umask: '000'})).toBe(130);
	const stat = statSync(folder);
	expect([stat.uid, stat.mode & 0o777]).toEqual([testUser.uid, 0o700]);
	const cache = statSync(path.join(folder, inkCacheName));
	expect([cache.uid, cache.mode & 0o777]).toEqual([testUser.uid, 0o600]);
});

test.each([
	['missing', (file: string) => {
		rmSync(file);
	}],
	['without the line naming its hash', (file: string) => {
		writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'));
	}],
])('an install whose Ink half is %s: exit 1 and one sentence that names the file and says to reinstall', async (_label, damage) => {
	const installed = temporaryFolder('ccgate-startup-install-');
	for (const entry of ['bin', 'dist', 'package.json']) {
		cpSync(path.join(root, entry), path.join(installed, entry), {recursive: true});
	}

	const file = path.join(installed, 'dist', 'wizard-ink.js');
	damage(file);
	const home = temporaryFolder('ccgate-startup-home-');
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporaryFolder('ccgate-startup-tmp-'), CI: 'true'}, home, undefined, installed)).toBe(1);
	expect(lastScreen).toContain(`\r\nerror: ccgate failed unexpectedly: ${file}, the wizard's Ink half, is missing or is not as ccgate builds it: reinstall ccgate.\r\n`);
	expect(lastScreen).not.toContain('    at ');
});
