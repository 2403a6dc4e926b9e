import {apiFormats, type ApiFormat, cloudKeys} from '../core/api-format.js';
import {type Finding, hasError} from '../core/findings.js';
import {parseHeader} from '../core/headers.js';
import type {ValueRequest} from '../core/plan.js';
import {applyPreset, type Preset, presetNotice} from '../core/presets.js';
import type {ProbeReport} from '../probe/probe.js';
import {type CredentialStyle, type Draft, type DraftField, emptyDraft, type SecretStorage} from './draft.js';
import {type Command, type KeyPress, keyAction, splitKeys} from './keys.js';
import {requestFromDraft} from './request.js';
import type {PlannedChange, TargetOption, WizardResult, WizardSetup, WriteOutcome} from './services.js';
import {currentLines} from './frame-text.js';
import {currentTableRows, maxScroll, reviewDiffRows} from './layout.js';
import {applyEdit, characterCount, type TextEdit} from './text-buffer.js';
import {gatewayChoices, presetDraft, withTokenHeaders} from './gateway-choice.js';
import {credentialFindings, discoveryFindings, endpointFindings, formatFieldFindings, normalizedBaseUrl, headerLineFindings, headersFindings, type ModelField, modelFields, modelFindings, type ProbeInput, probeInputFrom} from './validation.js';

export type StepName = 'current' | 'endpoint' | 'credential' | 'headers' | 'models' | 'probe' | 'target' | 'review' | 'done';

export const stepOrder: readonly StepName[] = ['current', 'endpoint', 'credential', 'headers', 'models', 'probe', 'target', 'review', 'done'];

export const credentialStyles: readonly CredentialStyle[] = ['bearer', 'x-api-key', 'helper', 'none'];

export const secretStorages: readonly SecretStorage[] = ['settings', 'secret-file'];

/**
The endpoint step asks in turn: which gateway (a fresh start), a preset's template fields, the API format (any
other gateway), the base URL, and for Bedrock and Vertex the region and the project.
*/
export type EndpointPart = 'gateway' | 'field' | 'format' | 'url' | 'region' | 'project';

/** The credential step asks three things in turn. */
export type CredentialPart = 'style' | 'secret' | 'storage';

export type ModelRow = ModelField | 'discovery';

export const modelRows: readonly ModelRow[] = [...modelFields.map(entry => entry.field), 'discovery'];

export type CurrentChoice = {readonly kind: 'edit'} | {readonly kind: 'fresh'} | {readonly kind: 'profile'; readonly name: string; readonly active: boolean};

export type ProbeState =
	| {readonly status: 'idle'}
	| {readonly status: 'running'; readonly id: number; readonly input: ProbeInput; /** Date.now() as it started, for the elapsed time on screen. */ readonly startedAt: number}
	| {readonly status: 'done'; readonly id: number; readonly input: ProbeInput; readonly report: ProbeReport};

export type ReviewState =
	| {readonly status: 'idle'}
	| {readonly status: 'planning'; readonly id: number}
	| {readonly status: 'planned'; readonly id: number; readonly change: PlannedChange}
	| {readonly status: 'plan-failed'; readonly id: number; readonly finding: Finding}
	| {readonly status: 'writing'; readonly change: PlannedChange}
	| {readonly status: 'write-failed'; readonly change: PlannedChange; readonly finding: Finding}
	| {readonly status: 'written'; readonly change: PlannedChange; readonly outcome: WriteOutcome};

/** A header line being added (no index) or edited. */
export type HeaderEdit = {readonly index?: number; readonly text: string};

/** What a write is measured against: only fields that differ from `baseline` (or come from the shell alone) are written. */
export type Start = {
	readonly baseline: Draft;
	readonly fromShell: ReadonlySet<DraftField>;
	/** The saved profile the fields were loaded from: written, it becomes the active one, as `profile use` makes it. */
	readonly profile?: string;
};

