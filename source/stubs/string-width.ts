import {eastAsianWidth} from 'get-east-asian-width';
import fullStringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {isSimpleText} from './simple-text.js';

type Options = {
	readonly ambiguousIsNarrow?: boolean;
	readonly countAnsiEscapeCodes?: boolean;
};

/**
`string-width` in the wizard's bundle (tsup.config.ts). Ink measures every piece of text with it, and for any text
beyond ASCII the real one runs a `\p{RGI_Emoji}` expression that V8 takes some 50 ms to compile, then again to
optimise: on the first frame and the first key. Text of simple characters (./simple-text.ts) is as wide as their
East Asian Widths, which is what string-width answers for them; anything else goes to string-width.
*/
export default function stringWidth(input: string, options: Options = {}): number {
	if (typeof input !== 'string' || input.length === 0) {
		return 0;
	}

	const {ambiguousIsNarrow = true, countAnsiEscapeCodes = false} = options;
	const text = !countAnsiEscapeCodes && (input.includes('\u001B') || input.includes('\u009B')) ? stripAnsi(input) : input;
	if (!isSimpleText(text)) {
		return fullStringWidth(input, options);
	}

	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.codePointAt(index)!;
		width += code <= 0x7E ? 1 : eastAsianWidth(code, {ambiguousAsWide: !ambiguousIsNarrow});
	}

	return width;
}
