import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import {filterLabel, filterPlaceholder, formatChoices, formatPrompt, gatewayPrompt, presetFieldPrompt, projectPrompt, regionPrompt, urlPrompts} from '../frame-text.js';
import {gatewayWindow} from '../layout.js';
import type {WizardState} from '../logic/state.js';
import {askedField, fieldText} from '../logic/text-editing.js';
import {apiFormats} from '../../core/api-format.js';

export type Props = {
	/** The wizard state: the endpoint step asks several things in turn (`endpointPart`). */
	readonly state: WizardState;
	/** The findings of the question asked, live. */
	readonly findings: readonly Finding[];
};

function Field({value, cursor, secret, placeholder}: {readonly value: string; readonly cursor: number; readonly secret?: boolean; readonly placeholder?: string}) {
	return (
		<Box>
			<Text color="cyan">❯ </Text>
			<TextField focused value={value} cursor={cursor} {...(secret && {maskFrom: 0})} {...(placeholder !== undefined && {placeholder})}/>
		</Box>
	);
}

function Question({state}: {readonly state: WizardState}) {
	const {draft, cursor} = state;
	switch (state.endpointPart) {
		case 'gateway': {
			const list = gatewayWindow(state);
			return (
				<>
					<Text>{gatewayPrompt}</Text>
					<Box>
						<Text>{filterLabel}</Text>
						<TextField focused value={state.gatewayFilter} cursor={cursor} placeholder={filterPlaceholder}/>
					</Box>
					<Box marginTop={1}><ChoiceList choices={list.choices} selected={list.selected} labelWidth={list.width}/></Box>
					{list.position === undefined ? null : <Text dimColor>{list.position}</Text>}
				</>
			);
		}

		case 'field': {
			const field = askedField(state)!;
			return (
				<>
					<Text>{presetFieldPrompt(field)}</Text>
					<Field value={fieldText(state, 'presetField')} cursor={cursor} secret={field.secret ? !state.reveal : false}/>
				</>
			);
		}

		case 'format': {
			return (
				<>
					<Text>{formatPrompt}</Text>
					<ChoiceList choices={formatChoices} selected={apiFormats.indexOf(draft.api)} labelWidth={9}/>
				</>
			);
		}

		case 'url': {
			const {prompt, placeholder} = urlPrompts[draft.api];
			return (
				<>
					<Text>{prompt}</Text>
					<Field value={draft.baseUrl} cursor={cursor} placeholder={placeholder}/>
				</>
			);
		}

		case 'region': {
			return (
				<>
					<Text>{regionPrompt(draft.api === 'vertex' ? 'vertex' : 'bedrock')}</Text>
					<Field value={draft.region} cursor={cursor}/>
				</>
			);
		}

		case 'project': {
			return (
				<>
					<Text>{projectPrompt}</Text>
					<Field value={draft.project} cursor={cursor} placeholder="my-project"/>
				</>
			);
		}
	}
}

/** Which gateway, and where it is: its format, base URL, and a pass-through gateway's region and project. */
export function EndpointStep({state, findings}: Props) {
	return (
		<Box flexDirection="column">
			{state.notice === undefined || state.endpointPart === 'gateway' ? null : <Text color="yellow">{state.notice}</Text>}
			<Question state={state}/>
			<FindingList findings={findings}/>
		</Box>
	);
}
