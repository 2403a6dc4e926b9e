import {checkBaseUrl, type BaseUrlCheck} from './base-url.js';
import {type Finding, UserError} from './findings.js';
import type {EnvKey, KeyValues, OwnedKey} from './keys.js';
import {isSwitchOn} from './switches.js';

/** The three gateway API formats Claude Code speaks (docs/contract.md §4a): Anthropic Messages, Bedrock InvokeModel, Vertex rawPredict. */
export const apiFormats = ['anthropic', 'bedrock', 'vertex'] as const;

export type ApiFormat = (typeof apiFormats)[number];

/** A pass-through format: the client's cloud mode pointed at a gateway. */
export type CloudFormat = Exclude<ApiFormat, 'anthropic'>;

type CloudKeys = {
	readonly switch: EnvKey;
	readonly baseUrl: EnvKey;
	readonly skipAuth: EnvKey;
	readonly region: EnvKey;
	readonly defaultRegion: string;
	/** The cloud's name, as a sentence says it. */
	readonly cloud: string;
};

export const cloudKeys: Readonly<Record<CloudFormat, CloudKeys>> = {
	bedrock: {switch: 'CLAUDE_CODE_USE_BEDROCK', baseUrl: 'ANTHROPIC_BEDROCK_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_BEDROCK_AUTH', region: 'AWS_REGION', defaultRegion: 'us-east-1', cloud: 'AWS'},
	vertex: {switch: 'CLAUDE_CODE_USE_VERTEX', baseUrl: 'ANTHROPIC_VERTEX_BASE_URL', skipAuth: 'CLAUDE_CODE_SKIP_VERTEX_AUTH', region: 'CLOUD_ML_REGION', defaultRegion: 'global', cloud: 'Google Cloud'},
};

/** Each format's own keys: writing one format takes out ccgate's keys of the others. */
export const formatKeys: Readonly<Record<ApiFormat, readonly OwnedKey[]>> = {
	anthropic: ['ANTHROPIC_BASE_URL'],
	bedrock: ['CLAUDE_CODE_USE_BEDROCK', 'ANTHROPIC_BEDROCK_BASE_URL', 'CLAUDE_CODE_SKIP_BEDROCK_AUTH', 'AWS_REGION'],
	vertex: ['CLAUDE_CODE_USE_VERTEX', 'ANTHROPIC_VERTEX_BASE_URL', 'CLAUDE_CODE_SKIP_VERTEX_AUTH', 'ANTHROPIC_VERTEX_PROJECT_ID', 'CLOUD_ML_REGION'],
};

export const formatName: Readonly<Record<ApiFormat, string>> = {anthropic: 'Anthropic', bedrock: 'Bedrock', vertex: 'Vertex'};

/**
Which gateway format a set of values (or a whole `env`) configures: a switch that is on together with its
gateway's base URL, Bedrock first as Claude Code checks it. A switch without one is no gateway but a bypass
(`providerSwitchFindings`), so the Anthropic format's gateway stays the one to probe and to edit.
*/
export function formatOf(values: Readonly<Record<string, string | undefined>>): ApiFormat {
	for (const format of ['bedrock', 'vertex'] as const) {
		if (isSwitchOn(values[cloudKeys[format].switch]) && values[cloudKeys[format].baseUrl] !== undefined) {
			return format;
		}
	}

	return 'anthropic';
}

export function baseUrlKey(format: ApiFormat): EnvKey {
	return format === 'anthropic' ? 'ANTHROPIC_BASE_URL' : cloudKeys[format].baseUrl;
}

/** The gateway Claude Code talks to under these values: its format, the variable and the URL (undefined when none is set). */
export function gatewayOf(values: KeyValues): {format: ApiFormat; key: EnvKey; url: string} | undefined {
	const format = formatOf(values);
	const key = baseUrlKey(format);
	const url = values[key];
	return url === undefined ? undefined : {format, key, url};
}

/** A Vertex configuration without its project: a finding when checking, the error when probing. */
export const missingVertexProject: Finding = {code: 'vertex-project-missing', level: 'error', message: 'A Vertex gateway needs the Google Cloud project ID (ANTHROPIC_VERTEX_PROJECT_ID), which Claude Code puts in every request path', fix: 'give --project ID'};

