import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {ccgateBin, type Sandbox} from '../helpers/cli.js';
import {TerminalSession} from '../wizard/tmux.js';
import {ccgate, sandbox} from './support.js';

/*
`ccgate completion bash|zsh|fish`: each script loaded in the real shell, which is asked what Tab offers. Two saved
profiles (home, work) show that profile names come from the store.
*/

let box: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
	box = sandbox();
	// `ccgate` on PATH, as an installed one is: the scripts call it for the words.
	const bin = path.join(box.home, 'bin');
	mkdirSync(bin);
	writeFileSync(path.join(bin, 'ccgate'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(ccgateBin)} "$@"\n`);
	chmodSync(path.join(bin, 'ccgate'), 0o755);
	env = {...box.env, PATH: `${bin}:${box.env['PATH']!}`};
	for (const name of ['work', 'home']) {
		// eslint-disable-next-line no-await-in-loop
		expect((await ccgate(box, ['profile', 'save', name, '--base-url', `https://${name}.example.com`, '--auth-token', 'token-0123456789'])).exitCode).toBe(0);
	}
});

function shell(program: string, args: readonly string[]): string {
	return execFileSync(program, args, {env, cwd: box.home, encoding: 'utf8', timeout: 20_000});
}

/** What bash's completion function offers for the words typed (the last one being completed). */
function bashOffers(...words: string[]): string {
	const script = `source <(ccgate completion bash)
COMP_WORDS=(${['ccgate', ...words].map(word => `'${word}'`).join(' ')})
COMP_CWORD=${words.length}
_ccgate
printf '%s\\n' "\${COMPREPLY[@]}"`;
	return shell('bash', ['--norc', '--noprofile', '-c', script]);
}

function fishOffers(line: string): string {
	return shell('fish', ['--no-config', '-c', `ccgate completion fish | source; complete -C ${JSON.stringify(line)}`]);
}

describe.concurrent('completion in the real shells', () => {
	test('bash: the script registers _ccgate for ccgate, and offers commands, flags, their values, presets and profiles', () => {
		expect(shell('bash', ['--norc', '--noprofile', '-c', 'source <(ccgate completion bash); complete -p ccgate'])).toBe('complete -o default -F _ccgate ccgate\n');
		expect(bashOffers('wr')).toBe('write\n');
		expect(bashOffers('pr')).toBe('print\nprobe\nprofile\npresets\n');
		expect(bashOffers('show', '--')).toBe('--trust-project\n--json\n--reveal\n--help\n--version\n');
		expect(bashOffers('write', '--sc')).toBe('--scope\n');
		expect(bashOffers('write', '--scope', '')).toBe('user\nproject\nlocal\n');
		expect(bashOffers('print', '--preset', 'open')).toBe('openrouter\n');
		expect(bashOffers('run', '')).toBe('home\nwork\n');
		expect(bashOffers('profile', 'use', 'w')).toBe('work\n');
		expect(bashOffers('profile', 'list', '--')).toBe('--json\n--help\n--version\n');
		expect(bashOffers('completion', '')).toBe('bash\nzsh\nfish\nwords\n');
	});

	test('fish: complete -C offers the same (fish sorts them)', () => {
		expect(fishOffers('ccgate wr')).toBe('write\n');
		expect(fishOffers('ccgate doctor --')).toBe('--client\n--help\n--json\n--live\n--timeout\n--trust-project\n--version\n');
		expect(fishOffers('ccgate write --shell f')).toBe('fish\n');
		expect(fishOffers('ccgate run ')).toBe('home\nwork\n');
		expect(fishOffers('ccgate profile ')).toBe('export\nimport\nlist\nrm\nsave\nuse\n');
	});
});

describe('zsh', () => {
	let session: TerminalSession | undefined;
	afterAll(() => {
		session?.kill();
	});

	test('with compinit in its own ZDOTDIR, Tab completes a command, and lists the profiles', async () => {
		const zdotdir = path.join(box.home, 'zdot');
		mkdirSync(zdotdir, {recursive: true});
		writeFileSync(path.join(zdotdir, '.zshrc'), `autoload -Uz compinit\ncompinit -u -d ${zdotdir}/.zcompdump\nsource <(ccgate completion zsh)\nPS1='zsh> '\n`);
		session = TerminalSession.start({command: ['zsh', '-i'], env: {...env, ZDOTDIR: zdotdir}, cwd: box.home, columns: 80, rows: 12});
		await session.until('zsh> ');
		session.type('ccgate wr');
		session.press('Tab');
		await session.until('zsh> ccgate write ');
		session.press('C-u');
		session.type('ccgate run ');
		session.press('Tab');
		await session.until(/^home +work *$/m);
	});
});
