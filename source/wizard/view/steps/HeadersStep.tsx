import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import type {Finding} from '../../../core/findings.js';
import type {Header} from '../../../core/headers.js';
import {isSecretHeaderName, maskSecret} from '../../../core/mask.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import {fieldExamples} from '../../model/frame-text.js';
import type {HeaderEdit} from '../../model/state.js';

export type Props = {
	/** The headers so far. */
	readonly headers: readonly Header[];
	/** The selected row: a header, then "Add a header", then "Continue". */
	readonly selected: number;
	/** The header being added or edited, if any: its name and value fields. */
	readonly edit?: HeaderEdit;
	/** Show a credential-like value in clear while editing it. */
	readonly reveal: boolean;
	/** The edited line's findings, or the list's. */
	readonly findings: readonly Finding[];
};

function shown(header: Header): string {
	return `${header.name}: ${isSecretHeaderName(header.name) ? maskSecret(header.value) : header.value}`;
}

/** Custom headers: add, edit, remove; credential-like values masked. */
export function HeadersStep({headers, selected, edit, reveal, findings}: Props) {
	return (
		<Box flexDirection="column">
			<Prose>Headers sent with every request (ANTHROPIC_CUSTOM_HEADERS), optional:</Prose>
			{edit
				? (
					<Box flexDirection="column">
						{headers.map((header, index) => (index === edit.index ? null : <Prose key={header.name} dimColor>  {shown(header)}</Prose>))}
						<Box>
							<Prose color={edit.part === 'name' ? 'cyan' : undefined}>{edit.part === 'name' ? '❯ ' : '  '}{'Name'.padEnd(7)}</Prose>
							<TextField key="name" focused={edit.part === 'name'} value={edit.name} example={fieldExamples.headerName}/>
						</Box>
						<Box>
							<Prose color={edit.part === 'value' ? 'cyan' : undefined}>{edit.part === 'value' ? '❯ ' : '  '}{'Value'.padEnd(7)}</Prose>
							<TextField key="value" focused={edit.part === 'value'} value={edit.value} {...(edit.part === 'value' && {example: fieldExamples.headerValue})} masked={!reveal && isSecretHeaderName(edit.name)}/>
						</Box>
					</Box>
				)
				: <ChoiceList selected={selected} choices={[...headers.map(header => ({label: shown(header)})), {label: '+ Add a header'}, {label: 'Continue'}]}/>}
			<FindingList findings={findings}/>
		</Box>
	);
}
