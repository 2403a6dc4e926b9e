import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {UserError} from '../../source/core/findings.js';
import {
	renderAssignments,
	shellFromEnv,
	sourceLine,
	variablesFileExtension,
	type ShellName,
} from '../../source/core/shell.js';

// A folder name with a space and a quote, so nothing below gets by on unquoted paths.
const temporaryFolder = mkdtempSync(path.join(tmpdir(), 'ccgate shell \'test\' '));
afterAll(() => {
	rmSync(temporaryFolder, {recursive: true, force: true});
});

let fileCount = 0;
function temporaryFile(name: string): string {
	fileCount++;
	return path.join(temporaryFolder, `${fileCount}-${name}`);
}

/** Values that have broken shell quoting somewhere, by what the user would call them. */
const values: Record<string, string> = {
	'single quotes': 'it\'s \'quoted\'',
	'a lone single quote': '\'',
	'double quotes': 'say "hi"',
	// eslint-disable-next-line no-template-curly-in-string
	'$HOME and ${HOME}': '$HOME and ${HOME}',
	'backticks and $( )': '`id` $(id)',
	'exclamation marks': 'wow! !! !$',
	'a Windows path with backslashes': String.raw`C:\path\to\file`,
	'a trailing backslash': 'ends with \\',
	'a backslash before n and a quote': String.raw`a\nb\'c\\`,
	tabs: 'a\tb\t',
	'a carriage return': 'line one\r\nline two\r',
	'a newline between two headers': 'x-tenant: acme\nx-team: core',
	'a trailing newline': 'value\n\n',
	'other control characters followed by hex digits': '\u0001ff\u001B[0m\u007F',
	unicode: 'café 中文 🚀',
	'curly quotes': '‘single’ “double” ‚low‛',
	'a percent sign': '100% %PATH%',
	'an empty string': '',
	'a leading dash': '-e -n --',
	'glob and brace characters': '*?[a] ~ {a,b} (echo x)',
	'a semicolon and pipes': 'a; b | c && d',
};

const valueCases = Object.entries(values);

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001F\u007F]/;

type RealShell = {
	readonly shell: ShellName;
	readonly command: readonly string[];
};

// Each runs the variables file, then writes the shell variable and the exported environment variable to files.
const realShells: readonly RealShell[] = [
	{shell: 'sh', command: ['/bin/sh', '-c', '. "$1"; printf \'%s\' "$CCGATE_VALUE" > "$2"; printenv CCGATE_VALUE > "$3"', 'sh']},
	{shell: 'bash', command: ['/usr/bin/bash', '--norc', '--noprofile', '-c', '. "$1"; printf \'%s\' "$CCGATE_VALUE" > "$2"; printenv CCGATE_VALUE > "$3"', 'bash']},
	{shell: 'zsh', command: ['/usr/bin/zsh', '-f', '-c', '. "$1"; printf \'%s\' "$CCGATE_VALUE" > "$2"; printenv CCGATE_VALUE > "$3"', 'zsh']},
	{shell: 'fish', command: ['/usr/bin/fish', '--no-config', '-c', 'source $argv[1]; printf \'%s\' "$CCGATE_VALUE" > $argv[2]; printenv CCGATE_VALUE > $argv[3]']},
];

type RoundTrip = {
	readonly variable: Buffer;
	readonly environment: Buffer;
	readonly stderr: string;
	readonly status: number | null;
};

function sourceInRealShell({command}: RealShell, lines: string, locale = 'C.UTF-8'): RoundTrip {
	const variablesFile = temporaryFile('variables');
	const variableOutput = temporaryFile('variable');
	const environmentOutput = temporaryFile('environment');
	writeFileSync(variablesFile, lines);
	const [executable, ...arguments_] = command;
	const result = spawnSync(executable!, [...arguments_, variablesFile, variableOutput, environmentOutput], {
		encoding: 'utf8',
		env: {PATH: process.env['PATH'], HOME: temporaryFolder, LC_ALL: locale},
	});
	return {
		variable: readFileSync(variableOutput),
		environment: readFileSync(environmentOutput),
		stderr: result.stderr,
		status: result.status,
	};
}

describe.each(realShells)('$shell sources the printed lines back to the same bytes', realShell => {
	test.each(valueCases)('%s', (_description, value) => {
		const lines = renderAssignments(realShell.shell, [['CCGATE_VALUE', value]]);
		const roundTrip = sourceInRealShell(realShell, lines);
		expect(roundTrip.stderr).toBe('');
		expect(roundTrip.status).toBe(0);
		expect(roundTrip.variable.equals(Buffer.from(value))).toBe(true);
		// `printenv` adds a newline: the value is exported, not only set.
		expect(roundTrip.environment.equals(Buffer.from(value + '\n'))).toBe(true);
	});
});

