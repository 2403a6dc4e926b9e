import type {start as Start} from './start.js';
import {writeOutput} from './output.js';

declare const CCGATE_VERSION: string;
/** This file is built as CommonJS (tsup.config.ts). */
declare const require: (id: string) => unknown;

/*
The entry: bin/ccgate.js loads its build, dist/cli.cjs. `ccgate --version` alone, the one command line that needs
nothing but the version, is answered here; every other loads dist/start.cjs (source/start.ts): the context, the
command line and the commands. Compiling that file, and collecting the garbage compiling it leaves, was most of what
`--version` cost over `node -e 0`. main() answers --version too, wherever else it stands on a command line.
*/
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
	writeOutput(1, `${CCGATE_VERSION}\n`);
} else {
	(require('./start.cjs') as {start: typeof Start}).start(argv);
}
