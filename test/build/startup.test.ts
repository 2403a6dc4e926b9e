import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {execa} from 'execa';
import {expect, test} from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const cli = path.join(dist, 'cli.js');

/** The chunks a built file loads before any of its code runs: its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
	if (seen.has(file)) {
		return seen;
	}

	seen.add(file);
	const text = readFileSync(file, 'utf8');
	for (const match of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"(\.\/[^"]+)"|^import\s*"(\.\/[^"]+)"/gm)) {
		staticClosure(path.join(dist, match[1] ?? match[2]!), seen);
	}

	return seen;
}

/** The chunk a built file loads on demand: `import("./<name>-HASH.js")`. */
function dynamicChunk(name: string, from = cli): string {
	const match = new RegExp(`import\\("\\./(${name}-[A-Z\\d]+\\.js)"\\)`).exec(readFileSync(from, 'utf8'));
	expect(match, `${path.basename(from)} imports the ${name} chunk`).not.toBeNull();
	return path.join(dist, match![1]!);
}

function bundledPackages(files: Set<string>): string[] {
	const packages = new Set<string>();
	for (const file of files) {
		for (const match of readFileSync(file, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) {
			packages.add(match[1]!);
		}
	}

	return [...packages].sort();
}

test('--version loads only the cli chunk and its tiny helpers: no library at all', () => {
	expect(bundledPackages(staticClosure(cli))).toEqual([]);
});

test.each(['print', 'show'])('%s loads neither React, Ink, conf nor zod: only the JSON parser', command => {
	const files = staticClosure(cli);
	staticClosure(dynamicChunk(command), files);
	expect(bundledPackages(files)).toEqual(['jsonc-parser']);
});

test('the wizard chunk is where React and Ink live', () => {
	const files = staticClosure(dynamicChunk('run-app', dynamicChunk('start', dynamicChunk('wizard'))));
	const packages = bundledPackages(files);
	expect(packages).toContain('ink');
	expect(packages).toContain('react');
});

test('--version prints the package version', async () => {
	const {version} = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
	const result = await execa(process.execPath, [path.join(dist, '..', 'bin', 'ccgate.js'), '--version'], {extendEnv: false, env: {PATH: process.env['PATH']}});
	expect(result.stdout).toBe(version);
	expect(result.stderr).toBe('');
});
