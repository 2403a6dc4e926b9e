import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import type {Finding} from '../../../core/findings.js';
import {FindingList} from '../components/FindingList.js';
import {GatewayModels} from '../components/GatewayModels.js';
import {isModelWarning, ModelWarnings} from '../components/ModelWarnings.js';
import {TextField} from '../components/TextField.js';
import type {Draft} from '../../model/draft.js';
import type {ModelRow, ProbeState} from '../../model/state.js';
import type {modelFields} from '../../model/validation.js';

export type Props = {
	/** The wizard's fields: the models and discovery. */
	readonly draft: Draft;
	/** The model fields shown: every tier and the subagent model, and the extra /model entry where it is offered. */
	readonly fields: ReadonlyArray<(typeof modelFields)[number]>;
	/** The focused row. */
	readonly row: ModelRow;
	/** The background probe, for the gateway's model list. */
	readonly probe: ProbeState;
	/** The focused field's own errors, shown under it, and the other model and discovery findings (model/steps/models.ts). */
	readonly findings: {readonly underField: readonly Finding[]; readonly rest: readonly Finding[]};
};

/** The default model, every tier's mapping and the subagent model (all optional), the extra /model entry, and gateway model discovery. */
export function ModelsStep({draft, fields, row, probe, findings}: Props) {
	const {underField, rest} = findings;
	return (
		<Box flexDirection="column">
			<Prose>Models, all optional: empty keeps Claude Code&apos;s own choice. Type an ID or pick one the gateway lists.</Prose>
			{fields.map(entry => {
				const focused = row === entry.field;
				return (
					<Box key={entry.field} flexDirection="column">
						<Box>
							<Prose color={focused ? 'cyan' : undefined}>{focused ? '❯ ' : '  '}{entry.label.padEnd(16)}</Prose>
							<TextField focused={focused} value={draft[entry.field]} placeholder={focused ? 'not set' : ''}/>
						</Box>
						{focused && underField.length > 0 ? <FindingList findings={underField}/> : null}
					</Box>
				);
			})}
			{/* Two columns, so a narrow terminal wraps the note under itself, not back at column 0. */}
			<Box>
				<Box flexShrink={0}>
					<Prose color={row === 'discovery' ? 'cyan' : undefined}>
						{row === 'discovery' ? '❯ ' : '  '}{'Discovery'.padEnd(16)}{draft.discovery ? '[x] on ' : '[ ] off'}{'  '}
					</Prose>
				</Box>
				<Prose dimColor>lets /model list the gateway&apos;s Claude models (Claude Code 2.1.129+)</Prose>
			</Box>
			<Box marginTop={1} flexDirection="column">
				<GatewayModels probe={probe} api={draft.api} filter={row === 'discovery' || row === 'customModelName' ? '' : draft[row]}/>
			</Box>
			<ModelWarnings findings={rest}/>
			<FindingList findings={rest.filter(finding => !isModelWarning(finding))}/>
		</Box>
	);
}
