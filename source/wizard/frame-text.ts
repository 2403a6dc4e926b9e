import type {Finding} from '../core/findings.js';
import type {KeyHint} from './hints.js';
import {stepOrder, type StepName} from './reducer.js';

/*
The words and marks of the wizard's screens that both Ink's components and the first frame (drawn before Ink
has loaded, source/wizard/first-frame.ts) use, so the two cannot drift apart.
*/

const titles: Readonly<Record<StepName, string>> = {
	current: 'Current config',
	endpoint: 'Endpoint',
	credential: 'Credential',
	headers: 'Custom headers',
	models: 'Models and discovery',
	probe: 'Probe',
	target: 'Where to write',
	review: 'Review',
	done: 'Done',
};

/** "ccgate · 1/7 Endpoint": the first and last steps go unnumbered. */
export function stepHeading(step: StepName): string {
	const number = stepOrder.indexOf(step);
	return `ccgate · ${number === 0 || step === 'done' ? '' : `${number}/${stepOrder.length - 2} `}${titles[step]}`;
}

export const endpointPrompt = 'The gateway\'s base URL (ANTHROPIC_BASE_URL); Claude Code appends /v1/messages.';

export const baseUrlPlaceholder = 'http://127.0.0.1:4000';

/** The bottom line of every step. */
export function hintLine(hints: readonly KeyHint[]): string {
	return hints.map(hint => `${hint.key} ${hint.action}`).join(' · ');
}

export const findingColors = {error: 'red', warning: 'yellow', ok: 'green'} as const;

const marks = {error: '✗', warning: '!', ok: '✓'} as const;

/** A finding as the lines under a field: what is wrong, then the fix. */
export function findingLines(finding: Finding): string[] {
	return [`${marks[finding.level]} ${finding.message}`, ...(finding.fix ? [`  → ${finding.fix}`] : [])];
}

/** A text field's characters around the cursor; from `maskFrom` on they show as •. */
export function fieldParts(value: string, cursor: number, maskFrom?: number): {before: string; at: string | undefined; after: string; empty: boolean} {
	const characters = [...value].map((character, index) => (maskFrom !== undefined && index >= maskFrom ? '•' : character));
	return {
		before: characters.slice(0, cursor).join(''),
		at: characters[cursor],
		after: characters.slice(cursor + 1).join(''),
		empty: characters.length === 0,
	};
}
