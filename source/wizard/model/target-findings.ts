import type {Finding} from '../../core/findings.js';
import {shadowingFindings} from '../../core/layers.js';
import {requestKeys} from '../../app/request.js';
import type {WizardState} from './state.js';
import {selectedTarget, writeRequest} from './steps/target.js';

/** What the target step warns about for the selected target: layers above it that set the same keys. */
export function targetFindings(state: WizardState): Finding[] {
	const target = selectedTarget(state);
	return shadowingFindings(target.layer, requestKeys(writeRequest(state, target)), state.setup.layers);
}

/** Notes that hold for a kind of target whatever the values. */
export function targetNotes(state: WizardState): string[] {
	const target = selectedTarget(state);
	const notes: string[] = [];
	if (target.kind !== 'settings') {
		notes.push('Shell variables do not reach Claude Code started from an IDE or a GUI; a settings file does.');
		if (state.draft.secretStorage === 'secret-file' && ['bearer', 'x-api-key'].includes(state.draft.credentialStyle)) {
			notes.push(target.kind === 'shell'
				? 'ccgate\'s secret file is for settings files; a shell profile keeps its variables in a 0600 file of ccgate\'s instead.'
				: 'Printed lines carry the secret itself; ccgate\'s secret file is for settings files.');
		}
	}

	return notes;
}
