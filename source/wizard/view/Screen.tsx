import {Box} from 'ink';
import {isCompact, minimumRows} from '../model/layout.js';
import {blockedLine, keyHints, type WizardState} from '../model/reducer.js';
import {focusedEdit} from '../model/text-editing.js';
import {Prose} from './components/Prose.js';
import {KeyHints} from './components/KeyHints.js';
import {StepTitle} from './components/StepTitle.js';
import {FieldCursor} from './components/TextField.js';
import {StepView} from './StepView.js';

/** The part of a body too tall for the terminal that is drawn: `rows` rows from its row `start` (use-fitted-state.tsx). */
export type BodyWindow = {readonly start: number; readonly rows: number; readonly more: 'above' | 'below' | 'above and below'};

export type Props = {
	/** The wizard's state: the screen draws its step. */
	readonly state: WizardState;
	/** Where the step's body is taller than the rows the terminal leaves it: the part drawn. */
	readonly window?: BodyWindow | undefined;
};

/**
The step's body, kept within the rows the terminal leaves it: the long parts scroll in views of their own
(../model/layout.ts); whatever is still too tall (a short terminal) is drawn from the rows around the focus (the
highlighted row or the field, with the error under it), and a line says what is out of sight. A frame is never
drawn taller than the terminal, which would make Ink clear the screen and the scrollback.
*/
function FittedBody({state, window}: Props) {
	const body = <StepView state={state}/>;
	if (window === undefined) {
		return body;
	}

	return (
		<Box flexDirection="column">
			<Box flexDirection="column" height={window.rows} overflowY="hidden">
				{/* Not shrunk to the height: moved up by the rows above the window, cut at its bottom. */}
				<Box flexDirection="column" flexShrink={0} marginTop={-window.start}>{body}</Box>
			</Box>
			<Prose dimColor>… more {window.more}: a taller terminal shows it</Prose>
		</Box>
	);
}

/** One frame of the wizard: the step's title, its body, why Enter was refused, and the keys that work. */
export function Screen({state, window}: Props) {
	if (state.result?.kind === 'cancelled') {
		return <Prose>Left the ccgate wizard: nothing was written.</Prose>;
	}

	if (state.terminal.rows < minimumRows && !state.result) {
		return <Prose>Too short: the wizard needs {minimumRows} rows, this terminal has {state.terminal.rows}; Ctrl+C quits.</Prose>;
	}

	const blocked = blockedLine(state);
	// The last frame is left on the screen the user had, which scrolls: laid out in full, however short the terminal.
	const compact = !state.result && isCompact(state);
	return (
		<Box flexDirection="column">
			<StepTitle step={state.step} probe={state.probe} compact={compact}/>
			<FieldCursor.Provider value={focusedEdit(state)}>
				<FittedBody state={state} window={state.result ? undefined : window}/>
			</FieldCursor.Provider>
			{blocked === undefined ? null : <Box marginTop={compact ? 0 : 1}><Prose color="red">{blocked}</Prose></Box>}
			{state.result ? null : <KeyHints hints={keyHints(state)} compact={compact}/>}
		</Box>
	);
}
