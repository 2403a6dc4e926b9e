import type {Finding} from '../core/findings.js';

/*
The core's findings name command-line flags in their fixes (`--unset …`, `raise --timeout`), because the commands
share them. Inside the wizard a fix names what to do in the wizard: a key, a step. The wording of each finding stays
in the core; only the fix is said again here.
*/

/** A secret-in-the-wrong-place finding on the review: the `s` key keeps the secret in ccgate's secret file instead. */
export const secretFileKeyFix = 'press s to keep the secret in ccgate\'s secret file instead, or Esc to choose another place';

const fixes: ReadonlyArray<readonly [RegExp, string | ((match: RegExpMatchArray) => string)]> = [
	[/^give a value, or --unset \S+$/, 'type a value'],
	[/^give a command that prints the key, or --unset apiKeyHelper$/, 'type a command that prints the key'],
	[/^remove them from the URL and give the credential with --auth-token$/, 'remove them from the URL; the next step asks for the credential'],
	[/^give the credential with --auth-token or --api-key instead$/, 'remove this header; the credential step sends it'],
	[/^use --auth-token for a gateway that takes a bearer token, or --secret-file for one that wants x-api-key$/, 'choose "Bearer token" (Esc, ↑) if the gateway takes one, or keep the key in ccgate\'s secret file at the next question'],
	[/^give --auth-token, or --no-auth for a gateway that wants no credential$/, 'choose how the gateway wants the credential (Esc back to the credential step)'],
	[/^turn discovery off with --no-discovery, or point the base URL at a gateway$/, 'turn discovery off (Space), or point the base URL at a gateway (Esc back to the endpoint)'],
	[/^use --scope local in a git-ignored file, or --secret-file$/, secretFileKeyFix],
	[/^add \.claude\/settings\.local\.json to \.gitignore, or use --secret-file$/, secretFileKeyFix],
	[/^use --secret-file to keep the secret in a 0600 file of ccgate's$/, secretFileKeyFix],
	[/^(.*), or raise --timeout$/, match => `${match[1]!}, then probe again (r)`],
	[/^choose a model the gateway serves with --model$/, 'choose a model the gateway serves (Esc back to the models step)'],
	[/^set the model IDs by hand with --model$/, 'type the model IDs by hand on the models step'],
	[/^use ANTHROPIC_API_KEY instead of ANTHROPIC_AUTH_TOKEN \(or --secret-file\)$/, 'choose x-api-key on the credential step (Esc back to it)'],
	[/^run the probe with --live to send one real one-token message$/, 'run ccgate probe --live after the wizard to send one real one-token message'],
];

/** The finding with its fix said in the wizard's terms; a fix that names no flag stays as it is. */
export function inWizard(finding: Finding): Finding {
	const {fix} = finding;
	if (fix === undefined) {
		return finding;
	}

	for (const [pattern, replacement] of fixes) {
		const match = pattern.exec(fix);
		if (match) {
			return {...finding, fix: typeof replacement === 'string' ? replacement : replacement(match)};
		}
	}

	return finding;
}

export function allInWizard(findings: readonly Finding[]): Finding[] {
	return findings.map(finding => inWizard(finding));
}
