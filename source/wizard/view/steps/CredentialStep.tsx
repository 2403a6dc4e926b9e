import {Box, Text} from 'ink';
import {Prose} from '../components/Prose.js';
import type {Finding} from '../../../core/findings.js';
import {maskSecret} from '../../../core/mask.js';
import {FindingList} from '../components/FindingList.js';
import {TextField} from '../components/TextField.js';
import {fieldExamples} from '../../model/frame-text.js';
import type {Draft} from '../../model/draft.js';
import type {CredentialPart} from '../../model/state.js';
import {CredentialStyleChoice} from './CredentialStyleChoice.js';
import {SecretStorageChoice} from './SecretStorageChoice.js';

export type Props = {
	/** The wizard's fields: the credential's style, secret, helper command and storage. */
	readonly draft: Draft;
	/** Which of the three questions is asked. */
	readonly part: CredentialPart;
	/** Show the secret in clear. */
	readonly reveal: boolean;
	/** The credential's findings, live. */
	readonly findings: readonly Finding[];
	/** Why ccgate's secret file is suggested, when it is. */
	readonly secretFileReason?: string;
	/** The secret already set, shown masked in brackets while the field is empty: Enter keeps it. */
	readonly keptSecret?: string;
};

/** The credential: its style, the secret (masked, with a reveal key), and where the secret lives. */
export function CredentialStep({draft, part, reveal, findings, secretFileReason, keptSecret}: Props) {
	let body;
	if (part === 'style') {
		body = <CredentialStyleChoice style={draft.credentialStyle} api={draft.api}/>;
	} else if (part === 'storage') {
		body = <SecretStorageChoice storage={draft.secretStorage} what={draft.credentialStyle === 'bearer' ? 'token' : 'key'} {...(secretFileReason !== undefined && {secretFileReason})}/>;
	} else if (draft.credentialStyle === 'helper') {
		body = (
			<Box flexDirection="column">
				<Prose>The command that prints the key (apiKeyHelper):</Prose>
				<Box>
					<Text color="cyan">❯ </Text>
					<TextField key="helper" focused value={draft.helper} example={fieldExamples.helper}/>
				</Box>
			</Box>
		);
	} else {
		body = (
			<Box flexDirection="column">
				<Prose>{draft.credentialStyle === 'bearer' ? 'The bearer token (ANTHROPIC_AUTH_TOKEN):' : 'The key (ANTHROPIC_API_KEY):'}</Prose>
				<Box>
					<Text color="cyan">❯ </Text>
					<TextField key={draft.credentialStyle} focused value={draft.secret} masked={!reveal} {...(keptSecret !== undefined && {placeholder: `[${maskSecret(keptSecret)}]`})}/>
				</Box>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			{body}
			<FindingList findings={findings}/>
		</Box>
	);
}
