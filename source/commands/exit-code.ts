/** Leave a command with an exit code once its findings are printed. */
const exitCodeBrand = Symbol.for('ccgate.ExitCode');

export class ExitCode extends Error {
	readonly [exitCodeBrand] = true;

	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

/** An ExitCode from any copy of this module (the lazily loaded commands are bundled apart from the CLI's entry). */
export function isExitCode(error: unknown): error is ExitCode {
	return typeof error === 'object' && error !== null && exitCodeBrand in error;
}
