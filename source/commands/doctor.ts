import {gatewayOf} from '../core/api-format.js';
import {formatLoginState, loginFindings, loginJson, sessionInForce, sessionProbeValues} from '../core/claude-login.js';
import {effectiveFindings, effectiveJson, formatEffectiveTable} from '../core/effective-report.js';
import {isBaseUrlCode} from '../core/finding-codes.js';
import {type Finding, isUserError} from '../core/findings.js';
import {type EffectiveConfig, layerLabel, resolveEffective} from '../core/layers.js';
import type {OwnedKey} from '../core/keys.js';
import {undiscoveredModelFindings, unlistedTierFindings} from '../core/models.js';
import {checkValues} from '../core/validate.js';
import {installedClaudeVersion} from '../io/claude-version.js';
import {readLoginState} from '../io/claude-login.js';
import {readDiscoveryCache} from '../io/discovery-cache.js';
import {readLayers} from '../io/read-layers.js';
import type {ProbeReport} from '../probe/probe.js';
import {formatProbeReport, probeReportJson} from '../probe/report.js';
import type {CommandContext} from '../app/context.js';
import {probeValues} from '../app/probe-values.js';
import {type Flags, timeoutFlag} from './flags.js';
import {cancelOnInterrupt} from './probe.js';
import {findingLine, paint} from './say.js';

/** A value hidden by a higher layer is a value the user may think is in force. */
function shadowFindings(effective: EffectiveConfig): Finding[] {
	return effective.keys.flatMap(resolved => resolved.shadows
		.filter(shadow => shadow.value !== resolved.value)
		.map(shadow => ({
			code: 'layer-shadowed' as const,
			level: 'warning' as const,
			message: `${resolved.key} in ${layerLabel(shadow.layer)} is overridden by ${layerLabel(resolved.layer)}`,
			// Managed settings are the organisation's: a developer's own file cannot win over them, so none is proposed.
			fix: resolved.layer.name === 'managed'
				? `the managed value is your organisation's rollout and wins; ask your administrator to change it, and remove it from ${shadow.layer.path ?? 'the shell\'s environment'}, where it has no effect`
				: `change it in ${resolved.layer.path ?? 'the shell'}, or remove it there to use the other value`,
			layer: resolved.layer.path ?? resolved.layer.name,
		})));
}

/** The managed-settings file a key's value comes from, if it does: no file of the user's can change that value. */
function managedFile(effective: EffectiveConfig, key: OwnedKey): string | undefined {
	const layer = effective.keys.find(resolved => resolved.key === key)?.layer;
	return layer?.name === 'managed' ? layer.path ?? 'managed settings' : undefined;
}

function verdict(findings: readonly Finding[], report: ProbeReport | undefined, live: boolean): string {
	const errors = findings.filter(finding => finding.level === 'error').length;
	const warnings = findings.filter(finding => finding.level === 'warning').length;
	const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
	if (errors > 0) {
		return `Verdict: Claude Code will not work through this configuration (${counts}).`;
	}

	if (report?.verdict === 'cannot tell') {
		return `Verdict: only a real request can tell whether the gateway is usable (${counts}); ccgate doctor --live sends one.`;
	}

	// A gateway whose streamed answers break passes every other check (Portkey on a newer @hono/node-server).
	const streaming = report && !live ? ' Only --live can tell whether its streamed answers work.' : '';
	return `Verdict: ready${report ? ', the gateway is usable' : ''} (${counts}).${streaming}`;
}

