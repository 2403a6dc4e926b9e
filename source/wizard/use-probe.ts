import {type Dispatch, useEffect} from 'react';
import type {ProbeReport} from '../probe/probe.js';
import {findingOf} from './finding-of.js';
import type {ProbeState, WizardAction} from './logic/state.js';
import type {WizardServices} from './services.js';

/** Runs the probe the reducer asked for, in the background; a newer run (or leaving) cancels the one before. */
export function useProbe(probe: ProbeState, run: WizardServices['probe'], dispatch: Dispatch<WizardAction>): void {
	const running = probe.status === 'running' ? probe : undefined;
	useEffect(() => {
		if (running === undefined) {
			return;
		}

		const controller = new AbortController();
		const finish = (report: ProbeReport) => {
			dispatch({type: 'probe-finished', id: running.id, report});
		};

		run(running.input, controller.signal).then(finish, (error: unknown) => {
			finish({verdict: 'not usable', usable: false, findings: [findingOf(error)], checks: []});
		});
		return () => {
			controller.abort();
		};
		// The run id names the request; the input object is part of it.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [running?.id, run, dispatch]);
}
