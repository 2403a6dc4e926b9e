import {planPrint} from '../core/env-mapping.js';
import {resolveEffective} from '../core/layers.js';
import {renderAssignments} from '../core/shell.js';
import {readLayers} from '../io/read-layers.js';
import type {CommandContext} from '../app/context.js';
import {type Flags, shellToUse, valueRequest} from './flags.js';
import {say} from './say.js';
import {refuseOnError} from './shared.js';

/** `ccgate print`: export lines for a shell, from the effective config with the flags on top. */
export async function runPrint(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const shell = shellToUse(flags, context.env);
	const request = await valueRequest(flags, context);
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const {entries, findings} = planPrint(effective.values, request);
	refuseOnError(findings, context);
	if (entries.length === 0) {
		say(context, {code: 'print-nothing', level: 'warning', message: 'Nothing is configured to print', fix: 'give --base-url and a credential, or run ccgate to set them up'});
		return 0;
	}

	context.stdout(renderAssignments(shell, entries));
	return 0;
}
