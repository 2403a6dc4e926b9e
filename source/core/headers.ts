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

export function formatHeaders(headers: readonly Header[]): string | undefined {
	if (headers.length === 0) {
		return undefined;
	}

	return headers.map(header => `${header.name}: ${header.value}`).join('\n');
}
