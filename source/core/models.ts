import type {Finding} from './findings.js';
import type {KeyValues, OwnedKey} from './keys.js';
import {isSwitchOn} from './switches.js';

/** Claude Code's model aliases (2.1.328); each may carry a `[1m]` suffix. */
const modelAliases: ReadonlySet<string> = new Set(['default', 'best', 'fable', 'opus', 'sonnet', 'haiku', 'opusplan']);

/** The alias a model setting names (lower case, `[1m]` taken off), or undefined for a model ID. */
export function modelAlias(model: string): string | undefined {
	const alias = model.toLowerCase().replace(/\[1m]$/, '');
	return modelAliases.has(alias) ? alias : undefined;
}

export type ModelTier = 'opus' | 'sonnet' | 'haiku' | 'fable';

/**
The tiers the aliases ask for: the variable that maps each to a gateway's model, its flag, and the ID the client
asks for when it is not mapped (2.1.328 at a gateway, seen with a loopback recorder).
*/
export const modelTiers: ReadonlyArray<{readonly tier: ModelTier; readonly variable: OwnedKey; readonly flag: string; readonly unmapped: string}> = [
	{tier: 'opus', variable: 'ANTHROPIC_DEFAULT_OPUS_MODEL', flag: '--opus-model', unmapped: 'claude-opus-5-5'},
	{tier: 'sonnet', variable: 'ANTHROPIC_DEFAULT_SONNET_MODEL', flag: '--sonnet-model', unmapped: 'claude-sonnet-5-5'},
	{tier: 'haiku', variable: 'ANTHROPIC_DEFAULT_HAIKU_MODEL', flag: '--haiku-model', unmapped: 'claude-haiku-5-5'},
	{tier: 'fable', variable: 'ANTHROPIC_DEFAULT_FABLE_MODEL', flag: '--fable-model', unmapped: 'claude-fable-5-2'},
];

/**
The tier each alias asks for in an ordinary request (seen, 2.1.328 at a gateway): `best` is opus there (Fable is
Anthropic's own), `opusplan` is sonnet outside plan mode. `default` names no tier.
*/
const aliasTiers: Readonly<Record<string, ModelTier>> = {best: 'opus', opus: 'opus', opusplan: 'sonnet', sonnet: 'sonnet', haiku: 'haiku', fable: 'fable'};

/** Every setting that names a model Claude Code asks the gateway for (the extra `/model` entry is the user's own choice). */
export const modelKeys: readonly OwnedKey[] = ['model', 'ANTHROPIC_MODEL', ...modelTiers.map(entry => entry.variable), 'CLAUDE_CODE_SUBAGENT_MODEL'];

/** The tier an alias asks for (`default` asks for none). */
export function tierOfAlias(alias: string): (typeof modelTiers)[number] | undefined {
	return modelTiers.find(entry => entry.tier === aliasTiers[alias]);
}

/**
The ID the client sends for a model setting: an alias through its tier's mapping, or the ID the client asks for
unmapped; a model ID as it is; `default`: undefined (the client's own default).
*/
export function resolveModel(model: string, values: KeyValues): string | undefined {
	const alias = modelAlias(model);
	if (alias === undefined) {
		return model;
	}

	const tier = tierOfAlias(alias);
	return tier === undefined ? undefined : values[tier.variable] ?? tier.unmapped;
}

/**
The tiers (and the subagent model) whose ID the gateway does not list, each with the mapping that fixes it: a user
can pick any tier in `/model`, and `fable` unmapped asks for claude-fable-5-2, which few gateways serve.
`managedFile` names the managed-settings file that sets a key, if one does: a write of the user's own would not
change that key, so the fix is the administrator's.
*/
export function unlistedTierFindings(values: KeyValues, listed: readonly string[], managedFile: (key: OwnedKey) => string | undefined = () => undefined): Finding[] {
	const known = new Set(listed.map(id => id.toLowerCase()));
	const findings: Finding[] = [];
	for (const {tier, variable, flag} of modelTiers) {
		const id = resolveModel(tier, values)!;
		if (!known.has(id.toLowerCase())) {
			const how = values[variable] === undefined ? `${tier} asks the gateway for ${id}` : `${tier} is mapped to ${id} (${variable})`;
			const managed = managedFile(variable);
			const fix = managed === undefined ? `map it to a model the gateway lists with ${variable} (ccgate write ${flag} ID)` : `ask your administrator to map it to a model the gateway lists in the managed settings (${managed}), which set ${variable} above every file of yours`;
			findings.push({code: 'model-tier-unlisted', level: 'warning', message: `The model tier ${how}, which the gateway does not list`, fix});
		}
	}

	const subagent = values.CLAUDE_CODE_SUBAGENT_MODEL;
	const subagentId = subagent === undefined ? undefined : resolveModel(subagent, values);
	if (subagentId !== undefined && !known.has(subagentId.toLowerCase()) && modelAlias(subagent!) === undefined) {
		const managed = managedFile('CLAUDE_CODE_SUBAGENT_MODEL');
		const fix = managed === undefined ? 'set CLAUDE_CODE_SUBAGENT_MODEL to a model the gateway lists (ccgate write --subagent-model ID)' : `ask your administrator to set it to a model the gateway lists in the managed settings (${managed}), which set CLAUDE_CODE_SUBAGENT_MODEL above every file of yours`;
		findings.push({code: 'model-subagent-unlisted', level: 'warning', message: `The subagent model ${subagentId} (CLAUDE_CODE_SUBAGENT_MODEL) is not one the gateway lists`, fix});
	}

	return findings;
}

