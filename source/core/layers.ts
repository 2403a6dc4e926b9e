import {switchHasGateway} from './api-format.js';
import type {Finding, LayerName} from './findings.js';
import {isSwitchOn} from './switches.js';
import {isEnvKey, type KeyValues, type OwnedKey, ownedKeys, providerSwitches} from './keys.js';

/** One place Claude Code takes settings from, as read. */
export type Layer = {
	readonly name: LayerName;
	/** The file, absent for the shell's environment. */
	readonly path?: string;
	/** ccgate's keys as this layer holds them. */
	readonly values: KeyValues;
	/** The layer's whole `env` (or the shell's environment). */
	readonly env: Readonly<Record<string, string>>;
	/** Project and local layers count only in a folder Claude Code trusts. */
	readonly trusted: boolean;
	/** Why the layer could not be read, when it could not. */
	readonly problem?: Finding;
};

/** Lowest first, as Claude Code merges `env`: the shell, then user < project < local < managed. */
export const layerOrder: readonly LayerName[] = ['shell', 'user', 'project', 'local', 'managed'];

export type LayerValue = {readonly layer: Layer; readonly value: string};

export type ResolvedKey = {
	readonly key: OwnedKey;
	/** The value that wins, from a trusted layer. */
	readonly value: string;
	readonly layer: Layer;
	/** Lower trusted layers whose value for the key this one hides. */
	readonly shadows: readonly LayerValue[];
	/** Values from untrusted layers, shown but not used. */
	readonly untrusted: readonly LayerValue[];
};

export type EffectiveConfig = {
	readonly values: KeyValues;
	readonly keys: readonly ResolvedKey[];
	/** The merged `env` of every trusted layer, for proxy and certificate variables. */
	readonly env: Readonly<Record<string, string>>;
	readonly layers: readonly Layer[];
	/** Keys set only in untrusted layers. */
	readonly untrustedOnly: readonly ResolvedKey[];
};

function sortLayers(layers: readonly Layer[]): Layer[] {
	return [...layers].sort((a, b) => layerOrder.indexOf(a.name) - layerOrder.indexOf(b.name));
}

/** Merge the layers per key, as Claude Code does, leaving out untrusted ones. */
export function resolveEffective(layers: readonly Layer[]): EffectiveConfig {
	const ordered = sortLayers(layers);
	const values: KeyValues = {};
	const keys: ResolvedKey[] = [];
	const untrustedOnly: ResolvedKey[] = [];
	for (const key of ownedKeys) {
		const trusted: LayerValue[] = [];
		const untrusted: LayerValue[] = [];
		for (const layer of ordered) {
			const value = layer.values[key];
			if (value === undefined || (layer.name === 'shell' && !isEnvKey(key))) {
				continue;
			}

			(layer.trusted ? trusted : untrusted).push({layer, value});
		}

		const winner = trusted.at(-1);
		if (winner) {
			values[key] = winner.value;
			keys.push({key, value: winner.value, layer: winner.layer, shadows: trusted.slice(0, -1).reverse(), untrusted});
		} else if (untrusted.length > 0) {
			const top = untrusted.at(-1)!;
			untrustedOnly.push({key, value: top.value, layer: top.layer, shadows: [], untrusted});
		}
	}

	const env: Record<string, string> = {};
	for (const layer of ordered) {
		if (layer.trusted) {
			Object.assign(env, layer.env);
		}
	}

	return {values, keys, env, layers: ordered, untrustedOnly};
}

/** A layer as a sentence names it: `project settings (/path)`, or the shell's environment. */
export function layerLabel(layer: Pick<Layer, 'name' | 'path'>): string {
	return layer.path ? `${layer.name} settings (${layer.path})` : 'the shell\'s environment';
}

/** A `CLAUDE_CODE_USE_*` switch sends Claude Code to a cloud and nothing to the gateway. */
export function providerSwitchFindings(layers: readonly Layer[], level: 'error' | 'warning'): Finding[] {
	const findings: Finding[] = [];
	const merged: Record<string, string> = {};
	for (const layer of sortLayers(layers)) {
		if (layer.trusted) {
			Object.assign(merged, layer.env);
		}
	}

	for (const layer of sortLayers(layers)) {
		for (const name of providerSwitches) {
			const value = layer.env[name];
			// With its own gateway base URL, a Bedrock or Vertex switch is the gateway (docs/contract.md §4a), not a bypass.
			if (value === undefined || !isSwitchOn(value) || switchHasGateway(name, {...merged, ...layer.env})) {
				continue;
			}

			const where = `${name}=${value} in ${layerLabel(layer)}${layer.trusted ? '' : ', untrusted for now,'}`;

			findings.push({
				code: 'provider-switch',
				level,
				message: `${where} sends Claude Code to that cloud and nothing to ANTHROPIC_BASE_URL`,
				fix: `remove ${name} from ${layer.path ?? 'the shell'} to use the gateway`,
				layer: layer.path ?? layer.name,
			});
		}
	}

	return findings;
}

/** Writing `keys` to the `target` layer is in vain where a higher trusted layer sets the same key. */
export function shadowingFindings(target: LayerName, keys: readonly OwnedKey[], layers: readonly Layer[]): Finding[] {
	const findings: Finding[] = [];
	const rank = layerOrder.indexOf(target);
	for (const layer of sortLayers(layers)) {
		if (layerOrder.indexOf(layer.name) <= rank || !layer.trusted) {
			continue;
		}

		const shadowed = keys.filter(key => layer.values[key] !== undefined);
		if (shadowed.length > 0) {
			findings.push({
				code: 'target-shadowed',
				level: 'warning',
				message: `${shadowed.join(', ')} ${shadowed.length === 1 ? 'is' : 'are'} also set in ${layerLabel(layer)}, which overrides the ${target} layer`,
				fix: `change it there, or remove it from ${layer.path ?? 'the shell'}`,
				layer: layer.path ?? layer.name,
			});
		}
	}

	return findings;
}
