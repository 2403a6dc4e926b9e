import {execFileSync} from 'node:child_process';
import {chownSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {ccgateBin, type CliRun} from './cli.js';

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

/** Run the built ccgate as `user` (`setpriv`, no login), with its HOME, an exact environment and a umask. */
export async function runAs(user: TestUser | undefined, args: readonly string[], options: {env?: Record<string, string>; umask?: string; cwd?: string; input?: string; home?: string}): Promise<CliRun> {
	const home = options.home ?? user?.home ?? os.homedir();
	const env = {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', CCGATE_MANAGED_SETTINGS: path.join(home, 'managed', 'managed-settings.json'), ...options.env};
	const inner = ['/bin/sh', '-c', `umask ${options.umask ?? '022'}; exec "$@"`, 'sh', process.execPath, ccgateBin, ...args];
	const command = user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', ...inner] : inner;
	const result = await execa(command[0]!, command.slice(1), {env, extendEnv: false, cwd: options.cwd ?? home, input: options.input ?? '', reject: false, timeout: 60_000, stripFinalNewline: false});
	return {stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1};
}