export type WizardState = {
	readonly setup: WizardSetup;
	readonly step: StepName;
	readonly draft: Draft;
	readonly start: Start;
	/** The cursor in the focused text field. */
	readonly cursor: number;
	/** Show secrets in clear while typing them. */
	readonly reveal: boolean;
	readonly currentIndex: number;
	readonly credentialPart: CredentialPart;
	readonly endpointPart: EndpointPart;
	/** The text that filters the list of gateways, and the highlighted one in the filtered list. */
	readonly gatewayFilter: string;
	readonly gatewayIndex: number;
	/** The known gateway chosen (SPEC §9): the write goes through its rules, as `--preset` does. */
	readonly preset?: Preset;
	/** Its template fields as typed (`account`, `gateway`, …), and the one being asked. */
	readonly presetFields: Readonly<Record<string, string>>;
	readonly fieldIndex: number;
	/** This start asked which gateway (a fresh one): Esc from the format question goes back to that list. */
	readonly gatewayAsked: boolean;
	/** What the user should know about the chosen gateway: said once, on the screen after choosing it. */
	readonly notice?: string;
	/** The headers step's selected row: a header, then "Add", then "Continue". */
	readonly headerIndex: number;
	readonly headerEdit?: HeaderEdit;
	readonly modelRow: ModelRow;
	readonly targetIndex: number;
	readonly probe: ProbeState;
	/** Probe runs started, so a late answer from an older run is ignored. */
	readonly probeRuns: number;
	/** The user chose to go on although the probe found the gateway unusable. */
	readonly acceptUnusable: boolean;
	readonly review: ReviewState;
	readonly reviewRuns: number;
	/** Set once the wizard is over: the app exits with it. */
	readonly result?: WizardResult;
	/** Text fields the user has typed in: an untouched empty field shows no error yet. */
	readonly touched: ReadonlySet<TextFieldName>;
	/** The last Enter was refused: the screen says why until the next key. */
	readonly blocked: boolean;
	/** The secret the file holds, shown as `[sk-a…1234]` while the field is empty: Enter keeps it. */
	readonly keptSecret?: string;
	/** The terminal's size: every frame is drawn to fit it. */
	readonly terminal: TerminalSize;
	/** How far the step's scrolling view (the review's diff, the current-config table) is scrolled, in lines. */
	readonly scroll: number;
};

export type TerminalSize = {readonly rows: number; readonly columns: number};

export type WizardAction =
	/** A key as Ink reported it; the reducer decides whether it is text or a command. */
	| {readonly type: 'key'; readonly input: string; readonly key: KeyPress}
	| {readonly type: 'command'; readonly command: Command}
	| {readonly type: 'edit'; readonly edit: TextEdit}
	| {readonly type: 'probe-finished'; readonly id: number; readonly report: ProbeReport}
	| {readonly type: 'planned'; readonly id: number; readonly change: PlannedChange}
	| {readonly type: 'plan-failed'; readonly id: number; readonly finding: Finding}
	| {readonly type: 'written'; readonly outcome: WriteOutcome}
	| {readonly type: 'write-failed'; readonly finding: Finding}
	| {readonly type: 'terminal'; readonly size: TerminalSize};

/**
The current-config step has something to show: a configured key, one ignored in an untrusted folder, a finding,
or a profile to load. A first-time user has none of these and starts on the endpoint.
*/
export function opensOnCurrent(setup: WizardSetup): boolean {
	const {effective} = setup;
	return effective.keys.length > 0 || effective.untrustedOnly.length > 0 || setup.currentFindings.length > 0 || setup.profiles.length > 0;
}

export function initialState(setup: WizardSetup, terminal?: TerminalSize): WizardState {
	const state = {...openingState(setup), ...(terminal && {terminal})};
	return opensOnCurrent(setup) ? state : goTo({...state, ...startFrom(setup, {kind: 'fresh'})}, 'endpoint', {endpointPart: 'gateway', gatewayAsked: true});
}

