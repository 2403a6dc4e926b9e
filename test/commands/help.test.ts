import {describe, expect, test} from 'vitest';
import {ccgate, ccgateBinary, sandbox} from './support.js';

/*
The command line as the command table (source/commands/table.ts) makes it: each command's help, the flags each one
refuses, and the nearest command or flag suggested for a mistyped one. Exact output, exact exit codes.
*/

const valueOptions = `  --preset NAME           start from a known gateway's facts (ccgate presets); flags given win
  --account ID            a preset's {account} template field (cloudflare)
  --gateway ID            a preset's {gateway} template field (cloudflare)
  --gateway-token TOKEN   a preset's {token} template field (cloudflare)
  --provider SLUG         a preset's {provider} template field (portkey)
  --api FORMAT            anthropic (default), bedrock or vertex: the gateway's API format
  --base-url URL          ANTHROPIC_BASE_URL (with --api: ANTHROPIC_BEDROCK_/VERTEX_BASE_URL)
  --region R              AWS_REGION (bedrock, default us-east-1) or CLOUD_ML_REGION (vertex, default global)
  --project ID            ANTHROPIC_VERTEX_PROJECT_ID (vertex, required)
  --auth-token TOKEN      ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer)
  --api-key KEY           ANTHROPIC_API_KEY (sent as x-api-key)
  --api-key-helper CMD    settings key apiKeyHelper: a command that prints the credential
  --no-auth               a gateway that wants no credential
  --token-stdin           read the secret from standard input (kept out of ps and history)
  --auth-style STYLE      bearer (default) or x-api-key: which variable --token-stdin fills
  --header 'NAME: VALUE'  a custom header (repeat for more); given at all, the headers are exactly those
  --discovery             turn on gateway model discovery
  --no-discovery          turn gateway model discovery off
  --model ID              the default model
  --opus-model ID         ANTHROPIC_DEFAULT_OPUS_MODEL
  --sonnet-model ID       ANTHROPIC_DEFAULT_SONNET_MODEL
  --haiku-model ID        ANTHROPIC_DEFAULT_HAIKU_MODEL
  --fable-model ID        ANTHROPIC_DEFAULT_FABLE_MODEL (fable otherwise asks for claude-fable-5-2)
  --subagent-model ID     CLAUDE_CODE_SUBAGENT_MODEL: the model subagents use
  --unset NAME            remove one of ccgate's keys (repeatable), e.g. ANTHROPIC_CUSTOM_HEADERS
`;

