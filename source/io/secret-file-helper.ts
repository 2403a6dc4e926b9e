import {shellPath} from '../core/shell.js';

/**
The apiKeyHelper command that prints a secret file (Claude Code runs it with `sh`): the path quoted, refused if it
holds a control character, and from `$HOME` when it lies under the home folder.
*/
export function secretFileHelper(file: string, home: string): string {
	return `cat ${shellPath('sh', file, home)}`;
}

/** Is `command` ccgate's helper for `file`, as written now or by an older ccgate (`cat '<absolute path>'`)? */
export function isSecretFileHelper(command: string | undefined, file: string, home: string): boolean {
	return command !== undefined && (command === secretFileHelper(file, home) || command === `cat ${shellPath('sh', file, undefined)}`);
}