function openingState(setup: WizardSetup): WizardState {
	return {
		setup,
		step: 'current',
		draft: setup.baseline,
		start: {baseline: setup.baseline, fromShell: setup.fromShell},
		cursor: 0,
		reveal: false,
		currentIndex: 0,
		credentialPart: 'style',
		endpointPart: 'gateway',
		gatewayFilter: '',
		gatewayIndex: 0,
		presetFields: {},
		fieldIndex: 0,
		gatewayAsked: false,
		headerIndex: 0,
		modelRow: 'model',
		targetIndex: setup.defaultTarget,
		probe: {status: 'idle'},
		probeRuns: 0,
		acceptUnusable: false,
		review: {status: 'idle'},
		reviewRuns: 0,
		touched: new Set(),
		blocked: false,
		terminal: {rows: 24, columns: 80},
		scroll: 0,
	};
}

/** The choices of the first step: edit what is configured (if anything is), start fresh, or load a saved profile. */
export function currentChoices(setup: WizardSetup): CurrentChoice[] {
	const configured = setup.effective.keys.length > 0;
	return [
		...(configured ? [{kind: 'edit'} as const] : []),
		{kind: 'fresh'},
		...setup.profiles.map(profile => ({kind: 'profile', name: profile.name, active: profile.name === setup.activeProfile}) as const),
	];
}

/** The text fields: which one has the focus decides whether letters are text or commands. */
export type TextFieldName = 'gatewayFilter' | 'presetField' | 'baseUrl' | 'region' | 'project' | 'secret' | 'helper' | 'header' | ModelField;

export function focusedField(state: WizardState): TextFieldName | undefined {
	switch (state.step) {
		case 'endpoint': {
			switch (state.endpointPart) {
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
					return state.endpointPart;
				}
			}
		}

		case 'credential': {
			if (state.credentialPart !== 'secret') {
				return undefined;
			}

			return state.draft.credentialStyle === 'helper' ? 'helper' : 'secret';
		}

		case 'headers': {
			return state.headerEdit ? 'header' : undefined;
		}

		case 'models': {
			return state.modelRow === 'discovery' ? undefined : state.modelRow;
		}

		default: {
			return undefined;
		}
	}
}

/** The preset's template field being asked. */
export function askedField(state: WizardState): Preset['fields'][number] | undefined {
	return state.preset?.fields[state.fieldIndex];
}

export function fieldText(state: WizardState, field: TextFieldName): string {
	switch (field) {
		case 'header': {
			return state.headerEdit?.text ?? '';
		}

		case 'gatewayFilter': {
			return state.gatewayFilter;
		}

		case 'presetField': {
			return state.presetFields[askedField(state)?.name ?? ''] ?? '';
		}

		default: {
			return state.draft[field];
		}
	}
}

function withFieldText(state: WizardState, field: TextFieldName, text: string): WizardState {
	if (field === 'header') {
		return {...state, headerEdit: {...state.headerEdit, text}};
	}

	if (field === 'gatewayFilter') {
		// Another filter is another list: the highlight goes back to its top.
		return {...state, gatewayFilter: text, gatewayIndex: 0};
	}

	if (field === 'presetField') {
		return {...state, presetFields: {...state.presetFields, [askedField(state)!.name]: text}};
	}

	return {...state, draft: {...state.draft, [field]: text}};
}

/** After a focus change the cursor goes to the end of the field that has it. */
function cursorAtEnd(state: WizardState): WizardState {
	const field = focusedField(state);
	return {...state, cursor: field === undefined ? 0 : characterCount(fieldText(state, field))};
}

function goTo(state: WizardState, step: StepName, changes: Partial<WizardState> = {}): WizardState {
	return cursorAtEnd({...state, ...changes, step, reveal: false, scroll: 0});
}

/** The lines of the step's scrolling view and the rows it has; none on a step without one. */
export function scrollView(state: WizardState): {lines: number; rows: number} | undefined {
	if (state.step === 'review') {
		const {review} = state;
		if (review.status !== 'planned' && review.status !== 'write-failed') {
			return undefined;
		}

		const text = review.change.kind === 'print' ? review.change.maskedText : review.change.diff;
		return {lines: text.replace(/\n$/, '').split('\n').length, rows: reviewDiffRows(state)};
	}

	if (state.step === 'current') {
		return {lines: currentLines(state.setup.effective, state.terminal.columns).length, rows: currentTableRows(state)};
	}

	return undefined;
}

