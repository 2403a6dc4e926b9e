import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';

export async function runProbe(_flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	context.stderr('error: ccgate probe is not built yet.\n');
	return 2;
}
