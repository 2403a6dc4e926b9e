import {spawn} from 'node:child_process';
import path from 'node:path';
import {constants} from 'node:os';
import {UserError} from '../core/findings.js';
import {envKeys, type KeyValues, noAuthPlaceholder} from '../core/keys.js';
import {sessionInForce} from '../core/claude-login.js';
import {layerLabel} from '../core/layers.js';
import {readLoginState} from '../io/claude-login.js';
import {readLayers} from '../io/read-layers.js';
import {writeRunSettings, type RunSettingsFile} from '../io/run-settings.js';
import {StoreReader} from '../io/store-read.js';
import type {CommandContext} from '../app/context.js';
import type {Flags} from './flags.js';
import {checkName, unknownProfile} from './profile.js';
import {say} from './say.js';

/** Credentials Claude Code takes from the environment that are not ccgate's keys: blanked for the profile's run. */
const otherCredentialVariables = ['CLAUDE_CODE_OAUTH_TOKEN'] as const;

/**
Does the profile name an Anthropic-format gateway and no credential for it? Then Claude Code, with every credential
blanked, would send the user's own Anthropic login (their claude.ai OAuth token) there (seen with 2.1.328).
*/
export function holdsNoCredential(values: KeyValues): boolean {
	return values.ANTHROPIC_BASE_URL !== undefined && values.ANTHROPIC_AUTH_TOKEN === undefined && values.ANTHROPIC_API_KEY === undefined && values.apiKeyHelper === undefined;
}

/**
The profile as a `--settings` file: ccgate's `env` keys it holds, and the ones it does not hold set empty, so a
credential or header from the user's own files does not travel to this profile's gateway. `apiKeyHelper` is blanked
too (an empty one is none, seen with 2.1.328): the user's own helper would otherwise send their key along. A profile
without a credential gets the `--no-auth` placeholder, which keeps the user's own Anthropic login from going instead.
*/
export function runSettings(values: KeyValues): Record<string, unknown> {
	const env: Record<string, string> = {};
	for (const key of [...envKeys, ...otherCredentialVariables]) {
		env[key] = values[key as keyof KeyValues] ?? '';
	}

	if (holdsNoCredential(values)) {
		env['ANTHROPIC_AUTH_TOKEN'] = noAuthPlaceholder;
	}

	return {
		env,
		...(values.model === undefined ? {} : {model: values.model}),
		apiKeyHelper: values.apiKeyHelper ?? '',
	};
}

/** The profile as environment variables, for a command other than Claude Code (a shell has no `model` key). */
export function runEnvironment(values: KeyValues): Record<string, string> {
	const env: Record<string, string> = {};
	for (const key of envKeys) {
		const value = values[key];
		if (value !== undefined) {
			env[key] = value;
		}
	}

	if (values.model !== undefined && env['ANTHROPIC_MODEL'] === undefined) {
		env['ANTHROPIC_MODEL'] = values.model;
	}

	return env;
}

function isClaude(command: string): boolean {
	return /^claude(?:\.exe)?$/i.test(path.basename(command));
}

/** Signals that would end ccgate without its exit handler: passed to the child, which ends, and the file goes with ccgate's own exit. */
const forwardedSignals = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGALRM'] as const;

