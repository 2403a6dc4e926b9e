import type {Preset} from '../../core/presets.js';
import {fieldExamples, urlPrompts} from './frame-text.js';
import {characterCount, editField, type TextEdit} from './text-buffer.js';
import type {ModelField} from './validation.js';
import {withEndpoint, withHeaders, type WizardState} from './state.js';

/*
Typing in the wizard's text fields, for every step: which field has the focus, its text, an edit applied to it.
One place, so a change to how fields are edited is made here and not in each step. The state holds the text and
the cursor; the field (components/TextField.tsx, ink-text-input wrapped) only draws them.
*/

/** The text fields: which one has the focus decides whether letters are text or commands. */
export type TextFieldName = 'gatewayFilter' | 'presetField' | 'baseUrl' | 'region' | 'project' | 'secret' | 'helper' | 'headerName' | 'headerValue' | ModelField;

export function focusedField(state: WizardState): TextFieldName | undefined {
	switch (state.step) {
		case 'endpoint': {
			switch (state.endpoint.part) {
				case 'gateway': {
					return 'gatewayFilter';
				}

				case 'field': {
					return 'presetField';
				}

				case 'format': {
					return undefined;
				}

				case 'url': {
					return 'baseUrl';
				}

				default: {
					return state.endpoint.part;
				}
			}
		}

		case 'credential': {
			if (state.credential.part !== 'secret') {
				return undefined;
			}

			return state.draft.credentialStyle === 'helper' ? 'helper' : 'secret';
		}

		case 'headers': {
			if (!state.headers.edit) {
				return undefined;
			}

			return state.headers.edit.part === 'name' ? 'headerName' : 'headerValue';
		}

		case 'models': {
			return state.models.row === 'discovery' ? undefined : state.models.row;
		}

		default: {
			return undefined;
		}
	}
}

/** The preset's template field being asked. */
export function askedField(state: WizardState): Preset['fields'][number] | undefined {
	return state.endpoint.preset?.fields[state.endpoint.fieldIndex];
}

export function fieldText(state: WizardState, field: TextFieldName): string {
	switch (field) {
		case 'headerName': {
			return state.headers.edit?.name ?? '';
		}

		case 'headerValue': {
			return state.headers.edit?.value ?? '';
		}

		case 'gatewayFilter': {
			return state.endpoint.filter;
		}

		case 'presetField': {
			return state.endpoint.fields[askedField(state)?.name ?? ''] ?? '';
		}

		default: {
			return state.draft[field];
		}
	}
}

export function withFieldText(state: WizardState, field: TextFieldName, text: string): WizardState {
	if (field === 'headerName' || field === 'headerValue') {
		const edit = state.headers.edit!;
		const colon = text.indexOf(':');
		// A colon cannot be in a name: it ends it, and what follows (a pasted "Name: Value" line) goes to the value.
		if (field === 'headerName' && colon !== -1) {
			const rest = text.slice(colon + 1).trimStart();
			return withHeaders(state, {edit: {...edit, name: text.slice(0, colon).trim(), value: rest === '' ? edit.value : rest, part: 'value'}});
		}

		return withHeaders(state, {edit: field === 'headerName' ? {...edit, name: text} : {...edit, value: text}});
	}

	if (field === 'gatewayFilter') {
		// Another filter is another list: the highlight goes back to its top.
		return withEndpoint(state, {filter: text, index: 0});
	}

	if (field === 'presetField') {
		return withEndpoint(state, {fields: {...state.endpoint.fields, [askedField(state)!.name]: text}});
	}

	return {...state, draft: {...state.draft, [field]: text}};
}

/** The focused field's cursor and whether its last edit left something out (undefined when no field has the focus). */
export function focusedEdit(state: WizardState): {cursor: number; refused: boolean} | undefined {
	const field = focusedField(state);
	if (field === undefined) {
		return undefined;
	}

	const text = fieldText(state, field);
	const last = state.fieldEdit;
	// A text put there otherwise (Tab took a fix, a model ID was picked, another field has the focus): cursor at its end.
	return last?.field === field && last.text === text ? {cursor: last.cursor, refused: last.refused} : {cursor: characterCount(text), refused: false};
}

/** An edit of the focused field, at its cursor; none has the focus on a step that asks for a choice. */
export function edit(state: WizardState, textEdit: TextEdit): WizardState {
	if (state.blocked) {
		return edit({...state, blocked: false}, textEdit);
	}

	const field = focusedField(state);
	const before = focusedEdit(state);
	if (field === undefined || before === undefined) {
		return state;
	}

	const after = editField({text: fieldText(state, field), ...before}, textEdit);
	return {...withFieldText(state, field, after.text), touched: new Set([...state.touched, field]), fieldEdit: {field, ...after}};
}

/** Ctrl+R shows or hides a secret being typed: the token, a header's value, a preset's secret field. */
export function toggleReveal(state: WizardState): WizardState {
	const field = focusedField(state);
	const secretField = field === 'secret' || field === 'headerValue' || (field === 'presetField' && askedField(state)?.secret === true);
	return secretField ? {...state, reveal: !state.reveal} : state;
}

/** An empty field the user has not typed in yet shows no error, unless Enter was refused. */
export function quietField(state: WizardState): boolean {
	const field = focusedField(state);
	return field !== undefined && !state.blocked && !state.touched.has(field) && fieldText(state, field) === '';
}

/** What the focused field shows while it is empty, as an example of a value (not one): undefined where it shows none. */
export function fieldExample(state: WizardState): string | undefined {
	const field = focusedField(state);
	if (field === 'baseUrl') {
		return urlPrompts[state.draft.api].placeholder;
	}

	return field !== undefined && Object.hasOwn(fieldExamples, field) ? fieldExamples[field as keyof typeof fieldExamples] : undefined;
}

/** Enter on an empty field that shows an example: what to do, since the example can look like a value. */
export function emptyExampleLine(state: WizardState): string | undefined {
	const field = focusedField(state);
	const example = fieldExample(state);
	return field === undefined || example === undefined || fieldText(state, field) !== '' ? undefined : `Nothing is typed yet: ${example} is only an example; type the value.`;
}
