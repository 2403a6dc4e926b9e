import {type CommandSpec, commandSpecs, type FlagName, flagSpecs, globalFlags, wizardSpec} from './table.js';

/** Two columns: the left padded to its widest entry (at most `cap`; a longer one gets its own line). */
function columns(rows: ReadonlyArray<readonly [string, string]>, cap = 36): string {
	const width = Math.min(cap, Math.max(...rows.map(([left]) => left.length)));
	return rows.map(([left, right]) => (left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}\n` : `  ${left.padEnd(width)}  ${right}\n`)).join('');
}

function flagRow(name: FlagName): [string, string] {
	const spec: {value?: string; short?: string; summary: string} = flagSpecs[name];
	return [`${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.summary];
}

function usageLine(command: CommandSpec, args = command.args, options = false): string {
	return ['ccgate', command.name, options ? '[options]' : '', args].filter(Boolean).join(' ');
}

/** `ccgate help`, `ccgate --help`: the commands, the wizard's options, and where each command's help is. */
export function globalHelp(): string {
	return [
		'ccgate: point Claude Code at an LLM gateway, and prove that it works\n',
		'\nUsage\n',
		columns([[usageLine(wizardSpec), wizardSpec.summary], ...commandSpecs.map(command => [usageLine(command), command.summary] as const)]),
		'\nOptions of the wizard\n',
		columns([...wizardSpec.flags, ...globalFlags].map(name => flagRow(name))),
		'\nEach command takes its own options: see ccgate help COMMAND, or ccgate COMMAND --help.\n',
	].join('');
}

/** `ccgate help write`, `ccgate write --help`: its usage, the options it takes, and examples. */
export function commandHelp(command: CommandSpec): string {
	const parts = [`ccgate ${command.name}: ${command.summary}\n`, '\nUsage\n'];
	if (command.actions === undefined) {
		parts.push(`  ${usageLine(command, command.args, command.flags.length > 0)}\n`);
		if (command.flags.length > 0) {
			parts.push('\nOptions\n', columns(command.flags.map(name => flagRow(name))));
		}
	} else {
		parts.push(columns(command.actions.map(action => [usageLine(command, [action.name, action.flags.length > 0 ? '[options]' : '', action.args].filter(Boolean).join(' ')), action.summary])));
		for (const action of command.actions.filter(candidate => candidate.flags.length > 0)) {
			parts.push(`\nOptions of ${command.name} ${action.name}\n`, columns(action.flags.map(name => flagRow(name))));
		}
	}

	parts.push('\nExamples\n', ...command.examples.map(example => `  ${example}\n`));
	return parts.join('');
}
