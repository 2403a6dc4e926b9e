import type {CommandContext} from '../commands/context.js';
import {type Flags, timeoutFlag} from '../commands/flags.js';
import {defaultServices} from './default-services.js';
import type {PaintedFrame} from './first-frame.js';
import {withoutCi} from './hide-ci.js';
import type {WizardSetup} from './services.js';

/** Exit code when the user leaves with Ctrl+C: 128 + SIGINT, as a shell reports an interrupted command. */
export const cancelledExitCode = 130;

/**
Load Ink with `CI` hidden (./hide-ci.ts). The global `fetch` is hidden too: Ink's layout engine (yoga) loads its
WebAssembly through fetch when there is one, and Node's fetch costs some 30 ms to set up; without it yoga decodes
its inlined binary directly.
*/
async function importInteractiveInk(): Promise<typeof import('./run-app.js')> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await withoutCi(async () => import('./run-app.js'));
	} finally {
		if (fetchProperty) {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}
	}
}

/** The wizard from its setup (and the first frame, when ./open.ts drew one): run the Ink app, hand back an exit code. */
export async function startWizard(flags: Flags, context: CommandContext, setup: WizardSetup, painted: PaintedFrame | undefined): Promise<number> {
	const services = defaultServices(setup, context, {timeoutMs: timeoutFlag(flags)});
	const {runApp} = await importInteractiveInk();
	const result = await runApp(setup, services, painted);
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