function scrollBy(state: WizardState, delta: number): WizardState {
	const view = scrollView(state);
	if (view === undefined) {
		return state;
	}

	return {...state, scroll: Math.min(Math.max(state.scroll + delta, 0), maxScroll(view.lines, view.rows))};
}

function page(state: WizardState): number {
	return Math.max((scrollView(state)?.rows ?? 2) - 1, 1);
}

/** Start the probe when its input is valid and differs from the last run's ("re-run on change"), or when `force`d. */
function withProbe(state: WizardState, force = false): WizardState {
	const input = probeInputFrom(state.draft);
	if (input === undefined) {
		return state;
	}

	if (!force && state.probe.status !== 'idle' && JSON.stringify(state.probe.input) === JSON.stringify(input)) {
		return state;
	}

	const id = state.probeRuns + 1;
	return {...state, probe: {status: 'running', id, input, startedAt: Date.now()}, probeRuns: id, acceptUnusable: false};
}

/** Findings under the focused part of a step, the ones that gate Enter. */
/** The value a fix under the base URL names (`use http://localhost:8766`): Tab puts it in the field. */
export function shownFix(state: WizardState): string | undefined {
	if (state.step !== 'endpoint' || state.endpointPart !== 'url') {
		return undefined;
	}

	for (const finding of shownFindings(state)) {
		const match = /^use (\S+)(?: if the gateway offers it)?$/.exec(finding.fix ?? '');
		if (match) {
			return match[1]!.replaceAll(/^"|"$/g, '');
		}
	}

	return undefined;
}

/** The findings the screen shows: none under an empty field the user has not typed in yet, unless Enter was refused. */
export function shownFindings(state: WizardState): Finding[] {
	const field = focusedField(state);
	if (field !== undefined && !state.blocked && !state.touched.has(field) && fieldText(state, field) === '') {
		return [];
	}

	return stepFindings(state);
}

export function stepFindings(state: WizardState): Finding[] {
	const {draft} = state;
	switch (state.step) {
		case 'endpoint': {
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
					return field !== undefined && fieldText(state, 'presetField').trim() === '' ? [{level: 'error', message: `${state.preset!.name} needs ${field.description} here`, fix: 'type it, or press Esc to choose another gateway'}] : [];
				}

				default: {
					return [];
				}
			}
		}

		case 'credential': {
			return state.credentialPart === 'style' && draft.credentialStyle !== 'none' ? [] : credentialFindings(currentDraft(state));
		}

		case 'headers': {
			if (state.headerEdit) {
				const others = draft.headers.filter((_, index) => index !== state.headerEdit?.index);
				return state.headerEdit.text === '' ? [] : headerLineFindings(state.headerEdit.text, others);
			}

			return headersFindings(draft.headers);
		}

		case 'models': {
			return [...modelFields.flatMap(entry => modelFindings(entry.field, draft[entry.field])), ...discoveryFindings(draft)];
		}

		default: {
			return [];
		}
	}
}

export function selectedTarget(state: WizardState): TargetOption {
	return state.setup.targets[state.targetIndex]!;
}

/** The request the review plans: the same shape `ccgate write` builds from its flags. */
export function writeRequest(state: WizardState, target: TargetOption = selectedTarget(state)): ValueRequest {
	const request = requestFromDraft(state.draft, {...state.start, target: target.kind});
	// A known gateway's rules, as `--preset` applies them: `ANTHROPIC_API_KEY=""`, a stand-in token, a credential that travels in a header.
	return state.preset === undefined ? request : applyPreset(state.preset, request, {fields: state.presetFields, credentialStyleChosen: true});
}

/** The gateway's model IDs from the last probe: those discovery lists first. */
export function probeModels(state: WizardState): string[] {
	const models = state.probe.status === 'done' ? state.probe.report.models : undefined;
	return models ? [...models.visible, ...models.hidden].map(model => model.id) : [];
}