/** `ccgate doctor`: show + every check of docs/contract.md §3 on the whole picture + the probe, as one report. Exit 1 on any error finding. */
export async function runDoctor(flags: Flags, _rest: string[], context: CommandContext): Promise<number> {
	if (flags.client) {
		return (await import('./doctor-client.js')).runDoctorClient(flags, context);
	}

	const timeoutMs = timeoutFlag(flags);
	const effective = resolveEffective(readLayers({cwd: context.cwd, env: context.env, home: context.home, trustProject: Boolean(flags['trust-project'])}));
	const cache = readDiscoveryCache(context);
	const claudeVersion = await installedClaudeVersion(context.env);
	const findings: Finding[] = [...effectiveFindings(effective, cache), ...shadowFindings(effective), ...checkValues(effective.values, claudeVersion ? {claudeVersion} : {})];
	if (claudeVersion === undefined) {
		findings.push({code: 'claude-missing', level: 'warning', message: 'No claude command answers on PATH', fix: 'install Claude Code, or check PATH'});
	}

	// A signed-in Claude apps gateway (docs/contract.md §3a) is the gateway Claude Code uses, whatever the settings name.
	const login = readLoginState(context, effective.layers);
	const now = context.now();
	findings.push(...loginFindings(login, effective.values, now));
	const session = sessionInForce(login.session, now) ? login.session : undefined;
	const probed = session ? sessionProbeValues(session, effective.values) : effective.values;

	let report: ProbeReport | undefined;
	const baseUrlError = !session && findings.some(finding => finding.level === 'error' && isBaseUrlCode(finding.code));
	const gateway = gatewayOf(probed);
	if (gateway === undefined) {
		findings.push({code: 'gateway-missing', level: 'error', message: 'No ANTHROPIC_BASE_URL is configured, so Claude Code talks to Anthropic directly', fix: 'set up a gateway with ccgate or ccgate write --base-url URL'});
	} else if (!baseUrlError) {
		const cancel = cancelOnInterrupt();
		try {
			report = await probeValues(probed, effective.env, {timeoutMs, live: Boolean(flags.live), signal: cancel.signal, cwd: context.cwd});
		} catch (error) {
			if (!isUserError(error)) {
				throw error;
			}

			findings.push(error.finding);
		} finally {
			cancel.dispose();
		}

		if (cancel.interrupted()) {
			context.stderr('Doctor cancelled.\n');
			return 130;
		}

		findings.push(...(report?.findings ?? []));
		if (report?.models !== undefined) {
			// Any tier can be picked in /model: one the gateway does not serve fails there, however the default is set.
			findings.push(...unlistedTierFindings(probed, [...report.models.visible, ...report.models.hidden].map(model => model.id), key => managedFile(effective, key)));
			findings.push(...undiscoveredModelFindings(probed, report.models.visible.map(model => model.id)));
		}
	}

	const failed = findings.some(finding => finding.level === 'error');
	if (flags.json) {
		context.stdout(`${JSON.stringify({verdict: verdict(findings, report, Boolean(flags.live)), ok: !failed, config: effectiveJson(effective, cache, [], false), gatewaySession: loginJson(login, now), claudeVersion: claudeVersion ?? null, findings, probe: report ? probeReportJson(report) : null}, undefined, 2)}\n`);
		return failed ? 1 : 0;
	}

	const colour = context.stdoutTerminal?.colour;
	const level = failed ? 'error' : (findings.some(finding => finding.level === 'warning') ? 'warning' : 'ok');
	let text = `${paint(level, verdict(findings, report, Boolean(flags.live)), colour)}\n\nEffective configuration\n${formatEffectiveTable(effective, cache, false, context.stdoutTerminal?.columns)}${formatLoginState(login, now)}`;
	const source = gateway === undefined ? undefined : managedFile(effective, gateway.key);
	if (source !== undefined) {
		text += `\nGateway source: managed settings (${source}), your organisation's rollout: user, project and local settings cannot change what it sets, so a fix below to one of its values is your administrator's to make.\n`;
	}

	text += `\nClaude Code on PATH: ${claudeVersion ?? 'none'}\n`;
	if (report) {
		text += `\nProbe of ${gateway?.url ?? ''}\n${formatProbeReport(report)}\n`;
	}

	const notable = findings.filter(finding => finding.level !== 'ok');
	text += `\nFindings\n${notable.length === 0 ? 'none\n' : notable.map(finding => `${findingLine(finding, colour)}\n`).join('')}`;
	context.stdout(text);
	return failed ? 1 : 0;
}
