import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';

/* The documents a user and a contributor read: the readme stays short, and the code cites only files it ships. */

const root = fileURLToPath(new URL('../..', import.meta.url));

function codeFiles(folder: string): string[] {
	return readdirSync(path.join(root, folder), {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile() && /\.(?:[cm]?[jt]sx?|sh)$/.test(entry.name))
		.map(entry => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const files = [
	...['source', 'test', 'scripts', 'bin'].flatMap(folder => codeFiles(folder)),
	...readdirSync(root).filter(name => /\.[cm]?[jt]s$/.test(name)),
].sort();

test('the readme is under 20,000 characters', () => {
	const readme = readFileSync(path.join(root, 'readme.md'), 'utf8');
	expect([...readme].length).toBeLessThan(20_000);
});

test('no file of the code cites the contract outside the repository', () => {
	// Written with character classes, so that this file does not match itself.
	const outside = /SPEC[ ]§|[.][.]\/shared|\/work\/[s]hared/;
	const citing = files.filter(file => outside.test(readFileSync(path.join(root, file), 'utf8')));
	expect(citing).toEqual([]);
});

test('every section of docs/contract.md the code cites exists', () => {
	const contract = readFileSync(path.join(root, 'docs', 'contract.md'), 'utf8');
	const sections = new Set([...contract.matchAll(/^## (\w+)\. /gm)].map(match => match[1]));
	const cited = new Set<string>();
	for (const file of files) {
		for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(/docs\/contract\.md §(\w+)((?:, §\w+)*)/g)) {
			cited.add(match[1]!);
			for (const more of match[2]!.matchAll(/§(\w+)/g)) {
				cited.add(more[1]!);
			}
		}
	}

	expect(cited.size).toBeGreaterThan(5);
	expect([...cited].filter(section => !sections.has(section))).toEqual([]);
});
