import {type ApiFormat, cloudKeys, formatKeys, gatewayOf} from '../../core/api-format.js';
import {type Header, parseHeaders} from '../../core/headers.js';
import {type KeyValues, noAuthPlaceholder, type OwnedKey} from '../../core/keys.js';
import {isSwitchOn} from '../../core/switches.js';

/** How Claude Code proves itself to the gateway. */
export type CredentialStyle = 'bearer' | 'x-api-key' | 'helper' | 'none';

/** Where a bearer token or x-api-key lives: in the settings file, or in ccgate's 0600 file read through apiKeyHelper. */
export type SecretStorage = 'settings' | 'secret-file';

/** The wizard's fields, as the user sees and edits them. */
export type Draft = {
	/** The gateway's API format (docs/contract.md §4a): its base URL goes to that format's variable. */
	readonly api: ApiFormat;
	readonly baseUrl: string;
	/** Bedrock's AWS_REGION or Vertex's CLOUD_ML_REGION; unused in the Anthropic format. */
	readonly region: string;
	/** Vertex's ANTHROPIC_VERTEX_PROJECT_ID. */
	readonly project: string;
	readonly credentialStyle: CredentialStyle;
	/** The bearer token or x-api-key. */
	readonly secret: string;
	/** The apiKeyHelper command. */
	readonly helper: string;
	readonly secretStorage: SecretStorage;
	readonly headers: readonly Header[];
	/** The default model; empty means not set. */
	readonly model: string;
	readonly opusModel: string;
	readonly sonnetModel: string;
	readonly haikuModel: string;
	readonly fableModel: string;
	/** CLAUDE_CODE_SUBAGENT_MODEL. */
	readonly subagentModel: string;
	/** ANTHROPIC_CUSTOM_MODEL_OPTION and its _NAME: one extra entry in /model (a gateway's own, non-Claude model). */
	readonly customModel: string;
	readonly customModelName: string;
	readonly discovery: boolean;
};

export const emptyDraft: Draft = {
	api: 'anthropic',
	baseUrl: '',
	region: '',
	project: '',
	credentialStyle: 'bearer',
	secret: '',
	helper: '',
	secretStorage: 'settings',
	headers: [],
	model: '',
	opusModel: '',
	sonnetModel: '',
	haikuModel: '',
	fableModel: '',
	subagentModel: '',
	customModel: '',
	customModelName: '',
	discovery: false,
};

/** ccgate's own secret file behind an apiKeyHelper: the wizard shows the secret, not the `cat` command. */
export type SecretFileCredential = {readonly helper: string; readonly secret: string};

/** The fields for a set of values: the effective config, or a saved profile. */
export function draftFromValues(values: KeyValues, secretFile?: SecretFileCredential): Draft {
	const credential: Pick<Draft, 'credentialStyle' | 'secret' | 'helper' | 'secretStorage'> = (() => {
		if (values.ANTHROPIC_AUTH_TOKEN === noAuthPlaceholder) {
			return {credentialStyle: 'none', secret: '', helper: '', secretStorage: 'settings'};
		}

		if (values.apiKeyHelper !== undefined && secretFile?.helper === values.apiKeyHelper) {
			return {credentialStyle: 'bearer', secret: secretFile.secret, helper: '', secretStorage: 'secret-file'};
		}

		if (values.ANTHROPIC_AUTH_TOKEN !== undefined) {
			return {credentialStyle: 'bearer', secret: values.ANTHROPIC_AUTH_TOKEN, helper: '', secretStorage: 'settings'};
		}

		if (values.ANTHROPIC_API_KEY !== undefined) {
			return {credentialStyle: 'x-api-key', secret: values.ANTHROPIC_API_KEY, helper: '', secretStorage: 'settings'};
		}

		if (values.apiKeyHelper !== undefined) {
			return {credentialStyle: 'helper', secret: '', helper: values.apiKeyHelper, secretStorage: 'settings'};
		}

		return {credentialStyle: 'bearer', secret: '', helper: '', secretStorage: 'settings'};
	})();

	// A Bedrock or Vertex gateway is edited as one: its format, its own base URL variable, its region and project.
	const gateway = gatewayOf(values);
	const api = gateway?.format ?? 'anthropic';
	return {
		api,
		baseUrl: gateway?.url ?? '',
		region: api === 'anthropic' ? '' : values[cloudKeys[api].region] ?? '',
		project: api === 'vertex' ? values.ANTHROPIC_VERTEX_PROJECT_ID ?? '' : '',
		...credential,
		headers: parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS),
		// ANTHROPIC_MODEL beats the settings key `model`, so it is the model Claude Code uses.
		model: values.ANTHROPIC_MODEL ?? values.model ?? '',
		opusModel: values.ANTHROPIC_DEFAULT_OPUS_MODEL ?? '',
		sonnetModel: values.ANTHROPIC_DEFAULT_SONNET_MODEL ?? '',
		haikuModel: values.ANTHROPIC_DEFAULT_HAIKU_MODEL ?? '',
		fableModel: values.ANTHROPIC_DEFAULT_FABLE_MODEL ?? '',
		subagentModel: values.CLAUDE_CODE_SUBAGENT_MODEL ?? '',
		customModel: values.ANTHROPIC_CUSTOM_MODEL_OPTION ?? '',
		customModelName: values.ANTHROPIC_CUSTOM_MODEL_OPTION_NAME ?? '',
		discovery: isSwitchOn(values.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY),
	};
}

