import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import {ChoiceList} from '../components/ChoiceList.js';
import type {CredentialStyle} from '../../model/draft.js';
import type {ApiFormat} from '../../../core/api-format.js';
import {credentialStylesFor} from '../../model/steps/credential.js';

export type Props = {
	/** The highlighted style. */
	readonly style: CredentialStyle;
	/** The gateway's format: only the styles it takes are offered. */
	readonly api: ApiFormat;
};

const styles: Readonly<Record<CredentialStyle, {label: string; detail: string}>> = {
	bearer: {label: 'Bearer token', detail: 'Authorization: Bearer … (ANTHROPIC_AUTH_TOKEN)'},
	'x-api-key': {label: 'x-api-key', detail: 'the x-api-key header (ANTHROPIC_API_KEY)'},
	helper: {label: 'apiKeyHelper command', detail: 'a command that prints the key (settings files only)'},
	none: {label: 'None', detail: 'a local gateway that wants no credential'},
};

const notes: Readonly<Record<CredentialStyle, string>> = {
	bearer: 'The token goes out as Authorization: Bearer; Claude Code asks no questions about it.',
	'x-api-key': 'Interactive Claude Code asks whether to use an ANTHROPIC_API_KEY, with "No (recommended)" preselected, and a declined key is silently ignored. Keep the key in ccgate\'s secret file (asked next): read through apiKeyHelper it goes out as x-api-key with no prompt.',
	helper: 'Claude Code runs the command and sends its output as both Authorization: Bearer and x-api-key.',
	none: 'Claude Code gets the placeholder token ccgate-no-auth, so it neither starts a login nor sends your own Anthropic login to the gateway.',
};

/** The credential's style, with what each one means for Claude Code. */
export function CredentialStyleChoice({style, api}: Props) {
	const offered = credentialStylesFor(api);
	return (
		<Box flexDirection="column">
			<Prose>How does the gateway want the credential?</Prose>
			<ChoiceList labelWidth={22} selected={offered.indexOf(style)} choices={offered.map(entry => styles[entry])}/>
			<Prose dimColor>{notes[style]}</Prose>
		</Box>
	);
}
