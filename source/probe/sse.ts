/** One server-sent event: its `event:` name (`message` when none) and its `data:` lines joined. */
export type SseEvent = {
	readonly event: string;
	readonly data: string;
};

/**
Parses a server-sent event stream as far as it is complete. An event counts only once the blank line
after it arrived: a stream cut off mid-event shows as the events before the cut.
*/
export function parseSse(text: string): SseEvent[] {
	const events: SseEvent[] = [];
	let event = '';
	let data: string[] = [];
	let hasFields = false;
	const lines = text.split(/\r\n|\r|\n/);
	// The last piece is an unfinished line (or nothing): only what a line break closed counts.
	lines.pop();
	for (const line of lines) {
		if (line === '') {
			if (hasFields) {
				events.push({event: event || 'message', data: data.join('\n')});
			}

			event = '';
			data = [];
			hasFields = false;
			continue;
		}

		if (line.startsWith(':')) {
			continue;
		}

		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
		if (field === 'event') {
			event = value;
			hasFields = true;
		} else if (field === 'data') {
			data.push(value);
			hasFields = true;
		}
	}

	return events;
}
