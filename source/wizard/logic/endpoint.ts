import {apiFormats, type ApiFormat, cloudKeys} from '../../core/api-format.js';
import {type Finding, hasError} from '../../core/findings.js';
import {presetNotice} from '../../core/presets.js';
import {type Draft, emptyDraft} from '../draft.js';
import {gatewayChoices, presetDraft} from '../gateway-choice.js';
import {choose, hint, type KeyHint, quit} from '../hints.js';
import {endpointFindings, formatFieldFindings, normalizedBaseUrl} from '../validation.js';
import {opensOnCurrent} from './current.js';
import {withProbe} from './probe.js';
import {clampIndex, type EndpointPart, goTo, move as moveIn, type Step, type WizardState} from './state.js';
import {askedField, fieldText, quietField} from './text-editing.js';

/*
The endpoint step asks in turn (`endpointPart`): which gateway (a fresh start), the chosen preset's template
fields, the API format (any other gateway), the base URL, and for Bedrock and Vertex the region and the project.
*/

function findings(state: WizardState): Finding[] {
	const {draft} = state;
	switch (state.endpointPart) {
		case 'url': {
			return endpointFindings(draft.baseUrl, draft.api);
		}

		case 'region':
		case 'project': {
			return formatFieldFindings(draft, state.endpointPart);
		}

		case 'field': {
			const field = askedField(state);
			return field !== undefined && fieldText(state, 'presetField').trim() === '' ? [{code: 'preset-field-empty', level: 'error', message: `${state.preset!.name} needs ${field.description} here`, fix: 'type it, or press Esc to choose another gateway'}] : [];
		}

		default: {
			return [];
		}
	}
}

/** The value a fix under the base URL names (`use http://localhost:8766`): Tab puts it in the field. */
function shownFix(state: WizardState): string | undefined {
	if (state.endpointPart !== 'url' || quietField(state)) {
		return undefined;
	}

	return findings(state).find(finding => finding.suggestion !== undefined)?.suggestion;
}

function useFix(state: WizardState): WizardState {
	const fix = shownFix(state);
	return fix === undefined ? state : {...state, draft: {...state.draft, baseUrl: fix}, touched: new Set([...state.touched, 'baseUrl'])};
}

function toEndpointPart(state: WizardState, part: EndpointPart): WizardState {
	return {...state, endpointPart: part, touched: new Set(), reveal: false};
}

function toCredential(state: WizardState): WizardState {
	return withProbe(goTo(state, 'credential', {credentialPart: 'style', notice: undefined}));
}

/** The endpoint's last question for the draft's format, where Esc from the credential step goes back to. */
export function lastEndpointPart(draft: Draft): EndpointPart {
	return draft.api === 'vertex' ? 'project' : (draft.api === 'bedrock' ? 'region' : 'url');
}

function confirmGateway(state: WizardState): WizardState {
	const choice = gatewayChoices(state.gatewayFilter)[state.gatewayIndex];
	if (choice === undefined) {
		return state;
	}

	if (choice.preset === undefined) {
		// Chosen from the list, any gateway starts from empty fields, as a fresh start does.
		return toEndpointPart({...state, preset: undefined, presetFields: {}, notice: undefined, draft: emptyDraft}, 'format');
	}

	const {preset} = choice;
	const notice = presetNotice(preset);
	const next: WizardState = {...state, preset, presetFields: {}, fieldIndex: 0, draft: presetDraft(preset, emptyDraft, {}), notice};
	return toEndpointPart(next, preset.fields.length > 0 ? 'field' : 'url');
}

function confirmPresetField(state: WizardState): WizardState {
	if (hasError(findings(state))) {
		return state;
	}

	const preset = state.preset!;
	const presetFields = {...state.presetFields, [askedField(state)!.name]: fieldText(state, 'presetField').trim()};
	if (state.fieldIndex + 1 < preset.fields.length) {
		return {...state, presetFields, fieldIndex: state.fieldIndex + 1, touched: new Set(), reveal: false};
	}

	return toEndpointPart({...state, presetFields, draft: presetDraft(preset, state.draft, presetFields)}, 'url');
}

function confirm(state: WizardState): WizardState {
	const {draft} = state;
	switch (state.endpointPart) {
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

			return draft.api === 'vertex' && state.endpointPart === 'region' ? toEndpointPart(state, 'project') : toCredential(state);
		}
	}
}

function back(state: WizardState): WizardState {
	switch (state.endpointPart) {
		case 'gateway': {
			return opensOnCurrent(state.setup) ? goTo(state, 'current') : state;
		}

		case 'field': {
			return state.fieldIndex > 0 ? {...state, fieldIndex: state.fieldIndex - 1} : toEndpointPart({...state, notice: undefined}, 'gateway');
		}

		case 'format': {
			// Asked after "Other" on a fresh start; first on an edit, whose way back is the current config.
			return state.gatewayAsked ? toEndpointPart(state, 'gateway') : (opensOnCurrent(state.setup) ? goTo(state, 'current') : state);
		}

		case 'url': {
			if (state.preset === undefined) {
				return toEndpointPart(state, 'format');
			}

			return state.preset.fields.length > 0 ? toEndpointPart({...state, fieldIndex: state.preset.fields.length - 1}, 'field') : toEndpointPart({...state, notice: undefined}, 'gateway');
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
	if (state.endpointPart === 'gateway') {
		return {...state, gatewayIndex: clampIndex(state.gatewayIndex + delta, gatewayChoices(state.gatewayFilter).length)};
	}

	if (state.endpointPart === 'format') {
		const api: ApiFormat = moveIn(apiFormats, state.draft.api, delta);
		// Another format has its own region: the one it started with, or its default once confirmed.
		const region = api === state.start.baseline.api ? state.start.baseline.region : '';
		return api === state.draft.api ? state : {...state, draft: {...state.draft, api, region}};
	}

	return state;
}

function hints(state: WizardState): KeyHint[] {
	const hints: KeyHint[] = [];
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
