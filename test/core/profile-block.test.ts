import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {UserError} from '../../source/core/findings.js';
import {readManagedBlock, removeManagedBlock, replaceManagedBlock} from '../../source/core/profile-block.js';
import {renderAssignments, sourceLine, variablesFileExtension, type ShellName} from '../../source/core/shell.js';

const body = '[ -f \'/s/v.sh\' ] && . \'/s/v.sh\'\n';
const block = '# >>> ccgate >>>\n[ -f \'/s/v.sh\' ] && . \'/s/v.sh\'\n# <<< ccgate <<<\n';

describe('replaceManagedBlock', () => {
	test('an empty file gets the block alone', () => {
		expect(replaceManagedBlock('', body)).toBe(block);
	});

	test('a file gets the block appended after one blank line', () => {
		expect(replaceManagedBlock('alias ll=\'ls -l\'\n', body)).toBe('alias ll=\'ls -l\'\n\n' + block);
	});

	test('a file without a final newline gets one before the blank line', () => {
		expect(replaceManagedBlock('alias ll=\'ls -l\'', body)).toBe('alias ll=\'ls -l\'\n\n' + block);
	});

	test('an existing block is replaced in place with its own line endings, everything around it byte for byte', () => {
		const before = '# my profile\r\nexport A=1  \n\n\t# odd spacing kept\n';
		const after = '\nexport PATH="$HOME/bin:$PATH"\n# trailing comment without newline';
		const old = '# >>> ccgate >>>\nexport OLD=1\nexport OLDER=2\n# <<< ccgate <<<\n';
		expect(replaceManagedBlock(before + old + after, body)).toBe(before + block + after);
	});

	test('a block ending the file without a final newline is replaced and still ends without one', () => {
		expect(replaceManagedBlock('x\n# >>> ccgate >>>\nold\n# <<< ccgate <<<', body)).toBe('x\n' + block.slice(0, -1));
	});

	test('a body without a trailing newline, or with several lines, gives the same block lines', () => {
		expect(replaceManagedBlock('', body.slice(0, -1))).toBe(block);
		expect(replaceManagedBlock('', 'a\nb\n')).toBe('# >>> ccgate >>>\na\nb\n# <<< ccgate <<<\n');
		expect(replaceManagedBlock('', '')).toBe('# >>> ccgate >>>\n# <<< ccgate <<<\n');
	});

	test('a CRLF file gets a CRLF block when appending', () => {
		expect(replaceManagedBlock('$x = 1\r\n', 'a\nb\n')).toBe('$x = 1\r\n\r\n# >>> ccgate >>>\r\na\r\nb\r\n# <<< ccgate <<<\r\n');
		expect(replaceManagedBlock('$x = 1\r\n$y = 2', 'a')).toBe('$x = 1\r\n$y = 2\r\n\r\n# >>> ccgate >>>\r\na\r\n# <<< ccgate <<<\r\n');
	});

	test('a CRLF file stays CRLF when replacing in place', () => {
		const text = '$x = 1\r\n\r\n# >>> ccgate >>>\r\nold\r\n# <<< ccgate <<<\r\n$y = 2\r\n';
		expect(replaceManagedBlock(text, 'new\n')).toBe('$x = 1\r\n\r\n# >>> ccgate >>>\r\nnew\r\n# <<< ccgate <<<\r\n$y = 2\r\n');
	});

	test('replacing twice changes nothing the second time', () => {
		const once = replaceManagedBlock('a\n', body);
		expect(replaceManagedBlock(once, body)).toBe(once);
	});

	test('a body holding a marker line is refused', () => {
		expect(() => replaceManagedBlock('', 'x\n# <<< ccgate <<<\n')).toThrow('error: The text for ccgate\'s profile block holds a ccgate marker line; leave the marker lines out of it.');
	});
});

describe('removeManagedBlock', () => {
	test.each([
		['a file ending in a newline', 'alias ll=\'ls -l\'\n\nexport A=1\n'],
		['a file ending in a blank line', 'export A=1\n\n'],
		['an empty file', ''],
		['a CRLF file', '$x = 1\r\n$y = 2\r\n'],
	])('gives back %s exactly after an append', (_description, original) => {
		const appended = replaceManagedBlock(original, body);
		expect(appended).not.toBe(original);
		expect(removeManagedBlock(appended)).toBe(original);
	});

	test('keeps the newline it added to a file that had none', () => {
		expect(removeManagedBlock(replaceManagedBlock('export A=1', body))).toBe('export A=1\n');
	});

	test('removes a block in the middle, keeping the lines around it byte for byte', () => {
		expect(removeManagedBlock('a\r\nb\n' + block + 'c\n')).toBe('a\r\nb\nc\n');
	});

	test('keeps a blank line before the block when text follows right after it', () => {
		expect(removeManagedBlock('a\n\n' + block + 'c\n')).toBe('a\n\nc\n');
	});

	test('returns the text unchanged when there is no block', () => {
		expect(removeManagedBlock('a\n# not ours\n')).toBe('a\n# not ours\n');
	});
});

