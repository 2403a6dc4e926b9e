import {hasError} from '../core/findings.js';
import {isSecretHeaderName} from '../core/mask.js';
import {type Command, keyLabels} from './keys.js';
import {askedField, canUseSecretFile, focusedField, opensOnCurrent, probeModels, shownFix, type WizardState} from './reducer.js';

/** One entry of the bottom line: the key and what it does here. */
export type KeyHint = {readonly key: string; readonly action: string};

function hint(command: Command | 'clear', action: string): KeyHint {
	return {key: keyLabels[command], action};
}

const choose: KeyHint = {key: `${keyLabels.up}${keyLabels.down}`, action: 'choose'};

/** Why the last Enter did nothing, said until the next key; undefined when it was not refused. */
export function blockedLine(state: WizardState): string | undefined {
	if (!state.blocked) {
		return undefined;
	}

	const {probe, review} = state;
	switch (state.step) {
		case 'probe': {
			if (probe.status === 'running') {
				return 'The probe is still running: Enter continues once it has answered.';
			}

			return 'The gateway is not usable: press r to probe again, Esc to go back, or y to go on anyway.';
		}

		case 'review': {
			if (review.status === 'planned' || review.status === 'plan-failed') {
				return canUseSecretFile(state) ? 'Nothing is written while the ✗ above holds: press s, or Esc to go back.' : 'Nothing is written while the ✗ above holds: press Esc to go back and change it.';
			}

			return 'Still working out the change: Enter writes once it is shown.';
		}

		default: {
			return 'Enter continues once the ✗ above is fixed.';
		}
	}
}

/** The keys that work on this step, as the bottom line shows them. */
export function keyHints(state: WizardState): KeyHint[] {
	const field = focusedField(state);
	const hints: KeyHint[] = [];
	switch (state.step) {
		case 'current': {
			hints.push(choose, hint('confirm', 'continue'));
			break;
		}

		case 'endpoint': {
			if (state.endpointPart === 'gateway' || state.endpointPart === 'format') {
				hints.push(choose, hint('confirm', 'continue'));
				if (state.endpointPart === 'gateway') {
					hints.push(hint('clear', 'clear'));
				}
			} else {
				if (shownFix(state) !== undefined) {
					hints.push(hint('next-model', 'use the fix'));
				}

				hints.push(hint('confirm', 'continue'), hint('clear', 'clear'));
				if (state.endpointPart === 'field' && askedField(state)?.secret === true) {
					hints.push(hint('reveal', state.reveal ? 'hide' : 'reveal'));
				}
			}

			// Esc goes back wherever there is a question before this one.
			if (opensOnCurrent(state.setup) || (state.endpointPart !== 'gateway' && (state.gatewayAsked || state.endpointPart !== 'format'))) {
				hints.push(hint('back', 'back'));
			}

			break;
		}

		case 'credential': {
			if (state.credentialPart === 'secret') {
				hints.push(hint('confirm', state.keptSecret !== undefined && state.draft.secret === '' ? 'keep it' : 'continue'));
				if (field === 'secret') {
					hints.push(hint('reveal', state.reveal ? 'hide' : 'reveal'));
				}

				hints.push(hint('clear', 'clear'));
			} else {
				hints.push(choose, hint('confirm', 'continue'));
			}

			hints.push(hint('back', 'back'));
			break;
		}

		case 'headers': {
			if (state.headerEdit) {
				hints.push(hint('confirm', 'save'));
				if (isSecretHeaderName(state.headerEdit.text.split(':')[0] ?? '')) {
					hints.push(hint('reveal', state.reveal ? 'hide' : 'reveal'));
				}

				hints.push(hint('back', 'cancel'));
				break;
			}

			const onHeader = state.headerIndex < state.draft.headers.length;
			const onAdd = state.headerIndex === state.draft.headers.length;
			hints.push({key: `${keyLabels.up}${keyLabels.down}`, action: 'select'}, hint('confirm', onHeader ? 'edit' : (onAdd ? 'add' : 'continue')));
			if (onHeader) {
				hints.push(hint('remove', 'remove'));
			}

			hints.push(hint('back', 'back'));
			break;
		}

		case 'models': {
			hints.push({key: `${keyLabels.up}${keyLabels.down}`, action: 'field'});
			if (field !== undefined && probeModels(state).length > 0) {
				hints.push(hint('next-model', 'next gateway model'));
			}

			if (state.modelRow === 'discovery') {
				hints.push(hint('toggle', 'turn on/off'));
			}

			hints.push(hint('confirm', 'continue'), hint('back', 'back'));
			break;
		}

		case 'probe': {
			const {probe} = state;
			if (probe.status !== 'running') {
				if (probe.status === 'done' && !probe.report.usable) {
					hints.push(hint('accept-unusable', 'continue anyway'));
				} else {
					hints.push(hint('confirm', 'continue'));
				}
			}

			if (probe.status !== 'idle') {
				hints.push(hint('rerun', 'probe again'));
			}

			hints.push(hint('back', 'back'));
			break;
		}

		case 'target': {
			hints.push(choose, hint('confirm', 'review'), hint('back', 'back'));
			break;
		}

		case 'review': {
			const {review} = state;
			if (review.status === 'planned' && !hasError(review.change.findings)) {
				hints.push(hint('confirm', review.change.kind === 'print' ? 'print' : 'write'));
			}

			if (canUseSecretFile(state)) {
				hints.push(hint('secret-file', 'secret file instead'));
			}

			hints.push(hint('back', 'back'));
			break;
		}

		case 'done': {
			return [hint('confirm', 'exit')];
		}
	}

	hints.push(hint('cancel', 'quit, nothing written'));
	return hints;
}
