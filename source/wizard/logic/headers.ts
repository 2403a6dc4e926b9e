import {type Finding, hasError} from '../../core/findings.js';
import {parseHeader} from '../../core/headers.js';
import {isSecretHeaderName} from '../../core/mask.js';
import {hint, type KeyHint, quit} from '../hints.js';
import {keyLabels} from '../keys.js';
import {headerLineFindings, headersFindings} from '../validation.js';
import {withProbe} from './probe.js';
import {clampIndex, goTo, type Step, type WizardState} from './state.js';
import {cursorAtEnd} from './text-editing.js';

/*
The headers step: a list of the gateway's custom headers, then "Add" and "Continue". Enter on a header edits it as
one `Name: value` line (`headerEdit`), d removes it.
*/

function findings(state: WizardState): Finding[] {
	const {draft, headerEdit} = state;
	if (headerEdit) {
		const others = draft.headers.filter((_, index) => index !== headerEdit.index);
		return headerEdit.text === '' ? [] : headerLineFindings(headerEdit.text, others);
	}

	return headersFindings(draft.headers);
}

function confirm(state: WizardState): WizardState {
	const {draft, headerEdit} = state;
	const headers = draft.headers;
	if (headerEdit) {
		if (headerEdit.text.trim() === '') {
			return {...state, headerEdit: undefined, reveal: false};
		}

		if (hasError(findings(state))) {
			return state;
		}

		const header = parseHeader(headerEdit.text);
		const next = headerEdit.index === undefined ? [...headers, header] : headers.map((old, index) => (index === headerEdit.index ? header : old));
		return {...state, draft: {...draft, headers: next}, headerEdit: undefined, headerIndex: next.length + 1, reveal: false};
	}

	if (state.headerIndex < headers.length) {
		const header = headers[state.headerIndex]!;
		return cursorAtEnd({...state, headerEdit: {index: state.headerIndex, text: `${header.name}: ${header.value}`}});
	}

	if (state.headerIndex === headers.length) {
		return {...state, headerEdit: {text: ''}, cursor: 0};
	}

	if (hasError(headersFindings(headers))) {
		return state;
	}

	return withProbe(goTo(state, 'models', {modelRow: 'model'}));
}

function back(state: WizardState): WizardState {
	if (state.headerEdit) {
		return {...state, headerEdit: undefined, reveal: false};
	}

	const style = state.draft.credentialStyle;
	return goTo(state, 'credential', {credentialPart: style === 'none' ? 'style' : (style === 'helper' ? 'secret' : 'storage')});
}

function remove(state: WizardState): WizardState {
	if (state.headerEdit || state.headerIndex >= state.draft.headers.length) {
		return state;
	}

	const headers = state.draft.headers.filter((_, index) => index !== state.headerIndex);
	return {...state, draft: {...state.draft, headers}, headerIndex: clampIndex(state.headerIndex, headers.length + 2)};
}

function hints(state: WizardState): KeyHint[] {
	if (state.headerEdit) {
		const secret = isSecretHeaderName(state.headerEdit.text.split(':')[0] ?? '');
		return [hint('confirm', 'save'), ...(secret ? [hint('reveal', state.reveal ? 'hide' : 'reveal')] : []), hint('back', 'cancel'), quit];
	}

	const onHeader = state.headerIndex < state.draft.headers.length;
	const onAdd = state.headerIndex === state.draft.headers.length;
	return [
		{key: `${keyLabels.up}${keyLabels.down}`, action: 'select'},
		hint('confirm', onHeader ? 'edit' : (onAdd ? 'add' : 'continue')),
		...(onHeader ? [hint('remove', 'remove')] : []),
		hint('back', 'back'),
		quit,
	];
}

export const headersStep: Step = {
	confirm,
	back,
	move: (state, delta) => (state.headerEdit ? state : {...state, headerIndex: clampIndex(state.headerIndex + delta, state.draft.headers.length + 2)}),
	keys: {remove},
	findings,
	hints,
};
