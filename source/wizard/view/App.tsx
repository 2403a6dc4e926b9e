import {useApp, useStdout} from 'ink';
import {useEffect} from 'react';
import type {TerminalSize} from '../model/state.js';
import type {WizardServices, WizardSetup} from '../model/services.js';
import {Screen} from './Screen.js';
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

/** The terminal's size (its real height, where Ink is told a taller one: ./terminal-out.ts); a stream that gives none (a test's) counts as 80×24. */
function terminalSize(stdout: NodeJS.WriteStream & {terminalRows?: number}): TerminalSize {
	return {rows: stdout.terminalRows ?? (stdout.rows || 24), columns: stdout.columns || 80};
}

/** The wizard: one reducer holds the state; hooks run the probe, the plan and the write it asks for. */
export function App({setup, services}: Props) {
	const {stdout} = useStdout();
	const [{state, window}, dispatch] = useFittedState(setup, terminalSize(stdout));
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

	return <Screen state={state} window={window}/>;
}
