import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, copyFileSync, cpSync, existsSync, linkSync, mkdtempSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {ccgateBin, type CliRun} from './cli.js';
import {temporaryFolder} from './temporary.js';

/** A throwaway unprivileged user the test created, with its own temporary HOME. */
export type TestUser = {readonly name: string; readonly uid: number; readonly gid: number; readonly home: string};

/**
Create an unprivileged user (root bypasses file permissions, so permission tests must run as someone else).
A sentence saying why instead, where the machine cannot: not root, or no `useradd`.
*/
export function createUser(tag: string): TestUser | string {
	if (process.getuid?.() !== 0) {
		return 'the tests do not run as root, so they cannot create a user';
	}

	const name = `ccg${tag}${process.pid}`.slice(0, 30);
	try {
		execFileSync('useradd', ['--no-create-home', '--shell', '/bin/sh', '--user-group', name], {stdio: 'ignore'});
	} catch (error) {
		return `useradd failed (${(error as Error).message.split('\n')[0]})`;
	}

	const uid = Number(execFileSync('id', ['-u', name], {encoding: 'utf8'}).trim());
	const gid = Number(execFileSync('id', ['-g', name], {encoding: 'utf8'}).trim());
	const home = mkdtempSync(path.join(os.tmpdir(), 'ccgate-user-'));
	chownSync(home, uid, gid);
	return {name, uid, gid, home};
}

/** Delete the user and its temporary HOME (the run fails on a `ccgate…` folder left behind). */
export function deleteUser(user: TestUser): void {
	execFileSync('userdel', [user.name], {stdio: 'ignore'});
	rmSync(user.home, {recursive: true, force: true});
}

/** Whether any user can reach `file`: every folder above it can be entered by all, and the file read (`mode`: 4, or 5 to run it too). */
function reachableByAll(file: string, mode: number): boolean {
	for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
		if ((statSync(folder).mode & 0o001) === 0) {
			return false;
		}

		if (folder === path.dirname(folder)) {
			return (statSync(file).mode & mode) === mode;
		}
	}
}

let runtime: {node: string; bin: string} | undefined;

/**
The built ccgate and the Node that runs it, where another user can reach them. A checkout in a folder only root can
enter (a clone into `mktemp -d`, mode 0700), or a Node kept inside it (.ci/node), cannot be loaded by another user at
all: then what the package installs (bin/, dist/ and package.json; dist/ holds everything bundled) is copied to a
temporary folder all can enter, and the Node linked (or copied) beside it. Once per test file.
*/
function runtimeForOthers(): {node: string; bin: string} {
	if (runtime !== undefined && existsSync(runtime.bin) && existsSync(runtime.node)) {
		return runtime;
	}

	const root = path.dirname(path.dirname(ccgateBin));
	const bin = reachableByAll(ccgateBin, 0o004) && reachableByAll(path.join(root, 'dist', 'cli.cjs'), 0o004) ? ccgateBin : undefined;
	const node = reachableByAll(process.execPath, 0o005) ? process.execPath : undefined;
	if (bin !== undefined && node !== undefined) {
		runtime = {node, bin};
		return runtime;
	}

	const folder = temporaryFolder('ccgate-runtime-');
	chmodSync(folder, 0o755);
	let copiedBin = bin;
	if (copiedBin === undefined) {
		for (const part of ['bin', 'dist', 'package.json']) {
			cpSync(path.join(root, part), path.join(folder, part), {recursive: true});
		}

		execFileSync('chmod', ['-R', 'a+rX', folder]);
		copiedBin = path.join(folder, 'bin', 'ccgate.js');
	}

	let copiedNode = node;
	if (copiedNode === undefined) {
		copiedNode = path.join(folder, 'node');
		try {
			// A link, where Node's own file may be run by all (only a folder above it is closed): no 100 MB copy.
			if ((statSync(process.execPath).mode & 0o005) !== 0o005) {
				throw new Error('not runnable by all');
			}

			linkSync(process.execPath, copiedNode);
		} catch {
			copyFileSync(process.execPath, copiedNode);
			chmodSync(copiedNode, 0o755);
		}
	}

	runtime = {node: copiedNode, bin: copiedBin};
	return runtime;
}

/** Run the built ccgate as `user` (`setpriv`, no login), with its HOME, an exact environment and a umask. */
export async function runAs(user: TestUser | undefined, args: readonly string[], options: {env?: Record<string, string>; umask?: string; cwd?: string; input?: string; home?: string}): Promise<CliRun> {
	const home = options.home ?? user?.home ?? os.homedir();
	const env = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', CCGATE_MANAGED_SETTINGS: path.join(home, 'managed', 'managed-settings.json'), ...options.env};
	const {node, bin} = user ? runtimeForOthers() : {node: process.execPath, bin: ccgateBin};
	const inner = ['/bin/sh', '-c', `umask ${options.umask ?? '022'}; exec "$@"`, 'sh', node, bin, ...args];
	const command = user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', ...inner] : inner;
	const result = await execa(command[0]!, command.slice(1), {env, extendEnv: false, cwd: options.cwd ?? home, input: options.input ?? '', reject: false, timeout: 60_000, stripFinalNewline: false});
	return {stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1};
}
