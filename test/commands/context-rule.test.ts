import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';

const source = fileURLToPath(new URL('../../source', import.meta.url));

/** What only the entry (source/cli.ts, source/start.ts, source/output.ts) may read of the process: the home folder, the environment, the clock, the streams. */
const processReads = [
	/\bos\.homedir\(/,
	/\bhomedir\b/,
	/\bprocess\.env\b/,
	/\bprocess\.(?:stdout|stderr|stdin)\b/,
	/\bprocess\.cwd\(/,
	/\bprocess\.exit(?:Code)?\b/,
	/\bDate\.now\(/,
	/\bnew Date\(\)/,
];

function filesUnder(folder: string): string[] {
	return readdirSync(path.join(source, folder), {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile() && /\.tsx?$/.test(entry.name))
		.map(entry => path.relative(source, path.join(entry.parentPath, entry.name)))
		.sort();
}

test('app, commands, io, core and probe read no home folder, environment, clock or stream of the process: they take them from the context', () => {
	const offending = ['app', 'commands', 'io', 'core', 'probe', 'main.ts'].flatMap(folder => (folder.endsWith('.ts') ? [folder] : filesUnder(folder)))
		.flatMap(file => readFileSync(path.join(source, file), 'utf8').split('\n')
			.map((line, index) => ({file, line: index + 1, text: line.trim()}))
			.filter(({text}) => !text.startsWith('//') && !text.startsWith('/*') && !text.startsWith('*') && processReads.some(pattern => pattern.test(text))))
		.map(({file, line, text}) => `${file}:${line}: ${text}`);
	expect(offending).toEqual([]);
});

test('source/start.ts, which the entry loads for every command line but --version, is where the context is built from the process', () => {
	const entry = readFileSync(path.join(source, 'start.ts'), 'utf8');
	expect(entry).toContain('env: process.env,');
	expect(entry).toContain('return homeFolder(process.env, () => os.userInfo().homedir);');
	expect(entry).toContain('now: Date.now,');
});
