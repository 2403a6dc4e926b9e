import type {WizardAnswers} from '../../app/request.js';
import type {Finding} from '../../core/findings.js';
import type {Preset} from '../../core/presets.js';
import type {ProbeReport} from '../../probe/probe.js';
import type {Draft, DraftField} from './draft.js';
import type {KeyHint} from './hints.js';
import type {Command, KeyPress} from './keys.js';
import type {PlannedChange, WizardResult, WizardSetup, WriteOutcome} from './services.js';
import type {TextEdit} from './text-buffer.js';
import type {ModelField, ProbeInput} from './validation.js';
import type {TextFieldName} from './text-editing.js';

/*
The wizard's state, shared by every step. Each step's logic (its keys, findings and hints) is in its own module
beside this one, `logic/<step>.ts`; `reducer.ts` only hands an action to the step it is for. These modules import
neither `reducer.ts` nor `layout.ts` (which reads the reducer's bottom line): the reducer's table of steps is then
whole whichever module is loaded first.
*/

export type StepName = 'current' | 'endpoint' | 'credential' | 'headers' | 'models' | 'probe' | 'target' | 'review' | 'done';

export const stepOrder: readonly StepName[] = ['current', 'endpoint', 'credential', 'headers', 'models', 'probe', 'target', 'review', 'done'];

/**
The endpoint step asks in turn: which gateway (a fresh start), a preset's template fields, the API format (any
other gateway), the base URL, and for Bedrock and Vertex the region and the project.
*/
export type EndpointPart = 'gateway' | 'field' | 'format' | 'url' | 'region' | 'project';

/** The credential step asks three things in turn. */
export type CredentialPart = 'style' | 'secret' | 'storage';

export type ModelRow = ModelField | 'discovery';

export type CurrentChoice = {readonly kind: 'edit'} | {readonly kind: 'fresh'} | {readonly kind: 'profile'; readonly name: string; readonly active: boolean};

export type ProbeState =
	| {readonly status: 'idle'}
	| {readonly status: 'running'; readonly id: number; readonly input: ProbeInput; /** When it started (the view's clock, told by a probe-started action), for the elapsed time on screen. */ readonly startedAt?: number}
	| {readonly status: 'done'; readonly id: number; readonly input: ProbeInput; readonly report: ProbeReport};

export type ReviewState =
	| {readonly status: 'idle'}
	| {readonly status: 'planning'; readonly id: number}
	| {readonly status: 'planned'; readonly id: number; readonly change: PlannedChange}
	| {readonly status: 'plan-failed'; readonly id: number; readonly finding: Finding}
	| {readonly status: 'writing'; readonly change: PlannedChange}
	| {readonly status: 'write-failed'; readonly change: PlannedChange; readonly finding: Finding}
	| {readonly status: 'written'; readonly change: PlannedChange; readonly outcome: WriteOutcome};

/**
A header being added (no index) or edited: its name, then its value, each a field of its own, so that only a
credential-like value is masked.
*/
export type HeaderEdit = {readonly index?: number; readonly name: string; readonly value: string; readonly part: 'name' | 'value'};

/** The header as one `Name: Value` line, as the core parses and checks it. */
export function headerEditLine(edit: HeaderEdit): string {
	return edit.name === '' && edit.value === '' ? '' : `${edit.name}: ${edit.value}`;
}

/** What a write is measured against: only fields that differ from `baseline` (or come from the shell alone) are written. */
export type Start = {
	readonly baseline: Draft;
	readonly fromShell: ReadonlySet<DraftField>;
	/** The saved profile the fields were loaded from: written, it becomes the active one, as `profile use` makes it. */
	readonly profile?: string;
};

/** The current config step: the highlighted choice (edit, start fresh, load a profile). */
export type CurrentState = {readonly index: number};

/** The endpoint step: which of its questions is asked, the gateway list, and the known gateway chosen. */
export type EndpointState = {
	readonly part: EndpointPart;
	/** The text that filters the list of gateways, and the highlighted one in the filtered list. */
	readonly filter: string;
	readonly index: number;
	/** The known gateway chosen (docs/contract.md §9): the write goes through its rules, as `--preset` does. */
	readonly preset?: Preset | undefined;
	/** Its template fields as typed (`account`, `gateway`, …), and the one being asked. */
	readonly fields: Readonly<Record<string, string>>;
	readonly fieldIndex: number;
	/** This start asked which gateway (a fresh one): Esc from the format question goes back to that list. */
	readonly asked: boolean;
	/** What the user should know about the chosen gateway: said once, on the screen after choosing it. */
	readonly notice?: string | undefined;
};

/** The credential step: which of its three questions is asked. */
export type CredentialState = {readonly part: CredentialPart};

/** The headers step: the selected row (a header, then "Add", then "Continue"), and the header being edited. */
export type HeadersState = {readonly index: number; readonly edit?: HeaderEdit | undefined};

/** The models step: the row with the focus. */
export type ModelsState = {readonly row: ModelRow};

