import {formatFindings} from './api-format.js';
import type {Finding} from './findings.js';
import {type EffectiveConfig, type Layer, type ResolvedKey, providerSwitchFindings} from './layers.js';
import {maskValue} from './mask.js';
import {layoutTable} from './table-layout.js';

export type CacheSummary = {
	readonly path: string;
	readonly baseUrl?: string;
	readonly fetchedAt?: number;
	readonly models: ReadonlyArray<{id: string}>;
};

function where(layer: Layer): string {
	return layer.path ?? 'shell environment';
}

function shown(key: ResolvedKey['key'], value: string, reveal: boolean): string {
	return (reveal ? value : maskValue(key, value)).replaceAll('\n', String.raw`\n`);
}

/** What `show` and `doctor` find wrong in the whole picture, beyond each value's own checks. */
export function effectiveFindings(effective: EffectiveConfig, cache: CacheSummary | undefined): Finding[] {
	const findings: Finding[] = [...providerSwitchFindings(effective.layers, 'error'), ...formatFindings(effective.env)];
	for (const layer of effective.layers) {
		if (layer.problem) {
			findings.push(layer.problem);
		}
	}

	const untrusted = effective.layers.filter(layer => !layer.trusted && Object.keys(layer.values).length > 0);
	for (const layer of untrusted) {
		findings.push({code: 'layer-untrusted', level: 'warning', message: `${layer.path!} is left out because Claude Code has not trusted this folder`, fix: 'open claude here and accept the trust dialog, or pass --trust-project', layer: layer.path});
	}

	const baseUrl = effective.values.ANTHROPIC_BASE_URL?.replace(/\/+$/, '');
	if (cache?.baseUrl !== undefined && baseUrl !== undefined && cache.baseUrl.replace(/\/+$/, '') !== baseUrl) {
		findings.push({code: 'discovery-cache-stale', level: 'warning', message: `The discovery cache ${cache.path} is for ${cache.baseUrl}, not the configured ${baseUrl}, so it is stale`, fix: 'start claude once to refresh it'});
	}

	return findings;
}

/** `show` as a table: key, value (masked unless `reveal`), layer, and what it shadows; fitted to `width` when given (a terminal). */
export function formatEffectiveTable(effective: EffectiveConfig, cache: CacheSummary | undefined, reveal: boolean, width?: number): string {
	const rows: string[][] = [['KEY', 'VALUE', 'LAYER', 'SHADOWS']];
	for (const resolved of effective.keys) {
		const shadows = resolved.shadows.map(({layer, value}) => `${layer.name}: ${shown(resolved.key, value, reveal)}`);
		const ignored = resolved.untrusted.map(({layer, value}) => `${layer.name} (untrusted, ignored): ${shown(resolved.key, value, reveal)}`);
		rows.push([resolved.key, shown(resolved.key, resolved.value, reveal), resolved.layer.name, [...shadows, ...ignored].join('; ') || '-']);
	}

	for (const resolved of effective.untrustedOnly) {
		rows.push([resolved.key, shown(resolved.key, resolved.value, reveal), `${resolved.layer.name} (untrusted, ignored)`, '-']);
	}

	const broken = effective.layers.some(layer => layer.problem?.level === 'error');
	const nothing = broken ? 'Nothing of ccgate\'s is configured in the files ccgate could read.\n' : 'Nothing of ccgate\'s is configured.\n';
	let text = rows.length === 1 ? nothing : layoutTable(rows, {width});
	text += '\nLayers:\n';
	for (const layer of effective.layers) {
		if (layer.name === 'shell') {
			continue;
		}

		const state = layer.problem?.level === 'error' ? ' (not read: see the error)' : layer.trusted ? '' : ' (untrusted: not applied)';
		text += `  ${layer.name.padEnd(8)} ${where(layer)}${state}\n`;
	}

	if (cache) {
		const fetched = cache.fetchedAt === undefined ? 'at an unknown time' : new Date(cache.fetchedAt).toISOString();
		text += `\nDiscovery cache: ${cache.models.length} model${cache.models.length === 1 ? '' : 's'} (${cache.models.map(model => model.id).join(', ') || 'none'}), fetched ${fetched}, for ${cache.baseUrl ?? 'an unknown base URL'}\n`;
	}

	return text;
}

export function effectiveJson(effective: EffectiveConfig, cache: CacheSummary | undefined, findings: readonly Finding[], reveal: boolean): unknown {
	const layerRef = (layer: Layer) => ({layer: layer.name, path: layer.path ?? null, trusted: layer.trusted});
	return {
		keys: effective.keys.map(resolved => ({
			key: resolved.key,
			value: reveal ? resolved.value : maskValue(resolved.key, resolved.value),
			...layerRef(resolved.layer),
			shadows: resolved.shadows.map(({layer, value}) => ({...layerRef(layer), value: reveal ? value : maskValue(resolved.key, value)})),
			untrusted: resolved.untrusted.map(({layer, value}) => ({...layerRef(layer), value: reveal ? value : maskValue(resolved.key, value)})),
		})),
		untrusted: effective.untrustedOnly.map(resolved => ({key: resolved.key, value: reveal ? resolved.value : maskValue(resolved.key, resolved.value), ...layerRef(resolved.layer)})),
		layers: effective.layers.filter(layer => layer.name !== 'shell').map(layer => layerRef(layer)),
		discoveryCache: cache ? {path: cache.path, baseUrl: cache.baseUrl ?? null, fetchedAt: cache.fetchedAt ?? null, models: cache.models.map(model => model.id)} : null,
		findings,
	};
}
