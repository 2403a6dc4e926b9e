/**
Whether Claude Code reads an environment switch as on: `1`, `true`, `yes` or `on`, in any case and with spaces
around it (as the client's own isEnvTruthy reads them, 2.1.328). Everything else, `0`, `false`, `no`, `off` and the
empty string included, is off. The one reading of a switch in ccgate.
*/
export function isSwitchOn(value: string | undefined): boolean {
	return value !== undefined && onValues.has(value.trim().toLowerCase());
}

const onValues: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'on']);
