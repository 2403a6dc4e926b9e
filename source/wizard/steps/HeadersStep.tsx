import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';
import type {Header} from '../../core/headers.js';
import {isSecretHeaderName, maskSecret} from '../../core/mask.js';
import {ChoiceList} from '../components/ChoiceList.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import type {HeaderEdit} from '../logic/state.js';

export type Props = {
	/** The headers so far. */
	readonly headers: readonly Header[];
	/** The selected row: a header, then "Add a header", then "Continue". */
	readonly selected: number;
	/** The line being added or edited, if any. */
	readonly edit?: HeaderEdit;
	/** The cursor in the edited line. */
	readonly cursor: number;
	/** Show a credential-like value in clear while editing it. */
	readonly reveal: boolean;
	/** The edited line's findings, or the list's. */
	readonly findings: readonly Finding[];
};

function shown(header: Header): string {
	return `${header.name}: ${isSecretHeaderName(header.name) ? maskSecret(header.value) : header.value}`;
}

/** Where a credential-like header's value starts in its line, to mask it; undefined for other headers. */
function valueStart(line: string): number | undefined {
	const colon = line.indexOf(':');
	if (colon === -1 || !isSecretHeaderName(line.slice(0, colon))) {
		return undefined;
	}

	return colon + 1;
}

/** Custom headers: add, edit, remove; credential-like values masked. */
export function HeadersStep({headers, selected, edit, cursor, reveal, findings}: Props) {
	const maskFrom = edit && !reveal ? valueStart(edit.text) : undefined;
	return (
		<Box flexDirection="column">
			<Text>Headers sent with every request (ANTHROPIC_CUSTOM_HEADERS), optional:</Text>
			{edit
				? (
					<Box flexDirection="column">
						{headers.map((header, index) => (index === edit.index ? null : <Text key={header.name} dimColor>  {shown(header)}</Text>))}
						<Box>
							<Text color="cyan">❯ </Text>
							<TextField focused value={edit.text} cursor={cursor} placeholder="Name: Value" {...(maskFrom !== undefined && {maskFrom})}/>
						</Box>
					</Box>
				)
				: <ChoiceList selected={selected} choices={[...headers.map(header => ({label: shown(header)})), {label: '+ Add a header'}, {label: 'Continue'}]}/>}
			<FindingList findings={findings}/>
		</Box>
	);
}
