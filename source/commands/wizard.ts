import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';

/** `ccgate` alone: the wizard, whenever stdin and stdout are terminals (whatever `CI` says). */
export async function runWizardCommand(flags: Flags, context: CommandContext): Promise<number> {
	if (!context.isTerminal) {
		context.stderr('error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n');
		return 2;
	}

	const {startWizard} = await import('../wizard/start.js');
	return startWizard(flags, context);
}