const help: Record<string, string> = {
	print: `ccgate print: export lines for a shell, to paste

Usage
  ccgate print [options]

Options
${valueOptions}  --shell SHELL           bash, zsh, fish, powershell or sh (default: from $SHELL)
  --trust-project         use project and local layers even where Claude Code has not trusted the folder

Examples
  ccgate print --shell fish
  ccgate print --base-url http://localhost:4000 --auth-token sk-local
`,
	write: `ccgate write: write the config without questions

Usage
  ccgate write [options]

Options
${valueOptions}  --secret-file           keep the secret in a 0600 file that apiKeyHelper reads
  --scope SCOPE           user (default), project or local: which settings file
  --settings PATH         an explicit settings file instead of a scope
  --to KIND               settings (default) or shell: a settings file or a shell profile
  --shell SHELL           bash, zsh, fish, powershell or sh (default: from $SHELL)
  --profile-file PATH     with --to shell: the shell profile to edit instead of the default
  --probe                 probe first; an unusable gateway refuses the write
  --timeout MS            probe timeout per request (default 5000)
  --dry-run               show what would change, and write nothing
  --trust-project         use project and local layers even where Claude Code has not trusted the folder

Examples
  printenv GATEWAY_TOKEN | ccgate write --base-url https://gw.example.com --token-stdin
  ccgate write --preset openrouter --token-stdin --probe < token.txt
  ccgate write --to shell --shell zsh --model claude-sonnet-4-5 --dry-run
`,
	probe: `ccgate probe: check a gateway and print a diagnosis

Usage
  ccgate probe [options]

Options
${valueOptions}  --timeout MS            probe timeout per request (default 5000)
  --live                  also send one real, streamed, one-token message (costs a token)
  --json                  machine-readable output on stdout
  --trust-project         use project and local layers even where Claude Code has not trusted the folder

Examples
  ccgate probe
  ccgate probe --base-url http://localhost:4000 --auth-token sk-local --live
`,
	show: `ccgate show: the effective config: each key, its value, its layer

Usage
  ccgate show [options]

Options
  --trust-project  use project and local layers even where Claude Code has not trusted the folder
  --json           machine-readable output on stdout
  --reveal         show secrets unmasked

Examples
  ccgate show
  ccgate show --json
`,
	doctor: `ccgate doctor: show + probe + every check, one report

Usage
  ccgate doctor [options]

Options
  --trust-project  use project and local layers even where Claude Code has not trusted the folder
  --json           machine-readable output on stdout
  --live           also send one real, streamed, one-token message (costs a token)
  --client         run the installed claude -p once through a relay to the gateway (costs a request)
  --timeout MS     probe timeout per request (default 5000)

Examples
  ccgate doctor
  ccgate doctor --live
  ccgate doctor --client
`,
	remove: `ccgate remove: take out what ccgate wrote

Usage
  ccgate remove [options]

Options
  --scope SCOPE        user (default), project or local: which settings file
  --settings PATH      an explicit settings file instead of a scope
  --to KIND            settings (default) or shell: a settings file or a shell profile
  --shell SHELL        bash, zsh, fish, powershell or sh (default: from $SHELL)
  --profile-file PATH  with --to shell: the shell profile to edit instead of the default
  --dry-run            show what would change, and write nothing
  --yes                do it without asking first (needed where there is no terminal to ask at)

Examples
  ccgate remove --dry-run
  ccgate remove
  ccgate remove --to shell --yes
`,
	restore: `ccgate restore: put back a settings file from ccgate's backup: the newest, or the Nth of --list

Usage
  ccgate restore [options] [N]

Options
  --scope SCOPE        user (default), project or local: which settings file
  --settings PATH      an explicit settings file instead of a scope
  --to KIND            settings (default) or shell: a settings file or a shell profile
  --shell SHELL        bash, zsh, fish, powershell or sh (default: from $SHELL)
  --profile-file PATH  with --to shell: the shell profile to edit instead of the default
  --list               list the backups, numbered newest first
  --dry-run            show what would change, and write nothing

Examples
  ccgate restore --list
  ccgate restore 2
  ccgate restore --scope project
`,
	profile: `ccgate profile: named gateways: save one, switch between them

Usage
  ccgate profile list [options]         the saved profiles; * marks the one last used
  ccgate profile save [options] NAME    save the configuration in force here (or the flags given) as NAME
  ccgate profile use [options] NAME     write profile NAME to a settings file or a shell profile
  ccgate profile rm NAME                delete profile NAME
  ccgate profile export [options] NAME  print profile NAME as JSON to share, without its secret
  ccgate profile import [options] FILE  add a profile from an export; its secret from --token-stdin, or asked for

Options of profile list
  --json  machine-readable output on stdout

Options of profile save
${valueOptions}  --trust-project         use project and local layers even where Claude Code has not trusted the folder

Options of profile use
  --scope SCOPE        user (default), project or local: which settings file
  --settings PATH      an explicit settings file instead of a scope
  --to KIND            settings (default) or shell: a settings file or a shell profile
  --shell SHELL        bash, zsh, fish, powershell or sh (default: from $SHELL)
  --profile-file PATH  with --to shell: the shell profile to edit instead of the default
  --secret-file        keep the secret in a 0600 file that apiKeyHelper reads
  --probe              probe first; an unusable gateway refuses the write
  --timeout MS         probe timeout per request (default 5000)
  --dry-run            show what would change, and write nothing
  --trust-project      use project and local layers even where Claude Code has not trusted the folder

Options of profile export
  --managed  as managed settings for a team rollout, no secret in them, and where they go

Options of profile import
  --token-stdin           read the secret from standard input (kept out of ps and history)
  --header 'NAME: VALUE'  a custom header (repeat for more); given at all, the headers are exactly those
  --yes                   do it without asking first (needed where there is no terminal to ask at)

Examples
  ccgate profile save work
  ccgate profile use work --probe
  ccgate profile import work.json --token-stdin < token.txt
  ccgate profile export work --managed > ccgate-work.json
`,
	run: `ccgate run: run a command (claude) with a profile, writing nothing

Usage
  ccgate run [options] PROFILE -- COMMAND...

Options
  --trust-project  use project and local layers even where Claude Code has not trusted the folder

Examples
  ccgate run work -- claude
  ccgate run local -- claude -p "say hi"
`,
	presets: `ccgate presets: the gateways ccgate knows by name

Usage
  ccgate presets [options]

Options
  --json  machine-readable output on stdout

Examples
  ccgate presets
  ccgate presets --json
`,
	completion: `ccgate completion: a completion script for a shell: commands, flags, profile and preset names

Usage
  ccgate completion bash|zsh|fish

Examples
  ccgate completion bash > ~/.local/share/bash-completion/completions/ccgate
  ccgate completion zsh > ~/.zfunc/_ccgate
  ccgate completion fish > ~/.config/fish/completions/ccgate.fish
`,
	help: `ccgate help: this help, or a command's

Usage
  ccgate help [COMMAND]

Examples
  ccgate help write
  ccgate write --help
`,
};

