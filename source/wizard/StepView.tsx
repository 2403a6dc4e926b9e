import {currentTableRows, reviewDiffRows} from './layout.js';
import {shownModelFields} from './logic/models.js';
import {shownFindings, type WizardState} from './reducer.js';
import {CredentialStep} from './steps/CredentialStep.js';
import {CurrentStep} from './steps/CurrentStep.js';
import {DoneStep} from './steps/DoneStep.js';
import {EndpointStep} from './steps/EndpointStep.js';
import {HeadersStep} from './steps/HeadersStep.js';
import {ModelsStep} from './steps/ModelsStep.js';
import {ProbeStep} from './steps/ProbeStep.js';
import {ReviewStep} from './steps/ReviewStep.js';
import {TargetStep} from './steps/TargetStep.js';
import {probeLine, secretLine} from './summary.js';
import {targetFindings, targetNotes} from './target-findings.js';

export type Props = {
	/** The whole wizard state; the view picks the step's part of it. */
	readonly state: WizardState;
};

/** The body of the current step. */
export function StepView({state}: Props) {
	const {draft, setup, reveal} = state;
	const findings = shownFindings(state);
	switch (state.step) {
		case 'current': {
			return <CurrentStep setup={setup} selected={state.currentIndex} rows={currentTableRows(state)} offset={state.scroll} columns={state.terminal.columns}/>;
		}

		case 'endpoint': {
			return <EndpointStep state={state} findings={findings}/>;
		}

		case 'credential': {
			return <CredentialStep draft={draft} part={state.credentialPart} reveal={reveal} findings={findings} {...(state.keptSecret !== undefined && {keptSecret: state.keptSecret})} {...(setup.secretFileReason !== undefined && {secretFileReason: setup.secretFileReason})}/>;
		}

		case 'headers': {
			return <HeadersStep headers={draft.headers} selected={state.headerIndex} reveal={reveal} findings={findings} {...(state.headerEdit && {edit: state.headerEdit})}/>;
		}

		case 'models': {
			return <ModelsStep draft={draft} fields={shownModelFields(state)} row={state.modelRow} probe={state.probe} findings={findings}/>;
		}

		case 'probe': {
			return <ProbeStep probe={state.probe}/>;
		}

		case 'target': {
			return <TargetStep targets={setup.targets} selected={state.targetIndex} findings={targetFindings(state)} notes={targetNotes(state)}/>;
		}

		case 'review': {
			return <ReviewStep review={state.review} unusable={state.acceptUnusable} rows={reviewDiffRows(state)} offset={state.scroll}/>;
		}

		case 'done': {
			const {review} = state;
			return review.status === 'written'
				? <DoneStep change={review.change} outcome={review.outcome} shellProfile={setup.targets[state.targetIndex]?.kind === 'shell'} secret={secretLine(draft, setup.targets[state.targetIndex]!, review.change)} probe={probeLine(state.probe, state.acceptUnusable)}/>
				: null;
		}
	}
}

