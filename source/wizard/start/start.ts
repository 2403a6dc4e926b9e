import type {CommandContext} from '../../app/context.js';
import type {WizardOptions} from '../model/services.js';
import {defaultServices} from './default-services.js';
import {withoutCi} from './hide-ci.js';
import {withoutFetch} from './hide-fetch.js';
import {loadSetup} from './setup.js';

/** Exit code when the user leaves with Ctrl+C: 128 + SIGINT, as a shell reports an interrupted command. */
export const cancelledExitCode = 130;

/**
`ccgate` alone: the wizard, whenever stdin and stdout are terminals (whatever `CI` says). The terminal is put in raw
mode first, before the setup is read and Ink loads: keys typed meanwhile are not echoed (a token typed early never
shows) and wait, in order, for Ink to read them. Ink is loaded with `CI` hidden (./hide-ci.ts) and `fetch` hidden (./hide-fetch.ts), and draws every
screen, the first one included. Hands back an exit code.
*/
export async function openWizard(options: WizardOptions, context: CommandContext): Promise<number> {
	if (!context.isTerminal) {
		context.stderr('error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n');
		return 2;
	}

	process.stdin.setRawMode(true);
	try {
		const setup = loadSetup(options, context);
		const services = defaultServices(setup, context, {timeoutMs: options.timeoutMs});
		const {runApp} = await withoutCi(async () => withoutFetch(async () => import('./run-app.js')));
		const result = await runApp(setup, services);
		switch (result.kind) {
			case 'cancelled': {
				return cancelledExitCode;
			}

			case 'printed': {
				// After Ink has let go of the terminal, so the lines are plain text to copy.
				context.stdout(result.text);
				return 0;
			}

			case 'written': {
				return 0;
			}
		}
	} finally {
		process.stdin.setRawMode(false);
	}
}
