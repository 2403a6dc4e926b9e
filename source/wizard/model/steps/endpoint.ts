import {apiFormats, type ApiFormat, cloudKeys} from '../../../core/api-format.js';
import {type Finding, hasError} from '../../../core/findings.js';
import {presetFieldProblem, presetNotice} from '../../../core/presets.js';
import {type Draft, emptyDraft} from '../draft.js';
import {gatewayChoices, presetDraft} from '../gateway-choice.js';
import {choose, hint, type KeyHint, quit} from '../hints.js';
import {endpointFindings, formatFieldFindings, normalizedBaseUrl} from '../validation.js';
import {clampIndex, type EndpointPart, goTo, move as moveIn, type Step, withEndpoint, type WizardState} from '../state.js';
import {askedField, fieldText, quietField} from '../text-editing.js';
import {opensOnCurrent} from './current.js';
import {withProbe} from './probe.js';

/*
The endpoint step asks in turn (`endpointPart`): which gateway (a fresh start), the chosen preset's template
fields, the API format (any other gateway), the base URL, and for Bedrock and Vertex the region and the project.
*/

function findings(state: WizardState): Finding[] {
	const {draft} = state;
	switch (state.endpoint.part) {
		case 'url': {
			return endpointFindings(draft.baseUrl, draft.api);
		}

		case 'region':
		case 'project': {
			return formatFieldFindings(draft, state.endpoint.part);
		}

		case 'field': {
			const field = askedField(state);
			if (field === undefined) {
				return [];
			}

			const value = fieldText(state, 'presetField');
			if (value.trim() === '') {
				return [{code: 'preset-field-empty', level: 'error', message: `${state.endpoint.preset!.name} needs ${field.description} here`, fix: 'type it, or press Esc to choose another gateway'}];
			}

			const problem = presetFieldProblem(state.endpoint.preset!, field, value);
			return problem ? [problem] : [];
		}

		default: {
			return [];
		}
	}
}

/** The value a fix under the base URL names (`use http://localhost:8766`): Tab puts it in the field. */
function shownFix(state: WizardState): string | undefined {
	if (state.endpoint.part !== 'url' || quietField(state)) {
		return undefined;
	}

	return findings(state).find(finding => finding.suggestion !== undefined)?.suggestion;
}

function useFix(state: WizardState): WizardState {
	const fix = shownFix(state);
	return fix === undefined ? state : {...state, draft: {...state.draft, baseUrl: fix}, touched: new Set([...state.touched, 'baseUrl'])};
}

function toEndpointPart(state: WizardState, part: EndpointPart): WizardState {
	return {...withEndpoint(state, {part}), touched: new Set(), reveal: false};
}

function toCredential(state: WizardState): WizardState {
	return withProbe(goTo(withEndpoint(state, {notice: undefined}), 'credential', {credential: {part: 'style'}}));
}

/** The endpoint's last question for the draft's format, where Esc from the credential step goes back to. */
export function lastEndpointPart(draft: Draft): EndpointPart {
	return draft.api === 'vertex' ? 'project' : (draft.api === 'bedrock' ? 'region' : 'url');
}

function confirmGateway(state: WizardState): WizardState {
	const choice = gatewayChoices(state.endpoint.filter)[state.endpoint.index];
	if (choice === undefined) {
		return state;
	}

	if (choice.preset === undefined) {
		// Chosen from the list, any gateway starts from empty fields, as a fresh start does.
		return toEndpointPart({...withEndpoint(state, {preset: undefined, fields: {}, notice: undefined}), draft: emptyDraft}, 'format');
	}

	const {preset} = choice;
	const notice = presetNotice(preset);
	const next: WizardState = {...withEndpoint(state, {preset, fields: {}, fieldIndex: 0, notice}), draft: presetDraft(preset, emptyDraft, {})};
	return toEndpointPart(next, preset.fields.length > 0 ? 'field' : 'url');
}

function confirmPresetField(state: WizardState): WizardState {
	if (hasError(findings(state))) {
		return state;
	}

	const preset = state.endpoint.preset!;
	const fields = {...state.endpoint.fields, [askedField(state)!.name]: fieldText(state, 'presetField').trim()};
	if (state.endpoint.fieldIndex + 1 < preset.fields.length) {
		return {...withEndpoint(state, {fields, fieldIndex: state.endpoint.fieldIndex + 1}), touched: new Set(), reveal: false};
	}

	return toEndpointPart({...withEndpoint(state, {fields}), draft: presetDraft(preset, state.draft, fields)}, 'url');
}

