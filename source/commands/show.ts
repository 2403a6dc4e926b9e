import {formatLoginState, loginFindings, loginJson} from '../core/claude-login.js';
import {effectiveFindings, effectiveJson, formatEffectiveTable} from '../core/effective-report.js';
import {resolveEffective} from '../core/layers.js';
import {checkValues} from '../core/validate.js';
import {readLoginState} from '../io/claude-login.js';
import {readDiscoveryCache} from '../io/discovery-cache.js';
import {readLayers} from '../io/read-layers.js';
import type {CommandContext} from '../app/context.js';
import type {Flags} from './flags.js';
import {reportFindings} from './shared.js';

/** `ccgate show`: each of ccgate's keys, its value, its layer, and what it shadows. */
export async function runShow(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const cache = readDiscoveryCache(context);
	const login = readLoginState(context, effective.layers);
	const now = context.now();
	const findings = [...effectiveFindings(effective, cache), ...checkValues(effective.values), ...loginFindings(login, effective.values, now)];
	const reveal = Boolean(flags.reveal);
	if (flags.json) {
		context.stdout(`${JSON.stringify({...effectiveJson(effective, cache, findings, reveal) as object, gatewaySession: loginJson(login, now)}, undefined, 2)}\n`);
	} else {
		context.stdout(formatEffectiveTable(effective, cache, reveal, context.stdoutTerminal?.columns) + formatLoginState(login, now));
		reportFindings(findings, context);
	}

	// A settings file ccgate could not read (invalid JSON, no permission): the table is not the whole picture.
	return effective.layers.some(layer => layer.problem !== undefined) ? 1 : 0;
}
