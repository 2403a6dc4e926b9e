/** NO_COLOR set to anything but the empty string (no-color.org). */
export function noColor(): boolean {
	return Boolean(process.env['NO_COLOR']);
}
