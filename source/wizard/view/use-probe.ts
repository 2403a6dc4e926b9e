import {type Dispatch, useEffect} from 'react';
import type {ProbeReport} from '../../probe/probe.js';
import {findingOf} from '../model/finding-of.js';
import type {ProbeState, WizardAction} from '../model/state.js';
import type {WizardServices} from '../model/services.js';

/** Runs the probe the reducer asked for, in the background; a newer run (or leaving) cancels the one before. */
export function useProbe(probe: ProbeState, run: WizardServices['probe'], dispatch: Dispatch<WizardAction>): void {
	const running = probe.status === 'running' ? probe : undefined;
	useEffect(() => {
		if (running === undefined) {
			return;
		}

		// The reducer reads no clock: the start is told to it, after this commit (dispatch measures the next frame with
		// Ink's renderToString, which must not run inside a render).
		const startedAt = Date.now();
		queueMicrotask(() => {
			dispatch({type: 'probe-started', id: running.id, at: startedAt});
		});
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