/** The options that are for one format only: given for another, they are refused (exit 2). */
function refuseOption(option: string, format: ApiFormat, fix: string): never {
	throw new UserError({code: 'option-wrong-format', level: 'error', message: `${option} is for ${option === '--project' ? '--api vertex' : '--api bedrock or --api vertex'}, and this configuration is in the ${formatName[format]} format`, fix});
}

/**
The format part of a write or a print, applied to the values being set (`set`) and the target's values (`next`):
the base URL goes to the format's variable, the switches are turned on, the region gets its default, and an
explicit `--api` takes out the other formats' keys where ccgate wrote them.
*/
export function planFormat(input: {
	readonly current: KeyValues;
	readonly set: Partial<Record<OwnedKey, string>>;
	readonly next: KeyValues;
	readonly api?: ApiFormat;
	readonly region?: string;
	readonly project?: string;
	readonly writtenByCcgate: (key: OwnedKey) => boolean;
}): void {
	const {current, set, next, api, region, project, writtenByCcgate} = input;
	const format = api ?? formatOf({...current, ...set});
	if (api !== undefined) {
		for (const other of apiFormats) {
			if (other === format) {
				continue;
			}

			for (const key of formatKeys[other]) {
				if (next[key] !== undefined && writtenByCcgate(key)) {
					delete next[key];
				}
			}
		}
	}

	if (format === 'anthropic') {
		if (region !== undefined) {
			refuseOption('--region', format, 'add --api bedrock or --api vertex');
		}

		if (project !== undefined) {
			refuseOption('--project', format, 'add --api vertex');
		}

		return;
	}

	const keys = cloudKeys[format];
	if (set.ANTHROPIC_BASE_URL !== undefined) {
		set[keys.baseUrl] = set.ANTHROPIC_BASE_URL;
		delete set.ANTHROPIC_BASE_URL;
	}

	set[keys.switch] = '1';
	set[keys.skipAuth] ??= '1';
	if (region !== undefined) {
		set[keys.region] = region;
	} else if (current[keys.region] === undefined) {
		set[keys.region] ??= keys.defaultRegion;
	}

	if (project !== undefined) {
		if (format !== 'vertex') {
			refuseOption('--project', format, 'leave --project out for Bedrock, or use --api vertex');
		}

		set.ANTHROPIC_VERTEX_PROJECT_ID = project;
	}
}

