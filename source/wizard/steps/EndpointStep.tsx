import {Box, Text} from 'ink';
import type {Finding} from '../../core/findings.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';

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
			<Text>The gateway&apos;s base URL (ANTHROPIC_BASE_URL). Claude Code appends /v1/messages itself.</Text>
			<Box>
				<Text color="cyan">❯ </Text>
				<TextField focused value={baseUrl} cursor={cursor} placeholder="http://127.0.0.1:4000"/>
			</Box>
			<FindingList findings={findings}/>
		</Box>
	);
}