const globalHelp = `ccgate: point Claude Code at an LLM gateway, and prove that it works

Usage
  ccgate                            the setup wizard (needs a terminal)
  ccgate print                      export lines for a shell, to paste
  ccgate write                      write the config without questions
  ccgate probe                      check a gateway and print a diagnosis
  ccgate show                       the effective config: each key, its value, its layer
  ccgate doctor                     show + probe + every check, one report
  ccgate remove                     take out what ccgate wrote
  ccgate restore [N]                put back a settings file from ccgate's backup: the newest, or the Nth of --list
  ccgate profile ACTION             named gateways: save one, switch between them
  ccgate run PROFILE -- COMMAND...  run a command (claude) with a profile, writing nothing
  ccgate presets                    the gateways ccgate knows by name
  ccgate completion bash|zsh|fish   a completion script for a shell: commands, flags, profile and preset names
  ccgate help [COMMAND]             this help, or a command's

Options of the wizard
  --shell SHELL    bash, zsh, fish, powershell or sh (default: from $SHELL)
  --timeout MS     probe timeout per request (default 5000)
  --trust-project  use project and local layers even where Claude Code has not trusted the folder
  -h, --help       this help
  -v, --version    the version

Each command takes its own options: see ccgate help COMMAND, or ccgate COMMAND --help.
`;

