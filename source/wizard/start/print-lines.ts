import {planPrint} from '../../core/env-mapping.js';
import type {KeyValues, OwnedKey} from '../../core/keys.js';
import {maskValue} from '../../core/mask.js';
import type {ValueRequest} from '../../core/plan.js';
import {renderAssignments, type ShellName} from '../../core/shell.js';
import type {PlannedChange} from '../model/services.js';

/**
The export lines `ccgate print` would give with the wizard's values as flags: the effective config, the request on top.
The wizard's request carries every field, so ccgate's own keys all come from what the user saw.
*/
export function printChange(effective: KeyValues, request: ValueRequest, shell: ShellName): PlannedChange {
	const {entries, findings} = planPrint(effective, request);
	const masked = entries.map(([name, value]) => [name, maskValue(name as OwnedKey, value)] as const);
	return {
		kind: 'print',
		shell,
		text: renderAssignments(shell, entries),
		maskedText: renderAssignments(shell, masked),
		findings,
	};
}
