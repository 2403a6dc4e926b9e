import type {FindingCode} from './finding-codes.js';

export type {FindingCode} from './finding-codes.js';

/** Which layer a value came from, as Claude Code merges them (lowest first). */
export type LayerName = 'shell' | 'user' | 'project' | 'local' | 'managed';

/**
A check's outcome, shared by validation, the probe and `doctor`. Programs switch on its `code`, never on its
words: the wizard says its own fix for a code (wizard/model/wizard-fix.ts), and the words may change.

@example
{code: 'base-url-no-scheme', level: 'error', message: 'The base URL "localhost:8766" has no scheme', fix: 'use http://localhost:8766', suggestion: 'http://localhost:8766'}
*/
export type Finding = {
	/** What was found, stable across wording changes (core/finding-codes.ts). */
	readonly code: FindingCode;
	readonly level: 'error' | 'warning' | 'ok';
	/** What is wrong (or right), naming the value; no trailing period. */
	readonly message: string;
	/** What to do about it, as an imperative clause; no trailing period. */
	readonly fix?: string;
	/** The layer or file the finding is about. */
	readonly layer?: string;
	/** The value the fix proposes in place of the one given (a base URL), for a program to offer. */
	readonly suggestion?: string;
};

/** One sentence for a terminal: `error: <message>; <fix>.` */
export function formatFinding(finding: Finding): string {
	const text = finding.fix ? `${finding.message}; ${finding.fix}` : finding.message;
	// A fix may end as a question ("did you mean --base-url?"): no period after it.
	return `${finding.level}: ${text}${/[.?]$/.test(text) ? '' : '.'}`;
}

export function hasError(findings: readonly Finding[]): boolean {
	return findings.some(finding => finding.level === 'error');
}

const userErrorBrand = Symbol.for('ccgate.UserError');

/** Thrown at the edges only; the CLI prints it as one sentence and exits with `exitCode`. */
export class UserError extends Error {
	readonly [userErrorBrand] = true;

	constructor(
		readonly finding: Finding,
		readonly exitCode: 1 | 2 = 2,
	) {
		super(formatFinding(finding));
	}
}

/** A UserError from any copy of this module (the lazily loaded commands are bundled apart from the CLI's entry). */
export function isUserError(error: unknown): error is UserError {
	return typeof error === 'object' && error !== null && userErrorBrand in error;
}
