import type {Finding} from '../core/findings.js';
import type {KeyValues} from '../core/keys.js';
import type {CommandContext} from './context.js';

export async function probeValues(_values: KeyValues, _env: Readonly<Record<string, string>>, _options: {timeoutMs: number}, _context: CommandContext): Promise<{usable: boolean; findings: Finding[]}> {
	return {usable: false, findings: [{level: 'error', message: 'The probe is not built yet'}]};
}
