/**
Text from elsewhere (a gateway's model IDs and error messages) made safe for a terminal: every control
character (C0, DEL, C1) is written out as `\xNN`, so no escape sequence (OSC 52 clipboard writes, title
changes, screen clears) reaches the terminal. Tabs and line breaks are escaped too: findings are one line.
*/
export function escapeControl(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, character => `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`);
}
