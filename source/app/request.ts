import type {OwnedKey} from '../core/keys.js';
import type {ValueRequest} from '../core/plan.js';
import {applyPreset, type Preset} from '../core/presets.js';
import {changedFields, type Draft, type DraftField, draftFields, fieldKeys} from '../wizard/model/draft.js';

/** What kind of place the wizard writes to: a settings file, a shell profile, or export lines printed to paste. */
export type TargetKind = 'settings' | 'shell' | 'print';

export type RequestContext = {
	/** The fields as the wizard started, from the effective config. */
	readonly baseline: Draft;
	/** Fields whose starting value came from the shell's environment alone. */
	readonly fromShell: ReadonlySet<DraftField>;
	readonly target: TargetKind;
	/** Carry every field, as printed lines do: the probe checks all that Claude Code will see, not only what changes. */
	readonly allFields?: boolean;
};

/**
Which fields a write carries. A settings or shell target gets the fields the user changed, so re-editing one
value changes only that key. Values found only in the shell's environment are copied into a settings file too,
because Claude Code started from an IDE or a GUI does not see them. Printed lines carry every field.
*/
export function fieldsToWrite(draft: Draft, context: RequestContext): DraftField[] {
	if (context.target === 'print' || context.allFields) {
		return [...draftFields];
	}

	const changed = new Set(changedFields(draft, context.baseline));
	return draftFields.filter(field => changed.has(field) || (context.target === 'settings' && context.fromShell.has(field)));
}

/**
The format, region and project, as `--api`, `--region` and `--project` give them: the planner puts the base URL in
the format's variable, turns its switches on and takes out ccgate's keys of the other formats (docs/contract.md §4a). An
Anthropic-format request names its format only when it changes one.
*/
function formatRequest(draft: Draft, fields: readonly DraftField[], context: RequestContext): Pick<ValueRequest, 'api' | 'region' | 'project'> {
	const touched = fields.some(field => field === 'api' || field === 'baseUrl' || field === 'region' || field === 'project');
	if (!touched || (draft.api === 'anthropic' && context.baseline.api === 'anthropic')) {
		return {};
	}

	return {
		api: draft.api,
		...(draft.api !== 'anthropic' && draft.region !== '' && {region: draft.region}),
		...(draft.api === 'vertex' && draft.project !== '' && {project: draft.project}),
	};
}

/** The wizard's answer as the same request `ccgate write` builds from its flags. */
export function requestFromDraft(draft: Draft, context: RequestContext): ValueRequest {
	const set: Partial<Record<OwnedKey, string>> = {};
	const unset: OwnedKey[] = [];
	let headers: string[] | undefined;
	let noAuth = false;
	let secretFile = false;
	const text = (key: OwnedKey, value: string) => {
		if (value === '') {
			unset.push(key);
		} else {
			set[key] = value;
		}
	};

	const fields = fieldsToWrite(draft, context);
	for (const field of fields) {
		switch (field) {
			case 'api':
			case 'region':
			case 'project': {
				break;
			}

			case 'baseUrl': {
				text('ANTHROPIC_BASE_URL', draft.baseUrl);
				break;
			}

			case 'credential': {
				switch (draft.credentialStyle) {
					case 'none': {
						noAuth = true;
						break;
					}

					case 'helper': {
						set.apiKeyHelper = draft.helper;
						break;
					}

					default: {
						set[draft.credentialStyle === 'bearer' ? 'ANTHROPIC_AUTH_TOKEN' : 'ANTHROPIC_API_KEY'] = draft.secret;
						// A shell profile already keeps its variables in ccgate's 0600 file; printed lines carry the secret.
						secretFile = draft.secretStorage === 'secret-file' && context.target === 'settings';
					}
				}

				break;
			}

			case 'headers': {
				headers = draft.headers.map(header => `${header.name}: ${header.value}`);
				break;
			}

			case 'discovery': {
				if (draft.discovery) {
					set.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY = '1';
				} else {
					unset.push('CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY');
				}

				break;
			}

			case 'model': {
				// Cleared, the model goes from both keys: ANTHROPIC_MODEL would otherwise still win.
				if (draft.model === '') {
					unset.push('model', 'ANTHROPIC_MODEL');
				} else {
					set.model = draft.model;
				}

				break;
			}

			default: {
				text(fieldKeys[field][0]!, draft[field]);
			}
		}
	}

	return {set, unset, ...(headers !== undefined && {headers}), noAuth, secretFile, ...formatRequest(draft, fields, context)};
}

/** The wizard's answers: its fields, and the known gateway (with its template fields) they started from. */
export type WizardAnswers = {
	readonly draft: Draft;
	readonly preset?: Preset;
	readonly presetFields: Readonly<Record<string, string>>;
};

/**
The request the wizard writes: its fields as `requestFromDraft` reads them, under the chosen gateway's rules as
`--preset` applies them (`ANTHROPIC_API_KEY=""`, a stand-in token, a credential that travels in a header).
*/
export function wizardRequest(answers: WizardAnswers, context: RequestContext): ValueRequest {
	const request = requestFromDraft(answers.draft, context);
	return answers.preset === undefined ? request : applyPreset(answers.preset, request, {fields: answers.presetFields, credentialStyleChosen: true});
}

/** The keys a request touches, for shadowing warnings. */
export function requestKeys(request: ValueRequest): OwnedKey[] {
	const keys = new Set<OwnedKey>([...Object.keys(request.set) as OwnedKey[], ...request.unset]);
	if (request.headers !== undefined) {
		keys.add('ANTHROPIC_CUSTOM_HEADERS');
	}

	if (request.noAuth) {
		keys.add('ANTHROPIC_AUTH_TOKEN');
	}

	if (request.secretFile) {
		keys.add('apiKeyHelper');
	}

	return [...keys];
}
