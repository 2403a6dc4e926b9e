import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import {baseUrlPlaceholder, endpointPrompt} from '../frame-text.js';

export type Props = {
	/** The base URL as typed. */
	readonly baseUrl: string;
	/** The cursor in it. */
	readonly cursor: number;
	/** The base URL's findings, live. */
	readonly findings: readonly Finding[];
};

/** The gateway's base URL. */
export function EndpointStep({baseUrl, cursor, findings}: Props) {
	return (
		<Box flexDirection="column">
			<Text>{endpointPrompt}</Text>
			<Box>
				<Text color="cyan">❯ </Text>
				<TextField focused value={baseUrl} cursor={cursor} placeholder={baseUrlPlaceholder}/>
			</Box>
			<FindingList findings={findings}/>
		</Box>
	);
}
