import {checkCloudBaseUrl, cloudKeys, type CloudFormat, formatOf, missingVertexProject} from '../core/api-format.js';
import {UserError} from '../core/findings.js';
import {parseHeaders} from '../core/headers.js';
import type {KeyValues} from '../core/keys.js';
import {credentialsFor} from '../io/api-key-helper.js';
import {probeCloudGateway} from '../probe/cloud.js';
import type {ProbeReport} from '../probe/probe.js';
import {askedModel} from '../core/models.js';
import type {ProbeValuesOptions} from './probe-values.js';

/**
The probe of a Bedrock or Vertex pass-through configuration (docs/contract.md §4a): the format's base URL, region and
project, the credentials as the client sends them in that mode. Values come from trusted layers only.
*/
export async function probeCloudValues(values: KeyValues, env: Readonly<Record<string, string>>, options: ProbeValuesOptions): Promise<ProbeReport> {
	const format = formatOf(values) as CloudFormat;
	const keys = cloudKeys[format];
	const raw = values[keys.baseUrl];
	if (raw === undefined) {
		throw new UserError({code: 'gateway-missing', level: 'error', message: `No ${keys.baseUrl} is configured to probe`, fix: `give --api ${format} --base-url URL, or set one up with ccgate write`});
	}

	const check = checkCloudBaseUrl(raw);
	const error = check.findings.find(finding => finding.level === 'error');
	if (error || check.normalized === undefined) {
		throw new UserError(error ?? {code: 'base-url-invalid', level: 'error', message: `${keys.baseUrl} is not usable`});
	}

	if (format === 'vertex' && values.ANTHROPIC_VERTEX_PROJECT_ID === undefined) {
		throw new UserError(missingVertexProject);
	}

	const {authToken, apiKey} = await credentialsFor(values, {env, cwd: options.cwd, signal: options.signal});
	const asked = askedModel(values, env, true);
	return probeCloudGateway({
		format,
		baseUrl: check.normalized,
		...(authToken === undefined ? {} : {authToken}),
		...(apiKey === undefined ? {} : {apiKey}),
		customHeaders: parseHeaders(values.ANTHROPIC_CUSTOM_HEADERS),
		env,
		region: values[keys.region] ?? keys.defaultRegion,
		...(values.ANTHROPIC_VERTEX_PROJECT_ID === undefined ? {} : {project: values.ANTHROPIC_VERTEX_PROJECT_ID}),
		...(asked.id === undefined ? {} : {model: asked.id}),
		...(asked.id === undefined && asked.note ? {tier: asked.note.tier.tier} : {}),
	}, options);
}
