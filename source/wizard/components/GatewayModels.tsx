import {Box, Text} from 'ink';
import type {ProbeState} from '../reducer.js';

export type Props = {
	/** The background probe, whose GET /v1/models answer lists the models. */
	readonly probe: ProbeState;
};

/** The models the gateway lists: those discovery shows, and those it leaves out. */
export function GatewayModels({probe}: Props) {
	if (probe.status === 'idle') {
		return null;
	}

	if (probe.status === 'running') {
		return <Text dimColor>Waiting for the gateway&apos;s model list from the probe…</Text>;
	}

	const {models} = probe.report;
	if (models === undefined) {
		return <Text dimColor>The gateway did not list its models (GET /v1/models); type an ID.</Text>;
	}

	return (
		<Box flexDirection="column">
			<Text>Gateway models: {models.visible.map(model => model.id).join(', ') || 'none'}</Text>
			{models.hidden.length > 0 ? <Text dimColor>Not listed by discovery (no &quot;claude&quot; in the ID): {models.hidden.map(model => model.id).join(', ')}</Text> : null}
		</Box>
	);
}