describe('readManagedBlock', () => {
	test('gives the lines between the markers', () => {
		expect(readManagedBlock('a\n' + block + 'b\n')).toBe(body);
		expect(readManagedBlock('x\r\n# >>> ccgate >>>\r\none\r\ntwo\r\n# <<< ccgate <<<')).toBe('one\ntwo\n');
		expect(readManagedBlock('# >>> ccgate >>>\n# <<< ccgate <<<\n')).toBe('');
	});

	test('gives undefined when there is no block', () => {
		expect(readManagedBlock('')).toBeUndefined();
		expect(readManagedBlock('# >>> conda initialize >>>\n# <<< conda initialize <<<\n')).toBeUndefined();
	});
});

describe('unbalanced markers are refused with exit code 1', () => {
	function refusal(text: string): UserError {
		const errors: unknown[] = [];
		for (const run of [
			() => replaceManagedBlock(text, body, '~/.bashrc'),
			() => removeManagedBlock(text, '~/.bashrc'),
			() => readManagedBlock(text, '~/.bashrc'),
		]) {
			try {
				run();
			} catch (error) {
				errors.push(error);
			}
		}

		expect(errors).toHaveLength(3);
		for (const error of errors) {
			expect(error).toBeInstanceOf(UserError);
			expect((error as UserError).exitCode).toBe(1);
			expect((error as UserError).message).toBe((errors[0] as UserError).message);
		}

		return errors[0] as UserError;
	}

	test('a start marker without an end', () => {
		expect(refusal('a\n# >>> ccgate >>>\nexport A=1\n').message)
			.toBe('error: ~/.bashrc has "# >>> ccgate >>>" on line 2 without "# <<< ccgate <<<" after it; remove the stray marker line 2.');
	});

	test('an end marker without a start', () => {
		expect(refusal('a\nb\n# <<< ccgate <<<\n').message)
			.toBe('error: ~/.bashrc has "# <<< ccgate <<<" on line 3 without "# >>> ccgate >>>" before it; remove the stray marker line 3.');
	});

	test('an end marker before the start marker', () => {
		expect(refusal('# <<< ccgate <<<\nx\n# >>> ccgate >>>\n').message)
			.toBe('error: ~/.bashrc has "# <<< ccgate <<<" on line 1 without "# >>> ccgate >>>" before it; remove the stray marker line 1.');
	});

	test('two start markers', () => {
		expect(refusal('# >>> ccgate >>>\nx\n# >>> ccgate >>>\ny\n# <<< ccgate <<<\n').message)
			.toBe('error: ~/.bashrc has a second "# >>> ccgate >>>" on line 3 before the one on line 1 is closed; remove the stray marker line 3.');
	});

	test('two whole blocks', () => {
		expect(refusal(block + 'x\n' + block).message)
			.toBe('error: ~/.bashrc has a second ccgate block starting on line 5 (the first is on lines 1–3); remove one of the two blocks.');
	});

	test('without a label the message names the profile', () => {
		expect(() => removeManagedBlock('# <<< ccgate <<<\n')).toThrow('error: The profile has "# <<< ccgate <<<" on line 1 without "# >>> ccgate >>>" before it; remove the stray marker line 1.');
	});
});

describe('a profile with the block sources the variables file in the real shell', () => {
	// A folder with a space and a quote, as a home folder can have.
	const folder = mkdtempSync(path.join(tmpdir(), 'ccgate profile o\'neil '));
	afterAll(() => {
		rmSync(folder, {recursive: true, force: true});
	});

	const value = 'x-tenant: acme\nx-team: core it\'s $HOME';

	const shells: ReadonlyArray<{shell: ShellName; command: (profile: string) => string[]}> = [
		{shell: 'bash', command: profile => ['/usr/bin/bash', '--norc', '--noprofile', '-c', '. "$1"; printf %s "$X"', 'bash', profile]},
		{shell: 'zsh', command: profile => ['/usr/bin/zsh', '-f', '-c', '. "$1"; printf %s "$X"', 'zsh', profile]},
		{shell: 'sh', command: profile => ['/bin/sh', '-c', '. "$1"; printf %s "$X"', 'sh', profile]},
		{shell: 'fish', command: profile => ['/usr/bin/fish', '--no-config', '-c', 'source $argv[1]; printf %s "$X"', profile]},
	];

	function run(command: string[]) {
		const [executable, ...arguments_] = command;
		return spawnSync(executable!, arguments_, {encoding: 'utf8', env: {PATH: process.env['PATH'], HOME: folder, LC_ALL: 'C.UTF-8'}});
	}

	test.each(shells)('$shell', ({shell, command}) => {
		const variablesFile = path.join(folder, `variables-${shell}.${variablesFileExtension(shell)}`);
		writeFileSync(variablesFile, renderAssignments(shell, [['X', value]]), {mode: 0o600});
		const profile = path.join(folder, `profile-${shell}`);
		writeFileSync(profile, replaceManagedBlock('# the user\'s own lines\nexport BEFORE=1\n', sourceLine(shell, variablesFile)));
		const result = run(command(profile));
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe(value);
	});

	test.each(shells)('$shell starts quietly when the variables file is gone', ({shell, command}) => {
		const profile = path.join(folder, `profile-missing-${shell}`);
		writeFileSync(profile, replaceManagedBlock('', sourceLine(shell, path.join(folder, 'deleted.sh'))));
		const result = run(command(profile));
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('');
	});
});
