import type {Readable} from 'node:stream';

/** What a command may touch of the process: injected so the commands stay plain functions. */
export type CommandContext = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	readonly stdout: (text: string) => void;
	readonly stderr: (text: string) => void;
	readonly stdin: Readable;
	/** Are stdin and stdout both terminals? */
	readonly isTerminal: boolean;
};
