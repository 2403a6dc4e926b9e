import {Text} from 'ink';

export type Props = {
	/** The field's text. */
	readonly value: string;
	/** Where the cursor is, 0 … value.length. */
	readonly cursor: number;
	/** Draw the cursor; a field without the focus shows its text alone. */
	readonly focused: boolean;
	/** Characters from this index on show as • (a secret, or a credential-like header value); absent: none. */
	readonly maskFrom?: number;
	/** Shown dim while the field is empty. */
	readonly placeholder?: string;
};

/** A one-line text field drawn from the reducer's text and cursor. */
export function TextField({value, cursor, focused, maskFrom, placeholder}: Props) {
	const characters = [...value].map((character, index) => (maskFrom !== undefined && index >= maskFrom ? '•' : character));
	if (!focused) {
		return characters.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{characters.join('')}</Text>;
	}

	const before = characters.slice(0, cursor).join('');
	const at = characters[cursor] ?? ' ';
	const after = characters.slice(cursor + 1).join('');
	return (
		<Text>
			{before}
			<Text inverse>{at}</Text>
			{after}
			{characters.length === 0 && placeholder ? <Text dimColor>{placeholder}</Text> : null}
		</Text>
	);
}
