/*
The command table: every command, its flags, its arguments, how it is loaded, and examples. Help, dispatch
(source/main.ts), the refusal of a flag a command does not take, suggestions, completion and the build's lazily
loaded chunks (tsup.config.ts) all read it. Data only: it imports nothing, so `--version`, `print` and `show` pay
nothing for it, and the build's config can import it too.
*/

export type FlagSpec = {
	readonly type: 'string' | 'boolean';
	readonly multiple?: true;
	readonly short?: string;
	/** The value's name in help (`--base-url URL`); string flags only. */
	readonly value?: string;
	/** The values it takes, when they are few (completion offers them). */
	readonly values?: readonly string[];
	readonly summary: string;
};

/** Every flag of every command, with the words help shows for it. A command lists the ones it takes. */
export const flagSpecs = {
	preset: {type: 'string', value: 'NAME', summary: 'start from a known gateway\'s facts (ccgate presets); flags given win'},
	account: {type: 'string', value: 'ID', summary: 'a preset\'s {account} template field (cloudflare)'},
	gateway: {type: 'string', value: 'ID', summary: 'a preset\'s {gateway} template field (cloudflare)'},
	'gateway-token': {type: 'string', value: 'TOKEN', summary: 'a preset\'s {token} template field (cloudflare)'},
	provider: {type: 'string', value: 'SLUG', summary: 'a preset\'s {provider} template field (portkey)'},
	api: {type: 'string', value: 'FORMAT', values: ['anthropic', 'bedrock', 'vertex'], summary: 'anthropic (default), bedrock or vertex: the gateway\'s API format'},
	'base-url': {type: 'string', value: 'URL', summary: 'ANTHROPIC_BASE_URL (with --api: ANTHROPIC_BEDROCK_/VERTEX_BASE_URL)'},
	region: {type: 'string', value: 'R', summary: 'AWS_REGION (bedrock, default us-east-1) or CLOUD_ML_REGION (vertex, default global)'},
	project: {type: 'string', value: 'ID', summary: 'ANTHROPIC_VERTEX_PROJECT_ID (vertex, required)'},
	'auth-token': {type: 'string', value: 'TOKEN', summary: 'ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer)'},
	'api-key': {type: 'string', value: 'KEY', summary: 'ANTHROPIC_API_KEY (sent as x-api-key)'},
	'api-key-helper': {type: 'string', value: 'CMD', summary: 'settings key apiKeyHelper: a command that prints the credential'},
	'no-auth': {type: 'boolean', summary: 'a gateway that wants no credential'},
	'token-stdin': {type: 'boolean', summary: 'read the secret from standard input (kept out of ps and history)'},
	'auth-style': {type: 'string', value: 'STYLE', values: ['bearer', 'x-api-key'], summary: 'bearer (default) or x-api-key: which variable --token-stdin fills'},
	'secret-file': {type: 'boolean', summary: 'keep the secret in a 0600 file that apiKeyHelper reads'},
	header: {type: 'string', multiple: true, value: '\'NAME: VALUE\'', summary: 'a custom header (repeat for more); given at all, the headers are exactly those'},
	discovery: {type: 'boolean', summary: 'turn on gateway model discovery'},
	'no-discovery': {type: 'boolean', summary: 'turn gateway model discovery off'},
	model: {type: 'string', value: 'ID', summary: 'the default model'},
	'opus-model': {type: 'string', value: 'ID', summary: 'ANTHROPIC_DEFAULT_OPUS_MODEL'},
	'sonnet-model': {type: 'string', value: 'ID', summary: 'ANTHROPIC_DEFAULT_SONNET_MODEL'},
	'haiku-model': {type: 'string', value: 'ID', summary: 'ANTHROPIC_DEFAULT_HAIKU_MODEL'},
	'fable-model': {type: 'string', value: 'ID', summary: 'ANTHROPIC_DEFAULT_FABLE_MODEL (fable otherwise asks for claude-fable-5-2)'},
	'subagent-model': {type: 'string', value: 'ID', summary: 'CLAUDE_CODE_SUBAGENT_MODEL: the model subagents use'},
	unset: {type: 'string', multiple: true, value: 'NAME', summary: 'remove one of ccgate\'s keys (repeatable), e.g. ANTHROPIC_CUSTOM_HEADERS'},
	scope: {type: 'string', value: 'SCOPE', values: ['user', 'project', 'local'], summary: 'user (default), project or local: which settings file'},
	settings: {type: 'string', value: 'PATH', summary: 'an explicit settings file instead of a scope'},
	to: {type: 'string', value: 'KIND', values: ['settings', 'shell'], summary: 'settings (default) or shell: a settings file or a shell profile'},
	shell: {type: 'string', value: 'SHELL', values: ['bash', 'zsh', 'fish', 'powershell', 'sh'], summary: 'bash, zsh, fish, powershell or sh (default: from $SHELL)'},
	'profile-file': {type: 'string', value: 'PATH', summary: 'with --to shell: the shell profile to edit instead of the default'},
	probe: {type: 'boolean', summary: 'probe first; an unusable gateway refuses the write'},
	live: {type: 'boolean', summary: 'also send one real, streamed, one-token message (costs a token)'},
	client: {type: 'boolean', summary: 'run the installed claude -p once through a relay to the gateway (costs a request)'},
	timeout: {type: 'string', value: 'MS', summary: 'probe timeout per request (default 5000)'},
	'dry-run': {type: 'boolean', summary: 'show what would change, and write nothing'},
	'trust-project': {type: 'boolean', summary: 'use project and local layers even where Claude Code has not trusted the folder'},
	json: {type: 'boolean', summary: 'machine-readable output on stdout'},
	reveal: {type: 'boolean', summary: 'show secrets unmasked'},
	yes: {type: 'boolean', summary: 'do it without asking first (needed where there is no terminal to ask at)'},
	list: {type: 'boolean', summary: 'list the backups, numbered newest first'},
	managed: {type: 'boolean', summary: 'as managed settings for a team rollout, no secret in them, and where they go'},
	help: {type: 'boolean', short: 'h', summary: 'this help'},
	version: {type: 'boolean', short: 'v', summary: 'the version'},
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof flagSpecs;

type FlagValue<Spec extends FlagSpec> = Spec extends {multiple: true} ? string[] : Spec extends {type: 'string'} ? string : boolean;

/** The flags of a command line, as parsed: only the ones given are present. */
export type Flags = {readonly [Name in FlagName]?: FlagValue<(typeof flagSpecs)[Name]>};

/** The flags every command takes. */
export const globalFlags = ['help', 'version'] as const satisfies readonly FlagName[];

const valueFlags = ['preset', 'account', 'gateway', 'gateway-token', 'provider', 'api', 'base-url', 'region', 'project', 'auth-token', 'api-key', 'api-key-helper', 'no-auth', 'token-stdin', 'auth-style', 'header', 'discovery', 'no-discovery', 'model', 'opus-model', 'sonnet-model', 'haiku-model', 'fable-model', 'subagent-model', 'unset'] as const satisfies readonly FlagName[];
const targetFlags = ['scope', 'settings', 'to', 'shell', 'profile-file'] as const satisfies readonly FlagName[];

export type CommandSpec = {
	readonly name: string;
	/** What follows the name in the usage line (`[N]`, `PROFILE -- COMMAND...`). */
	readonly args: string;
	/** How many arguments it takes at most (`Infinity`: any number). */
	readonly maxArgs: number;
	/** What to do instead of giving an argument it does not take. */
	readonly argsFix?: string;
	readonly summary: string;
	readonly flags: readonly FlagName[];
	/** Built into the entry (fast, loads nothing more) or as a chunk of its own loaded by import() (tsup.config.ts). */
	readonly chunk: 'entry' | 'own';
	readonly examples: readonly string[];
	/** A command of actions (`profile save NAME`): the first argument names one, and its flags are the ones taken. */
	readonly actions?: readonly ActionSpec[];
};

export type ActionSpec = {
	readonly name: string;
	readonly args: string;
	readonly summary: string;
	readonly flags: readonly FlagName[];
};

/** The commands, in the order help lists them. */
export const commandSpecs = [
	{
		name: 'print',
		args: '',
		maxArgs: 0,
		argsFix: 'give the shell with --shell',
		summary: 'export lines for a shell, to paste',
		flags: [...valueFlags, 'shell', 'trust-project'],
		chunk: 'entry',
		examples: ['ccgate print --shell fish', 'ccgate print --base-url http://localhost:4000 --auth-token sk-local'],
	},
	{
		name: 'write',
		args: '',
		maxArgs: 0,
		argsFix: 'give values as options, such as --base-url URL',
		summary: 'write the config without questions',
		flags: [...valueFlags, 'secret-file', ...targetFlags, 'probe', 'timeout', 'dry-run', 'trust-project'],
		chunk: 'own',
		examples: [
			'printenv GATEWAY_TOKEN | ccgate write --base-url https://gw.example.com --token-stdin',
			'ccgate write --preset openrouter --token-stdin --probe < token.txt',
			'ccgate write --to shell --shell zsh --model claude-sonnet-4-5 --dry-run',
		],
	},
	{
		name: 'probe',
		args: '',
		maxArgs: 0,
		argsFix: 'give the gateway with --base-url URL',
		summary: 'check a gateway and print a diagnosis',
		flags: [...valueFlags, 'timeout', 'live', 'json', 'trust-project'],
		chunk: 'own',
		examples: ['ccgate probe', 'ccgate probe --base-url http://localhost:4000 --auth-token sk-local --live'],
	},
	{
		name: 'show',
		args: '',
		maxArgs: 0,
		argsFix: 'run it in the folder you start claude in',
		summary: 'the effective config: each key, its value, its layer',
		flags: ['trust-project', 'json', 'reveal'],
		chunk: 'entry',
		examples: ['ccgate show', 'ccgate show --json'],
	},
	{
		name: 'doctor',
		args: '',
		maxArgs: 0,
		argsFix: 'run it in the folder you start claude in',
		summary: 'show + probe + every check, one report',
		flags: ['trust-project', 'json', 'live', 'client', 'timeout'],
		chunk: 'own',
		examples: ['ccgate doctor', 'ccgate doctor --live', 'ccgate doctor --client'],
	},
	{
		name: 'remove',
		args: '',
		maxArgs: 0,
		argsFix: 'name the target with --scope, --settings or --to shell',
		summary: 'take out what ccgate wrote',
		flags: [...targetFlags, 'dry-run', 'yes'],
		chunk: 'own',
		examples: ['ccgate remove --dry-run', 'ccgate remove', 'ccgate remove --to shell --yes'],
	},
	{
		name: 'restore',
		args: '[N]',
		maxArgs: 1,
		argsFix: 'give one backup number, and name the file with --scope, --settings or --to shell',
		summary: 'put back a settings file from ccgate\'s backup: the newest, or the Nth of --list',
		flags: [...targetFlags, 'list', 'dry-run'],
		chunk: 'own',
		examples: ['ccgate restore --list', 'ccgate restore 2', 'ccgate restore --scope project'],
	},
	{
		name: 'profile',
		args: 'ACTION',
		maxArgs: 2,
		summary: 'named gateways: save one, switch between them',
		flags: [],
		chunk: 'own',
		examples: ['ccgate profile save work', 'ccgate profile use work --probe', 'ccgate profile import work.json --token-stdin < token.txt', 'ccgate profile export work --managed > ccgate-work.json'],
		actions: [
			{name: 'list', args: '', summary: 'the saved profiles; * marks the one last used', flags: ['json']},
			{name: 'save', args: 'NAME', summary: 'save the configuration in force here (or the flags given) as NAME', flags: [...valueFlags, 'trust-project']},
			{name: 'use', args: 'NAME', summary: 'write profile NAME to a settings file or a shell profile', flags: [...targetFlags, 'secret-file', 'probe', 'timeout', 'dry-run', 'trust-project']},
			{name: 'rm', args: 'NAME', summary: 'delete profile NAME', flags: []},
			{name: 'export', args: 'NAME', summary: 'print profile NAME as JSON to share, without its secret', flags: ['managed']},
			{name: 'import', args: 'FILE', summary: 'add a profile from an export; its secret from --token-stdin, or asked for', flags: ['token-stdin', 'header', 'yes']},
		],
	},
	{
		name: 'run',
		args: 'PROFILE -- COMMAND...',
		maxArgs: Number.POSITIVE_INFINITY,
		summary: 'run a command (claude) with a profile, writing nothing',
		flags: ['trust-project'],
		chunk: 'own',
		examples: ['ccgate run work -- claude', 'ccgate run local -- claude -p "say hi"'],
	},
	{
		name: 'presets',
		args: '',
		maxArgs: 0,
		argsFix: 'start from one with --preset NAME',
		summary: 'the gateways ccgate knows by name',
		flags: ['json'],
		chunk: 'own',
		examples: ['ccgate presets', 'ccgate presets --json'],
	},
	{
		name: 'completion',
		args: 'bash|zsh|fish',
		maxArgs: Number.POSITIVE_INFINITY,
		summary: 'a completion script for a shell: commands, flags, profile and preset names',
		flags: [],
		chunk: 'own',
		examples: ['ccgate completion bash > ~/.local/share/bash-completion/completions/ccgate', 'ccgate completion zsh > ~/.zfunc/_ccgate', 'ccgate completion fish > ~/.config/fish/completions/ccgate.fish'],
	},
	{
		name: 'help',
		args: '[COMMAND]',
		maxArgs: 1,
		argsFix: 'give one command, as in ccgate help write',
		summary: 'this help, or a command\'s',
		flags: [],
		chunk: 'entry',
		examples: ['ccgate help write', 'ccgate write --help'],
	},
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof commandSpecs)[number]['name'];

/** `ccgate` alone: the wizard. */
export const wizardSpec: CommandSpec = {
	name: '',
	args: '',
	maxArgs: 0,
	argsFix: 'run ccgate alone for the wizard, or see ccgate help',
	summary: 'the setup wizard (needs a terminal)',
	flags: ['shell', 'timeout', 'trust-project'],
	chunk: 'own',
	examples: ['ccgate', 'ccgate --trust-project'],
};

/** The chunks built apart from the entry and loaded by import(): the commands marked so, and the wizard's ES-module half. */
export const lazyChunks: readonly string[] = [...commandSpecs.filter(command => command.chunk === 'own').map(command => command.name), 'wizard'];
