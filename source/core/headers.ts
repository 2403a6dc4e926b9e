/** One `ANTHROPIC_CUSTOM_HEADERS` pair. */
export type Header = {readonly name: string; readonly value: string};

/** `Name: Value` pairs, one per line, as Claude Code reads `ANTHROPIC_CUSTOM_HEADERS`. */
export function parseHeaders(text: string | undefined): Header[] {
	if (!text) {
		return [];
	}

	return text
		.split(/\r?\n/)
		.filter(line => line.trim() !== '')
		.map(line => parseHeader(line));
}

/** Parse one `Name: Value` line; a line with no colon becomes a header with an empty value (flagged by validation). */
export function parseHeader(line: string): Header {
	const colon = line.indexOf(':');
	if (colon === -1) {
		return {name: line.trim(), value: ''};
	}

	return {name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim()};
}

/**
The first character of a header value that HTTP cannot carry: values are Latin-1, up to U+00FF (`Zürich` is sent,
`日本` is not; Claude Code refuses to start on one, seen with 2.1.328).
*/
export function beyondLatin1(value: string): string | undefined {
	return [...value].find(character => character.codePointAt(0)! > 0xFF);
}

/** What a header value's refused character is called in a sentence: the character and its code point, unless the value is a secret. */
export function describeBeyondLatin1(character: string, secret: boolean): string {
	const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	return secret ? 'a character above U+00FF' : `"${character}" (${codePoint}), a character above U+00FF`;
}

/** The fix for a header value with such a character. */
export function latin1Fix(name: string): string {
	return `give ${name} a value of Latin-1 characters only (up to U+00FF, as in Zürich), percent-encoded if the gateway decodes that`;
}

export function formatHeaders(headers: readonly Header[]): string | undefined {
	if (headers.length === 0) {
		return undefined;
	}

	return headers.map(header => `${header.name}: ${header.value}`).join('\n');
}
