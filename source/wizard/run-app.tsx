import {render} from 'ink';
import {App} from './App.js';
import type {PaintedFrame} from './first-frame.js';
import type {WizardResult, WizardServices, WizardSetup} from './services.js';

/** Render the wizard on the terminal, in place of the first frame drawn before Ink loaded, and resolve with how it ended. */
export async function runApp(setup: WizardSetup, services: WizardServices, painted?: PaintedFrame): Promise<WizardResult> {
	painted?.handOver();
	// Ctrl+C is a key like any other here: the reducer ends the wizard with nothing written.
	const instance = render(<App setup={setup} services={services}/>, {exitOnCtrlC: false, patchConsole: false});
	const result = await instance.waitUntilExit() as WizardResult | undefined;
	return result ?? {kind: 'cancelled'};
}