/** A pass-through gateway's base URL: Claude Code appends its own paths (`/model/…`, `/projects/…`), so `/v1` is no mistake here. */
export function checkCloudBaseUrl(raw: string): BaseUrlCheck {
	const check = checkBaseUrl(raw);
	if (check.findings.some(finding => finding.code === 'base-url-v1' || finding.code === 'base-url-api-path')) {
		// The Anthropic format's /v1 rules do not apply here (Vertex wants /v1): check the rest of the URL without
		// the suffix, and keep the URL as given.
		const inner = checkBaseUrl(raw.replace(/\/v1(?:\/messages|\/chat\/completions)?\/*$/i, ''));
		return inner.normalized === undefined ? inner : {findings: inner.findings, normalized: raw.trim().replace(/\/+$/, '')};
	}

	return check;
}

function checkPlainValue(code: 'region-invalid' | 'vertex-project-invalid', variable: string, option: string, value: string, example: string): Finding[] {
	// eslint-disable-next-line no-control-regex
	if (value.trim() === '' || /[\s\u0000-\u001F\u007F]/.test(value)) {
		return [{code, level: 'error', message: value.trim() === '' ? `${variable} is empty` : `The ${variable} value ${JSON.stringify(value)} holds whitespace`, fix: `give ${option} ${example}, without spaces`}];
	}

	return [];
}

/** The checks of docs/contract.md §4a on one set of values, beside `checkValues`; the normalised gateway URL for the host checks there. */
export function checkFormatValues(values: KeyValues): {findings: Finding[]; gatewayUrl?: string} {
	const format = formatOf(values);
	if (format === 'anthropic') {
		return {findings: []};
	}

	const keys = cloudKeys[format];
	const name = formatName[format];
	const findings: Finding[] = [];
	let gatewayUrl: string | undefined;
	const baseUrl = values[keys.baseUrl];
	if (baseUrl !== undefined) {
		const check = checkCloudBaseUrl(baseUrl);
		findings.push(...check.findings);
		gatewayUrl = check.normalized;
		if (format === 'vertex' && gatewayUrl !== undefined && !/\/v1(?:beta1)?$/.test(new URL(gatewayUrl).pathname)) {
			findings.push({code: 'vertex-url-no-v1', level: 'warning', message: `ANTHROPIC_VERTEX_BASE_URL "${gatewayUrl}" does not end in /v1, and Claude Code posts /projects/… right below it, where Vertex and LiteLLM's /vertex_ai/v1 expect /v1/projects/…`, fix: `use ${gatewayUrl}/v1 unless the gateway documents otherwise`});
		}
	}

	const region = values[keys.region];
	if (region !== undefined) {
		findings.push(...checkPlainValue('region-invalid', keys.region, '--region', region, keys.defaultRegion));
	}

	if (format === 'vertex') {
		const project = values.ANTHROPIC_VERTEX_PROJECT_ID;
		if (project === undefined) {
			findings.push(missingVertexProject);
		} else {
			findings.push(...checkPlainValue('vertex-project-invalid', 'ANTHROPIC_VERTEX_PROJECT_ID', '--project', project, 'my-project'));
		}
	}

	if (format === 'bedrock' && values.ANTHROPIC_API_KEY !== undefined) {
		findings.push({code: 'bedrock-api-key', level: 'error', message: 'ANTHROPIC_API_KEY is not what Claude Code sends to a Bedrock gateway: in that mode the credential goes as Authorization: Bearer', fix: 'give the credential with --auth-token instead of --api-key'});
	}

	if (isSwitchOn(values.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY)) {
		findings.push({code: 'discovery-cloud-format', level: 'warning', message: `Gateway model discovery works in the Anthropic format only, so with a ${name} gateway Claude Code lists no models from it`, fix: 'turn it off with --no-discovery, and give the model IDs with --model'});
	}

	return {findings, ...(gatewayUrl === undefined ? {} : {gatewayUrl})};
}

/** Variables that give Claude Code the cloud's own credentials, so it can sign requests without CLAUDE_CODE_SKIP_*_AUTH. */
const cloudCredentialVariables: Readonly<Record<CloudFormat, readonly string[]>> = {
	bedrock: ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'],
	vertex: ['GOOGLE_APPLICATION_CREDENTIALS'],
};

/**
What `show` and `doctor` say about a pass-through configuration as a whole (the merged `env`): without
CLAUDE_CODE_SKIP_*_AUTH the client wants the cloud's credentials. (A switch without its gateway's base URL is
a bypass: `providerSwitchFindings`.)
*/
export function formatFindings(env: Readonly<Record<string, string>>): Finding[] {
	const format = formatOf(env);
	if (format === 'anthropic') {
		return [];
	}

	const keys = cloudKeys[format];
	const findings: Finding[] = [];
	const name = formatName[format];
	if (env[keys.baseUrl] !== undefined && !isSwitchOn(env[keys.skipAuth]) && !cloudCredentialVariables[format].some(variable => env[variable])) {
		findings.push({code: 'cloud-auth-missing', level: 'warning', message: `${keys.skipAuth} is not set and no ${keys.cloud} credentials are configured, so Claude Code tries to sign its ${name} requests itself and fails before reaching the gateway`, fix: `set ${keys.skipAuth}=1 (ccgate write --api ${format}) for a gateway that holds the ${keys.cloud} credentials`});
	}

	return findings;
}

/** Whether a provider switch comes with its own gateway's base URL, which makes it a gateway configuration. */
export function switchHasGateway(name: string, env: Readonly<Record<string, string | undefined>>): boolean {
	const format = (Object.keys(cloudKeys) as CloudFormat[]).find(candidate => cloudKeys[candidate].switch === name);
	return format !== undefined && Boolean(env[cloudKeys[format].baseUrl]);
}
