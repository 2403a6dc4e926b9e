/** Leave a command with an exit code once its findings are printed. */
export class ExitCode extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}
