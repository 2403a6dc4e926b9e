import {type Finding, hasError} from '../../../core/findings.js';
import {hint, type KeyHint, quit} from '../hints.js';
import {keyLabels} from '../keys.js';
import {discoveryFindings, modelFields, modelFindings} from '../validation.js';
import {goTo, type ModelRow, move, type Step, type WizardState} from '../state.js';
import {fieldText, focusedField, quietField, withFieldText} from '../text-editing.js';
import {probeModels, withProbe} from './probe.js';

/*
The models step: the model fields, each with the gateway's model IDs from the probe to pick from (Tab), and
whether Claude Code discovers the gateway's models itself.
*/

/**
Is the extra /model entry (ANTHROPIC_CUSTOM_MODEL_OPTION) offered? Where the gateway's models are not Claude models
(the chosen gateway says so, or the probe found models discovery leaves out), or one is set already: discovery
lists only Claude models, so such a model is in /model only this way.
*/
export function customModelOffered(state: WizardState): boolean {
	const hidden = state.probe.status === 'done' ? state.probe.report.models?.hidden.length ?? 0 : 0;
	return state.endpoint.preset?.claudeModels === false || hidden > 0 || state.draft.customModel !== '' || state.draft.customModelName !== '';
}

/** The model fields the step shows, in order. */
export function shownModelFields(state: WizardState): Array<(typeof modelFields)[number]> {
	return modelFields.filter(entry => customModelOffered(state) || (entry.field !== 'customModel' && entry.field !== 'customModelName'));
}

export function modelRows(state: WizardState): ModelRow[] {
	return [...shownModelFields(state).map(entry => entry.field), 'discovery'];
}

function findings(state: WizardState): Finding[] {
	const {draft} = state;
	return [...modelFields.flatMap(entry => modelFindings(entry.field, draft[entry.field])), ...discoveryFindings(draft)];
}

/**
The step's findings by where they show: the focused field's own errors under it (a short terminal keeps them in sight
with the field), the rest below the fields. None while the focused field is quiet, as every step's.
*/
export function placedModelFindings(state: WizardState): {readonly underField: Finding[]; readonly rest: Finding[]} {
	const {draft} = state;
	const underField: Finding[] = [];
	const rest: Finding[] = [];
	if (quietField(state)) {
		return {underField, rest};
	}

	for (const entry of modelFields) {
		for (const finding of modelFindings(entry.field, draft[entry.field])) {
			(entry.field === state.models.row && finding.level === 'error' ? underField : rest).push(finding);
		}
	}

	rest.push(...discoveryFindings(draft));
	return {underField, rest};
}

function confirm(state: WizardState): WizardState {
	if (hasError(findings(state))) {
		return state;
	}

	return withProbe(goTo(state, 'probe'));
}

/** Tab goes through the IDs holding what is typed (as the list shows them), or through all once one is picked. */
function nextModel(state: WizardState): WizardState {
	const field = focusedField(state);
	const models = probeModels(state);
	if (field === undefined || field === 'headerName' || field === 'headerValue' || models.length === 0) {
		return state;
	}

	const text = fieldText(state, field);
	const matches = models.includes(text) ? models : models.filter(id => id.toLowerCase().includes(text.toLowerCase()));
	if (matches.length === 0) {
		return state;
	}

	const next = matches[(matches.indexOf(text) + 1) % matches.length]!;
	return withFieldText(state, field, next);
}

function hints(state: WizardState): KeyHint[] {
	const hints: KeyHint[] = [{key: `${keyLabels.up}${keyLabels.down}`, action: 'field'}];
	if (focusedField(state) !== undefined && probeModels(state).length > 0) {
		hints.push(hint('next-model', 'next gateway model'));
	}

	if (state.models.row === 'discovery') {
		hints.push(hint('toggle', 'turn on/off'));
	}

	return [...hints, hint('confirm', 'continue'), hint('back', 'back'), quit];
}

export const modelsStep: Step = {
	confirm,
	back: state => goTo(state, 'headers', {headers: {index: state.draft.headers.length + 1}}),
	move: (state, delta) => ({...state, models: {row: move(modelRows(state), state.models.row, delta)}}),
	keys: {
		'next-model': nextModel,
		toggle: state => (state.models.row === 'discovery' ? {...state, draft: {...state.draft, discovery: !state.draft.discovery}} : state),
	},
	findings,
	hints,
};
