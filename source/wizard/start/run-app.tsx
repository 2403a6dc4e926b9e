import {render} from 'ink';
import {App} from '../view/App.js';
import type {WizardResult, WizardServices, WizardSetup} from '../model/services.js';
import {TerminalOut} from '../terminal-out.js';

/** Render the wizard on the terminal and resolve with how it ended. */
export async function runApp(setup: WizardSetup, services: WizardServices): Promise<WizardResult> {
	// Ctrl+C is a key like any other here: the reducer ends the wizard with nothing written.
	// Ink's default of 30 frames a second holds a frame back until 34 ms after the last update, and one key is
	// several updates (the field, then the step): a typed key showed 34 ms late. The wizard redraws on keys and a
	// spinner at 10 a second, nothing faster, so the limit only ever merges the updates of one key.
	const terminal = new TerminalOut(process.stdout);
	// Ink writes to any stream that has write(), columns, rows and resize events (./terminal-out.ts).
	const instance = render(<App setup={setup} services={services}/>, {stdout: terminal as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: 1000});
	try {
		const result = await instance.waitUntilExit() as WizardResult | undefined;
		return result ?? {kind: 'cancelled'};
	} finally {
		terminal.close();
	}
}
