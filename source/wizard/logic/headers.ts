import {type Finding, hasError} from '../../core/findings.js';
import {parseHeader} from '../../core/headers.js';
import {isSecretHeaderName} from '../../core/mask.js';
import {hint, type KeyHint, quit} from '../hints.js';
import {keyLabels} from '../keys.js';
import {headerLineFindings, headersFindings} from '../validation.js';
import {withProbe} from './probe.js';
import {clampIndex, goTo, headerEditLine, type Step, type WizardState} from './state.js';

/*
The headers step: a list of the gateway's custom headers, then "Add" and "Continue". Enter on a header edits it
(`headerEdit`) as two fields, its name then its value, so that only a credential-like value is masked; d removes it.
*/

function findings(state: WizardState): Finding[] {
	const {draft, headerEdit} = state;
	if (headerEdit) {
		const others = draft.headers.filter((_, index) => index !== headerEdit.index);
		const line = headerEditLine(headerEdit);
		return line === '' ? [] : headerLineFindings(line, others);
	}

	return headersFindings(draft.headers);
}

function confirm(state: WizardState): WizardState {
	const {draft, headerEdit} = state;
	const headers = draft.headers;
	if (headerEdit) {
		if (headerEdit.name.trim() === '' && headerEdit.value.trim() === '') {
			return {...state, headerEdit: undefined, reveal: false};
		}

		if (headerEdit.part === 'name') {
			return {...state, headerEdit: {...headerEdit, part: 'value'}};
		}

		if (hasError(findings(state))) {
			return state;
		}

		const header = parseHeader(headerEditLine(headerEdit));
		const next = headerEdit.index === undefined ? [...headers, header] : headers.map((old, index) => (index === headerEdit.index ? header : old));
		return {...state, draft: {...draft, headers: next}, headerEdit: undefined, headerIndex: next.length + 1, reveal: false};
	}

	if (state.headerIndex < headers.length) {
		const header = headers[state.headerIndex]!;
		return {...state, headerEdit: {index: state.headerIndex, name: header.name, value: header.value, part: 'name'}};
	}

	if (state.headerIndex === headers.length) {
		return {...state, headerEdit: {name: '', value: '', part: 'name'}};
	}

	if (hasError(headersFindings(headers))) {
		return state;
	}

	return withProbe(goTo(state, 'models', {modelRow: 'model'}));
}

function back(state: WizardState): WizardState {
	if (state.headerEdit?.part === 'value') {
		return {...state, headerEdit: {...state.headerEdit, part: 'name'}, reveal: false};
	}

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
		if (state.headerEdit.part === 'name') {
			return [hint('confirm', 'to the value'), hint('back', 'cancel'), quit];
		}

		const secret = isSecretHeaderName(state.headerEdit.name);
		return [hint('confirm', 'save'), ...(secret ? [hint('reveal', state.reveal ? 'hide' : 'reveal')] : []), hint('back', 'to the name'), quit];
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
