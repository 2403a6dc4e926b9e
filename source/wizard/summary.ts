import type {Draft} from './draft.js';
import type {ProbeState} from './logic/state.js';
import type {PlannedChange, TargetOption} from './services.js';

/** The done step's summary, a line each: where the secret lives, and what the probe said. */
export function secretLine(draft: Draft, target: TargetOption, change: PlannedChange): string {
	switch (draft.credentialStyle) {
		case 'none': {
			return 'Secret: none; the gateway takes requests without a credential.';
		}

		case 'helper': {
			return `Secret: none stored; Claude Code runs ${draft.helper} for the key.`;
		}

		default: {
			if (target.kind === 'print') {
				return 'Secret: in the printed lines only; ccgate stored it nowhere.';
			}

			if (target.kind === 'shell') {
				return 'Secret: in a 0600 file of ccgate\'s that the shell profile reads.';
			}

			if (draft.secretStorage === 'secret-file') {
				return 'Secret: in ccgate\'s 0600 secret file, read by apiKeyHelper; none in the settings file.';
			}

			return `Secret: in ${change.kind === 'write' ? change.label : 'the settings file'} (mode 0600).`;
		}
	}
}

export function probeLine(probe: ProbeState, acceptUnusable: boolean): string {
	if (probe.status !== 'done') {
		return 'Probe: not finished; run ccgate probe to check the gateway.';
	}

	if (probe.report.usable) {
		return 'Probe: the gateway is usable by Claude Code.';
	}

	return acceptUnusable ? 'Probe: the gateway was not usable; written anyway, as you chose.' : 'Probe: the gateway was not usable.';
}
