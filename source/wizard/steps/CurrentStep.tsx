import {Box, Text} from 'ink';
import type {ResolvedKey} from '../../core/layers.js';
import {maskValue} from '../../core/mask.js';
import {type Choice, ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {displayPath} from '../display.js';
import {type CurrentChoice, currentChoices} from '../reducer.js';
import type {WizardSetup} from '../services.js';

export type Props = {
	/** The effective config, the findings about it, and the saved profiles. */
	readonly setup: WizardSetup;
	/** The highlighted choice. */
	readonly selected: number;
};

function where(resolved: Pick<ResolvedKey, 'layer'>): string {
	return resolved.layer.path ? `${resolved.layer.name}  ${displayPath(resolved.layer.path)}` : 'shell environment';
}

function shown(resolved: Pick<ResolvedKey, 'key' | 'value'>): string {
	return maskValue(resolved.key, resolved.value).replaceAll('\n', String.raw`\n`);
}

function choiceOf(choice: CurrentChoice): Choice {
	switch (choice.kind) {
		case 'edit': {
			return {label: 'Edit the current config', detail: 'every field starts from what is set now; only what you change is written'};
		}

		case 'fresh': {
			return {label: 'Start fresh', detail: 'every field starts empty; what you leave empty stays as it is in the file'};
		}

		case 'profile': {
			return {label: `Load the profile "${choice.name}"`, detail: 'its values replace the gateway settings'};
		}
	}
}

/** What Claude Code uses now, from which file, and how to begin. */
export function CurrentStep({setup, selected}: Props) {
	const {effective} = setup;
	const width = Math.max(0, ...[...effective.keys, ...effective.untrustedOnly].map(resolved => resolved.key.length));
	// Values line up too, so the layer column reads as a column.
	const valueWidth = Math.max(0, ...effective.keys.map(resolved => shown(resolved).length));
	return (
		<Box flexDirection="column" gap={1}>
			{effective.keys.length === 0 && effective.untrustedOnly.length === 0
				? <Text>Nothing of ccgate&apos;s is configured yet for Claude Code here.</Text>
				: (
					<Box flexDirection="column">
						<Text>What Claude Code uses now, and where it comes from:</Text>
						{effective.keys.map(resolved => (
							<Box key={resolved.key} flexDirection="column">
								<Text>  {resolved.key.padEnd(width)}  {shown(resolved).padEnd(valueWidth)}  <Text dimColor>{where(resolved)}</Text></Text>
								{resolved.untrusted.map(entry => (
									<Text key={entry.layer.path} color="yellow">  {''.padEnd(width)}  ignored: {shown({key: resolved.key, value: entry.value})} in {where(entry)} (untrusted folder)</Text>
								))}
							</Box>
						))}
						{effective.untrustedOnly.map(resolved => (
							<Text key={resolved.key} color="yellow">  {resolved.key.padEnd(width)}  {shown(resolved)}  {where(resolved)} (untrusted folder: not applied)</Text>
						))}
					</Box>
				)}
			<FindingList findings={setup.currentFindings}/>
			<ChoiceList choices={currentChoices(setup).map(choice => choiceOf(choice))} labelWidth={26} selected={selected}/>
		</Box>
	);
}
