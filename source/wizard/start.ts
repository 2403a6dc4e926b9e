import type {CommandContext} from '../commands/context.js';
import type {Flags} from '../commands/flags.js';

export async function startWizard(_flags: Flags, context: CommandContext): Promise<number> {
	context.stderr('error: The wizard is not built yet; use ccgate write or ccgate print.\n');
	return 2;
}
