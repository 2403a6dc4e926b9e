import {type Dispatch, useEffect} from 'react';
import {findingOf} from '../model/finding-of.js';
import type {ReviewState, WizardAction} from '../model/state.js';
import type {WizardServices} from '../model/services.js';

/** Carries out the reviewed plan once the user confirms it. */
export function useApplyWrite(review: ReviewState, profile: string | undefined, apply: WizardServices['apply'], dispatch: Dispatch<WizardAction>): void {
	const change = review.status === 'writing' ? review.change : undefined;
	useEffect(() => {
		if (change === undefined) {
			return;
		}

		apply(change, profile).then(outcome => {
			dispatch({type: 'written', outcome});
		}, (error: unknown) => {
			dispatch({type: 'write-failed', finding: findingOf(error)});
		});
		// The profile belongs to the change being written.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [change, apply, dispatch]);
}
