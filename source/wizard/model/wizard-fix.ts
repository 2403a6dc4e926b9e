import type {FindingCode} from '../../core/finding-codes.js';
import type {Finding} from '../../core/findings.js';

/*
The core's findings name command-line flags in their fixes (`--unset …`, `raise --timeout`), because the commands
share them. Inside the wizard a fix names what to do in the wizard: a key, a step. The wording of each finding stays
in the core; the wizard says its own fix for the finding's code, and a code not listed here keeps the core's fix
(which then names no flag: test/wizard/no-flags.test.tsx walks every step to hold that).
*/

/** A secret-in-the-wrong-place finding on the review: the `s` key keeps the secret in ccgate's secret file instead. */
export const secretFileKeyFix = 'press s to keep the secret in ccgate\'s secret file instead, or Esc to choose another place';

const credentialStep = 'choose how the gateway wants the credential (Esc back to the credential step)';
const byHand = 'type the model IDs by hand on the models step';

const fixes: Partial<Record<FindingCode, string>> = {
	'secret-empty': 'type a value',
	'secret-file-empty': 'type the secret on the credential step (Esc back to it)',
	'api-key-helper-empty': 'type a command that prints the key',
	'base-url-credentials': 'remove them from the URL; the next step asks for the credential',
	'header-credential': 'remove this header; the credential step sends it',
	'api-key-prompt': 'choose "Bearer token" (Esc, ↑) if the gateway takes one, or keep the key in ccgate\'s secret file at the next question',
	'credential-none': credentialStep,
	'bedrock-api-key': 'choose "Bearer token" on the credential step (Esc back to it): a Bedrock gateway gets the credential as Authorization: Bearer',
	'discovery-anthropic-host': 'turn discovery off (Space), or point the base URL at a gateway (Esc back to the endpoint)',
	'discovery-cloud-format': `turn discovery off (Space), and ${byHand}`,
	'region-invalid': 'type the region without spaces, such as us-east-1',
	'vertex-project-invalid': 'type the project ID without spaces',
	'vertex-project-missing': 'type the project ID',
	'layer-untrusted': 'open claude here and accept the trust dialog',
	'preset-header-missing': 'add it on the headers step (Esc back to it)',
	'shell-no-api-key-helper': 'choose a settings file as the place to write (Esc back to it)',
	'target-option-settings-only': 'choose a settings file as the place to write (Esc back to it)',
	'secret-target-linked': secretFileKeyFix,
	'secret-target-shared': secretFileKeyFix,
	'secret-target-tracked': secretFileKeyFix,
	'secret-target-in-repo': secretFileKeyFix,
	'probe-timeout': 'check that the gateway is up and reachable, then probe again (r)',
	'probe-endpoint-timeout': 'check the gateway\'s logs for this endpoint, then probe again (r)',
	'probe-proxy-timeout': 'check the gateway and the proxy in HTTPS_PROXY, then probe again (r)',
	'probe-model-unknown': 'choose a model the gateway serves (Esc back to the models step)',
	'probe-models-missing': byHand,
	'probe-models-invalid': byHand,
	'probe-models-empty': byHand,
	'probe-models-hidden': byHand,
	'probe-auth-style-api-key': 'choose x-api-key on the credential step (Esc back to it)',
	'probe-auth-style-bearer': 'choose "Bearer token" on the credential step (Esc back to it)',
	'probe-credential-missing': credentialStep,
	'probe-credential-rejected': 'check the credential (Esc back to the credential step)',
	'probe-header-wanted': 'add the header the gateway names on the headers step (Esc back to it)',
	'probe-credential-unconfirmed': 'send Claude Code one message after the wizard to confirm it',
	'probe-model-remapped': 'set CLAUDE_CODE_DISABLE_LEGACY_MODEL_REMAP=1 in your environment to send the configured model, or map the opus tier on the models step (Esc back to it)',
	'probe-free-request-unproven': 'send Claude Code one message after the wizard: it will tell',
	'probe-upstream-model-unknown': 'choose a model the gateway serves (Esc back to the models step), or have whoever runs the gateway route this one to a model its provider serves',
};

/** The finding with its fix said in the wizard's terms. */
export function inWizard(finding: Finding): Finding {
	const fix = fixes[finding.code];
	return fix === undefined || finding.fix === undefined ? finding : {...finding, fix};
}