/** The switch that keeps the client from remapping legacy model IDs (read as every switch is: core/switches.ts). */
export const legacyRemapSwitch = 'CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP';

/**
The legacy IDs the client remaps to the opus tier in the Anthropic format (seen, 2.1.328: `claude-opus-4-1` goes out as
claude-opus-5-5, or as the ANTHROPIC_DEFAULT_OPUS_MODEL mapping; the Bedrock and Vertex formats send it verbatim).
*/
const remappedLegacyModels = /^claude-opus-4-(?:0|1|1-20250805|20250514)$/i;

export function isRemappedLegacyModel(model: string): boolean {
	return remappedLegacyModels.test(model);
}

/** Why the client asks the gateway for another model than the configured one. */
export type ModelNote = {
	/** The configured model: an alias, or a legacy ID. */
	readonly configured: string;
	readonly why: 'alias' | 'remap';
	/** The tier it goes through, and whether its variable maps it. */
	readonly tier: (typeof modelTiers)[number];
	readonly mapped: boolean;
};

/** The model the client asks the gateway for, and why where it is not the configured one. */
export type AskedModel = {
	/** The ID the client sends; undefined: the format's own default (for a tier in Bedrock and Vertex: `tier`). */
	readonly id?: string;
	readonly note?: ModelNote;
};

/**
The model the client sends for a configuration (`ANTHROPIC_MODEL`, else the settings key `model`), as it resolves it
(seen, 2.1.328): an alias through its tier's mapping, unmapped as the client's own ID for the tier (in the Bedrock and
Vertex formats the format's own ID: left to the probe of that format); a legacy Opus ID remapped to the opus tier in the
Anthropic format unless CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP is on; `default` and no model at all: the format's default.
*/
export function askedModel(values: KeyValues, env: Readonly<Record<string, string | undefined>>, cloud: boolean): AskedModel {
	const model = values.ANTHROPIC_MODEL ?? values.model;
	if (model === undefined) {
		return {};
	}

	const alias = modelAlias(model);
	if (alias !== undefined) {
		const tier = tierOfAlias(alias);
		if (tier === undefined) {
			return {};
		}

		const mapped = values[tier.variable];
		const note: ModelNote = {configured: model, why: 'alias', tier, mapped: mapped !== undefined};
		return {...(mapped === undefined ? (cloud ? {} : {id: tier.unmapped}) : {id: mapped}), note};
	}

	if (!cloud && isRemappedLegacyModel(model) && !isSwitchOn(env[legacyRemapSwitch])) {
		const opus = modelTiers[0]!;
		return {id: resolveModel('opus', values)!, note: {configured: model, why: 'remap', tier: opus, mapped: values[opus.variable] !== undefined}};
	}

	return {id: model};
}

/**
Models the gateway lists that `/model` will not offer (the `llm-gateway-connect` page's "models missing from the
/model picker"): gateway model discovery is off, and no model setting, tier or the extra `/model` entry names them.
Only IDs discovery would show count (`visible`); one finding for all of them.
*/
export function undiscoveredModelFindings(values: KeyValues, visible: readonly string[]): Finding[] {
	if (isSwitchOn(values.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY)) {
		return [];
	}

	const settings = [...modelKeys.map(key => values[key]), values.ANTHROPIC_CUSTOM_MODEL_OPTION].filter(model => model !== undefined);
	const offered = new Set([...settings, ...modelTiers.map(({tier}) => tier)].map(model => resolveModel(model, values)?.toLowerCase()));
	const missing = visible.filter(id => !offered.has(id.toLowerCase()));
	if (missing.length === 0) {
		return [];
	}

	const named = missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
	return [{
		code: 'models-undiscovered',
		level: 'warning',
		message: `/model will not offer ${missing.length === 1 ? 'a model' : `${missing.length} models`} the gateway lists (${named}), because gateway model discovery is off`,
		fix: 'turn it on with CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=1 (ccgate write --discovery), or map a tier to the model you want',
	}];
}
