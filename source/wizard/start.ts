import type {CommandContext} from '../commands/context.js';
import {type Flags, timeoutFlag} from '../commands/flags.js';
import {defaultServices} from './default-services.js';
import {loadSetup} from './setup.js';

/** Exit code when the user leaves with Ctrl+C: 128 + SIGINT, as a shell reports an interrupted command. */
export const cancelledExitCode = 130;

/**
Ink reads `CI` once, when it loads, and then draws nothing until exit. ccgate gates on the terminal alone, so the
variables are hidden while Ink's chunk loads and put back right after (child processes still see them).
The global `fetch` is hidden too: Ink's layout engine (yoga) loads its WebAssembly through fetch when there is
one, and Node's fetch costs some 30 ms to set up; without it yoga decodes its inlined binary directly.
*/
async function importInteractiveInk(): Promise<typeof import('./run-app.js')> {
	const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await import('./run-app.js');
	} finally {
		if (fetchProperty) {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}

		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) {
				process.env[name] = value;
			}
		}
	}
}

/** The wizard: read the current config, run the Ink app, and hand back an exit code. */
export async function startWizard(flags: Flags, context: CommandContext): Promise<number> {
	const setup = loadSetup(flags, context);
	const services = defaultServices(setup, context, {timeoutMs: timeoutFlag(flags)});
	const {runApp} = await importInteractiveInk();
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
}
