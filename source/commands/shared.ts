import {type Finding, hasError} from '../core/findings.js';
import type {CommandContext} from '../app/context.js';
import {ExitCode} from './exit-code.js';
import {say} from './say.js';

/** Findings go to stderr, one sentence a line. */
export function reportFindings(findings: readonly Finding[], context: CommandContext): void {
	for (const finding of findings) {
		if (finding.level !== 'ok') {
			say(context, finding);
		}
	}
}

/** Print the findings; with an error among them, stop with exit 2 (bad input), nothing written. */
export function refuseOnError(findings: readonly Finding[], context: CommandContext): void {
	const errors = findings.filter(finding => finding.level === 'error');
	reportFindings(hasError(findings) ? errors : findings, context);
	if (errors.length > 0) {
		throw new ExitCode(2);
	}
}
