import {Text} from 'ink';
import {fieldParts} from '../frame-text.js';
import {noColor} from '../hide-ci.js';

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
	if (!focused) {
		const {before, empty} = fieldParts(value, value.length, maskFrom);
		return empty && placeholder ? <Text dimColor>{placeholder}</Text> : <Text>{before}</Text>;
	}

	const {before, at, after, empty} = fieldParts(value, cursor, maskFrom);
	if (noColor()) {
		// Without colour there is no inverse cell either: the cursor is a bar before the character it is on.
		return <Text>{before}|{at}{after}{empty && placeholder ? placeholder : null}</Text>;
	}

	return (
		<Text>
			{before}
			<Text inverse>{at ?? ' '}</Text>
			{after}
			{empty && placeholder ? <Text dimColor>{placeholder}</Text> : null}
		</Text>
	);
}
