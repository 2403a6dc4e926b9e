import type {Draft} from './draft.js';
import type {ProbeState} from './state.js';
import type {PlannedChange, TargetOption} from './services.js';

/** The done step's summary, a row each (its label is the table's): where the secret lives, and what the probe said. */
export function secretLine(draft: Draft, target: TargetOption, change: PlannedChange): string {
	switch (draft.credentialStyle) {
		case 'none': {
			return 'none; the gateway takes requests without a credential.';
		}

		case 'helper': {
			return `none stored; Claude Code runs ${draft.helper} for the key.`;
		}

		default: {
			if (target.kind === 'print') {
				return 'in the printed lines only; ccgate stored it nowhere.';
			}

			if (target.kind === 'shell') {
				return 'in a 0600 file of ccgate\'s that the shell profile reads.';
			}

			if (draft.secretStorage === 'secret-file') {
				return 'in ccgate\'s 0600 secret file, read by apiKeyHelper; none in the settings file.';
			}

			// The file's path is above, whole on its line (the done step): not again here, where a long one would wrap.
			return change.kind === 'write' ? 'in the file above (mode 0600).' : 'in the settings file (mode 0600).';
		}
	}
}

/** What the probe said; `printed`: the lines were printed, not written. */
export function probeLine(probe: ProbeState, acceptUnusable: boolean, printed = false): string {
	if (probe.status !== 'done') {
		return 'not finished; run ccgate probe to check the gateway.';
	}

	if (probe.report.usable) {
		return 'the gateway is usable by Claude Code.';
	}

	if (probe.report.verdict === 'cannot tell') {
		return 'it could not tell whether the gateway is usable without a real request; your first message to claude will.';
	}

	return acceptUnusable ? `the gateway was not usable; ${printed ? 'printed' : 'written'} anyway, as you chose.` : 'the gateway was not usable.';
}
