import type {Finding, LayerName} from '../../core/findings.js';
import type {EffectiveConfig, Layer} from '../../core/layers.js';
import type {ValueRequest} from '../../core/plan.js';
import type {ShellName} from '../../core/shell.js';
import type {WritePlan} from '../../io/targets.js';
import type {ProbeReport} from '../../probe/probe.js';
import type {TargetKind} from '../../app/request.js';
import type {Draft, DraftField} from './draft.js';
import type {ProbeInput} from './validation.js';

/** What the command line decides for the wizard: decoded by the caller, so the wizard reads no flag itself. */
export type WizardOptions = {
	/** `--trust-project`: use project and local layers Claude Code has not trusted. */
	readonly trustProject: boolean;
	/** `--shell`: the shell the wizard writes a profile for or prints lines for; absent, `$SHELL`'s. */
	readonly shell?: ShellName;
	/** `--timeout`: the probe's timeout per request. */
	readonly timeoutMs: number;
};

/** One place the wizard can write to, as the target step lists it. */
export type TargetOption = {
	readonly kind: TargetKind;
	/** Settings targets: which file. */
	readonly scope?: 'user' | 'local';
	/** What the user reads, such as "User settings". */
	readonly title: string;
	/** The file, home shown as ~; absent for printed lines. */
	readonly where?: string;
	/** The layer the target is, for shadowing warnings (printed lines land in the shell). */
	readonly layer: LayerName;
};

/** A saved profile (docs/contract.md §8), as fields. */
export type ProfileChoice = {readonly name: string; readonly draft: Draft};

/** Everything read before the wizard opens; the reducer and the components take it as plain data. */
export type WizardSetup = {
	readonly effective: EffectiveConfig;
	/** What is wrong with the current config as a whole: untrusted layers, unreadable files, provider switches. */
	readonly currentFindings: readonly Finding[];
	/** The fields as the effective config has them. */
	readonly baseline: Draft;
	/** Fields whose value comes only from the shell's environment. */
	readonly fromShell: ReadonlySet<DraftField>;
	readonly profiles: readonly ProfileChoice[];
	/** The profile `profile use` (or the wizard) last put in force, as `profile list` marks it. */
	readonly activeProfile?: string;
	readonly shell: ShellName;
	readonly targets: readonly TargetOption[];
	/** The target selected at first: where the current config lives, else user settings. */
	readonly defaultTarget: number;
	/** Every layer as read, for shadowing warnings on the target step. */
	readonly layers: readonly Layer[];
	/** Why ccgate's secret file is suggested (the settings file is a symlink, or in a git repository); absent when it is not. */
	readonly secretFileReason?: string;
};

/** A write planned and shown for review: nothing is touched until it is applied. */
export type PlannedChange =
	| {
		readonly kind: 'write';
		/** The target file, home shown as ~. */
		readonly label: string;
		/** The unified diff, every secret masked; empty when nothing would change. */
		readonly diff: string;
		readonly findings: readonly Finding[];
		readonly plan: WritePlan;
	}
	| {
		readonly kind: 'print';
		readonly shell: ShellName;
		/** The lines printed after the wizard closes. */
		readonly text: string;
		/** The same lines with every secret masked, for the review. */
		readonly maskedText: string;
		readonly findings: readonly Finding[];
	};

export type WriteOutcome = {
	/** Did a file change at all? */
	readonly changed: boolean;
	readonly backup?: string;
	/** Written in place because the folder was not writable. */
	readonly inPlace: boolean;
};

/** The wizard's side effects, injected so component tests can pass a fake probe; production uses the commands' own functions. */
export type WizardServices = {
	readonly probe: (input: ProbeInput, signal: AbortSignal) => Promise<ProbeReport>;
	readonly plan: (target: TargetOption, request: ValueRequest) => Promise<PlannedChange>;
	/** `profile`: the saved profile the fields came from, made the active one once written. */
	readonly apply: (change: PlannedChange, profile?: string) => Promise<WriteOutcome>;
};

/** How the wizard ended: the caller prints `text` for printed lines, once the terminal is back. */
export type WizardResult = {readonly kind: 'cancelled'} | {readonly kind: 'written'} | {readonly kind: 'printed'; readonly text: string};
