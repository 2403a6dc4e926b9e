import {Text, Transform} from 'ink';
import type {ComponentProps} from 'react';

// A line's leading styles (Ink has applied them before the transform sees the line), then one space before a character.
// eslint-disable-next-line no-control-regex
const breakSpace = /^((?:\u001B\[[\d;]*m)*) (?=\S)/;

/**
A wrapped line without the space it was broken at. Ink wraps with wrap-ansi, leading whitespace kept: when a word
ends at the edge, the space after it starts the next line, one column off its own. Exported for its test.
*/
export function withoutBreakSpace(line: string, index: number): string {
	return index === 0 ? line : line.replace(breakSpace, '$1');
}

/**
Ink's Text, for a text that is not inside another Text: a line it wraps onto starts under its first column. (Inside
another Text, a transform is given a piece of the text rather than a line, so there Ink's Text is used.)
*/
export function Prose(props: ComponentProps<typeof Text>) {
	return <Transform transform={withoutBreakSpace}><Text {...props}/></Transform>;
}
