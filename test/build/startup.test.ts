import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';

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
	const loaded = cli.imports.filter(entry => entry.kind !== 'dynamic-import').map(entry => entry.path);
	expect(loaded.every(specifier => specifier.startsWith('node:'))).toBe(true);
	const lazy = cli.imports.filter(entry => entry.kind === 'dynamic-import').map(entry => entry.path).sort();
	expect(lazy).toEqual(['./commands/doctor.js', './commands/probe.js', './commands/profile.js', './commands/remove.js', './commands/restore.js', './commands/wizard.js', './commands/write.js']);
});

test.each(['write', 'remove', 'restore', 'probe', 'doctor', 'profile', 'wizard'])('ccgate %s starts without React or Ink', command => {
	const packages = packagesLoadedBy(`dist/commands/${command}.js`);
	expect(packages).not.toContain('react');
	expect(packages).not.toContain('ink');
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