describe.concurrent('help comes from the command table', () => {
	test('ccgate --help, -h and ccgate help print the commands and the wizard\'s options, exit 0', async () => {
		for (const args of [['--help'], ['-h'], ['help']]) {
			// eslint-disable-next-line no-await-in-loop
			expect(await ccgate(sandbox(), args)).toEqual({exitCode: 0, stdout: globalHelp, stderr: ''});
		}
	});

	test.each(Object.keys(help))('ccgate help %s and ccgate COMMAND --help print its usage, its options and examples', async name => {
		const box = sandbox();
		expect(await ccgate(box, ['help', name])).toEqual({exitCode: 0, stdout: help[name], stderr: ''});
		expect(await ccgate(box, [name, '--help'])).toEqual({exitCode: 0, stdout: help[name], stderr: ''});
		expect(await ccgate(box, [name, '-h'])).toEqual({exitCode: 0, stdout: help[name], stderr: ''});
	});

	test('the built binary prints the same help', async () => {
		expect(await ccgateBinary(sandbox(), ['write', '--help'])).toEqual({exitCode: 0, stdout: help['write'], stderr: ''});
	});

	test('help for a command ccgate does not know is refused with the nearest, exit 2', async () => {
		expect(await ccgate(sandbox(), ['help', 'wirte'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: The command "wirte" is not one ccgate knows; did you mean ccgate write?\n'});
		expect(await ccgate(sandbox(), ['help', 'write', 'print'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate help takes one argument at most ("print"); give one command, as in ccgate help write.\n'});
	});
});

/** For each command, a flag it does not take, and the exact refusal naming the ones it does. */
const refused: Array<[args: string[], stderr: string]> = [
	[['print', '--probe'], 'error: ccgate print does not take --probe; it takes --preset, --account, --gateway, --gateway-token, --provider, --api, --base-url, --region, --project, --auth-token, --api-key, --api-key-helper, --no-auth, --token-stdin, --auth-style, --header, --discovery, --no-discovery, --model, --opus-model, --sonnet-model, --haiku-model, --fable-model, --subagent-model, --unset, --shell and --trust-project.\n'],
	[['print', '--secret-file'], 'error: ccgate print does not take --secret-file; it takes --preset, --account, --gateway, --gateway-token, --provider, --api, --base-url, --region, --project, --auth-token, --api-key, --api-key-helper, --no-auth, --token-stdin, --auth-style, --header, --discovery, --no-discovery, --model, --opus-model, --sonnet-model, --haiku-model, --fable-model, --subagent-model, --unset, --shell and --trust-project.\n'],
	[['write', '--json'], 'error: ccgate write does not take --json; it takes --preset, --account, --gateway, --gateway-token, --provider, --api, --base-url, --region, --project, --auth-token, --api-key, --api-key-helper, --no-auth, --token-stdin, --auth-style, --header, --discovery, --no-discovery, --model, --opus-model, --sonnet-model, --haiku-model, --fable-model, --subagent-model, --unset, --secret-file, --scope, --settings, --to, --shell, --profile-file, --probe, --timeout, --dry-run and --trust-project.\n'],
	[['probe', '--scope', 'user'], 'error: ccgate probe does not take --scope; it takes --preset, --account, --gateway, --gateway-token, --provider, --api, --base-url, --region, --project, --auth-token, --api-key, --api-key-helper, --no-auth, --token-stdin, --auth-style, --header, --discovery, --no-discovery, --model, --opus-model, --sonnet-model, --haiku-model, --fable-model, --subagent-model, --unset, --timeout, --live, --json and --trust-project.\n'],
	[['show', '--base-url', 'http://127.0.0.1:4000'], 'error: ccgate show does not take --base-url; it takes --trust-project, --json and --reveal.\n'],
	[['doctor', '--reveal'], 'error: ccgate doctor does not take --reveal; it takes --trust-project, --json, --live, --client and --timeout.\n'],
	[['remove', '--probe'], 'error: ccgate remove does not take --probe; it takes --scope, --settings, --to, --shell, --profile-file, --dry-run and --yes.\n'],
	[['restore', '--json'], 'error: ccgate restore does not take --json; it takes --scope, --settings, --to, --shell, --profile-file, --list and --dry-run.\n'],
	[['profile', 'list', '--base-url', 'http://127.0.0.1:4000'], 'error: ccgate profile list does not take --base-url; it takes --json.\n'],
	[['profile', '--dry-run'], 'error: ccgate profile list does not take --dry-run; it takes --json.\n'],
	[['profile', 'rm', 'work', '--json'], 'error: ccgate profile rm does not take --json; it takes no option but --help.\n'],
	[['profile', 'import', 'work.json', '--scope', 'user'], 'error: ccgate profile import does not take --scope; it takes --token-stdin, --header and --yes.\n'],
	[['run', '--json', 'work', '--', 'claude'], 'error: ccgate run does not take --json; it takes --trust-project.\n'],
	[['completion', '--json', 'bash'], 'error: ccgate completion does not take --json; it takes no option but --help.\n'],
	[['presets', '--reveal'], 'error: ccgate presets does not take --reveal; it takes --json.\n'],
	[['help', '--json'], 'error: ccgate help does not take --json; it takes no option but --help.\n'],
	[['--scope', 'project'], 'error: ccgate does not take --scope; it takes --shell, --timeout and --trust-project.\n'],
];

/** Mistyped commands, actions and flags, and what ccgate says. */
const mistyped: Array<[args: string[], stderr: string]> = [
	[['wirte'], 'error: The command "wirte" is not one ccgate knows; did you mean ccgate write?\n'],
	[['shw'], 'error: The command "shw" is not one ccgate knows; did you mean ccgate show?\n'],
	[['doctr'], 'error: The command "doctr" is not one ccgate knows; did you mean ccgate doctor?\n'],
	[['frobnicate'], 'error: The command "frobnicate" is not one ccgate knows; see ccgate help.\n'],
	[['profile', 'sav', 'work'], 'error: ccgate profile sav is not a profile command; did you mean ccgate profile save?\n'],
	[['profile', 'frobnicate'], 'error: ccgate profile frobnicate is not a profile command; use list, save NAME, use NAME, rm NAME, export NAME or import FILE.\n'],
	[['write', '--base-ur', 'http://127.0.0.1:4000'], 'error: The option --base-ur is not one ccgate knows; did you mean --base-url?\n'],
	[['write', '--dryrun'], 'error: The option --dryrun is not one ccgate knows; did you mean --dry-run?\n'],
	[['show', '--revael'], 'error: The option --revael is not one ccgate knows; did you mean --reveal?\n'],
	[['write', '--bogus'], 'error: The option --bogus is not one ccgate knows; see ccgate help write.\n'],
	[['show', '-x'], 'error: The option -x is not one ccgate knows; see ccgate help show.\n'],
	[['write', '--base-url'], 'error: The option --base-url needs a value; give it as --base-url URL.\n'],
	[['write', '--base-url', '--auth-token', 'token-0123456789'], 'error: The option --base-url needs a value; give it as --base-url URL.\n'],
	[['show', '--json=yes'], 'error: The option --json takes no value ("--json=yes"); give --json alone.\n'],
	[['show', 'extra'], 'error: ccgate show takes no argument ("extra"); run it in the folder you start claude in.\n'],
	[['doctor', 'extra'], 'error: ccgate doctor takes no argument ("extra"); run it in the folder you start claude in.\n'],
	[['probe', 'https://gw.example.com'], 'error: ccgate probe takes no argument ("https://gw.example.com"); give the gateway with --base-url URL.\n'],
];

describe.concurrent('each command takes its own flags', () => {
	test.each(refused)('ccgate %j is refused, exit 2, nothing on stdout', async (args, stderr) => {
		expect(await ccgate(sandbox(), args)).toEqual({exitCode: 2, stdout: '', stderr});
	});

	test.each(mistyped)('ccgate %j gets the nearest known name, exit 2', async (args, stderr) => {
		expect(await ccgate(sandbox(), args)).toEqual({exitCode: 2, stdout: '', stderr});
	});

	test('the built binary refuses the same way', async () => {
		expect(await ccgateBinary(sandbox(), ['show', '--base-url', 'http://127.0.0.1:4000'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate show does not take --base-url; it takes --trust-project, --json and --reveal.\n'});
		expect(await ccgateBinary(sandbox(), ['wirte'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: The command "wirte" is not one ccgate knows; did you mean ccgate write?\n'});
	});
});

describe.concurrent('ccgate run and --', () => {
	test('an option after the command without -- says to add --, with the line to type', async () => {
		expect(await ccgate(sandbox(), ['run', 'work', 'node', '-e', '1'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate run reads -e as its own option; put -- before the command, as in ccgate run work -- node -e 1.\n'});
		expect(await ccgate(sandbox(), ['run', 'work', 'claude', '-p', 'say hi'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate run reads -p as its own option; put -- before the command, as in ccgate run work -- claude -p \'say hi\'.\n'});
		expect(await ccgate(sandbox(), ['run', 'work', 'claude', '--model', 'opus'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate run reads --model as its own option; put -- before the command, as in ccgate run work -- claude --model opus.\n'});
	});

	test('with --, the options are the command\'s: the profile is looked up (none here), exit 2', async () => {
		expect(await ccgate(sandbox(), ['run', 'work', '--', 'node', '-e', '1'])).toEqual({exitCode: 2, stdout: '', stderr: 'error: There is no profile named work; save one first with ccgate profile save NAME.\n'});
	});
});
