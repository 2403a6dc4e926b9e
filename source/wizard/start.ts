import type {CommandContext} from '../app/context.js';
import {defaultServices} from './default-services.js';
import type {PaintedFrame} from './first-frame.js';
import {withoutCi} from './hide-ci.js';
import {loadInkHalf} from './ink-half.js';
import type {WizardOptions, WizardSetup} from './services.js';

/** Exit code when the user leaves with Ctrl+C: 128 + SIGINT, as a shell reports an interrupted command. */
export const cancelledExitCode = 130;

/**
Load Ink with `CI` hidden (./hide-ci.ts). The global `fetch` is hidden too: Ink's layout engine (yoga) loads its
WebAssembly through fetch when there is one, and Node's fetch costs some 30 ms to set up; without it yoga decodes
its inlined binary directly.
A timer holds the event loop open meanwhile. Yoga compiles its WebAssembly asynchronously, and while it does no
handle of Node's is active: the loop then ends its turn, and Node waits for every V8 background task (compiling, the
garbage collector's marking) to finish before the loop turns again. Ink drew its first frame inside that wait and
only read the terminal after it, so a key typed early waited 20–60 ms more on Node 20 (seen with strace: the main
thread in NodePlatform::DrainTasks).
*/
async function importInteractiveInk(inkHalf: string): Promise<typeof import('./run-app.js')> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Reflect.deleteProperty(globalThis, 'fetch');
	const keepAlive = setInterval(() => {}, 2 ** 30);
	try {
		return await withoutCi(async () => loadInkHalf(inkHalf));
	} finally {
		clearInterval(keepAlive);
		if (fetchProperty) {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}
	}
}

/** What ./open.ts hands on: the first frame, when it drew one, and the path of the built Ink half (./ink-half.ts). */
export type Opened = {
	readonly painted: PaintedFrame | undefined;
	readonly inkHalf: string;
};

/** The wizard from its setup: run the Ink app in place of the first frame, hand back an exit code. */
export async function startWizard(options: WizardOptions, context: CommandContext, setup: WizardSetup, {painted, inkHalf}: Opened): Promise<number> {
	const services = defaultServices(setup, context, {timeoutMs: options.timeoutMs});
	const {runApp} = await importInteractiveInk(inkHalf);
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
