import {Box, Text} from 'ink';
import type {Finding} from '../../../core/findings.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import {fieldExamples, filterLabel, filterPlaceholder, formatChoices, formatPrompt, gatewayPrompt, presetFieldPrompt, projectPrompt, regionPrompt, urlPrompts} from '../../model/frame-text.js';
import {gatewayWindow} from '../../model/layout.js';
import type {WizardState} from '../../model/state.js';
import {askedField, fieldText} from '../../model/text-editing.js';
import {apiFormats} from '../../../core/api-format.js';

export type Props = {
	/** The wizard state: the endpoint step asks several things in turn (`endpointPart`). */
	readonly state: WizardState;
	/** The findings of the question asked, live. */
	readonly findings: readonly Finding[];
};

function Field({value, secret, example}: {readonly value: string; readonly secret?: boolean; readonly example?: string}) {
	return (
		<Box>
			<Text color="cyan">❯ </Text>
			<TextField focused value={value} masked={secret ?? false} {...(example !== undefined && {example})}/>
		</Box>
	);
}

function Question({state}: {readonly state: WizardState}) {
	const {draft} = state;
	switch (state.endpoint.part) {
		case 'gateway': {
			const list = gatewayWindow(state);
			return (
				<>
					<Text>{gatewayPrompt}</Text>
					<Box>
						<Text>{filterLabel}</Text>
						<TextField focused value={state.endpoint.filter} placeholder={filterPlaceholder}/>
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
					<Text>{presetFieldPrompt(state.endpoint.preset!, field)}</Text>
					<Field key={field.name} value={fieldText(state, 'presetField')} secret={field.secret ? !state.reveal : false}/>
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
					<Field key="url" value={draft.baseUrl} example={placeholder}/>
				</>
			);
		}

		case 'region': {
			return (
				<>
					<Text>{regionPrompt(draft.api === 'vertex' ? 'vertex' : 'bedrock')}</Text>
					<Field key="region" value={draft.region}/>
				</>
			);
		}

		case 'project': {
			return (
				<>
					<Text>{projectPrompt}</Text>
					<Field key="project" value={draft.project} example={fieldExamples.project}/>
				</>
			);
		}
	}
}

/** Which gateway, and where it is: its format, base URL, and a pass-through gateway's region and project. */
export function EndpointStep({state, findings}: Props) {
	return (
		<Box flexDirection="column">
			{state.endpoint.notice === undefined || state.endpoint.part === 'gateway' ? null : <Text color="yellow">{state.endpoint.notice}</Text>}
			<Question state={state}/>
			<FindingList findings={findings}/>
		</Box>
	);
}
