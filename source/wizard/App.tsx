import {Box, Text, useApp, useStdout} from 'ink';
import {useEffect} from 'react';
import {KeyHints} from './components/KeyHints.js';
import {FieldCursor} from './components/TextField.js';
import {StepTitle} from './components/StepTitle.js';
import {StepView} from './StepView.js';
import {bodyRows} from './layout.js';
import type {TerminalSize, WizardState} from './logic/state.js';
import {blockedLine, keyHints} from './reducer.js';
import {focusedEdit} from './logic/text-editing.js';
import type {WizardServices, WizardSetup} from './services.js';
import {useApplyWrite} from './use-apply-write.js';
import {useFittedState} from './use-fitted-state.js';
import {useProbe} from './use-probe.js';
import {useReviewPlan} from './use-review-plan.js';
import {useWizardKeys} from './use-wizard-keys.js';

export type Props = {
	/** What was read before the wizard opened. */
	readonly setup: WizardSetup;
	/** The probe, the plan and the write: real ones in the CLI, fakes where a test needs them. */
	readonly services: WizardServices;
};

/**
The step's body, kept within the rows the terminal leaves it: the long parts scroll in views of their own
(./layout.ts); whatever is still too tall (many findings in a short terminal) is cut at the bottom with a line
saying so, never drawn taller than the terminal, which would make Ink clear the screen and the scrollback.
*/
function FittedBody({state, tall}: {readonly state: WizardState; readonly tall: boolean}) {
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

/** The terminal's size (its real height, where Ink is told a taller one: ./terminal-out.ts); a stream that gives none (a test's) counts as 80×24. */
function terminalSize(stdout: NodeJS.WriteStream & {terminalRows?: number}): TerminalSize {
	return {rows: stdout.terminalRows ?? (stdout.rows || 24), columns: stdout.columns || 80};
}

/** The wizard: one reducer holds the state; hooks run the probe, the plan and the write it asks for. */
export function App({setup, services}: Props) {
	const {stdout} = useStdout();
	const [{state, tall}, dispatch] = useFittedState(setup, terminalSize(stdout));
	const {exit} = useApp();
	useEffect(() => {
		const resized = () => {
			dispatch({type: 'terminal', size: terminalSize(stdout)});
		};

		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	}, [stdout, dispatch]);
	useWizardKeys(dispatch, state.result === undefined, () => {
		(stdout as {redraw?: () => void}).redraw?.();
	});
	useProbe(state.probe, services.probe, dispatch);
	useReviewPlan(state, services.plan, dispatch);
	useApplyWrite(state.review, state.start.profile, services.apply, dispatch);
	useEffect(() => {
		if (state.result) {
			exit(state.result);
		}
	}, [state.result, exit]);

	if (state.result?.kind === 'cancelled') {
		return <Text>Left the ccgate wizard: nothing was written.</Text>;
	}

	return (
		<Box flexDirection="column">
			<StepTitle step={state.step} probe={state.probe}/>
			<FieldCursor.Provider value={focusedEdit(state)}>
				<FittedBody state={state} tall={tall}/>
			</FieldCursor.Provider>
			{blockedLine(state) === undefined ? null : <Box marginTop={1}><Text color="red">{blockedLine(state)}</Text></Box>}
			{state.result ? null : <KeyHints hints={keyHints(state)}/>}
		</Box>
	);
}
