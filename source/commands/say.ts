import {type Finding, formatFinding} from '../core/findings.js';
import type {CommandContext} from '../app/context.js';

/** The one renderer of a finding on the command line: one sentence, one line, on stderr. */
export function say(context: Pick<CommandContext, 'stderr'>, finding: Finding): void {
	context.stderr(`${formatFinding(finding)}\n`);
}
