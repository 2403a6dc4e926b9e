import {parseArgs, type ParseArgsConfig} from 'node:util';
import {formatFinding, isUserError, UserError} from './core/findings.js';
import {findPreset, missingPresetHeaders, presetNotice} from './core/presets.js';
import type {CommandContext} from './commands/context.js';
import {isExitCode} from './commands/exit-code.js';
import {fileError, isSystemError} from './io/file-errors.js';
import {runPrint} from './commands/print.js';
import {runShow} from './commands/show.js';

declare const CCGATE_VERSION: string;
/** This file is built as CommonJS (tsup.config.ts). */
declare const require: (id: string) => unknown;

const options = {
	'base-url': {type: 'string'},
	api: {type: 'string'},
	region: {type: 'string'},
	project: {type: 'string'},
	'auth-token': {type: 'string'},
	'api-key': {type: 'string'},
	'api-key-helper': {type: 'string'},
	'no-auth': {type: 'boolean'},
	'token-stdin': {type: 'boolean'},
	'auth-style': {type: 'string'},
	'secret-file': {type: 'boolean'},
	header: {type: 'string', multiple: true},
	discovery: {type: 'boolean'},
	'no-discovery': {type: 'boolean'},
	model: {type: 'string'},
	'opus-model': {type: 'string'},
	'sonnet-model': {type: 'string'},
	'haiku-model': {type: 'string'},
	unset: {type: 'string', multiple: true},
	scope: {type: 'string'},
	settings: {type: 'string'},
	to: {type: 'string'},
	shell: {type: 'string'},
	'profile-file': {type: 'string'},
	probe: {type: 'boolean'},
	live: {type: 'boolean'},
	timeout: {type: 'string'},
	'dry-run': {type: 'boolean'},
	'trust-project': {type: 'boolean'},
	json: {type: 'boolean'},
	reveal: {type: 'boolean'},
	list: {type: 'boolean'},
	preset: {type: 'string'},
	account: {type: 'string'},
	gateway: {type: 'string'},
	'gateway-token': {type: 'string'},
	provider: {type: 'string'},
	help: {type: 'boolean', short: 'h'},
	version: {type: 'boolean', short: 'v'},
} as const satisfies ParseArgsConfig['options'];

export type ParsedFlags = ReturnType<typeof parseFlags>['values'];

function parseFlags(argv: string[]) {
	return parseArgs({args: argv, options, allowPositionals: true, strict: true});
}

export const helpText = `ccgate: point Claude Code at an LLM gateway, and prove that it works

Usage
  ccgate                  the setup wizard (needs a terminal)
  ccgate print            export lines for a shell, to paste
  ccgate write            write the config without questions
  ccgate probe            check a gateway and print a diagnosis
  ccgate show             the effective config: each key, its value, its layer
  ccgate doctor           show + probe + every check, one report
  ccgate remove           take out what ccgate wrote
  ccgate restore          put back a settings file from ccgate's backup (--list)
  ccgate profile list | save NAME | use NAME | rm NAME | export NAME | import FILE
  ccgate run PROFILE -- COMMAND...   run a command (claude) with a profile, writing nothing
  ccgate presets          the gateways ccgate knows by name (--json)

Values
  --preset NAME           start from a known gateway's facts (ccgate presets); flags given win
  --account, --gateway, --gateway-token, --provider VALUE   a preset's template fields
  --api FORMAT            anthropic (default), bedrock or vertex: the gateway's API format
  --base-url URL          ANTHROPIC_BASE_URL (with --api: ANTHROPIC_BEDROCK_/VERTEX_BASE_URL)
  --region R              AWS_REGION (bedrock, default us-east-1) or CLOUD_ML_REGION (vertex, default global)
  --project ID            ANTHROPIC_VERTEX_PROJECT_ID (vertex, required)
  --auth-token TOKEN      ANTHROPIC_AUTH_TOKEN (Authorization: Bearer)
  --api-key KEY           ANTHROPIC_API_KEY (x-api-key)
  --api-key-helper CMD    settings key apiKeyHelper
  --no-auth               a gateway that wants no credential
  --token-stdin           read the secret from standard input
  --auth-style STYLE      bearer (default) or x-api-key, for --token-stdin
  --secret-file           keep the secret in a 0600 file read by apiKeyHelper
  --header 'Name: Value'  a custom header (repeat for more)
  --discovery             turn on gateway model discovery (--no-discovery: off)
  --model ID              the default model
  --opus-model, --sonnet-model, --haiku-model ID
  --unset NAME            remove one of ccgate's keys from the target

Targets
  --scope user|project|local   which settings file (default user)
  --settings PATH         an explicit settings file
  --to settings|shell     write, remove: settings file (default) or shell profile
  --shell bash|zsh|fish|powershell|sh
  --profile-file PATH     the shell profile to edit

Behaviour
  --probe                 probe first; an unusable gateway refuses the write
  --live                  probe, doctor: also send one real one-token message
  --timeout MS            probe timeout per request (default 5000)
  --dry-run               print the change as a diff, write nothing
  --trust-project         use project and local layers in an untrusted folder
  --json                  machine-readable output
  --reveal                show secrets unmasked (show)
  -h, --help              this text
  -v, --version           the version
`;

