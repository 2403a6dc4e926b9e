import {Box, Text} from 'ink';
import {bodyRows} from '../model/layout.js';
import {focusedEdit} from '../model/text-editing.js';
import {blockedLine, keyHints, type WizardState} from '../model/reducer.js';
import {KeyHints} from './components/KeyHints.js';
import {StepTitle} from './components/StepTitle.js';
import {FieldCursor} from './components/TextField.js';
import {StepView} from './StepView.js';

export type Props = {
	/** The wizard's state: the screen draws its step. */
	readonly state: WizardState;
	/** The step's body is taller than the rows the terminal leaves it (use-fitted-state.tsx measured it). */
	readonly tall: boolean;
};

/**
The step's body, kept within the rows the terminal leaves it: the long parts scroll in views of their own
(./layout.ts); whatever is still too tall (many findings in a short terminal) is cut at the bottom with a line
saying so, never drawn taller than the terminal, which would make Ink clear the screen and the scrollback.
*/
function FittedBody({state, tall}: Props) {
	const body = <StepView state={state}/>;
	const limit = bodyRows(state);
	if (!tall) {
		return body;
	}

	return (
		<Box flexDirection="column">
			<Box flexDirection="column" height={Math.max(limit - 1, 1)} overflowY="hidden">
				{/* Not shrunk to the height: cut at its bottom. */}
				<Box flexDirection="column" flexShrink={0}>{body}</Box>
			</Box>
			<Text dimColor>… more below: a taller terminal shows it</Text>
		</Box>
	);
}

/** One frame of the wizard: the step's title, its body, why Enter was refused, and the keys that work. */
export function Screen({state, tall}: Props) {
	if (state.result?.kind === 'cancelled') {
		return <Text>Left the ccgate wizard: nothing was written.</Text>;
	}

	const blocked = blockedLine(state);
	return (
		<Box flexDirection="column">
			<StepTitle step={state.step} probe={state.probe}/>
			<FieldCursor.Provider value={focusedEdit(state)}>
				<FittedBody state={state} tall={tall}/>
			</FieldCursor.Provider>
			{blocked === undefined ? null : <Box marginTop={1}><Text color="red">{blocked}</Text></Box>}
			{state.result ? null : <KeyHints hints={keyHints(state)}/>}
		</Box>
	);
}
