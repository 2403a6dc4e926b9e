import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
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

test('dist/cli.cjs, the entry, holds only the answer to --version and a require() of dist/start.cjs', () => {
	const cli = cjs['dist/cli.cjs']!;
	expect(Object.keys(cli.inputs).sort()).toEqual(['source/cli.ts', 'source/output.ts']);
	expect(cli.imports.map(entry => `${entry.kind} ${entry.path}`).sort()).toEqual(['require-call ./start.cjs', 'require-call node:fs']);
});

test('print and show run from dist/start.cjs: no other file of ccgate, no React, Ink or conf; zod/mini for Claude Code\'s files', () => {
	const start = cjs['dist/start.cjs']!;
	expect(packagesIn(start)).toEqual(['zod']);
	// zod/mini alone, the schemas of core/client-files.ts: not zod's full build nor its locales.
	expect(Object.keys(start.inputs).filter(input => input.includes('node_modules/zod/')).some(input => /\/(?:classic|locales)\//.test(input))).toBe(false);
	// jsonc-parser, which says where a settings file is not valid JSON, is dist/jsonc.cjs, required only then.
	expect(packagesIn(cjs['dist/jsonc.cjs']!)).toEqual(['jsonc-parser']);
	const files = start.imports.filter(entry => !entry.path.startsWith('node:')).map(entry => `${entry.kind} ${entry.path}`).sort();
	expect(files).toEqual([
		'dynamic-import ./commands/completion.js',
		'dynamic-import ./commands/doctor.js',
		'dynamic-import ./commands/presets.js',
		'dynamic-import ./commands/probe.js',
		'dynamic-import ./commands/profile.js',
		'dynamic-import ./commands/remove.js',
		'dynamic-import ./commands/restore.js',
		'dynamic-import ./commands/run.js',
		'dynamic-import ./commands/wizard.js',
		'dynamic-import ./commands/write.js',
		'require-call ./jsonc.cjs',
	]);
});

/** The files of ccgate and Node's builtins a command line loads, as Node names them under NODE_DEBUG=module,esm (Node 24 and later name a builtin without `node:`). */
async function loadedBy(args: readonly string[]): Promise<{files: string[]; builtins: string[]; stderr: string}> {
	const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-startup-'));
	try {
		const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), ...args], {extendEnv: false, env: {PATH: process.env['PATH'], HOME: home, NODE_DEBUG: 'module,esm'}});
		return {
			files: [...new Set([...result.stderr.matchAll(/load "([^"]+)" for module/g)].map(match => path.relative(root, match[1]!)))],
			builtins: [...new Set([...result.stderr.matchAll(/load built-in module (\S+)/g)].map(match => `node:${match[1]!.replace(/^node:/, '')}`))].sort((a, b) => a.localeCompare(b)),
			stderr: result.stderr,
		};
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

test.each([['--version'], ['-v']])('ccgate %s loads no file but bin/ccgate.js and dist/cli.cjs, and no builtin but node:fs', async (...args) => {
	const {files, builtins, stderr} = await loadedBy(args);
	expect(files).toEqual([path.join('bin', 'ccgate.js'), path.join('dist', 'cli.cjs')]);
	expect(stderr).not.toContain('ESM');
	expect(builtins).toEqual(['node:fs']);
});

test.each([['print', '--base-url', 'http://127.0.0.1:4000', '--auth-token', 'token-0123456789'], ['print', '--preset', 'openrouter', '--auth-token', 'token-0123456789'], ['show'], ['show', '--version']])('ccgate %s loads no file but bin/ccgate.js, dist/cli.cjs and dist/start.cjs', async (...args) => {
	const {files, builtins, stderr} = await loadedBy(args);
	expect(files).toEqual([path.join('bin', 'ccgate.js'), path.join('dist', 'cli.cjs'), path.join('dist', 'start.cjs')]);
	expect(stderr).not.toContain('ESM');
	// Output to a pipe: no tty module (which loads net and stream, some 7 ms), asked only of a character device.
	expect(builtins).toEqual(['node:buffer', 'node:fs', 'node:os', 'node:path', 'node:util']);
});

test('a settings file that is not valid JSON: show loads dist/jsonc.cjs to say where, and exits 1', async () => {
	const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-startup-'));
	try {
		mkdirSync(path.join(home, '.claude'));
		writeFileSync(path.join(home, '.claude', 'settings.json'), '{\n  "env": {\n    "A": "b",\n  }\n}\n');
		const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), 'show'], {cwd: home, reject: false, extendEnv: false, env: {PATH: process.env['PATH'], HOME: home, NODE_DEBUG: 'module'}});
		expect(result.exitCode).toBe(1);
		expect([...new Set([...result.stderr.matchAll(/load "([^"]+)" for module/g)].map(match => path.relative(root, match[1]!)))]).toEqual([path.join('bin', 'ccgate.js'), path.join('dist', 'cli.cjs'), path.join('dist', 'start.cjs'), path.join('dist', 'jsonc.cjs')]);
		expect(result.stderr.split('\n').filter(line => !line.startsWith('MODULE '))).toEqual([`error: ${path.join(home, '.claude', 'settings.json')} is not valid JSON at line 4, column 3 (PropertyNameExpected); fix the file by hand.`]);
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
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

test('React, Ink and yoga are in the chunks the wizard loads by import() once it has a terminal, without Ink\'s devtools', () => {
	const wizard = staticClosure('dist/commands/wizard.js');
	const withInk = Object.entries(esm).filter(([, output]) => packagesIn(output).includes('ink')).map(([file]) => file);
	expect(withInk.length).toBeGreaterThan(0);
	for (const file of withInk) {
		expect([file, wizard.has(file)]).toEqual([file, false]);
		expect(packagesIn(esm[file]!)).not.toContain('ws');
	}

	for (const [file, output] of Object.entries(cjs)) {
		expect([file, packagesIn(output).filter(name => ['ink', 'react', 'yoga-layout'].includes(name))]).toEqual([file, []]);
	}
});

test.each(['--version', '-v', 'print --version', '--version --shell bash'])('ccgate %s prints the package version', async line => {
	const {version} = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string};
	const result = await execa(process.execPath, [path.join(root, 'bin', 'ccgate.js'), ...line.split(' ')], {extendEnv: false, env: {PATH: process.env['PATH']}});
	expect(result.stdout).toBe(version);
	expect(result.stderr).toBe('');
	expect(result.exitCode).toBe(0);
});

/**
The wizard in a pseudo-terminal (util-linux script) with CI=true: `early` is typed before ccgate has started, then
`x` once Ink has drawn its first screen, and Ctrl+C once the x shows in the filter. The whole output and the exit code.
*/
async function wizardInTerminal(early: string): Promise<{screen: string; code: number | null}> {
	const home = temporaryFolder('ccgate-startup-home-');
	const child = spawn('script', ['-qfec', `stty cols 80 rows 24 && exec ${process.execPath} ${path.join(root, 'bin', 'ccgate.js')}`, '/dev/null'], {cwd: home, env: {PATH: process.env['PATH']!, TERM: 'xterm-256color', HOME: home, CI: 'true'}, stdio: ['pipe', 'pipe', 'inherit']});
	child.stdin.write(early);
	let screen = '';
	let typed = false;
	child.stdout.on('data', (data: Buffer) => {
		screen += String(data);
		if (!typed && screen.includes('Which gateway?')) {
			typed = true;
			child.stdin.write('x');
		}

		// eslint-disable-next-line no-control-regex
		if (screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '').includes(`Filter: ${early}x`) && !child.stdin.writableEnded) {
			child.stdin.end('\u0003');
		}
	});
	return new Promise(resolve => {
		child.on('close', code => {
			resolve({screen, code});
		});
	});
}

test('with CI=true at a terminal, Ink draws the wizard from its first screen and reads the keys (Ctrl+C: exit 130)', async () => {
	const {screen, code} = await wizardInTerminal('');
	expect(code).toBe(130);
	expect(screen).toContain('Left the ccgate wizard: nothing was written.');
});

test('keys typed before the wizard is up are kept, in order, for the field that has the focus', async () => {
	const {screen, code} = await wizardInTerminal('op');
	expect(code).toBe(130);
	// eslint-disable-next-line no-control-regex
	expect(screen.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '')).toContain('Filter: opx');
});
