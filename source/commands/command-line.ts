import {parseArgs} from 'node:util';
import {UserError} from '../core/findings.js';
import {nearest} from '../core/nearest.js';
import {type ActionSpec, type CommandSpec, commandSpecs, type FlagName, flagSpecs, type Flags, globalFlags, wizardSpec} from './table.js';

/** What a command line asks for, once it is checked against the command table (source/commands/table.ts). */
export type CommandLine =
	| {readonly kind: 'version'}
	| {readonly kind: 'help'; readonly command?: CommandSpec}
	| {readonly kind: 'command'; readonly command: CommandSpec; readonly flags: Flags; readonly rest: string[]};

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, {kind: 'option'}>;

function refuse(message: string, fix: string): UserError {
	return new UserError({code: 'option-invalid', level: 'error', message, fix});
}

/** `ccgate write`, `ccgate profile save`, or for the wizard `ccgate`. */
function commandTitle(command: CommandSpec, action?: ActionSpec): string {
	return ['ccgate', command.name, action?.name].filter(Boolean).join(' ');
}

export function findCommand(name: string): CommandSpec | undefined {
	return commandSpecs.find(command => command.name === name);
}

export function unknownCommand(name: string): UserError {
	const near = nearest(name, commandSpecs.map(command => command.name));
	return refuse(`The command "${name}" is not one ccgate knows`, near ? `did you mean ccgate ${near}?` : 'see ccgate help');
}

/** `a, b and c` */
function listed(items: readonly string[]): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

function isFlagName(name: string): name is FlagName {
	return Object.hasOwn(flagSpecs, name);
}

function checkOption(token: OptionToken, title: string, taken: readonly FlagName[], command: CommandSpec): void {
	const {name, rawName} = token;
	const takes = [...taken, ...globalFlags];
	if (!isFlagName(name)) {
		const near = rawName.startsWith('--') ? nearest(name, takes) : undefined;
		throw refuse(`The option ${rawName} is not one ccgate knows`, near ? `did you mean --${near}?` : `see ${['ccgate help', command.name].filter(Boolean).join(' ')}`);
	}

	if (!takes.includes(name)) {
		throw refuse(`${title} does not take --${name}`, taken.length === 0 ? 'it takes no option but --help' : `it takes ${listed(taken.map(flag => `--${flag}`))}`);
	}

	const spec: {type: string; value?: string} = flagSpecs[name];
	if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
		throw refuse(`The option --${name} needs a value`, `give it as --${name} ${spec.value ?? 'VALUE'}`);
	}

	if (spec.type === 'boolean' && token.value !== undefined) {
		throw refuse(`The option --${name} takes no value ("${rawName}=${token.value}")`, `give --${name} alone`);
	}
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
function shellWord(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll('\'', String.raw`'\''`)}'`;
}

/** `ccgate run NAME cmd -x`: an option after the command, with no `--` before it, was meant for the command. */
function checkRunSeparator(tokens: readonly Token[], argv: readonly string[]): void {
	const positionals: Array<Extract<Token, {kind: 'positional'}>> = [];
	for (const token of tokens) {
		if (token.kind === 'option-terminator') {
			return;
		}

		if (token.kind === 'positional') {
			positionals.push(token);
		} else if (positionals.length >= 3) {
			const [, profile, program] = positionals;
			const example = ['ccgate', 'run', profile!.value, '--', ...argv.slice(program!.index)].map(word => shellWord(word));
			throw refuse(`ccgate run reads ${token.rawName} as its own option`, `put -- before the command, as in ${example.join(' ')}`);
		}
	}
}

/** A command of actions (`profile`): the one its first argument names, or its first (`list`) when none is named. */
function findAction(command: CommandSpec, name: string | undefined): ActionSpec | undefined {
	if (command.actions === undefined) {
		return undefined;
	}

	const actionName = name ?? command.actions[0]!.name;
	const action = command.actions.find(candidate => candidate.name === actionName);
	if (action === undefined) {
		const near = nearest(actionName, command.actions.map(candidate => candidate.name));
		throw refuse(`ccgate ${command.name} ${actionName} is not a ${command.name} command`, near ? `did you mean ccgate ${command.name} ${near}?` : `use ${listed(command.actions.map(candidate => `${candidate.name}${candidate.args ? ` ${candidate.args}` : ''}`)).replace(/ and (?=[^,]*$)/, ' or ')}`);
	}

	return action;
}

function checkArgumentCount(command: CommandSpec, title: string, rest: readonly string[]): void {
	if (rest.length > command.maxArgs) {
		const stray = rest.slice(command.maxArgs).join(' ');
		const most = ['no argument', 'one argument', 'two arguments'][command.maxArgs] ?? `${command.maxArgs} arguments`;
		throw refuse(`${title} takes ${command.maxArgs === 0 ? most : `${most} at most`} ("${stray}")`, command.argsFix ?? `see ccgate help ${command.name}`);
	}
}

/** Read the command line against the table: which command, its flags and arguments; anything it does not take is refused (exit 2). */
export function parseCommandLine(argv: readonly string[]): CommandLine {
	const {values, positionals, tokens} = parseArgs({args: [...argv], options: flagSpecs, strict: false, allowPositionals: true, tokens: true});
	const [name, ...rest] = positionals;
	const command = name === undefined ? wizardSpec : findCommand(name);
	if (command === undefined) {
		throw unknownCommand(name!);
	}

	if (command.name === 'run') {
		checkRunSeparator(tokens, argv);
	}

	if (values.help === true) {
		return {kind: 'help', command: command === wizardSpec ? undefined : command};
	}

	if (values.version === true) {
		return {kind: 'version'};
	}

	const action = findAction(command, rest[0]);
	const title = commandTitle(command, action);
	for (const token of tokens) {
		if (token.kind === 'option') {
			checkOption(token, title, action?.flags ?? command.flags, command);
		}
	}

	checkArgumentCount(command, title, rest);
	if (command.name === 'help') {
		if (rest[0] === undefined) {
			return {kind: 'help'};
		}

		const about = findCommand(rest[0]);
		if (about === undefined) {
			throw unknownCommand(rest[0]);
		}

		return {kind: 'help', command: about};
	}

	return {kind: 'command', command, flags: values as Flags, rest};
}
