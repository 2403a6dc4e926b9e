import type {ApiFormat} from '../../../core/api-format.js';
import {type Finding, hasError} from '../../../core/findings.js';
import type {CredentialStyle, SecretStorage} from '../draft.js';
import {withTokenHeaders} from '../gateway-choice.js';
import {choose, hint, type KeyHint, quit} from '../hints.js';
import {credentialFindings} from '../validation.js';
import {currentDraft, goTo, move as moveIn, type Step, withEndpoint, type WizardState} from '../state.js';
import {focusedField} from '../text-editing.js';
import {lastEndpointPart} from './endpoint.js';
import {withProbe} from './probe.js';

/*
The credential step asks in turn (`credentialPart`): the style (bearer, x-api-key, a helper, none), the secret or
the helper command, and where the secret is kept.
*/

export const credentialStyles: readonly CredentialStyle[] = ['bearer', 'x-api-key', 'helper', 'none'];

/** The styles a format takes: Claude Code sends a Bedrock gateway its credential as a bearer token only, so no x-api-key there. */
export function credentialStylesFor(api: ApiFormat): readonly CredentialStyle[] {
	return api === 'bedrock' ? credentialStyles.filter(style => style !== 'x-api-key') : credentialStyles;
}

export const secretStorages: readonly SecretStorage[] = ['settings', 'secret-file'];

/** On entering the secret field, a secret already there is kept aside and shown masked in brackets: typing replaces it, Enter keeps it. */
function withKeptSecret(state: WizardState): WizardState {
	const {secret, credentialStyle} = state.draft;
	if (secret === '' || credentialStyle === 'helper' || credentialStyle === 'none') {
		return state;
	}

	return {...state, draft: {...state.draft, secret: ''}, keptSecret: secret};
}

/** The kept secret back in the draft, unless a new one was typed. */
function restoreKeptSecret(state: WizardState): WizardState {
	const {keptSecret, ...rest} = state;
	if (keptSecret === undefined) {
		return state;
	}

	return {...rest, draft: state.draft.secret === '' ? {...state.draft, secret: keptSecret} : state.draft};
}

function findings(state: WizardState): Finding[] {
	return state.credential.part === 'style' && state.draft.credentialStyle !== 'none' ? [] : credentialFindings(currentDraft(state));
}

function confirm(state: WizardState): WizardState {
	const {draft} = state;
	const toHeaders = (next: WizardState) => withProbe(goTo(next, 'headers', {headers: {index: next.draft.headers.length === 0 ? 0 : next.draft.headers.length + 1}}));
	switch (state.credential.part) {
		case 'style': {
			if (draft.credentialStyle === 'none') {
				return toHeaders(state);
			}

			return withKeptSecret({...state, credential: {part: 'secret'}});
		}

		case 'secret': {
			if (hasError(findings(state))) {
				return state;
			}

			if (draft.credentialStyle === 'helper') {
				return toHeaders(state);
			}

			const kept = restoreKeptSecret(state);
			const filled = state.endpoint.preset === undefined ? kept.draft : withTokenHeaders(state.endpoint.preset, kept.draft, state.endpoint.fields);
			return {...kept, draft: filled, credential: {part: 'storage'}, reveal: false};
		}

		case 'storage': {
			return toHeaders(state);
		}
	}
}

function back(state: WizardState): WizardState {
	if (state.credential.part === 'storage') {
		return withKeptSecret({...state, credential: {part: 'secret'}});
	}

	if (state.credential.part === 'secret') {
		return {...restoreKeptSecret(state), credential: {part: 'style'}, reveal: false};
	}

	return goTo(withEndpoint(state, {part: lastEndpointPart(state.draft)}), 'endpoint');
}

function move(state: WizardState, delta: number): WizardState {
	if (state.credential.part === 'style') {
		const style = moveIn(credentialStylesFor(state.draft.api), state.draft.credentialStyle, delta);
		// Another style is another secret: its field starts empty, never with the old one's text.
		return style === state.draft.credentialStyle ? state : {...state, draft: {...state.draft, credentialStyle: style, secret: '', helper: ''}, keptSecret: undefined, touched: new Set()};
	}

	if (state.credential.part === 'storage') {
		return {...state, draft: {...state.draft, secretStorage: moveIn(secretStorages, state.draft.secretStorage, delta)}};
	}

	return state;
}

function hints(state: WizardState): KeyHint[] {
	if (state.credential.part !== 'secret') {
		return [choose, hint('confirm', 'continue'), hint('back', 'back'), quit];
	}

	return [
		hint('confirm', state.keptSecret !== undefined && state.draft.secret === '' ? 'keep it' : 'continue'),
		...(focusedField(state) === 'secret' ? [hint('reveal', state.reveal ? 'hide' : 'reveal')] : []),
		hint('clear', 'clear'),
		hint('back', 'back'),
		quit,
	];
}

export const credentialStep: Step = {
	confirm,
	back,
	move,
	keys: {},
	findings,
	hints,
};