/** The units the wizard changes: a field changed is written whole, a field left alone is not touched. */
export type DraftField = 'api' | 'baseUrl' | 'region' | 'project' | 'credential' | 'headers' | 'model' | 'opusModel' | 'sonnetModel' | 'haikuModel' | 'fableModel' | 'subagentModel' | 'customModel' | 'customModelName' | 'discovery';

export const draftFields: readonly DraftField[] = ['api', 'baseUrl', 'region', 'project', 'credential', 'headers', 'model', 'opusModel', 'sonnetModel', 'haikuModel', 'fableModel', 'subagentModel', 'customModel', 'customModelName', 'discovery'];

/** The keys each field is read from and written to. */
export const fieldKeys: Readonly<Record<DraftField, readonly OwnedKey[]>> = {
	api: [...formatKeys.bedrock, ...formatKeys.vertex],
	baseUrl: ['ANTHROPIC_BASE_URL', 'ANTHROPIC_BEDROCK_BASE_URL', 'ANTHROPIC_VERTEX_BASE_URL'],
	region: ['AWS_REGION', 'CLOUD_ML_REGION'],
	project: ['ANTHROPIC_VERTEX_PROJECT_ID'],
	credential: ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper'],
	headers: ['ANTHROPIC_CUSTOM_HEADERS'],
	model: ['ANTHROPIC_MODEL', 'model'],
	opusModel: ['ANTHROPIC_DEFAULT_OPUS_MODEL'],
	sonnetModel: ['ANTHROPIC_DEFAULT_SONNET_MODEL'],
	haikuModel: ['ANTHROPIC_DEFAULT_HAIKU_MODEL'],
	fableModel: ['ANTHROPIC_DEFAULT_FABLE_MODEL'],
	subagentModel: ['CLAUDE_CODE_SUBAGENT_MODEL'],
	customModel: ['ANTHROPIC_CUSTOM_MODEL_OPTION'],
	customModelName: ['ANTHROPIC_CUSTOM_MODEL_OPTION_NAME'],
	discovery: ['CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY'],
};

function credentialOf(draft: Draft): string {
	switch (draft.credentialStyle) {
		case 'none': {
			return 'none';
		}

		case 'helper': {
			return `helper\n${draft.helper}`;
		}

		default: {
			return `${draft.credentialStyle}\n${draft.secretStorage}\n${draft.secret}`;
		}
	}
}

function fieldValue(draft: Draft, field: DraftField): string {
	switch (field) {
		case 'credential': {
			return credentialOf(draft);
		}

		case 'headers': {
			return draft.headers.map(header => `${header.name}: ${header.value}`).join('\n');
		}

		case 'discovery': {
			return String(draft.discovery);
		}

		default: {
			return draft[field];
		}
	}
}

/** The fields whose value differs between two drafts. */
export function changedFields(draft: Draft, baseline: Draft): DraftField[] {
	return draftFields.filter(field => fieldValue(draft, field) !== fieldValue(baseline, field));
}
