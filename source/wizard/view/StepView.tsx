import {currentTableRows, reviewDiffRows} from '../model/layout.js';
import {placedModelFindings, shownModelFields} from '../model/steps/models.js';
import {shownFindings, type WizardState} from '../model/reducer.js';
import {probeLine, secretLine} from '../model/summary.js';
import {targetFindings, targetNotes} from '../model/target-findings.js';
import {CredentialStep} from './steps/CredentialStep.js';
import {CurrentStep} from './steps/CurrentStep.js';
import {DoneStep} from './steps/DoneStep.js';
import {EndpointStep} from './steps/EndpointStep.js';
import {HeadersStep} from './steps/HeadersStep.js';
import {ModelsStep} from './steps/ModelsStep.js';
import {ProbeStep} from './steps/ProbeStep.js';
import {ReviewStep} from './steps/ReviewStep.js';
import {TargetStep} from './steps/TargetStep.js';

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
			return <CurrentStep setup={setup} selected={state.current.index} rows={currentTableRows(state)} offset={state.scroll} columns={state.terminal.columns}/>;
		}

		case 'endpoint': {
			return <EndpointStep state={state} findings={findings}/>;
		}

		case 'credential': {
			return <CredentialStep draft={draft} part={state.credential.part} reveal={reveal} findings={findings} {...(state.keptSecret !== undefined && {keptSecret: state.keptSecret})} {...(setup.secretFileReason !== undefined && {secretFileReason: setup.secretFileReason})}/>;
		}

		case 'headers': {
			return <HeadersStep headers={draft.headers} selected={state.headers.index} reveal={reveal} findings={findings} {...(state.headers.edit && {edit: state.headers.edit})}/>;
		}

		case 'models': {
			return <ModelsStep draft={draft} fields={shownModelFields(state)} row={state.models.row} probe={state.probe} findings={placedModelFindings(state)}/>;
		}

		case 'probe': {
			return <ProbeStep probe={state.probe}/>;
		}

		case 'target': {
			return <TargetStep targets={setup.targets} selected={state.target.index} findings={targetFindings(state)} notes={targetNotes(state)}/>;
		}

		case 'review': {
			return <ReviewStep review={state.review} unusable={state.acceptUnusable} rows={reviewDiffRows(state)} offset={state.scroll} columns={state.terminal.columns}/>;
		}

		case 'done': {
			const {review} = state;
			return review.status === 'written'
				? <DoneStep change={review.change} outcome={review.outcome} shellProfile={setup.targets[state.target.index]?.kind === 'shell'} secret={secretLine(draft, setup.targets[state.target.index]!, review.change)} probe={probeLine(state.probe, state.acceptUnusable, setup.targets[state.target.index]?.kind === 'print')} unusable={state.probe.status === 'done' && state.probe.report.verdict === 'not usable'} columns={state.terminal.columns}/>
				: null;
		}
	}
}