const commands = new Set(['print', 'write', 'probe', 'show', 'doctor', 'remove', 'restore', 'profile', 'run', 'presets']);

function parseError(error: unknown): UserError {
	const text = error instanceof Error ? error.message : String(error);
	const unknownOption = /Unknown option '([^']+)'/.exec(text)?.[1];
	if (unknownOption) {
		return new UserError({level: 'error', message: `The option ${unknownOption} is not one ccgate knows`, fix: 'see ccgate --help'});
	}

	const missingValue = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(text)?.[1];
	if (missingValue) {
		return new UserError({level: 'error', message: `The option ${missingValue} needs a value`, fix: `give it as ${missingValue} VALUE`});
	}

	return new UserError({level: 'error', message: text.replace(/\.$/, ''), fix: 'see ccgate --help'});
}

async function run(argv: readonly string[], context: CommandContext): Promise<number> {
	let parsed;
	try {
		parsed = parseFlags([...argv]);
	} catch (error) {
		throw parseError(error);
	}

	const {values: flags, positionals} = parsed;
	if (flags.version) {
		context.stdout(`${CCGATE_VERSION}\n`);
		return 0;
	}

	if (flags.help) {
		context.stdout(helpText);
		return 0;
	}

	const [command, ...rest] = positionals;
	if (command === undefined) {
		// Required, not imported: an import() would start Node's ES-module loader before the first frame is drawn.
		// The compile cache first, so that it keeps the wizard's CommonJS half too.
		if (context.isTerminal) {
			(require('./wizard/compile-cache.js') as typeof import('./wizard/compile-cache.js')).enableWizardCompileCache();
		}

		return (require('./wizard/open.js') as typeof import('./wizard/open.js')).openWizard(flags, context);
	}

	if (!commands.has(command)) {
		throw new UserError({level: 'error', message: `The command "${command}" is not one ccgate knows`, fix: 'see ccgate --help'});
	}

	if (flags.preset !== undefined) {
		// Said once, when the preset is chosen: a gateway with its own models, or what its token is.
		const preset = findPreset(flags.preset);
		const notice = presetNotice(preset);
		if (notice !== undefined) {
			context.stderr(`${notice}\n`);
		}

		for (const finding of missingPresetHeaders(preset, flags.header)) {
			context.stderr(`${formatFinding(finding)}\n`);
		}
	}

	switch (command) {
		case 'print': {
			return runPrint(flags, rest, context);
		}

		case 'write': {
			return (await import('./commands/write.js')).runWrite(flags, rest, context);
		}

		case 'show': {
			return runShow(flags, rest, context);
		}

		case 'remove': {
			return (await import('./commands/remove.js')).runRemove(flags, rest, context);
		}

		case 'restore': {
			return (await import('./commands/restore.js')).runRestore(flags, rest, context);
		}

		case 'probe': {
			return (await import('./commands/probe.js')).runProbe(flags, rest, context);
		}

		case 'doctor': {
			return (await import('./commands/doctor.js')).runDoctor(flags, rest, context);
		}

		case 'run': {
			return (await import('./commands/run.js')).runRun(flags, rest, context);
		}

		case 'presets': {
			return (await import('./commands/presets.js')).runPresets(flags, rest, context);
		}

		default: {
			return (await import('./commands/profile.js')).runProfile(flags, rest, context);
		}
	}
}

/**
The one place that turns what a command did into an exit code and a sentence: the binary (source/cli.ts) and the
in-process tests both run ccgate through it, so their exit codes and error lines are the same.
*/
export async function main(argv: readonly string[], context: CommandContext): Promise<number> {
	try {
		return await run(argv, context);
	} catch (error) {
		// The lazily loaded commands are a separate build with their own copy of these classes: check the brand.
		if (isExitCode(error)) {
			return error.code;
		}

		if (isUserError(error)) {
			context.stderr(`${formatFinding(error.finding)}\n`);
			return error.exitCode;
		}

		if (isSystemError(error)) {
			// An operating-system error that reached here still gets one sentence naming its file and a fix.
			context.stderr(`${formatFinding(fileError(error, context.home).finding)}\n`);
			return 1;
		}

		const message = error instanceof Error ? error.message : String(error);
		context.stderr(`error: ccgate failed unexpectedly: ${message}.\n`);
		if (context.env['CCGATE_DEBUG'] && error instanceof Error) {
			context.stderr(`${error.stack}\n`);
		}

		return 1;
	}
}