/**
`ccgate run PROFILE -- COMMAND…`: the command runs with the profile in force for it alone, and nothing is written
to the user's files. Claude Code gets a 0600 temporary settings file through `--settings` (which beats user, project
and local settings), any other command the environment; no secret is ever put in the child's arguments.
*/
export async function runRun(flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	const [name, ...command] = rest;
	const profileName = checkName(name, 'run', 'ccgate run');
	const [program, ...programArguments] = command;
	if (program === undefined) {
		throw new UserError({code: 'run-no-command', level: 'error', message: `ccgate run ${profileName} needs a command to run`, fix: `give it after --, as in ccgate run ${profileName} -- claude`});
	}

	const store = new StoreReader(context);
	const profiles = store.profiles();
	const profile = profiles.get(profileName);
	if (profile === undefined) {
		throw unknownProfile(profileName, profiles);
	}

	const claude = isClaude(program);
	const values = profile.values;
	// Only managed settings beat --settings; for another command, every settings file of Claude Code's does.
	const layers = readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])});
	for (const layer of layers) {
		if (layer.name !== 'managed' || !layer.trusted) {
			continue;
		}

		const overridden = Object.keys(layer.values);
		if (overridden.length > 0) {
			say(context, {code: 'run-profile-overridden', level: 'warning', message: `The ${layerLabel(layer)} set ${overridden.join(', ')}, which beat${overridden.length === 1 ? 's' : ''} the profile ${profileName} even on the command line`, fix: 'ask whoever manages this machine, or run elsewhere'});
		}
	}

	// A signed-in Claude apps gateway takes every request while the session lasts, --settings or not (seen, 2.1.328).
	const {session} = readLoginState(context, layers);
	if (claude && session !== undefined && sessionInForce(session, context.now())) {
		say(context, {code: 'run-profile-overridden', level: 'warning', message: `Claude Code is signed in to the Claude apps gateway ${session.url}, which takes every request while the session lasts, so the profile ${profileName}'s gateway gets nothing`, fix: 'sign out with /logout in claude to run the profile'});
	}

	if (!claude && values.apiKeyHelper !== undefined) {
		say(context, {code: 'run-no-api-key-helper', level: 'warning', message: `The profile ${profileName} gets its key from an apiKeyHelper, which an environment cannot carry`, fix: 'run claude itself, or give the command its key another way'});
	}

	if (claude && holdsNoCredential(values)) {
		say(context, {code: 'run-no-credential', level: 'warning', message: `The profile ${profileName} holds no credential, so its gateway gets the --no-auth placeholder (Bearer ${noAuthPlaceholder}), never your own Anthropic login`, fix: 'save it again with --no-auth if the gateway wants none, or with its credential'});
	}

	let settings: RunSettingsFile | undefined;
	let childArguments = programArguments;
	const env: Record<string, string | undefined> = {...context.env};
	// The shell's own gateway variables would reach the child too: only the profile's count.
	for (const key of [...envKeys, ...otherCredentialVariables]) {
		delete env[key];
	}

	if (claude) {
		settings = writeRunSettings(runSettings(values), context.env, context.home);
		childArguments = ['--settings', settings.path, ...programArguments];
	} else {
		Object.assign(env, runEnvironment(values));
	}

	const cleanUp = () => settings?.remove();
	// Removed even when ccgate itself is ended by an uncaught error.
	process.once('exit', cleanUp);
	try {
		return await new Promise<number>(resolve => {
			const child = spawn(program, childArguments, {stdio: 'inherit', env, cwd: context.cwd});
			const forward = (signal: NodeJS.Signals) => {
				// A terminal sends Ctrl+C to the child itself; forwarding it again would count twice.
				if (signal === 'SIGINT' && (context.stdin as NodeJS.ReadStream).isTTY) {
					return;
				}

				child.kill(signal);
			};

			for (const signal of forwardedSignals) {
				process.on(signal, forward);
			}

			const done = (code: number) => {
				for (const signal of forwardedSignals) {
					process.off(signal, forward);
				}

				resolve(code);
			};

			child.once('error', error => {
				const code = (error as NodeJS.ErrnoException).code;
				say(context, {code: 'run-start-failed', level: 'error', message: `${program} could not be started (${code ?? error.message})`, fix: 'check that it is installed and on PATH'});
				done(code === 'ENOENT' ? 127 : 126);
			});
			child.once('exit', (code, signal) => {
				done(code ?? 128 + (signal ? constants.signals[signal] : 0));
			});
		});
	} finally {
		cleanUp();
		process.off('exit', cleanUp);
	}
}
