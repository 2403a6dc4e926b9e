import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';

export async function runDoctor(_flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	context.stderr('error: ccgate doctor is not built yet.\n');
	return 2;
}
