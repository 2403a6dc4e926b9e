import {Box} from 'ink';
import {Prose} from '../components/Prose.js';
import {ChoiceList} from '../components/ChoiceList.js';
import type {SecretStorage} from '../../model/draft.js';
import {secretStorages} from '../../model/steps/credential.js';

export type Props = {
	/** The highlighted place. */
	readonly storage: SecretStorage;
	/** "token" or "key", as the user chose. */
	readonly what: string;
	/** Why ccgate's secret file is suggested, when it is. */
	readonly secretFileReason?: string;
};

/** Where the secret lives: in the settings file, or in ccgate's 0600 file read through apiKeyHelper. */
export function SecretStorageChoice({storage, what, secretFileReason}: Props) {
	const suggested = secretFileReason === undefined ? '' : ' (suggested)';
	return (
		<Box flexDirection="column">
			<Prose>Where should the {what} live?</Prose>
			<ChoiceList
				labelWidth={28}
				selected={secretStorages.indexOf(storage)}
				choices={[
					{label: 'In the settings file', detail: 'in env, the file made 0600'},
					{label: `In ccgate's secret file${suggested}`, detail: 'a 0600 file read through apiKeyHelper: the settings file holds no secret'},
				]}
			/>
			{secretFileReason ? <Prose color="yellow">Suggested because {secretFileReason}.</Prose> : null}
			<Prose dimColor>This applies to settings files; a shell profile keeps its variables in a 0600 file of ccgate&apos;s anyway.</Prose>
		</Box>
	);
}
