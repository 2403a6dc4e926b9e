import {eastAsianWidth} from 'get-east-asian-width';
import type fullStringWidthType from 'string-width';
import stripAnsi from 'strip-ansi';
import {isSimpleText} from './simple-text.js';

let fullStringWidth: typeof fullStringWidthType | undefined;

/**
The real string-width, loaded the first time text needs it: the module builds its `\p{RGI_Emoji}` expression as it
loads, which took 8 ms of the wizard's start on Node 20 whether any text needed it or not. esbuild bundles a
require() of an ES module as that module, evaluated at the first call.
*/
function loadFullStringWidth(): typeof fullStringWidthType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports, unicorn/prefer-module
	fullStringWidth ??= (require('string-width') as {default: typeof fullStringWidthType}).default;
	return fullStringWidth;
}

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
		return loadFullStringWidth()(input, options);
	}

	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.codePointAt(index)!;
		width += code <= 0x7E ? 1 : eastAsianWidth(code, {ambiguousAsWide: !ambiguousIsNarrow});
	}

	return width;
}
