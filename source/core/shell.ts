import {UserError} from './findings.js';

/** The shells ccgate prints for; `sh` is plain POSIX (dash), the safe fallback. */
export const shellNames = ['bash', 'zsh', 'fish', 'powershell', 'sh'] as const;

export type ShellName = (typeof shellNames)[number];

/** `$SHELL`'s program name; it may be a Windows path (Git Bash, MSYS) or carry `.exe`. */
function shellBasename(shellVariable: string | undefined): string {
	return (shellVariable ?? '').split(/[/\\]/).pop()!.replace(/\.exe$/i, '').toLowerCase();
}

/** Shells that read POSIX `export NAME='…'` as `sh` does; `$SHELL` unset counts as one. */
const posixShells = new Set(['', 'sh', 'dash', 'ash', 'ksh', 'ksh93', 'mksh', 'oksh', 'yash', 'posh', 'busybox']);

/** `$SHELL` when it names a shell ccgate prints for by none of its names (tcsh, nu, xonsh…): the lines would not work there. */
export function unsupportedShell(shellVariable: string | undefined): string | undefined {
	const basename = shellBasename(shellVariable);
	return shellFromEnv(shellVariable) === 'sh' && !posixShells.has(basename) ? shellVariable : undefined;
}

/**
The shell to print for, from `$SHELL`: its basename names the login shell.
Anything unknown gets POSIX `sh`, whose `export NAME='…'` every Bourne-style shell reads.
*/
export function shellFromEnv(shellVariable: string | undefined): ShellName {
	const basename = shellBasename(shellVariable);
	switch (basename) {
		case 'bash':
		case 'zsh':
		case 'fish': {
			return basename;
		}

		case 'pwsh':
		case 'powershell': {
			return 'powershell';
		}

		default: {
			return 'sh';
		}
	}
}

const variableNamePattern = /^[A-Za-z_]\w*$/;

// Control characters as the printers see them: C0 and DEL (newline, tab and CR included).
// eslint-disable-next-line no-control-regex
const controlCharacterPattern = /[\u0000-\u001F\u007F]/;

function hexByte(character: string): string {
	return character.codePointAt(0)!.toString(16).padStart(2, '0');
}

function assertNoNul(value: string, what: string): void {
	if (value.includes('\0')) {
		throw new UserError({
			code: 'shell-value-nul',
			level: 'error',
			message: `${what} contains a NUL character, which no shell variable can hold`,
			fix: 'remove the NUL character from it',
		});
	}
}

/** `'…'` with `'` as `'\''`: nothing else is special inside POSIX single quotes, newlines included. */
function posixSingleQuoted(value: string): string {
	return `'${value.replaceAll('\'', String.raw`'\''`)}'`;
}

/** bash and zsh `$'…'`, so a line carries no raw control character; dash cannot read it. */
function ansiCQuoted(value: string): string {
	let quoted = '';
	for (const character of value) {
		switch (character) {
			case '\\': {
				quoted += '\\\\';
				break;
			}

			case '\'': {
				quoted += '\\\'';
				break;
			}

			case '\n': {
				quoted += '\\n';
				break;
			}

			case '\t': {
				quoted += '\\t';
				break;
			}

			case '\r': {
				quoted += '\\r';
				break;
			}

			default: {
				quoted += controlCharacterPattern.test(character) ? `\\x${hexByte(character)}` : character;
			}
		}
	}

	return `$'${quoted}'`;
}

/** fish: only `\\` and `\'` are escapes inside `'…'`, so control characters go between quoted runs as unquoted escapes. */
function fishQuoted(value: string): string {
	if (value === '') {
		return '\'\'';
	}

	let quoted = '';
	let run = '';
	const closeRun = () => {
		if (run !== '') {
			quoted += `'${run}'`;
			run = '';
		}
	};

	for (const character of value) {
		if (character === '\\' || character === '\'') {
			run += `\\${character}`;
		} else if (controlCharacterPattern.test(character)) {
			closeRun();
			quoted += character === '\n' ? '\\n' : (character === '\t' ? '\\t' : `\\x${hexByte(character)}`);
		} else {
			run += character;
		}
	}

	closeRun();
	return quoted;
}

