import {spawn} from 'node:child_process';
import {chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';
import {temporaryFolder} from '../helpers/temporary.js';

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

test('React and Ink arrive with the wizard\'s run-app chunk, loaded by import() once a terminal is there', () => {
	const withInk = Object.keys(esm).filter(file => packagesIn(esm[file]!).includes('ink'));
	expect(withInk.map(file => path.basename(file).replace(/-[A-Z\d]+\.js$/, '')).sort()).toEqual(['devtools', 'run-app']);
	const runApp = withInk.find(file => file.includes('run-app'))!;
	expect(packagesLoadedBy(runApp)).toEqual(expect.arrayContaining(['ink', 'react', 'yoga-layout']));
});

test('--version prints the package version', async () => {
	const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
	const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), '--version'], {extendEnv: false, env: {PATH: process.env['PATH']}});
	expect(result.stdout).toBe(version);
	expect(result.stderr).toBe('');
});

/** The wizard in a pseudo-terminal (util-linux script), left with Ctrl+C once its first screen shows: its exit code. */
async function wizardLeftAtOnce(env: Record<string, string>, cwd: string): Promise<number | null> {
	const child = spawn('script', ['-qfec', `stty cols 80 rows 24 && exec ${process.execPath} ${path.join(root, 'bin', 'ccgate.js')}`, '/dev/null'], {cwd, env: {PATH: process.env['PATH']!, TERM: 'xterm-256color', ...env}, stdio: ['pipe', 'pipe', 'inherit']});
	let screen = '';
	child.stdout.on('data', (data: Buffer) => {
		screen += String(data);
		if (screen.includes('Which gateway?') && !child.stdin.writableEnded) {
			child.stdin.end('\u0003');
		}
	});
	return new Promise(resolve => {
		child.on('close', code => {
			resolve(code);
		});
	});
}

const hasCompileCache = typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function';

test.each([
	['', hasCompileCache ? [`node-compile-cache-ccgate-${process.getuid!()}`] : []],
	['NODE_DISABLE_COMPILE_CACHE=1', []],
])('the wizard keeps compiled code in the temporary folder only, where Node has a compile cache (%s)', async (setting, expected) => {
	const temporary = temporaryFolder('ccgate-startup-tmp-');
	const home = temporaryFolder('ccgate-startup-home-');
	const project = temporaryFolder('ccgate-startup-project-');
	const env = {HOME: home, TMPDIR: temporary, CI: 'true', ...(setting ? {NODE_DISABLE_COMPILE_CACHE: '1'} : {})};
	// Left with Ctrl+C: 130, as a shell reports an interrupted command.
	expect(await wizardLeftAtOnce(env, project)).toBe(130);
	expect(readdirSync(temporary)).toEqual(expected);
	expect(readdirSync(home)).toEqual([]);
	expect(readdirSync(project)).toEqual([]);
});

// The cache is code Node will run: a folder at its name that another user could have put there, or could write
// into, is not used (source/wizard/compile-cache.ts). Where Node has no compile cache nothing is written either way.
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
	const folder = plant(path.join(temporary, `node-compile-cache-ccgate-${process.getuid!()}`));
	expect(await wizardLeftAtOnce({HOME: home, TMPDIR: temporary, CI: 'true'}, project)).toBe(130);
	expect(readdirSync(folder)).toEqual([]);
});
