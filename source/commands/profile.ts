import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';

export async function runProfile(_flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	context.stderr('error: ccgate profile is not built yet; use ccgate write.\n');
	return 2;
}
