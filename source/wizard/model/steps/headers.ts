import {type Finding, hasError} from '../../../core/findings.js';
import {parseHeader} from '../../../core/headers.js';
import {isSecretHeaderName} from '../../../core/mask.js';
import {hint, type KeyHint, quit} from '../hints.js';
import {keyLabels} from '../keys.js';
import {headerLineFindings, headersFindings} from '../validation.js';
import {clampIndex, goTo, headerEditLine, type Step, withHeaders, type WizardState} from '../state.js';
import {withProbe} from './probe.js';

/*
The headers step: a list of the gateway's custom headers, then "Add" and "Continue". Enter on a header edits it
(`headers.edit`) as two fields, its name then its value, so that only a credential-like value is masked; d removes it.
*/

function findings(state: WizardState): Finding[] {
	const {draft} = state;
	const headerEdit = state.headers.edit;
	if (headerEdit) {
		const others = draft.headers.filter((_, index) => index !== headerEdit.index);
		const line = headerEditLine(headerEdit);
		return line === '' ? [] : headerLineFindings(line, others);
	}

	return headersFindings(draft.headers);
}

function confirm(state: WizardState): WizardState {
	const {draft} = state;
	const headerEdit = state.headers.edit;
	const headers = draft.headers;
	if (headerEdit) {
		if (headerEdit.name.trim() === '' && headerEdit.value.trim() === '') {
			return {...withHeaders(state, {edit: undefined}), reveal: false};
		}

		if (headerEdit.part === 'name') {
			return withHeaders(state, {edit: {...headerEdit, part: 'value'}});
		}

		if (hasError(findings(state))) {
			return state;
		}

		const header = parseHeader(headerEditLine(headerEdit));
		const next = headerEdit.index === undefined ? [...headers, header] : headers.map((old, index) => (index === headerEdit.index ? header : old));
		return {...state, draft: {...draft, headers: next}, headers: {index: next.length + 1}, reveal: false};
	}

	if (state.headers.index < headers.length) {
		const header = headers[state.headers.index]!;
		return withHeaders(state, {edit: {index: state.headers.index, name: header.name, value: header.value, part: 'name'}});
	}

	if (state.headers.index === headers.length) {
		return withHeaders(state, {edit: {name: '', value: '', part: 'name'}});
	}

	if (hasError(headersFindings(headers))) {
		return state;
	}

	return withProbe(goTo(state, 'models', {models: {row: 'model'}}));
}

function back(state: WizardState): WizardState {
	if (state.headers.edit?.part === 'value') {
		return {...withHeaders(state, {edit: {...state.headers.edit, part: 'name'}}), reveal: false};
	}

	if (state.headers.edit) {
		return {...withHeaders(state, {edit: undefined}), reveal: false};
	}

	const style = state.draft.credentialStyle;
	return goTo(state, 'credential', {credential: {part: style === 'none' ? 'style' : (style === 'helper' ? 'secret' : 'storage')}});
}

function remove(state: WizardState): WizardState {
	if (state.headers.edit || state.headers.index >= state.draft.headers.length) {
		return state;
	}

	const headers = state.draft.headers.filter((_, index) => index !== state.headers.index);
	return {...state, draft: {...state.draft, headers}, headers: {index: clampIndex(state.headers.index, headers.length + 2)}};
}

function hints(state: WizardState): KeyHint[] {
	if (state.headers.edit) {
		if (state.headers.edit.part === 'name') {
			return [hint('confirm', 'to the value'), hint('back', 'cancel'), quit];
		}

		const secret = isSecretHeaderName(state.headers.edit.name);
		return [hint('confirm', 'save'), ...(secret ? [hint('reveal', state.reveal ? 'hide' : 'reveal')] : []), hint('back', 'to the name'), quit];
	}

	const onHeader = state.headers.index < state.draft.headers.length;
	const onAdd = state.headers.index === state.draft.headers.length;
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
	move: (state, delta) => (state.headers.edit ? state : withHeaders(state, {index: clampIndex(state.headers.index + delta, state.draft.headers.length + 2)})),
	keys: {remove},
	findings,
	hints,
};
