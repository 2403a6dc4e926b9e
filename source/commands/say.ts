import {type Finding, formatFinding} from '../core/findings.js';
import type {CommandContext} from '../app/context.js';

const colours = {error: '\u001B[1;31m', warning: '\u001B[1;33m', ok: '\u001B[1;32m'} as const;

/** Text in the colour of a level (red error, yellow warning, green ok), when colour is on. */
export function paint(level: Finding['level'], text: string, colour: boolean | undefined): string {
	return colour ? `${colours[level]}${text}\u001B[0m` : text;
}

/** A finding as one line: `error: …; fix.`, its level word coloured when colour is on. */
export function findingLine(finding: Finding, colour: boolean | undefined): string {
	const line = formatFinding(finding);
	return colour ? paint(finding.level, `${finding.level}:`, true) + line.slice(finding.level.length + 1) : line;
}

/** The one renderer of a finding on the command line: one sentence, one line, on stderr. */
export function say(context: Pick<CommandContext, 'stderr' | 'stderrColour'>, finding: Finding): void {
	context.stderr(`${findingLine(finding, context.stderrColour)}\n`);
}
