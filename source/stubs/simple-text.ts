/*
Characters that are each a grapheme of their own whatever stands next to them (no combining, joining,
regional-indicator, prepended or Hangul-jamo characters among them), whose width in a terminal is their East Asian
Width: printable ASCII, Latin, Greek, Cyrillic, punctuation, arrows, box drawing, geometric shapes, symbols and
dingbats. test/wizard/simple-text.test.ts checks every one against Intl.Segmenter and string-width.
*/
const printable = '\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u20A0-\u20CF\u2100-\u2BFF';
const simpleText = new RegExp(`^[${printable}]*$`);
// Control characters are graphemes of their own too (a carriage return before a line feed is not: it is left out).
const simpleGraphemes = new RegExp(`^[${printable}\u0000-\u000C\u000E-\u001F\u007F-\u009F]*$`);

/** Whether each character of `text` is a grapheme of its own, as wide as its East Asian Width says. */
export function isSimpleText(text: string): boolean {
	return simpleText.test(text);
}

/** Whether each character of `text` is a grapheme of its own: simple text, with control characters (ANSI escapes) in it. */
export function isSimpleGraphemes(text: string): boolean {
	return simpleGraphemes.test(text);
}
