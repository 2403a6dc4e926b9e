import {isUserError} from './core/findings.js';
import {findPreset, missingPresetHeaders, presetNotice} from './core/presets.js';
import {terminalText} from './core/safe-text.js';
import type {CommandContext} from './app/context.js';
import {parseCommandLine} from './commands/command-line.js';
import {isExitCode} from './commands/exit-code.js';
import {shellFlag, timeoutFlag} from './commands/flags.js';
import {commandHelp, globalHelp} from './commands/help.js';
import {runPrint} from './commands/print.js';
import {say} from './commands/say.js';
import {runShow} from './commands/show.js';
import type {CommandName, Flags} from './commands/table.js';
import {fileError, isSystemError} from './io/file-errors.js';

declare const CCGATE_VERSION: string;
/** This file is built as CommonJS (tsup.config.ts). */
declare const require: (id: string) => unknown;

type Run = (flags: Flags, rest: string[], context: CommandContext) => Promise<number>;

/**
Each command's code, as the table (source/commands/table.ts) says it is built: `chunk: 'entry'` ones are in this
file's bundle, `chunk: 'own'` ones are loaded by import() when run, so `print`, `show` and `--version` load nothing more.
`help` is answered by the command line itself.
*/
const loaders: Record<Exclude<CommandName, 'help'>, () => Promise<Run>> = {
	print: async () => runPrint,
	show: async () => runShow,
	write: async () => (await import('./commands/write.js')).runWrite,
	remove: async () => (await import('./commands/remove.js')).runRemove,
	restore: async () => (await import('./commands/restore.js')).runRestore,
	probe: async () => (await import('./commands/probe.js')).runProbe,
	doctor: async () => (await import('./commands/doctor.js')).runDoctor,
	run: async () => (await import('./commands/run.js')).runRun,
	presets: async () => (await import('./commands/presets.js')).runPresets,
	profile: async () => (await import('./commands/profile.js')).runProfile,
	completion: async () => (await import('./commands/completion.js')).runCompletion,
};

/** Said once, when a preset is chosen: a gateway with its own models, or what its token is. */
function sayPreset(flags: Flags, context: CommandContext): void {
	if (flags.preset === undefined) {
		return;
	}

	const preset = findPreset(flags.preset);
	const notice = presetNotice(preset);
	if (notice !== undefined) {
		context.stderr(`${notice}\n`);
	}

	for (const finding of missingPresetHeaders(preset, flags.header)) {
		say(context, finding);
	}
}

async function run(argv: readonly string[], guarded: CommandContext, given: CommandContext): Promise<number> {
	let context = guarded;
	const line = parseCommandLine(argv);
	if (line.kind === 'version') {
		context.stdout(`${CCGATE_VERSION}\n`);
		return 0;
	}

	if (line.kind === 'help') {
		context.stdout(line.command === undefined ? globalHelp() : commandHelp(line.command));
		return 0;
	}

	const {command, flags, rest} = line;
	// Shell code on stdout (the wizard's too, when it prints lines to paste): their quoting writes control characters out.
	if (command.name === '' || command.name === 'print' || command.name === 'completion') {
		context = guardedOutput(given, true);
	}

	if (command.name === '') {
		const {openWizard} = await import('./commands/wizard.js');
		return openWizard({trustProject: Boolean(flags['trust-project']), ...(shellFlag(flags) !== undefined && {shell: shellFlag(flags)}), timeoutMs: timeoutFlag(flags)}, context);
	}

	sayPreset(flags, context);
	const runCommand = await loaders[command.name as keyof typeof loaders]();
	return runCommand(flags, rest, context);
}

/**
The output edge: whatever a command prints passes terminalText (core/safe-text.ts), so text read from a settings
layer, a profile, the store or a gateway reaches the terminal with its control characters escaped. `print`,
`completion` and the wizard print shell code on stdout, whose quoting already writes control characters out
(core/shell.ts): theirs passes as it is. The context is extended by prototype, so the entry's lazy getters (home, stdin) stay lazy.
*/
function guardedOutput(context: CommandContext, shellCode = false): CommandContext {
	const stdout = (text: string) => {
		// Whether the stream takes colour is asked only of text holding an escape: at a terminal that makes process.stdout.
		context.stdout(terminalText(text, text.includes('\u001B') && context.stdoutTerminal?.colour));
	};

	return Object.create(context, {
		stdout: {value: shellCode ? context.stdout : stdout},
		stderr: {value(text: string) {
			context.stderr(terminalText(text, text.includes('\u001B') && context.stderrColour));
		}},
	}) as CommandContext;
}

/**
The one place that turns what a command did into an exit code and a sentence: the binary (source/start.ts) and the
in-process tests both run ccgate through it, so their exit codes and error lines are the same.
*/
export async function main(argv: readonly string[], given: CommandContext): Promise<number> {
	const context = guardedOutput(given);
	try {
		return await run(argv, context, given);
	} catch (error) {
		// The lazily loaded commands are a separate build with their own copy of these classes: check the brand.
		if (isExitCode(error)) {
			return error.code;
		}

		if (isUserError(error)) {
			say(context, error.finding);
			return error.exitCode;
		}

		if (isSystemError(error)) {
			// An operating-system error that reached here still gets one sentence naming its file and a fix.
			say(context, fileError(error, context.home).finding);
			return 1;
		}

		const message = error instanceof Error ? error.message : String(error);
		say(context, {code: 'unexpected', level: 'error', message: `ccgate failed unexpectedly: ${message.replace(/\.$/, '')}`});
		if (context.env['CCGATE_DEBUG'] && error instanceof Error) {
			context.stderr(`${error.stack}\n`);
		}

		return 1;
	}
}
