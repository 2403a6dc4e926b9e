import type {CommandContext} from '../app/context.js';
import {UserError} from '../core/findings.js';
import {presetData} from '../core/preset-data.js';
import {StoreReader} from '../io/store-read.js';
import {findCommand} from './command-line.js';
import type {Flags} from './flags.js';
import {type ActionSpec, type CommandSpec, commandSpecs, type FlagName, type FlagSpec, flagSpecs, globalFlags, wizardSpec} from './table.js';

/*
Completion: the scripts are thin, and ask ccgate itself for the words (`ccgate completion words -- WORD…`), so that
commands, each command's flags and the values they take come from the command table, and profile names from the store
as it is when Tab is pressed.
*/

const scripts = {
	bash: `# ccgate completion for bash: source it, or save it as ~/.local/share/bash-completion/completions/ccgate
_ccgate() {
	local IFS=$'\\n'
	COMPREPLY=($(ccgate completion words -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _ccgate ccgate
`,
	zsh: `#compdef ccgate
# ccgate completion for zsh: save it as _ccgate in a folder of $fpath (before compinit runs), or source it after compinit
_ccgate() {
	local -a candidates
	candidates=(\${(f)"$(ccgate completion words -- "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
	if (( \${#candidates} )); then
		compadd -- "\${candidates[@]}"
	else
		_files
	fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_ccgate "$@"
else
	compdef _ccgate ccgate
fi
`,
	fish: `# ccgate completion for fish: save it as ~/.config/fish/completions/ccgate.fish
complete -c ccgate -f -a '(ccgate completion words -- (commandline -opc)[2..-1] (commandline -ct) 2>/dev/null)'
`,
} as const;

type Names = {readonly profiles: () => readonly string[]; readonly presets: readonly string[]};

function isFlagName(name: string): name is FlagName {
	return Object.hasOwn(flagSpecs, name);
}

/** What the words typed so far (after `ccgate`, the last one being completed) can go on with. */
export function completionWords(words: readonly string[], names: Names): string[] {
	const current = words.at(-1) ?? '';
	let command: CommandSpec | undefined;
	let action: ActionSpec | undefined;
	let positionals = 0;
	let awaiting: FlagName | undefined;
	for (const word of words.slice(0, -1)) {
		if (awaiting !== undefined) {
			awaiting = undefined;
		} else if (word === '--') {
			// `run PROFILE -- COMMAND…`: the rest is the command's, for the shell to complete.
			return [];
		} else if (word.startsWith('-')) {
			const name = word.replace(/^--?/, '');
			awaiting = isFlagName(name) && flagSpecs[name].type === 'string' ? name : undefined;
		} else if (command === undefined) {
			command = findCommand(word);
			if (command === undefined) {
				return [];
			}
		} else if (command.actions !== undefined && action === undefined) {
			action = command.actions.find(candidate => candidate.name === word);
		} else {
			positionals++;
		}
	}

	const starting = (candidates: readonly string[]) => candidates.filter(candidate => candidate.startsWith(current));
	if (awaiting !== undefined) {
		const spec: FlagSpec = flagSpecs[awaiting];
		return starting(awaiting === 'preset' ? names.presets : spec.values ?? []);
	}

	if (current.startsWith('-')) {
		const taken = action?.flags ?? (command ?? wizardSpec).flags;
		return starting([...taken, ...globalFlags].map(flag => `--${flag}`));
	}

	if (command === undefined) {
		return starting(commandSpecs.map(candidate => candidate.name));
	}

	if (command.actions !== undefined && action === undefined) {
		return starting(command.actions.map(candidate => candidate.name));
	}

	if (positionals > 0) {
		return [];
	}

	switch (command.name) {
		case 'run': {
			return starting(names.profiles());
		}

		case 'profile': {
			return ['use', 'rm', 'export'].includes(action!.name) ? starting(names.profiles()) : [];
		}

		case 'completion': {
			return starting([...Object.keys(scripts), 'words']);
		}

		case 'help': {
			return starting(commandSpecs.map(candidate => candidate.name));
		}

		default: {
			return [];
		}
	}
}

/** `ccgate completion bash|zsh|fish`: the script; `ccgate completion words -- WORD…`: what the script asks for. */
export async function runCompletion(_flags: Flags, rest: string[], context: CommandContext): Promise<number> {
	const [shell, ...words] = rest;
	if (shell === 'words') {
		const candidates = completionWords(words, {profiles: () => [...new StoreReader(context).profiles().keys()].sort(), presets: presetData.map(preset => preset.id)});
		context.stdout(candidates.map(candidate => `${candidate}\n`).join(''));
		return 0;
	}

	if (shell === undefined || !Object.hasOwn(scripts, shell) || words.length > 0) {
		throw new UserError({code: 'option-invalid', level: 'error', message: shell === undefined ? 'ccgate completion needs a shell' : `ccgate completion ${rest.join(' ')} names no shell ccgate completes for`, fix: 'give bash, zsh or fish, as in ccgate completion bash'});
	}

	context.stdout(scripts[shell as keyof typeof scripts]);
	return 0;
}
