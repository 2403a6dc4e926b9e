import os from 'node:os';
import path from 'node:path';

/**
A path as the wizard shows it: the home folder as ~, the current folder as ./ .
`home` comes from the command's context where the caller has it; the current-config lines do not have it yet.
*/
export function displayPath(file: string, cwd?: string, home = os.homedir()): string {
	if (cwd !== undefined && file.startsWith(cwd + path.sep)) {
		return `./${file.slice(cwd.length + 1)}`;
	}

	return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
