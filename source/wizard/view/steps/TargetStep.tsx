import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import type {Finding} from '../../../core/findings.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import type {TargetOption} from '../../model/services.js';

export type Props = {
	/** The places the wizard can write to. */
	readonly targets: readonly TargetOption[];
	/** The highlighted one. */
	readonly selected: number;
	/** Shadowing warnings for the selected target. */
	readonly findings: readonly Finding[];
	/** Notes for the kind of target selected. */
	readonly notes: readonly string[];
};

/** Where the configuration goes: a settings file, the shell profile, or printed lines. */
export function TargetStep({targets, selected, findings, notes}: Props) {
	return (
		<Box flexDirection="column">
			<Prose>Where should the configuration go?</Prose>
			<ChoiceList labelWidth={24} selected={selected} choices={targets.map(target => ({label: target.title, ...(target.where !== undefined && {detail: target.where})}))}/>
			<FindingList findings={findings}/>
			{notes.map(note => <Prose key={note} color="yellow">{note}</Prose>)}
		</Box>
	);
}
