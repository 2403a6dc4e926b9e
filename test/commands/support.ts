import {chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import {afterAll, expect} from 'vitest';
import {type CliRun, makeSandbox, runCcgate, type Sandbox} from '../helpers/cli.js';
import {runInProcess} from '../helpers/run-in-process.js';

const sandboxes: Sandbox[] = [];
afterAll(() => {
	for (const sandbox of sandboxes.splice(0)) {
		rmSync(sandbox.home, {recursive: true, force: true});
	}
});

/** A fresh temporary HOME, removed after the file's tests. */
export function sandbox(): Sandbox {
	const created = makeSandbox();
	sandboxes.push(created);
	return created;
}

export type RunOptions = {
	/** Extra variables, as if exported in the user's shell. */
	env?: Record<string, string>;
	/** Defaults to the sandbox's HOME. */
	cwd?: string;
	input?: string;
};

/** Run `ccgate` in the sandbox, in this process (test/helpers/run-in-process.ts): what the command prints and exits with. */
export async function ccgate(box: Sandbox, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
	return runInProcess(args, {env: {...box.env, ...options.env}, cwd: options.cwd ?? box.home, input: options.input});
}

/** Run the built `ccgate` binary in the sandbox: for what only a real process shows (end-to-end tests). */
export async function ccgateBinary(box: Sandbox, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
	return runCcgate(args, {env: {...box.env, ...options.env}, cwd: options.cwd ?? box.home, input: options.input});
}

/** `$HOME/.claude/settings.json` of the sandbox. */
export function userSettingsPath(box: Sandbox): string {
	return path.join(box.home, '.claude', 'settings.json');
}

export function managedSettingsPath(box: Sandbox): string {
	return box.env['CCGATE_MANAGED_SETTINGS']!;
}

/** Write a file (and its folders) with the given mode. */
export function put(file: string, text: string, mode = 0o644): void {
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	chmodSync(file, mode);
}

export function read(file: string): string {
	return readFileSync(file, 'utf8');
}

export function mode(file: string): number {
	return statSync(file).mode & 0o777;
}

/** A folder inside the sandbox's HOME (created), for use as the current directory. */
export function folder(box: Sandbox, ...parts: string[]): string {
	const created = path.join(box.home, ...parts);
	mkdirSync(created, {recursive: true});
	return created;
}

/** Accept Claude Code's trust dialog for `directory`, as `~/.claude.json` records it. */
export function trust(box: Sandbox, ...directories: string[]): void {
	const projects = Object.fromEntries(directories.map(directory => [directory, {hasTrustDialogAccepted: true}]));
	put(path.join(box.home, '.claude.json'), JSON.stringify({projects}));
}

/** Every file below a folder, relative to it, sorted; [] when it does not exist. */
export function filesBelow(directory: string): string[] {
	try {
		return (readdirSync(directory, {recursive: true, withFileTypes: true}))
			.filter(entry => entry.isFile())
			.map(entry => path.relative(directory, path.join(entry.parentPath, entry.name)))
			.sort();
	} catch {
		return [];
	}
}

/** ccgate's backups: `$CCGATE_CONFIG_DIR/backups/<id>/<time>.bak`, absolute paths. */
export function backups(box: Sandbox): string[] {
	const directory = path.join(box.ccgateDirectory, 'backups');
	return filesBelow(directory).filter(file => file.endsWith('.bak')).map(file => path.join(directory, file));
}

/** ccgate's secret files: `$CCGATE_CONFIG_DIR/secrets/*`, absolute paths. */
export function secretFiles(box: Sandbox): string[] {
	const directory = path.join(box.ccgateDirectory, 'secrets');
	return filesBelow(directory).map(file => path.join(directory, file));
}

/** What a user sees on a refusal or a failure: one line per finding and never a stack trace. */
export function expectNoStackTrace(run: CliRun): void {
	expect(run.stderr).not.toMatch(/^ {4}at /m);
	expect(run.stdout).not.toMatch(/^ {4}at /m);
}

/** The secret appears nowhere in what the command printed. */
export function expectNotPrinted(run: CliRun, ...secrets: string[]): void {
	for (const secret of secrets) {
		expect(run.stdout).not.toContain(secret);
		expect(run.stderr).not.toContain(secret);
	}
}

/** `git init` a folder, quietly, with no global configuration of the developer's. */
export function gitInit(box: Sandbox, directory: string): void {
	execFileSync('git', ['init', '-q', directory], {env: box.env, stdio: 'ignore'});
}

/** Each `ccgate` line printed as a user reads it, for one finding: `level: message; fix.` */
export function lines(text: string): string[] {
	return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}