// PowerShell's parser takes U+2018–U+201B as single quotes too, so they are doubled like `'`.
const powerShellSingleQuotePattern = /['\u2018-\u201B]/g;

/** PowerShell: `'…'` runs joined with `+` to `"…"` runs holding backtick escapes, since a literal newline would take the file's line ending. */
function powerShellQuoted(value: string): string {
	if (value === '') {
		return '\'\'';
	}

	const parts: string[] = [];
	let literal = '';
	let escaped = '';
	const closeLiteral = () => {
		if (literal !== '') {
			parts.push(`'${literal.replaceAll(powerShellSingleQuotePattern, quote => quote + quote)}'`);
			literal = '';
		}
	};

	const closeEscaped = () => {
		if (escaped !== '') {
			parts.push(`"${escaped}"`);
			escaped = '';
		}
	};

	for (const character of value) {
		if (controlCharacterPattern.test(character)) {
			closeLiteral();
			escaped += character === '\n' ? '`n' : (character === '\t' ? '`t' : (character === '\r' ? '`r' : `$([char]0x${hexByte(character)})`));
		} else {
			closeEscaped();
			literal += character;
		}
	}

	closeLiteral();
	closeEscaped();
	return parts.join(' + ');
}

/** A value as one word of the given shell, read back byte for byte. */
function quote(shell: ShellName, value: string): string {
	switch (shell) {
		case 'sh': {
			return posixSingleQuoted(value);
		}

		case 'bash':
		case 'zsh': {
			return controlCharacterPattern.test(value) ? ansiCQuoted(value) : posixSingleQuoted(value);
		}

		case 'fish': {
			return fishQuoted(value);
		}

		case 'powershell': {
			return powerShellQuoted(value);
		}
	}
}

/**
Lines that export each variable in the given shell, one per variable, each ending in `\n`.
Only `sh` output may hold a raw control character: a newline kept inside `'…'`, since POSIX has no escape for it.

@example
renderAssignments('fish', [['ANTHROPIC_CUSTOM_HEADERS', 'x-a: 1\nx-b: 2']])
//=> "set -gx ANTHROPIC_CUSTOM_HEADERS 'x-a: 1'\\n'x-b: 2'\n"
*/
export function renderAssignments(shell: ShellName, entries: ReadonlyArray<readonly [name: string, value: string]>): string {
	let lines = '';
	for (const [name, value] of entries) {
		if (!variableNamePattern.test(name)) {
			throw new UserError({
				code: 'shell-variable-name',
				level: 'error',
				message: `The variable name ${JSON.stringify(name)} is not valid in a shell`,
				fix: 'use only letters, digits and underscores, not starting with a digit',
			});
		}

		assertNoNul(value, `The value of ${name}`);
		const quoted = quote(shell, value);
		switch (shell) {
			case 'fish': {
				lines += `set -gx ${name} ${quoted}\n`;
				break;
			}

			case 'powershell': {
				lines += `$env:${name} = ${quoted}\n`;
				break;
			}

			default: {
				lines += `export ${name}=${quoted}\n`;
			}
		}
	}

	return lines;
}

/**
Refuse (exit 2) a path that holds a control character (a newline would end the line of shell code it goes in,
and what follows would run as a command); it names the path with the character escaped.
*/
export function assertPathForCode(file: string): void {
	if (controlCharacterPattern.test(file)) {
		throw new UserError({
			code: 'shell-path-control',
			level: 'error',
			message: `The path ${JSON.stringify(file)} holds a control character (such as a newline), which ccgate will not write into shell code`,
			fix: 'rename the folder or give a path without it',
		});
	}
}

/**
A path as a word of shell code: refused if it holds a control character, quoted for the shell, and written from `$HOME`
when it lies under `home`, so a profile in a dotfiles repository works on a machine with another home folder.

@example
shellPath('bash', '/home/ann/.config/ccgate/x.sh', '/home/ann')
//=> `"$HOME"'/.config/ccgate/x.sh'`
*/
export function shellPath(shell: ShellName, file: string, home: string | undefined): string {
	assertPathForCode(file);
	const relative = home && home !== '/' && file.startsWith(home.endsWith('/') ? home : `${home}/`) ? file.slice(home.replace(/\/+$/, '').length) : undefined;
	if (relative === undefined) {
		return quote(shell, file);
	}

	// PowerShell joins with `+` inside parentheses; the others read a quoted "$HOME" followed by a quoted rest as one word.
	return shell === 'powershell' ? `($HOME + ${quote(shell, relative)})` : `"$HOME"${quote(shell, relative)}`;
}

/**
The one line the profile's managed block holds: source ccgate's 0600 variables file if it is there,
so secrets stay out of the profile and a deleted file does not break the shell's start.
*/
export function sourceLine(shell: ShellName, file: string, home?: string): string {
	const path = shellPath(shell, file, home);
	switch (shell) {
		case 'fish': {
			return `if test -f ${path}; source ${path}; end`;
		}

		case 'powershell': {
			// `-LiteralPath`: a plain `Test-Path` would read `[` `]` `*` `?` in the path as wildcards.
			return `if (Test-Path -LiteralPath ${path}) { . ${path} }`;
		}

		default: {
			// An `if` (not `&&`) so a missing file leaves exit status 0 and `source ~/.bashrc && …` goes on.
			return `if [ -f ${path} ]; then . ${path}; fi`;
		}
	}
}

/** The extension a shell's tools expect of the variables file ccgate keeps for a profile. */
export function variablesFileExtension(shell: ShellName): 'sh' | 'fish' | 'ps1' {
	switch (shell) {
		case 'fish': {
			return 'fish';
		}

		case 'powershell': {
			return 'ps1';
		}

		default: {
			return 'sh';
		}
	}
}