function move<T>(items: readonly T[], current: T, delta: number): T {
	const index = items.indexOf(current);
	return items[Math.min(Math.max(index + delta, 0), items.length - 1)]!;
}

function clampIndex(index: number, length: number): number {
	return Math.min(Math.max(index, 0), Math.max(length - 1, 0));
}

function confirm(state: WizardState): WizardState {
	const {setup} = state;
	switch (state.step) {
		case 'current': {
			const choice = currentChoices(setup)[state.currentIndex] ?? {kind: 'fresh'};
			// A fresh start first asks which gateway; editing a config or a profile starts on its format, fields filled.
			const part = choice.kind === 'fresh' ? 'gateway' : 'format';
			return withProbe(goTo({...state, ...startFrom(setup, choice)}, 'endpoint', {endpointPart: part, gatewayAsked: part === 'gateway', gatewayFilter: '', gatewayIndex: 0, preset: undefined, presetFields: {}, notice: undefined}));
		}

		case 'endpoint': {
			return confirmEndpoint(state);
		}

		case 'credential': {
			return confirmCredential(state);
		}

		case 'headers': {
			return confirmHeaders(state);
		}

		case 'models': {
			if (hasError(stepFindings(state))) {
				return state;
			}

			return withProbe(goTo(state, 'probe'));
		}

		case 'probe': {
			if (state.probe.status === 'running' || (state.probe.status === 'done' && !state.probe.report.usable && !state.acceptUnusable)) {
				return state;
			}

			return goTo(state, 'target');
		}

		case 'target': {
			const id = state.reviewRuns + 1;
			return goTo(state, 'review', {review: {status: 'planning', id}, reviewRuns: id});
		}

		case 'review': {
			const {review} = state;
			if (review.status !== 'planned' || hasError(review.change.findings)) {
				return state;
			}

			return {...state, review: {status: 'writing', change: review.change}};
		}

		case 'done': {
			return {...state, result: doneResult(state)};
		}
	}
}

function toEndpointPart(state: WizardState, part: EndpointPart): WizardState {
	return cursorAtEnd({...state, endpointPart: part, touched: new Set(), reveal: false});
}

