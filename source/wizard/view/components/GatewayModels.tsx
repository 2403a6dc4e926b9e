import {Box} from 'ink';
import type {ApiFormat} from '../../../core/api-format.js';
import type {ProbeState} from '../../model/state.js';
import {Prose} from './Prose.js';

export type Props = {
	/** The background probe, whose GET /v1/models answer lists the models. */
	readonly probe: ProbeState;
	/** The model field's text: the list shows the IDs holding it (any case); empty shows all. */
	readonly filter: string;
	/** The gateway's format: only the Anthropic format has a model list (GET /v1/models). */
	readonly api: ApiFormat;
};

function matching(ids: readonly string[], filter: string): string[] {
	const wanted = filter.toLowerCase();
	return ids.filter(id => id.toLowerCase().includes(wanted));
}

/** A label, and a list after it that wraps under itself, not back at column 0; a label too long to leave room takes a line of its own. */
function Labelled({label, dim = false, children}: {readonly label: string; readonly dim?: boolean; readonly children: string}) {
	return (
		<Box flexWrap="wrap">
			<Box flexShrink={0}><Prose dimColor={dim}>{label}</Prose></Box>
			<Box flexGrow={1} flexBasis={0} minWidth={30}><Prose dimColor={dim}>{children}</Prose></Box>
		</Box>
	);
}

/** The models the gateway lists: those discovery shows, and those it leaves out. */
export function GatewayModels({probe, filter, api}: Props) {
	if (probe.status === 'idle') {
		return null;
	}

	if (probe.status === 'running') {
		return <Prose dimColor>Waiting for the gateway&apos;s model list from the probe…</Prose>;
	}

	const {models} = probe.report;
	if (models === undefined) {
		return <Prose dimColor>{api === 'anthropic' ? 'The gateway did not list its models (GET /v1/models); type an ID.' : `A ${api === 'bedrock' ? 'Bedrock' : 'Vertex'} gateway lists no models to pick from; type an ID.`}</Prose>;
	}

	const all = [...models.visible, ...models.hidden].map(model => model.id);
	// A field holding one of the IDs (picked with Tab) shows the whole list again.
	const shownFilter = all.includes(filter) ? '' : filter;
	const visible = matching(models.visible.map(model => model.id), shownFilter);
	const hidden = matching(models.hidden.map(model => model.id), shownFilter);
	return (
		<Box flexDirection="column">
			<Labelled label={`Gateway models${shownFilter === '' ? '' : ` with "${shownFilter}"`}: `}>{visible.join(', ') || 'none'}</Labelled>
			{hidden.length > 0 ? <Labelled dim label='Not listed by discovery (no "claude" in the ID): '>{hidden.join(', ')}</Labelled> : null}
		</Box>
	);
}
