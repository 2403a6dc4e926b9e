import {type Finding, isUserError} from '../../core/findings.js';

/** An error as the wizard shows it: a UserError's own finding, anything else as one sentence. */
export function findingOf(error: unknown): Finding {
	if (isUserError(error)) {
		return error.finding;
	}

	return {code: 'unexpected', level: 'error', message: error instanceof Error ? error.message.replace(/\.$/, '') : String(error)};
}
