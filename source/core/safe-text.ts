// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g;

/**
Text from elsewhere (a gateway's model IDs and error messages, a settings file's values) made safe for a terminal:
every control character (C0, DEL, C1) is written out as `\xNN`, so no escape sequence (OSC 52 clipboard writes, title
changes, screen clears) reaches the terminal. Tabs and line breaks are escaped too: findings are one line.
*/
export function escapeControl(text: string): string {
	return text.replaceAll(controlCharacters, character => `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}

/** The first control character (C0, DEL, C1) in a value, as `\xNN`: what a refusal names instead of the value. */
export function firstControl(text: string): string | undefined {
	const found = new RegExp(controlCharacters.source).exec(text)?.[0];
	return found === undefined ? undefined : escapeControl(found);
}
