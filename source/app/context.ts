import type {Readable} from 'node:stream';
import type {Place} from '../io/paths.js';

/**
What a command may touch of the process: injected so the commands stay plain functions, and run in-process in tests.
Only the entry (source/start.ts) builds one from the process; nothing under commands/, io/, core/ or probe/ reads the
process's home folder, environment, clock or streams itself.
*/
export type CommandContext = Place & {
	readonly cwd: string;
	/** The clock: milliseconds since the epoch, as Date.now() gives them. */
	readonly now: () => number;
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	readonly stdin: Readable;
	/** Are stdin and stdout both terminals? */
	readonly isTerminal: boolean;
	/** stdout, when it is a terminal: its width, and whether it takes colour (not with NO_COLOR); undefined when piped. */
	readonly stdoutTerminal?: {readonly columns: number; readonly colour: boolean};
	/** Does stderr take colour: a terminal, and no NO_COLOR? */
	readonly stderrColour?: boolean;
};