describe.each(realShells.filter(({shell}) => shell !== 'sh'))('$shell', realShell => {
	test('printed lines hold no raw control character, one line per variable', () => {
		const entries = valueCases.map(([, value], index) => [`VALUE_${index}`, value] as const);
		const lines = renderAssignments(realShell.shell, entries);
		expect(lines.endsWith('\n')).toBe(true);
		const printed = lines.slice(0, -1).split('\n');
		expect(printed).toHaveLength(entries.length);
		for (const line of printed) {
			expect(line).not.toMatch(controlCharacter);
		}
	});

	test('all variables in one file come back, in the C locale too', () => {
		// No UTF-8 locale: the shells must still pass non-ASCII bytes through untouched.
		const value = Object.values(values).join('|');
		const roundTrip = sourceInRealShell(realShell, renderAssignments(realShell.shell, [['OTHER', 'x'], ['CCGATE_VALUE', value]]), 'C');
		expect(roundTrip.stderr).toBe('');
		expect(roundTrip.variable.equals(Buffer.from(value))).toBe(true);
	});
});

describe('exact lines', () => {
	test('sh, bash and zsh single-quote a plain value and write \' as \'\\\'\'', () => {
		for (const shell of ['sh', 'bash', 'zsh'] as const) {
			expect(renderAssignments(shell, [['A', 'it\'s $HOME `x` \\']])).toBe('export A=\'it\'\\\'\'s $HOME `x` \\\'\n');
		}
	});

	test('bash and zsh use $\'…\' with escapes for a value holding control characters', () => {
		for (const shell of ['bash', 'zsh'] as const) {
			expect(renderAssignments(shell, [['H', 'x-tenant: acme\nx-team: core\t\r\u0001\u007F it\'s \\']]))
				.toBe(String.raw`export H=$'x-tenant: acme\nx-team: core\t\r\x01\x7f it\'s \\'` + '\n');
		}
	});

	test('sh keeps a newline raw inside the single quotes, having no escape for it', () => {
		expect(renderAssignments('sh', [['H', 'x-tenant: acme\nx-team: core']])).toBe('export H=\'x-tenant: acme\nx-team: core\'\n');
	});

	test('fish escapes only \\ and \' inside quotes and puts control characters between quoted runs', () => {
		expect(renderAssignments('fish', [['H', 'x-tenant: acme\nx-team: core']])).toBe(String.raw`set -gx H 'x-tenant: acme'\n'x-team: core'` + '\n');
		expect(renderAssignments('fish', [['T', '\ta\tb\r\u0001']])).toBe(String.raw`set -gx T \t'a'\t'b'\x0d\x01` + '\n');
		expect(renderAssignments('fish', [['Q', 'it\'s \\ $HOME']])).toBe(String.raw`set -gx Q 'it\'s \\ $HOME'` + '\n');
		expect(renderAssignments('fish', [['E', '']])).toBe('set -gx E \'\'\n');
	});

	test('several variables give one line each, in order', () => {
		expect(renderAssignments('bash', [['A', '1'], ['B', '2']])).toBe('export A=\'1\'\nexport B=\'2\'\n');
		expect(renderAssignments('bash', [])).toBe('');
	});
});

describe('PowerShell, checked as text since pwsh cannot run here', () => {
	const line = (value: string) => renderAssignments('powershell', [['X', value]]);

	test('a single quote is doubled', () => {
		expect(line('it\'s')).toBe('$env:X = \'it\'\'s\'\n');
	});

	test('curly single quotes U+2018–U+201B are doubled, curly double quotes are not', () => {
		expect(line('‘single’ “double” ‚low‛')).toBe('$env:X = \'‘‘single’’ “double” ‚‚low‛‛\'\n');
	});

	test('$, backticks and double quotes stay literal inside single quotes', () => {
		expect(line('say "$HOME" `n $(id)')).toBe('$env:X = \'say "$HOME" `n $(id)\'\n');
	});

	test('a newline becomes "`n" joined with +', () => {
		expect(line('x-tenant: acme\nx-team: core')).toBe('$env:X = \'x-tenant: acme\' + "`n" + \'x-team: core\'\n');
	});

	test('a tab becomes "`t"', () => {
		expect(line('a\tb')).toBe('$env:X = \'a\' + "`t" + \'b\'\n');
	});

	test('CR LF becomes one "`r`n", other control characters $([char]0xHH)', () => {
		expect(line('a\r\nb\u0001\u007F')).toBe('$env:X = \'a\' + "`r`n" + \'b\' + "$([char]0x01)$([char]0x7f)"\n');
	});

	test('leading and lone control characters need no empty quotes', () => {
		expect(line('\nb')).toBe('$env:X = "`n" + \'b\'\n');
		expect(line('\t')).toBe('$env:X = "`t"\n');
	});

	test('an empty value is \'\'', () => {
		expect(line('')).toBe('$env:X = \'\'\n');
	});
});

