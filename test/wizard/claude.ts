import {fileURLToPath} from 'node:url';
import {execa} from 'execa';

const claudeBin = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url));

/**
The real claude client, `claude -p PROMPT`, in a temporary HOME: it reads the settings file there and talks only
to the gateway (no telemetry). Kept beside the wizard's tests until test/helpers has one of its own.
*/
export async function runClaude(options: {home: string; prompt: string}): Promise<{stdout: string; stderr: string; exitCode: number}> {
	const result = await execa(claudeBin, ['-p', options.prompt], {
		env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: options.home, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1'},
		extendEnv: false,
		cwd: options.home,
		input: '',
		reject: false,
		timeout: 90_000,
	});
	return {stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1};
}
