import {Box, Text, useApp, useStdout} from 'ink';
import {useEffect, useReducer} from 'react';
import {KeyHints} from './components/KeyHints.js';
import {StepTitle} from './components/StepTitle.js';
import {StepView} from './StepView.js';
import {blockedLine, keyHints} from './hints.js';
import {initialState, type TerminalSize, wizardReducer} from './reducer.js';
import type {WizardServices, WizardSetup} from './services.js';
import {useApplyWrite} from './use-apply-write.js';
import {useProbe} from './use-probe.js';
import {useReviewPlan} from './use-review-plan.js';
import {useWizardKeys} from './use-wizard-keys.js';

export type Props = {
	/** What was read before the wizard opened. */
	readonly setup: WizardSetup;
	/** The probe, the plan and the write: real ones in the CLI, fakes where a test needs them. */
	readonly services: WizardServices;
};

/** The terminal's size; a stream that gives none (a test's) counts as 80×24. */
function terminalSize(stdout: NodeJS.WriteStream): TerminalSize {
	return {rows: stdout.rows || 24, columns: stdout.columns || 80};
}

/** The wizard: one reducer holds the state; hooks run the probe, the plan and the write it asks for. */
export function App({setup, services}: Props) {
	const {stdout} = useStdout();
	const [state, dispatch] = useReducer(wizardReducer, setup, start => initialState(start, terminalSize(stdout)));
	const {exit} = useApp();
	useEffect(() => {
		const resized = () => {
			dispatch({type: 'terminal', size: terminalSize(stdout)});
		};

		stdout.on('resize', resized);
		return () => {
			stdout.off('resize', resized);
		};
	}, [stdout]);
	useWizardKeys(dispatch, state.result === undefined);
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
			<StepView state={state}/>
			{blockedLine(state) === undefined ? null : <Box marginTop={1}><Text color="red">{blockedLine(state)}</Text></Box>}
			{state.result ? null : <KeyHints hints={keyHints(state)}/>}
		</Box>
	);
}
