import {presetData} from '../core/preset-data.js';
import {checkPresets} from '../core/preset-schema.js';
import {layoutTable} from '../core/table-layout.js';
import type {CommandContext} from '../app/context.js';
import type {Flags} from './flags.js';

/** `ccgate presets`: the gateways ccgate knows by name, as a table or (`--json`) the data with its sources. */
export async function runPresets(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	// Checked against the schema as it is loaded: a wrong entry is named, never listed.
	const list = checkPresets(presetData);
	if (flags.json) {
		context.stdout(`${JSON.stringify(list, undefined, 2)}\n`);
		return 0;
	}

	const rows = list.map(preset => [
		preset.id,
		preset.name,
		preset.api,
		preset.baseUrl,
		preset.credential === 'none' ? preset.headers.find(header => header.value.includes('{token}'))?.name ?? 'none' : preset.credential,
		[...preset.fields.map(field => `--${field.name}`), ...(preset.selfHosted ? ['--base-url'] : [])].join(' '),
	]);
	context.stdout(layoutTable([['ID', 'NAME', 'API', 'BASE URL', 'CREDENTIAL', 'ASKS FOR'], ...rows], {width: context.stdoutTerminal?.columns}));

	context.stdout('\nStart from one with --preset ID (on write, print, probe and profile save); flags given win. --json shows every fact with its source.\n');
	return 0;
}
