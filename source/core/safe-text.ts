// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/g;

/** One control character written out: C0 as `\xNN`; DEL and C1 as `\u00NN`, which JSON reads back as the character. */
function escapedCharacter(character: string): string {
	const code = character.codePointAt(0)!;
	return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
Text from elsewhere (a gateway's model IDs and error messages, a settings file's values) made safe for a terminal:
every control character (C0, DEL, C1) is written out, so no escape sequence (OSC 52 clipboard writes, title changes,
screen clears) reaches the terminal. Tabs and line breaks are escaped too: findings are one line.
*/
export function escapeControl(text: string): string {
	return text.replaceAll(controlCharacters, escapedCharacter);
}

/** The first control character (C0, DEL, C1) in a value, written out: what a refusal names instead of the value. */
export function firstControl(text: string): string | undefined {
	const found = new RegExp(controlCharacters.source).exec(text)?.[0];
	return found === undefined ? undefined : escapeControl(found);
}

/** The colours ccgate itself writes (commands/say.ts): bold red, green and yellow, and the reset. */
// eslint-disable-next-line no-control-regex
const ownColour = /^\u001B\[(?:0|1;3[123])m$/;

// eslint-disable-next-line no-control-regex
const terminalControls = /\u001B\[[\d;]*m|[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;

/**
Everything ccgate prints, made safe at the output edge (main.ts), whatever file or gateway the text came from: every
control character but the line break is written out as escapeControl writes it (so JSON output, where JSON.stringify
has already escaped C0, stays JSON). Only ccgate's own colours pass, and only where the stream takes colour.
*/
export function terminalText(text: string, colour = false): string {
	return text.replaceAll(terminalControls, match => {
		if (colour && ownColour.test(match)) {
			return match;
		}

		return escapedCharacter(match[0]!) + match.slice(1);
	});
}

// eslint-disable-next-line no-control-regex
const notInkOwn = /\u001B\[[\d;?<=>!]*[ -/]*[@-~]|\u001B[^[\]PX^_]|[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
The wizard's frames as Ink writes them (wizard/terminal-out.ts): Ink's own control sequences (CSI: cursor moves,
erasing, colours) pass, every other control character is written out as escapeControl writes it. So a value read
from a file that holds an OSC 52 clipboard write, a title change or a device control string shows as text.
*/
export function drawnText(text: string): string {
	return text.replaceAll(notInkOwn, match => (match.length > 1 ? match : escapeControl(match)));
}