describe('refused input', () => {
	function userError(render: () => unknown): UserError {
		try {
			render();
		} catch (error) {
			expect(error).toBeInstanceOf(UserError);
			return error as UserError;
		}

		throw new Error('expected a UserError');
	}

	test.each(['1X', 'A-B', 'A B', '', 'X\n', 'É'])('the variable name %j is refused with exit code 2', name => {
		const error = userError(() => renderAssignments('bash', [[name, 'v']]));
		expect(error.exitCode).toBe(2);
		expect(error.message).toBe(`error: The variable name ${JSON.stringify(name)} is not valid in a shell; use only letters, digits and underscores, not starting with a digit.`);
	});

	test('a NUL in a value is refused with exit code 2, naming the variable', () => {
		for (const shell of ['sh', 'bash', 'zsh', 'fish', 'powershell'] as const) {
			const error = userError(() => renderAssignments(shell, [['ANTHROPIC_AUTH_TOKEN', 'abc\0def']]));
			expect(error.exitCode).toBe(2);
			expect(error.message).toBe('error: The value of ANTHROPIC_AUTH_TOKEN contains a NUL character, which no shell variable can hold; remove the NUL character from it.');
		}
	});

	test('a NUL in a path to source is refused', () => {
		const error = userError(() => sourceLine('bash', '/a\0b'));
		expect(error.message).toBe('error: The path "/a\\u0000b" holds a control character (such as a newline), which ccgate will not write into shell code; rename the folder or give a path without it.');
	});
});

describe('shellFromEnv', () => {
	test.each([
		['/bin/bash', 'bash'],
		['/usr/local/bin/zsh', 'zsh'],
		['/opt/homebrew/bin/fish', 'fish'],
		['/usr/bin/pwsh', 'powershell'],
		['powershell', 'powershell'],
		[String.raw`C:\Program Files\PowerShell\7\pwsh.exe`, 'powershell'],
		['/usr/bin/bash.exe', 'bash'],
		['/bin/dash', 'sh'],
		['/bin/sh', 'sh'],
		['/bin/tcsh', 'sh'],
		['', 'sh'],
		[undefined, 'sh'],
	] as const)('$SHELL=%j gives %s', (shellVariable, shell) => {
		expect(shellFromEnv(shellVariable)).toBe(shell);
	});
});

describe('sourceLine', () => {
	test('is one guarded line per shell, quoting the path', () => {
		const file = '/home/o\'neil/.config/ccgate/secrets/shell-bash.sh';
		expect(sourceLine('bash', file)).toBe('if [ -f \'/home/o\'\\\'\'neil/.config/ccgate/secrets/shell-bash.sh\' ]; then . \'/home/o\'\\\'\'neil/.config/ccgate/secrets/shell-bash.sh\'; fi');
		expect(sourceLine('sh', '/a b')).toBe('if [ -f \'/a b\' ]; then . \'/a b\'; fi');
		expect(sourceLine('zsh', '/a b')).toBe('if [ -f \'/a b\' ]; then . \'/a b\'; fi');
		expect(sourceLine('fish', '/a\'b')).toBe(String.raw`if test -f '/a\'b'; source '/a\'b'; end`);
		expect(sourceLine('powershell', 'C:\\Users\\o\'neil\\s.ps1')).toBe('if (Test-Path -LiteralPath \'C:\\Users\\o\'\'neil\\s.ps1\') { . \'C:\\Users\\o\'\'neil\\s.ps1\' }');
	});
});

describe('variablesFileExtension', () => {
	test('is the extension each shell expects', () => {
		expect(variablesFileExtension('sh')).toBe('sh');
		expect(variablesFileExtension('bash')).toBe('sh');
		expect(variablesFileExtension('zsh')).toBe('sh');
		expect(variablesFileExtension('fish')).toBe('fish');
		expect(variablesFileExtension('powershell')).toBe('ps1');
	});
});
