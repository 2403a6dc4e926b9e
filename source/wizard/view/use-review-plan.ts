import {type Dispatch, useEffect} from 'react';
import {findingOf} from '../model/finding-of.js';
import type {WizardAction, WizardState} from '../model/state.js';
import {selectedTarget, writeRequest} from '../model/steps/target.js';
import type {WizardServices} from '../model/services.js';

/** Plans the write when the review opens: the diff is computed before anything is touched. */
export function useReviewPlan(state: WizardState, plan: WizardServices['plan'], dispatch: Dispatch<WizardAction>): void {
	const planningId = state.review.status === 'planning' ? state.review.id : undefined;
	useEffect(() => {
		if (planningId === undefined) {
			return;
		}

		plan(selectedTarget(state), writeRequest(state)).then(change => {
			dispatch({type: 'planned', id: planningId, change});
		}, (error: unknown) => {
			dispatch({type: 'plan-failed', id: planningId, finding: findingOf(error)});
		});
		// The planning id names the request: the state it was made from is the state of that moment.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [planningId, plan, dispatch]);
}
