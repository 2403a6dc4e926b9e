import {type AnsiCode, ansiCodesToString, diffAnsiCodes, type StyledChar} from '@alcalzone/ansi-tokenize';

export * from '@alcalzone/ansi-tokenize';

function sameStyles(before: readonly AnsiCode[], after: readonly AnsiCode[]): boolean {
	return before.length === after.length && before.every((code, index) => code.code === after[index]!.code && code.endCode === after[index]!.endCode);
}

/**
@alcalzone/ansi-tokenize's styledCharsToString in the wizard's bundle (tsup.config.ts), the same string: Ink turns
every cell of every frame back into text with it, and the original works out the change of style between each two
cells with three new sets, even where nothing changes (the blank cells, a run of one colour), which on the first frame
is most of the time Ink takes to draw it. Here the cells whose style is the previous one's add only their character.
*/
export function styledCharsToString(chars: readonly StyledChar[]): string {
	let text = '';
	for (const [index, char] of chars.entries()) {
		const previous = chars[index - 1];
		if (previous === undefined) {
			text += ansiCodesToString(char.styles);
		} else if (!sameStyles(previous.styles, char.styles)) {
			text += ansiCodesToString(diffAnsiCodes(previous.styles, char.styles));
		}

		text += char.value;
		if (index === chars.length - 1 && char.styles.length > 0) {
			text += ansiCodesToString(diffAnsiCodes(char.styles, []));
		}
	}

	return text;
}
