import {Box, Text} from 'ink';
import {Prose} from '../components/Prose.js';
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
					<Prose>{gatewayPrompt}</Prose>
					<Box>
						<Prose>{filterLabel}</Prose>
						<TextField focused value={state.endpoint.filter} placeholder={filterPlaceholder}/>
					</Box>
					<Box marginTop={1}><ChoiceList choices={list.choices} selected={list.selected} labelWidth={list.width}/></Box>
					{list.position === undefined ? null : <Prose dimColor>{list.position}</Prose>}
				</>
			);
		}

		case 'field': {
			const field = askedField(state)!;
			return (
				<>
					<Prose>{presetFieldPrompt(state.endpoint.preset!, field)}</Prose>
					<Field key={field.name} value={fieldText(state, 'presetField')} secret={field.secret ? !state.reveal : false}/>
				</>
			);
		}

		case 'format': {
			return (
				<>
					<Prose>{formatPrompt}</Prose>
					<ChoiceList choices={formatChoices} selected={apiFormats.indexOf(draft.api)} labelWidth={9}/>
				</>
			);
		}

		case 'url': {
			const {prompt, placeholder} = urlPrompts[draft.api];
			return (
				<>
					<Prose>{prompt}</Prose>
					<Field key="url" value={draft.baseUrl} example={placeholder}/>
				</>
			);
		}

		case 'region': {
			return (
				<>
					<Prose>{regionPrompt(draft.api === 'vertex' ? 'vertex' : 'bedrock')}</Prose>
					<Field key="region" value={draft.region}/>
				</>
			);
		}

		case 'project': {
			return (
				<>
					<Prose>{projectPrompt}</Prose>
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
			{state.endpoint.notice === undefined || state.endpoint.part === 'gateway' ? null : <Prose color="yellow">{state.endpoint.notice}</Prose>}
			<Question state={state}/>
			<FindingList findings={findings}/>
		</Box>
	);
}
