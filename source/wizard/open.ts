import path from 'node:path';
import type {CommandContext} from '../app/context.js';
import {withoutCi} from './hide-ci.js';
import {initialState} from './reducer.js';
import type {WizardOptions} from './services.js';
import {loadSetup} from './setup.js';

/**
`ccgate` alone: the wizard, whenever stdin and stdout are terminals (whatever `CI` says).
This half is CommonJS, loaded by the entry before any ES module: it reads the setup and draws the first frame
(./first-frame.ts) while Node's ES-module loader, React, Ink and yoga are still to come; the ES-module half
(./start.ts) then runs Ink in its place, from the Ink half beside this file (dist/wizard-ink.js, ./ink-half.ts).
*/
export async function openWizard(options: WizardOptions, context: CommandContext): Promise<number> {
	if (!context.isTerminal) {
		context.stderr('error: The ccgate wizard needs a terminal; without one, use ccgate write (with --base-url and a credential) or ccgate print.\n');
		return 2;
	}

	const setup = loadSetup(options, context);
	const {paintFirstFrame} = await withoutCi(async () => import('./first-frame.js'));
	const painted = paintFirstFrame(initialState(setup), process.stdout, process.stdin);
	const {startWizard} = await import('../commands/wizard.js');
	// eslint-disable-next-line unicorn/prefer-module -- this half is built as CommonJS, into the folder of the Ink half.
	return startWizard(options, context, setup, {painted, inkHalf: path.join(__dirname, 'wizard-ink.js')});
}