function confirmEndpoint(state: WizardState): WizardState {
	const {draft} = state;
	switch (state.endpointPart) {
		case 'gateway': {
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

		case 'field': {
			if (hasError(stepFindings(state))) {
				return state;
			}

			const preset = state.preset!;
			const presetFields = {...state.presetFields, [askedField(state)!.name]: fieldText(state, 'presetField').trim()};
			if (state.fieldIndex + 1 < preset.fields.length) {
				return cursorAtEnd({...state, presetFields, fieldIndex: state.fieldIndex + 1, touched: new Set(), reveal: false});
			}

			return toEndpointPart({...state, presetFields, draft: presetDraft(preset, draft, presetFields)}, 'url');
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
			if (hasError(stepFindings(state))) {
				return state;
			}

			return draft.api === 'vertex' && state.endpointPart === 'region' ? toEndpointPart(state, 'project') : toCredential(state);
		}
	}
}

function toCredential(state: WizardState): WizardState {
	return withProbe(goTo(state, 'credential', {credentialPart: 'style', notice: undefined}));
}

/** The endpoint's last question for the draft's format, where Esc from the credential step goes back to. */
function lastEndpointPart(draft: Draft): EndpointPart {
	return draft.api === 'vertex' ? 'project' : (draft.api === 'bedrock' ? 'region' : 'url');
}

function backInEndpoint(state: WizardState): WizardState {
	switch (state.endpointPart) {
		case 'gateway': {
			return opensOnCurrent(state.setup) ? goTo(state, 'current') : state;
		}

		case 'field': {
			return state.fieldIndex > 0 ? cursorAtEnd({...state, fieldIndex: state.fieldIndex - 1}) : toEndpointPart({...state, notice: undefined}, 'gateway');
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

/**
Editing measures changes against the current config. A profile replaces it: a field the profile leaves empty is
cleared. A fresh start is the same from empty fields: what the screen shows is what is written, an empty field
included.
*/
function startFrom(setup: WizardSetup, choice: CurrentChoice): Pick<WizardState, 'draft' | 'start'> {
	switch (choice.kind) {
		case 'edit': {
			return {draft: setup.baseline, start: {baseline: setup.baseline, fromShell: setup.fromShell}};
		}

		case 'profile': {
			const draft = setup.profiles.find(profile => profile.name === choice.name)?.draft ?? emptyDraft;
			return {draft, start: {baseline: setup.baseline, fromShell: new Set(), profile: choice.name}};
		}

		case 'fresh': {
			return {draft: emptyDraft, start: {baseline: setup.baseline, fromShell: new Set()}};
		}
	}
}

function doneResult(state: WizardState): WizardResult {
	const {review} = state;
	return review.status === 'written' && review.change.kind === 'print' ? {kind: 'printed', text: review.change.text} : {kind: 'written'};
}

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

/** The draft as it would be written now: a kept secret counts as the field's value. */
export function currentDraft(state: WizardState): Draft {
	return state.keptSecret !== undefined && state.draft.secret === '' ? {...state.draft, secret: state.keptSecret} : state.draft;
}

/**
The review refuses or warns about a secret in a settings file that git may commit: one key moves the secret into
ccgate's 0600 secret file and plans again, so the way out is on the screen, not five steps back.
*/
export function canUseSecretFile(state: WizardState): boolean {
	const {review, draft} = state;
	return state.step === 'review'
		&& review.status === 'planned'
		&& selectedTarget(state).kind === 'settings'
		&& (draft.credentialStyle === 'bearer' || draft.credentialStyle === 'x-api-key')
		&& draft.secretStorage === 'settings'
		&& review.change.findings.some(finding => /secret (?:must not go|may be committed)/.test(finding.message));
}

function confirmCredential(state: WizardState): WizardState {
	const {draft} = state;
	const toHeaders = (next: WizardState) => withProbe(goTo(next, 'headers', {headerIndex: next.draft.headers.length === 0 ? 0 : next.draft.headers.length + 1, headerEdit: undefined}));
	switch (state.credentialPart) {
		case 'style': {
			if (draft.credentialStyle === 'none') {
				return toHeaders(state);
			}

			return cursorAtEnd(withKeptSecret({...state, credentialPart: 'secret'}));
		}

		case 'secret': {
			if (hasError(stepFindings(state))) {
				return state;
			}

			if (draft.credentialStyle === 'helper') {
				return toHeaders(state);
			}

			const kept = restoreKeptSecret(state);
			const filled = state.preset === undefined ? kept.draft : withTokenHeaders(state.preset, kept.draft, state.presetFields);
			return {...kept, draft: filled, credentialPart: 'storage', reveal: false};
		}

		case 'storage': {
			return toHeaders(state);
		}
	}
}

function confirmHeaders(state: WizardState): WizardState {
	const {draft, headerEdit} = state;
	const headers = draft.headers;
	if (headerEdit) {
		if (headerEdit.text.trim() === '') {
			return {...state, headerEdit: undefined, reveal: false};
		}

		if (hasError(stepFindings(state))) {
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
	switch (state.step) {
		case 'current':
		case 'done': {
			return state;
		}

		case 'endpoint': {
			return backInEndpoint(state);
		}

		case 'credential': {
			if (state.credentialPart === 'storage') {
				return cursorAtEnd(withKeptSecret({...state, credentialPart: 'secret'}));
			}

			if (state.credentialPart === 'secret') {
				return {...restoreKeptSecret(state), credentialPart: 'style', reveal: false};
			}

			return goTo(state, 'endpoint', {endpointPart: lastEndpointPart(state.draft)});
		}

		case 'headers': {
			if (state.headerEdit) {
				return {...state, headerEdit: undefined, reveal: false};
			}

			const style = state.draft.credentialStyle;
			return goTo(state, 'credential', {credentialPart: style === 'none' ? 'style' : (style === 'helper' ? 'secret' : 'storage')});
		}

		case 'models': {
			return goTo(state, 'headers', {headerEdit: undefined, headerIndex: state.draft.headers.length + 1});
		}

		case 'probe': {
			return goTo(state, 'models');
		}

		case 'target': {
			return goTo(state, 'probe');
		}

		case 'review': {
			return state.review.status === 'writing' ? state : goTo(state, 'target', {review: {status: 'idle'}});
		}
	}
}

function moveSelection(state: WizardState, delta: number): WizardState {
	switch (state.step) {
		case 'current': {
			return {...state, currentIndex: clampIndex(state.currentIndex + delta, currentChoices(state.setup).length)};
		}

		case 'endpoint': {
			if (state.endpointPart === 'gateway') {
				return {...state, gatewayIndex: clampIndex(state.gatewayIndex + delta, gatewayChoices(state.gatewayFilter).length)};
			}

			if (state.endpointPart === 'format') {
				const api: ApiFormat = move(apiFormats, state.draft.api, delta);
				// Another format has its own region: the one it started with, or its default once confirmed.
				const region = api === state.start.baseline.api ? state.start.baseline.region : '';
				return api === state.draft.api ? state : {...state, draft: {...state.draft, api, region}};
			}

			return state;
		}

		case 'credential': {
			if (state.credentialPart === 'style') {
				const style = move(credentialStyles, state.draft.credentialStyle, delta);
				// Another style is another secret: its field starts empty, never with the old one's text.
				return style === state.draft.credentialStyle ? state : {...state, draft: {...state.draft, credentialStyle: style, secret: '', helper: ''}, keptSecret: undefined, touched: new Set()};
			}

			if (state.credentialPart === 'storage') {
				return {...state, draft: {...state.draft, secretStorage: move(secretStorages, state.draft.secretStorage, delta)}};
			}

			return state;
		}

		case 'headers': {
			return state.headerEdit ? state : {...state, headerIndex: clampIndex(state.headerIndex + delta, state.draft.headers.length + 2)};
		}

		case 'models': {
			return cursorAtEnd({...state, modelRow: move(modelRows, state.modelRow, delta)});
		}

		case 'target': {
			return {...state, targetIndex: clampIndex(state.targetIndex + delta, state.setup.targets.length)};
		}

		default: {
			return state;
		}
	}
}

/** Enter that changed nothing was refused: an error on the step, a plan that cannot be written, a probe still running. */
function confirmOrBlock(state: WizardState): WizardState {
	const next = confirm(state);
	return next === state ? {...state, blocked: true} : {...next, blocked: false};
}

function command(state: WizardState, name: Command): WizardState {
	if (state.blocked && name !== 'confirm') {
		return command({...state, blocked: false}, name);
	}

	switch (name) {
		case 'confirm': {
			return confirmOrBlock(state);
		}

		case 'back': {
			return back(state);
		}

		case 'cancel': {
			if (state.step === 'done') {
				return {...state, result: doneResult(state)};
			}

			// A write under way finishes; leaving mid-write would make "nothing written" untrue.
			return state.review.status === 'writing' ? state : {...state, result: {kind: 'cancelled'}};
		}

		case 'up': {
			// The review has nothing to choose: its arrows scroll the diff.
			return state.step === 'review' ? scrollBy(state, -1) : moveSelection(state, -1);
		}

		case 'down': {
			return state.step === 'review' ? scrollBy(state, 1) : moveSelection(state, 1);
		}

		case 'page-up': {
			return scrollBy(state, -page(state));
		}

		case 'page-down': {
			return scrollBy(state, page(state));
		}

		case 'reveal': {
			const field = focusedField(state);
			const secretField = field === 'secret' || field === 'header' || (field === 'presetField' && askedField(state)?.secret === true);
			return secretField ? {...state, reveal: !state.reveal} : state;
		}

		case 'remove': {
			if (state.step !== 'headers' || state.headerEdit || state.headerIndex >= state.draft.headers.length) {
				return state;
			}

			const headers = state.draft.headers.filter((_, index) => index !== state.headerIndex);
			return {...state, draft: {...state.draft, headers}, headerIndex: clampIndex(state.headerIndex, headers.length + 2)};
		}

		case 'rerun': {
			return state.step === 'probe' ? withProbe(state, true) : state;
		}

		case 'accept-unusable': {
			if (state.step !== 'probe' || state.probe.status !== 'done' || state.probe.report.usable) {
				return state;
			}

			return goTo(state, 'target', {acceptUnusable: true});
		}

		case 'secret-file': {
			if (!canUseSecretFile(state)) {
				return state;
			}

			const id = state.reviewRuns + 1;
			return {...state, draft: {...state.draft, secretStorage: 'secret-file'}, review: {status: 'planning', id}, reviewRuns: id};
		}

		case 'toggle': {
			return state.step === 'models' && state.modelRow === 'discovery' ? {...state, draft: {...state.draft, discovery: !state.draft.discovery}} : state;
		}

		case 'next-model': {
			const fix = shownFix(state);
			if (fix !== undefined) {
				return cursorAtEnd({...state, draft: {...state.draft, baseUrl: fix}, touched: new Set([...state.touched, 'baseUrl'])});
			}

			const field = focusedField(state);
			const models = probeModels(state);
			if (state.step !== 'models' || field === undefined || field === 'header' || models.length === 0) {
				return state;
			}

			// Tab goes through the IDs holding what is typed (as the list shows them), or through all once one is picked.
			const text = fieldText(state, field);
			const matches = models.includes(text) ? models : models.filter(id => id.toLowerCase().includes(text.toLowerCase()));
			if (matches.length === 0) {
				return state;
			}

			const next = matches[(matches.indexOf(text) + 1) % matches.length]!;
			return cursorAtEnd(withFieldText(state, field, next));
		}
	}
}

function edit(state: WizardState, textEdit: TextEdit): WizardState {
	if (state.blocked) {
		return edit({...state, blocked: false}, textEdit);
	}

	const field = focusedField(state);
	if (field === undefined) {
		return state;
	}

	const {text, cursor} = applyEdit({text: fieldText(state, field), cursor: state.cursor}, textEdit);
	return {...withFieldText(state, field, text), cursor, touched: new Set([...state.touched, field])};
}

/** The wizard's state machine: pure, so every transition is tested without rendering. */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	if (state.result) {
		return state;
	}

	switch (action.type) {
		case 'key': {
			return splitKeys(action.input, action.key).reduce((next, {input, key}) => {
				const keyed = keyAction(input, key, focusedField(next) !== undefined);
				if (next.result || keyed === undefined) {
					return next;
				}

				return 'command' in keyed ? command(next, keyed.command) : edit(next, keyed.edit);
			}, state);
		}

		case 'command': {
			return command(state, action.command);
		}

		case 'edit': {
			return edit(state, action.edit);
		}

		case 'terminal': {
			return scrollBy({...state, terminal: action.size}, 0);
		}

		case 'probe-finished': {
			const {probe} = state;
			if (probe.status !== 'running' || probe.id !== action.id) {
				return state;
			}

			return {...state, probe: {status: 'done', id: probe.id, input: probe.input, report: action.report}};
		}

		case 'planned': {
			return state.review.status === 'planning' && state.review.id === action.id ? {...state, review: {status: 'planned', id: action.id, change: action.change}} : state;
		}

		case 'plan-failed': {
			return state.review.status === 'planning' && state.review.id === action.id ? {...state, review: {status: 'plan-failed', id: action.id, finding: action.finding}} : state;
		}

		case 'written': {
			return state.review.status === 'writing' ? {...state, step: 'done', review: {status: 'written', change: state.review.change, outcome: action.outcome}} : state;
		}

		case 'write-failed': {
			return state.review.status === 'writing' ? {...state, review: {status: 'write-failed', change: state.review.change, finding: action.finding}} : state;
		}
	}
}
