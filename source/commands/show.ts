import {effectiveFindings, effectiveJson, formatEffectiveTable} from '../core/effective-report.js';
import {resolveEffective} from '../core/layers.js';
import {checkValues} from '../core/validate.js';
import {readDiscoveryCache} from '../io/discovery-cache.js';
import {readLayers} from '../io/read-layers.js';
import type {CommandContext} from './context.js';
import type {Flags} from './flags.js';
import {reportFindings} from './shared.js';

/** `ccgate show`: each of ccgate's keys, its value, its layer, and what it shadows. */
export async function runShow(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const cache = readDiscoveryCache(context);
	const findings = [...effectiveFindings(effective, cache), ...checkValues(effective.values)];
	const reveal = Boolean(flags.reveal);
	if (flags.json) {
		context.stdout(`${JSON.stringify(effectiveJson(effective, cache, findings, reveal), undefined, 2)}\n`);
	} else {
		context.stdout(formatEffectiveTable(effective, cache, reveal));
		reportFindings(findings, context);
	}

	return 0;
}