/** The target step: the highlighted place to write. */
export type TargetState = {readonly index: number};

export type WizardState = {
	readonly setup: WizardSetup;
	readonly step: StepName;
	readonly draft: Draft;
	readonly start: Start;
	/** Show secrets in clear while typing them. */
	readonly reveal: boolean;
	/** Each step's own state: what is highlighted, which of its questions is asked. */
	readonly current: CurrentState;
	readonly endpoint: EndpointState;
	readonly credential: CredentialState;
	readonly headers: HeadersState;
	readonly models: ModelsState;
	readonly target: TargetState;
	readonly probe: ProbeState;
	/** Probe runs started, so a late answer from an older run is ignored. */
	readonly probeRuns: number;
	/** The user chose to go on although the probe found the gateway unusable. */
	readonly acceptUnusable: boolean;
	readonly review: ReviewState;
	readonly reviewRuns: number;
	/** Set once the wizard is over: the app exits with it. */
	readonly result?: WizardResult;
	/** Where the cursor is in the focused field, from the last edit; with no edit, or another text since, at its end. */
	readonly fieldEdit?: FieldEdit;
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

/** The focused field's cursor after the last edit, and whether that edit left out a character no setting can hold. */
export type FieldEdit = {readonly field: TextFieldName; readonly text: string; readonly cursor: number; readonly refused: boolean};

export type TerminalSize = {readonly rows: number; readonly columns: number};

export type WizardAction =
	/** A key as Ink reported it; the reducer decides whether it is text or a command. */
	| {readonly type: 'key'; readonly input: string; readonly key: KeyPress}
	| {readonly type: 'command'; readonly command: Command}
	| {readonly type: 'edit'; readonly edit: TextEdit}
	/** The view started run `id` at `at` (its clock: the reducer reads none). */
	| {readonly type: 'probe-started'; readonly id: number; readonly at: number}
	| {readonly type: 'probe-finished'; readonly id: number; readonly report: ProbeReport}
	| {readonly type: 'planned'; readonly id: number; readonly change: PlannedChange}
	| {readonly type: 'plan-failed'; readonly id: number; readonly finding: Finding}
	| {readonly type: 'written'; readonly outcome: WriteOutcome}
	| {readonly type: 'write-failed'; readonly finding: Finding}
	| {readonly type: 'terminal'; readonly size: TerminalSize};

/**
What a step does: every step's module exports one, and the reducer hands each command to the step of `state.step`.
A transition that changes nothing returns the same state: for Enter, that is a refusal the screen explains.
*/
export type Step = {
	/** Enter. */
	readonly confirm: (state: WizardState) => WizardState;
	/** Esc. */
	readonly back: (state: WizardState) => WizardState;
	/** ↑ (-1) and ↓ (1) move the step's selection; on a step without one they scroll its view. */
	readonly move?: (state: WizardState, delta: number) => WizardState;
	/** The step's own keys (d, r, y, s, Space, Tab, its own Ctrl+C); one it does not list does nothing here. */
	readonly keys: Partial<Record<Command, (state: WizardState) => WizardState>>;
	/** The findings under the focused part of the step, the ones that gate Enter. */
	readonly findings: (state: WizardState) => Finding[];
	/** The keys that work here, as the bottom line shows them. */
	readonly hints: (state: WizardState) => KeyHint[];
	/** Why Enter was refused, said until the next key; without it, the step's ✗ is why. */
	readonly blocked?: (state: WizardState) => string;
	/** The lines of the step's scrolling view (the review's diff, the current config); undefined when it has none. */
	readonly scrollLines?: (state: WizardState) => number | undefined;
};

/** What the wizard's answers are, as the use-cases read them to build the write. */
export function answersOf(state: WizardState): WizardAnswers {
	const {preset, fields} = state.endpoint;
	return {draft: state.draft, ...(preset && {preset}), presetFields: fields};
}

/** The state with some of the endpoint step's own state changed. */
export function withEndpoint(state: WizardState, changes: Partial<EndpointState>): WizardState {
	return {...state, endpoint: {...state.endpoint, ...changes}};
}

/** The state with some of the headers step's own state changed. */
export function withHeaders(state: WizardState, changes: Partial<HeadersState>): WizardState {
	return {...state, headers: {...state.headers, ...changes}};
}

export function goTo(state: WizardState, step: StepName, changes: Partial<WizardState> = {}): WizardState {
	return {...state, ...changes, step, reveal: false, scroll: 0};
}

export function move<T>(items: readonly T[], current: T, delta: number): T {
	const index = items.indexOf(current);
	return items[Math.min(Math.max(index + delta, 0), items.length - 1)]!;
}

export function clampIndex(index: number, length: number): number {
	return Math.min(Math.max(index, 0), Math.max(length - 1, 0));
}

/** The draft as it would be written now: a kept secret counts as the field's value. */
export function currentDraft(state: WizardState): Draft {
	return state.keptSecret !== undefined && state.draft.secret === '' ? {...state.draft, secret: state.keptSecret} : state.draft;
}