function confirm(state: WizardState): WizardState {
	const {draft} = state;
	switch (state.endpoint.part) {
		case 'gateway': {
			return confirmGateway(state);
		}

		case 'field': {
			return confirmPresetField(state);
		}

		case 'format': {
			// Bedrock and Vertex need a region: their default until the user gives another.
			const region = draft.api === 'anthropic' || draft.region !== '' ? draft.region : cloudKeys[draft.api].defaultRegion;
			return toEndpointPart({...state, draft: {...draft, region}}, 'url');
		}

		case 'url': {
			const normalized = normalizedBaseUrl(draft);
			if (normalized === undefined) {
				return state;
			}

			const next = {...state, draft: {...draft, baseUrl: normalized}};
			return draft.api === 'anthropic' ? toCredential(next) : toEndpointPart(next, 'region');
		}

		case 'region':
		case 'project': {
			if (hasError(findings(state))) {
				return state;
			}

			return draft.api === 'vertex' && state.endpoint.part === 'region' ? toEndpointPart(state, 'project') : toCredential(state);
		}
	}
}

function back(state: WizardState): WizardState {
	switch (state.endpoint.part) {
		case 'gateway': {
			return opensOnCurrent(state.setup) ? goTo(state, 'current') : state;
		}

		case 'field': {
			return state.endpoint.fieldIndex > 0 ? withEndpoint(state, {fieldIndex: state.endpoint.fieldIndex - 1}) : toEndpointPart(withEndpoint(state, {notice: undefined}), 'gateway');
		}

		case 'format': {
			// Asked after "Other" on a fresh start; first on an edit, whose way back is the current config.
			return state.endpoint.asked ? toEndpointPart(state, 'gateway') : (opensOnCurrent(state.setup) ? goTo(state, 'current') : state);
		}

		case 'url': {
			if (state.endpoint.preset === undefined) {
				return toEndpointPart(state, 'format');
			}

			return state.endpoint.preset.fields.length > 0 ? toEndpointPart(withEndpoint(state, {fieldIndex: state.endpoint.preset.fields.length - 1}), 'field') : toEndpointPart(withEndpoint(state, {notice: undefined}), 'gateway');
		}

		case 'region': {
			return toEndpointPart(state, 'url');
		}

		case 'project': {
			return toEndpointPart(state, 'region');
		}
	}
}

function move(state: WizardState, delta: number): WizardState {
	if (state.endpoint.part === 'gateway') {
		return withEndpoint(state, {index: clampIndex(state.endpoint.index + delta, gatewayChoices(state.endpoint.filter).length)});
	}

	if (state.endpoint.part === 'format') {
		const api: ApiFormat = moveIn(apiFormats, state.draft.api, delta);
		// Another format has its own region: the one it started with, or its default once confirmed.
		const region = api === state.start.baseline.api ? state.start.baseline.region : '';
		return api === state.draft.api ? state : {...state, draft: {...state.draft, api, region}};
	}

	return state;
}

function hints(state: WizardState): KeyHint[] {
	const hints: KeyHint[] = [];
	if (state.endpoint.part === 'gateway' || state.endpoint.part === 'format') {
		hints.push(choose, hint('confirm', 'continue'));
		if (state.endpoint.part === 'gateway') {
			hints.push(hint('clear', 'clear'));
		}
	} else {
		if (shownFix(state) !== undefined) {
			hints.push(hint('next-model', 'use the fix'));
		}

		hints.push(hint('confirm', 'continue'), hint('clear', 'clear'));
		if (state.endpoint.part === 'field' && askedField(state)?.secret === true) {
			hints.push(hint('reveal', state.reveal ? 'hide' : 'reveal'));
		}
	}

	// Esc goes back wherever there is a question before this one.
	if (opensOnCurrent(state.setup) || (state.endpoint.part !== 'gateway' && (state.endpoint.asked || state.endpoint.part !== 'format'))) {
		hints.push(hint('back', 'back'));
	}

	return [...hints, quit];
}

export const endpointStep: Step = {
	confirm,
	back,
	move,
	keys: {'next-model': useFix},
	findings,
	hints,
};
