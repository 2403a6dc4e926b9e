import {chmodSync, existsSync, lstatSync, readlinkSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {
	backups,
	ccgate, ccgateBinary,
	expectNotPrinted,
	filesBelow,
	folder,
	mode,
	put,
	read,
	sandbox,
	secretFiles,
	trust,
	userSettingsPath,
} from './support.js';

/** A settings file as people keep it: 4-space indentation, inline arrays and objects, keys of every kind. */
const busySettings = `{
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {
        "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)"],
        "deny": ["Read(./.env)"],
        "defaultMode": "acceptEdits"
    },
    "hooks": {
        "PostToolUse": [
            {
                "matcher": "Edit|Write",
                "hooks": [{"type": "command", "command": "npx prettier --write \\"$CLAUDE_FILE\\""}]
            }
        ]
    },
    "statusLine": {"type": "command", "command": "~/.claude/statusline.sh", "padding": 0},
    "model": "opus",
    "env": {
        "DISABLE_TELEMETRY": "1",
        "ANTHROPIC_BASE_URL": "https://old.example.com",
        "ANTHROPIC_API_KEY": "old-api-key-0123456789",
        "BASH_DEFAULT_TIMEOUT_MS": "60000"
    },
    "includeCoAuthoredBy": false,
    "cleanupPeriodDays": 30
}
`;

const newToken = 'new-token-0123456789abcdef';

const busySettingsAfterWrite = `{
    "$schema": "https://json.schemastore.org/claude-code-settings.json",
    "permissions": {
        "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)"],
        "deny": ["Read(./.env)"],
        "defaultMode": "acceptEdits"
    },
    "hooks": {
        "PostToolUse": [
            {
                "matcher": "Edit|Write",
                "hooks": [{"type": "command", "command": "npx prettier --write \\"$CLAUDE_FILE\\""}]
            }
        ]
    },
    "statusLine": {"type": "command", "command": "~/.claude/statusline.sh", "padding": 0},
    "model": "claude-sonnet-4-5",
    "env": {
        "DISABLE_TELEMETRY": "1",
        "ANTHROPIC_BASE_URL": "https://gw.example.com",
        "BASH_DEFAULT_TIMEOUT_MS": "60000",
        "ANTHROPIC_AUTH_TOKEN": "${newToken}",
        "ANTHROPIC_DEFAULT_OPUS_MODEL": "claude-opus-4-1",
        "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY": "1",
        "ANTHROPIC_CUSTOM_HEADERS": "x-tenant: acme\\nx-team: core"
    },
    "includeCoAuthoredBy": false,
    "cleanupPeriodDays": 30
}
`;

const busyWriteFlags = [
	'write',
	'--base-url', 'https://gw.example.com',
	'--auth-token', newToken,
	'--header', 'x-tenant: acme',
	'--header', 'x-team: core',
	'--discovery',
	'--model', 'claude-sonnet-4-5',
	'--opus-model', 'claude-opus-4-1',
];

const backupLine = /^Wrote ~\/\.claude\/settings\.json\. Backup: (\S+)\n$/;

describe.concurrent('ccgate write keeps everything that is not ccgate\'s', () => {
	test('only ccgate\'s keys change: every other line stays byte for byte', async () => {
		const box = sandbox();
		put(userSettingsPath(box), busySettings);
		const run = await ccgate(box, busyWriteFlags);
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout).toMatch(backupLine);
		expect(read(userSettingsPath(box))).toBe(busySettingsAfterWrite);
	});

	test('the file holds a secret afterwards, so it ends with mode 0600', async () => {
		const box = sandbox();
		put(userSettingsPath(box), busySettings, 0o644);
		await ccgateBinary(box, busyWriteFlags);
		expect(mode(userSettingsPath(box)).toString(8)).toBe('600');
	});

	test('the old file is backed up, 0600, into ccgate\'s own folder and not beside the file', async () => {
		const box = sandbox();
		put(userSettingsPath(box), busySettings);
		const run = await ccgate(box, busyWriteFlags);
		const backup = backupLine.exec(run.stdout)?.[1];
		expect(backups(box)).toEqual([backup]);
		expect(backup!.startsWith(path.join(box.ccgateDirectory, 'backups') + path.sep)).toBe(true);
		expect(read(backup!)).toBe(busySettings);
		expect(mode(backup!).toString(8)).toBe('600');
		expect(filesBelow(path.join(box.home, '.claude'))).toEqual(['settings.json']);
	});

	test('ccgate restore brings the old file back exactly', async () => {
		const box = sandbox();
		put(userSettingsPath(box), busySettings);
		const write = await ccgateBinary(box, busyWriteFlags);
		const backup = backupLine.exec(write.stdout)?.[1];
		const restore = await ccgateBinary(box, ['restore']);
		expect(restore).toEqual({exitCode: 0, stdout: `Restored ~/.claude/settings.json from ${backup!}.\n`, stderr: ''});
		expect(read(userSettingsPath(box))).toBe(busySettings);
	});

	test('a restored file that holds a token is made 0600; one without keeps its mode', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "hand-written-token-0123"\n  }\n}\n', 0o644);
		expect((await ccgate(box, ['write', '--base-url', 'https://gw.example.com'])).exitCode).toBe(0);
		chmodSync(userSettingsPath(box), 0o644);
		expect((await ccgate(box, ['restore'])).exitCode).toBe(0);
		expect(mode(userSettingsPath(box)).toString(8)).toBe('600');

		const plain = sandbox();
		put(userSettingsPath(plain), '{\n  "model": "opus"\n}\n', 0o644);
		expect((await ccgate(plain, ['write', '--model', 'sonnet'])).exitCode).toBe(0);
		expect((await ccgate(plain, ['restore'])).exitCode).toBe(0);
		expect(read(userSettingsPath(plain))).toBe('{\n  "model": "opus"\n}\n');
		expect(mode(userSettingsPath(plain)).toString(8)).toBe('644');
	});

	test('restore --list numbers the backups, newest first', async () => {
		const box = sandbox();
		put(userSettingsPath(box), busySettings);
		const first = await ccgate(box, busyWriteFlags);
		const second = await ccgate(box, ['write', '--model', 'claude-haiku-4-5']);
		const list = await ccgate(box, ['restore', '--list']);
		expect(list).toEqual({exitCode: 0, stdout: `1  ${backupLine.exec(second.stdout)![1]!}\n2  ${backupLine.exec(first.stdout)![1]!}\n`, stderr: ''});
	});

	test('a key added after an inline object does not re-format that object', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n    "model": "opus",\n    "permissions": {"allow": ["Read"], "deny": []}\n}');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{\n    "model": "opus",\n    "permissions": {"allow": ["Read"], "deny": []},\n    "env": {\n        "ANTHROPIC_BASE_URL": "https://gw.example.com",\n        "ANTHROPIC_AUTH_TOKEN": "tok"\n    }\n}');
	});

	test('a file written on one line stays on one line', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{"model": "opus", "env": {"DISABLE_TELEMETRY": "1"}}\n');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{"model": "opus", "env": {"DISABLE_TELEMETRY": "1", "ANTHROPIC_BASE_URL": "https://gw.example.com", "ANTHROPIC_AUTH_TOKEN": "tok"}}\n');
	});

	test('tab indentation and CRLF line endings are kept', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\r\n\t"model": "opus",\r\n\t"env": {}\r\n}\r\n');
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{\r\n\t"model": "opus",\r\n\t"env": {\r\n\t\t"ANTHROPIC_BASE_URL": "https://gw.example.com",\r\n\t\t"ANTHROPIC_AUTH_TOKEN": "tok"\r\n\t}\r\n}\r\n');
	});

	test('a new settings file is created with mode 0600 and no backup', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "tok"\n  }\n}\n');
		expect(mode(userSettingsPath(box)).toString(8)).toBe('600');
		expect(backups(box)).toEqual([]);
	});

	test('a file holding no secret afterwards keeps its mode', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus"\n}\n', 0o640);
		const run = await ccgate(box, ['write', '--model', 'sonnet']);
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{\n  "model": "sonnet"\n}\n');
		expect(mode(userSettingsPath(box)).toString(8)).toBe('640');
	});

	test('writing what the file already holds changes nothing and makes no backup', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus"\n}\n');
		const run = await ccgate(box, ['write', '--model', 'opus']);
		expect(run).toEqual({exitCode: 0, stdout: '~/.claude/settings.json already holds this configuration; nothing changed.\n', stderr: ''});
		expect(backups(box)).toEqual([]);
	});
});

describe.concurrent('ccgate write keeps the target\'s own values for what is not given', () => {
	const target = `{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gw.example.com",
    "ANTHROPIC_API_KEY": "old-api-key-0123456789",
    "ANTHROPIC_CUSTOM_HEADERS": "x-tenant: acme"
  }
}
`;

	/** A trusted project whose files and the shell set values that must not land in the user file. */
	function busyNeighbourhood() {
		const box = sandbox();
		const project = folder(box, 'work', 'app');
		trust(box, project);
		put(userSettingsPath(box), target);
		put(path.join(project, '.claude', 'settings.json'), `${JSON.stringify({model: 'claude-project', env: {ANTHROPIC_MODEL: 'claude-project-env', ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-project', CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1'}})}\n`);
		put(path.join(project, '.claude', 'settings.local.json'), `${JSON.stringify({env: {ANTHROPIC_DEFAULT_HAIKU_MODEL: 'claude-haiku-local'}})}\n`);
		const env = {ANTHROPIC_MODEL: 'claude-shell', ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-shell', ANTHROPIC_CUSTOM_HEADERS: 'x-shell: 1', ANTHROPIC_BASE_URL: 'https://shell.example.com'};
		return {box, project, env};
	}

	test('--auth-token alone keeps the URL and the header, sets the token and drops the API key', async () => {
		const {box, project, env} = busyNeighbourhood();
		const run = await ccgate(box, ['write', '--auth-token', newToken], {cwd: project, env});
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(`{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gw.example.com",
    "ANTHROPIC_CUSTOM_HEADERS": "x-tenant: acme",
    "ANTHROPIC_AUTH_TOKEN": "${newToken}"
  }
}
`);
	});

	test('--unset ANTHROPIC_CUSTOM_HEADERS drops the header and nothing else', async () => {
		const {box, project, env} = busyNeighbourhood();
		const run = await ccgate(box, ['write', '--unset', 'ANTHROPIC_CUSTOM_HEADERS'], {cwd: project, env});
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe(`{
  "env": {
    "ANTHROPIC_BASE_URL": "https://gw.example.com",
    "ANTHROPIC_API_KEY": "old-api-key-0123456789"
  }
}
`);
	});

	test('--api-key drops a token, and giving both keeps both', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "old-token"\n  }\n}\n');
		await ccgate(box, ['write', '--api-key', 'key-1']);
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_API_KEY": "key-1"\n  }\n}\n');
		await ccgate(box, ['write', '--api-key', 'key-2', '--auth-token', 'token-2']);
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_API_KEY": "key-2",\n    "ANTHROPIC_AUTH_TOKEN": "token-2"\n  }\n}\n');
	});

	test('a user\'s own apiKeyHelper stays when a token is set', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "apiKeyHelper": "~/bin/get-key"\n}\n');
		await ccgate(box, ['write', '--auth-token', 'tok']);
		expect(read(userSettingsPath(box))).toBe('{\n  "apiKeyHelper": "~/bin/get-key",\n  "env": {\n    "ANTHROPIC_AUTH_TOKEN": "tok"\n  }\n}\n');
	});

	test('--model writes model, and ANTHROPIC_MODEL too where the target has it', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_MODEL": "claude-old"\n  }\n}\n');
		await ccgate(box, ['write', '--model', 'claude-new']);
		expect(read(userSettingsPath(box))).toBe('{\n  "model": "claude-new",\n  "env": {\n    "ANTHROPIC_MODEL": "claude-new"\n  }\n}\n');
	});

	test('--no-discovery removes the switch, and an env that ccgate emptied is removed', async () => {
		const box = sandbox();
		put(userSettingsPath(box), '{\n  "model": "opus",\n  "env": {\n    "CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY": "1"\n  }\n}\n');
		await ccgate(box, ['write', '--no-discovery']);
		expect(read(userSettingsPath(box))).toBe('{\n  "model": "opus"\n}\n');
	});

	test('--no-auth writes the placeholder token ccgate-no-auth', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'http://127.0.0.1:4000', '--no-auth']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "http://127.0.0.1:4000",\n    "ANTHROPIC_AUTH_TOKEN": "ccgate-no-auth"\n  }\n}\n');
	});

	test('--scope project writes the current folder\'s .claude/settings.json, not one further up', async () => {
		const box = sandbox();
		const project = folder(box, 'work', 'app');
		put(path.join(box.home, 'work', '.claude', 'settings.json'), '{}\n');
		const run = await ccgate(box, ['write', '--scope', 'project', '--base-url', 'https://gw.example.com', '--no-auth'], {cwd: project});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/work/app/.claude/settings.json.\n', stderr: ''});
		expect(read(path.join(box.home, 'work', '.claude', 'settings.json'))).toBe('{}\n');
		expect(read(path.join(project, '.claude', 'settings.json'))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "ccgate-no-auth"\n  }\n}\n');
	});

	test('a trailing slash on the base URL is normalised away', async () => {
		const box = sandbox();
		await ccgate(box, ['write', '--base-url', 'https://gw.example.com/anthropic/', '--no-auth']);
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com/anthropic",\n    "ANTHROPIC_AUTH_TOKEN": "ccgate-no-auth"\n  }\n}\n');
	});

	test('--settings writes the named file', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--settings', 'elsewhere/my-settings.json', '--model', 'sonnet'], {cwd: folder(box, 'here')});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/here/elsewhere/my-settings.json.\n', stderr: ''});
		expect(read(path.join(box.home, 'here', 'elsewhere', 'my-settings.json'))).toBe('{\n  "model": "sonnet"\n}\n');
	});
});

describe.concurrent('how the secret arrives', () => {
	test('--token-stdin reads the token from standard input, one trailing newline stripped', async () => {
		const box = sandbox();
		const run = await ccgateBinary(box, ['write', '--base-url', 'https://gw.example.com', '--token-stdin'], {input: 'stdin-token-0123456789\n'});
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "stdin-token-0123456789"\n  }\n}\n');
	});

	test('--token-stdin takes the first line as it is: a space at its end is whitespace and refused', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--token-stdin'], {input: 'stdin-token-0123456789 \n'});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toBe('error: The ANTHROPIC_AUTH_TOKEN value holds whitespace or a control character; give the secret alone, without spaces or line breaks.\n');
		expect(existsSync(userSettingsPath(box))).toBe(false);
		expectNotPrinted(run, 'stdin-token-0123456789');
	});

	test('--token-stdin with nothing on standard input is refused with the fix', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--token-stdin'], {input: ''});
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: --token-stdin read nothing from standard input; pipe the secret in, as in: printenv GATEWAY_TOKEN | ccgate write --token-stdin.\n'});
	});

	test('--auth-style x-api-key makes --token-stdin fill ANTHROPIC_API_KEY', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--token-stdin', '--auth-style', 'x-api-key'], {input: 'stdin-key-0123456789\n'});
		expect(run.exitCode).toBe(0);
		expect(read(userSettingsPath(box))).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_API_KEY": "stdin-key-0123456789"\n  }\n}\n');
	});

	test('--secret-file keeps the secret in a 0600 file of ccgate\'s read by apiKeyHelper, and none in the settings file', async () => {
		const box = sandbox();
		const secret = 'secret-file-token-0123456789';
		const run = await ccgateBinary(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', secret, '--secret-file']);
		expect(run).toEqual({exitCode: 0, stdout: 'Wrote ~/.claude/settings.json.\n', stderr: ''});
		const files = secretFiles(box);
		expect(files).toHaveLength(1);
		const [keyFile] = files;
		expect(keyFile).toMatch(/\/secrets\/[^/]+\.key$/);
		expect(read(keyFile!)).toBe(secret);
		expect(mode(keyFile!).toString(8)).toBe('600');
		expect(mode(path.dirname(keyFile!)).toString(8)).toBe('700');
		expect(read(userSettingsPath(box))).toBe(`{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com"\n  },\n  "apiKeyHelper": ${JSON.stringify(`cat "$HOME"'${keyFile!.slice(box.home.length)}'`)}\n}\n`);
	});

	test('each target gets its own secret file', async () => {
		const box = sandbox();
		const project = folder(box, 'app');
		await ccgate(box, ['write', '--auth-token', 'first-token', '--secret-file'], {cwd: project});
		await ccgate(box, ['write', '--scope', 'local', '--auth-token', 'second-token', '--secret-file'], {cwd: project});
		expect(secretFiles(box).map(file => read(file)).sort()).toEqual(['first-token', 'second-token']);
	});
});

describe.concurrent('nothing to write', () => {
	test('write with no value on an empty HOME is refused with exit 2, naming what to give, and creates nothing', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write']);
		expect(run).toEqual({exitCode: 2, stdout: '', stderr: 'error: ccgate write was given no value to write; give one, such as --base-url URL or --auth-token TOKEN, or run ccgate alone for the wizard.\n'});
		expect(existsSync(userSettingsPath(box))).toBe(false);
		expect(existsSync(box.ccgateDirectory)).toBe(false);
	});
});

describe.concurrent('--dry-run', () => {
	test('prints the change as a diff with secrets masked, and writes nothing', async () => {
		const box = sandbox();
		const before = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_API_KEY": "old-api-key-0123456789"\n  }\n}\n';
		put(userSettingsPath(box), before);
		const run = await ccgateBinary(box, ['write', '--dry-run', '--auth-token', 'new-token-0123456789abcdef', '--header', 'x-secret-token: header-secret-0123456789', '--header', 'x-tenant: acme']);
		const file = userSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${file}`,
				`+++ ${file}`,
				'@@ -1,6 +1,7 @@',
				' {',
				'   "env": {',
				'     "ANTHROPIC_BASE_URL": "https://gw.example.com",',
				'-    "ANTHROPIC_API_KEY": "old-…6789"',
				'+    "ANTHROPIC_AUTH_TOKEN": "new-…cdef",',
				'+    "ANTHROPIC_CUSTOM_HEADERS": "x-secret-token: head…6789\\nx-tenant: acme"',
				'   }',
				' }',
				'',
			].join('\n'),
			stderr: '',
		});
		expectNotPrinted(run, 'old-api-key-0123456789', 'new-token-0123456789abcdef', 'header-secret-0123456789');
		expect(read(file)).toBe(before);
		expect(backups(box)).toEqual([]);
		// Not even ccgate's own store is created by a dry run.
		expect(existsSync(box.ccgateDirectory)).toBe(false);
	});

	test('a short secret masks as **** and nothing else in the diff is touched', async () => {
		const box = sandbox();
		const before = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com/t",\n    "ANTHROPIC_AUTH_TOKEN": "t"\n  }\n}\n';
		put(userSettingsPath(box), before);
		const run = await ccgate(box, ['write', '--dry-run', '--model', 'claude-t']);
		const file = userSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${file}`,
				`+++ ${file}`,
				'@@ -2,5 +2,6 @@',
				'   "env": {',
				'     "ANTHROPIC_BASE_URL": "https://gw.example.com/t",',
				'     "ANTHROPIC_AUTH_TOKEN": "****"',
				'-  }',
				'+  },',
				'+  "model": "claude-t"',
				' }',
				'',
			].join('\n'),
			stderr: '',
		});
	});

	test('a changed short token is one masked old → new line, not an empty diff', async () => {
		const box = sandbox();
		const before = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "badtoken"\n  }\n}\n';
		put(userSettingsPath(box), before);
		const run = await ccgate(box, ['write', '--dry-run', '--auth-token', 'goodtoken']);
		const file = userSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${file}`,
				`+++ ${file}`,
				'ANTHROPIC_AUTH_TOKEN: **** → ****',
				'',
			].join('\n'),
			stderr: '',
		});
		expectNotPrinted(run, 'badtoken', 'goodtoken');
		expect(read(file)).toBe(before);
	});

	test('a changed long token beside another change: the diff keeps the other change, the token is one line', async () => {
		const box = sandbox();
		const before = '{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "sk-a-old-token-00001234"\n  }\n}\n';
		put(userSettingsPath(box), before);
		const run = await ccgate(box, ['write', '--dry-run', '--auth-token', 'sk-b-new-token-00005678', '--base-url', 'https://gw2.example.com']);
		const file = userSettingsPath(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${file}`,
				`+++ ${file}`,
				'@@ -1,6 +1,6 @@',
				' {',
				'   "env": {',
				'-    "ANTHROPIC_BASE_URL": "https://gw.example.com",',
				'+    "ANTHROPIC_BASE_URL": "https://gw2.example.com",',
				'     "ANTHROPIC_AUTH_TOKEN": "sk-b…5678"',
				'   }',
				' }',
				'ANTHROPIC_AUTH_TOKEN: sk-a…1234 → sk-b…5678',
				'',
			].join('\n'),
			stderr: '',
		});
		expectNotPrinted(run, 'sk-a-old-token-00001234', 'sk-b-new-token-00005678');
	});

	test('a changed secret in ccgate\'s secret file is one masked line under that file', async () => {
		const box = sandbox();
		await ccgate(box, ['write', '--auth-token', 'first-token', '--secret-file']);
		const run = await ccgate(box, ['write', '--dry-run', '--auth-token', 'second-token', '--secret-file']);
		const [secretFile] = secretFiles(box);
		expect(run).toEqual({
			exitCode: 0,
			stdout: [
				`--- ${secretFile!}`,
				`+++ ${secretFile!}`,
				`${secretFile!}: **** → ****`,
				'',
			].join('\n'),
			stderr: '',
		});
		expectNotPrinted(run, 'first-token', 'second-token');
	});

	test('with --secret-file, the new secret file is shown masked too', async () => {
		const box = sandbox();
		const secret = 'secret-file-token-0123456789';
		const run = await ccgate(box, ['write', '--dry-run', '--auth-token', secret, '--secret-file']);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toMatch(/\n\+\+\+ \S+\/secrets\/[^/\n]+\.key\n@@ -0,0 \+1,1 @@\n\+secr…6789\n\\ No newline at end of file\n$/);
		expectNotPrinted(run, secret);
		expect(secretFiles(box)).toEqual([]);
		expect(existsSync(userSettingsPath(box))).toBe(false);
	});

	test('on a new file it writes nothing at all', async () => {
		const box = sandbox();
		const run = await ccgate(box, ['write', '--dry-run', '--base-url', 'https://gw.example.com', '--auth-token', 'short']);
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toContain('+    "ANTHROPIC_AUTH_TOKEN": "****"');
		expect(run.stdout).toMatch(/^--- \/dev\/null\n/);
		expectNotPrinted(run, '"short"');
		expect(existsSync(userSettingsPath(box))).toBe(false);
		expect(existsSync(path.join(box.ccgateDirectory, 'secrets'))).toBe(false);
	});
});

describe.concurrent('symbolic links', () => {
	test('a symlinked settings file is written through to its target, and the link is kept', async () => {
		const box = sandbox();
		const real = path.join(box.home, 'dotfiles', 'claude-settings.json');
		put(real, '{\n  "model": "opus"\n}\n');
		folder(box, '.claude');
		symlinkSync('../dotfiles/claude-settings.json', userSettingsPath(box));
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run.exitCode).toBe(0);
		expect(lstatSync(userSettingsPath(box)).isSymbolicLink()).toBe(true);
		expect(readlinkSync(userSettingsPath(box))).toBe('../dotfiles/claude-settings.json');
		expect(read(real)).toBe('{\n  "model": "opus",\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "tok"\n  }\n}\n');
	});

	test('a dangling link gets its target created, and the link is kept', async () => {
		const box = sandbox();
		folder(box, '.claude');
		symlinkSync('../dotfiles/new/settings.json', userSettingsPath(box));
		const run = await ccgate(box, ['write', '--base-url', 'https://gw.example.com', '--auth-token', 'tok']);
		expect(run.exitCode).toBe(0);
		expect(readlinkSync(userSettingsPath(box))).toBe('../dotfiles/new/settings.json');
		const real = path.join(box.home, 'dotfiles', 'new', 'settings.json');
		expect(read(real)).toBe('{\n  "env": {\n    "ANTHROPIC_BASE_URL": "https://gw.example.com",\n    "ANTHROPIC_AUTH_TOKEN": "tok"\n  }\n}\n');
		expect(mode(real).toString(8)).toBe('600');
	});
});

describe.concurrent('secrets stay out of output', () => {
	test('write, show and remove never print the token', async () => {
		const box = sandbox();
		const secret = 'never-printed-token-0123456789';
		const runs = [
			await ccgateBinary(box, ['write', '--base-url', 'http://gw.example.com', '--auth-token', secret, '--header', 'x-api-token: never-printed-header-0123']),
			await ccgateBinary(box, ['show']),
			await ccgateBinary(box, ['show', '--json']),
			await ccgateBinary(box, ['remove', '--dry-run']),
			await ccgateBinary(box, ['remove', '--yes']),
		];
		for (const run of runs) {
			expect(run.exitCode).toBe(0);
			expectNotPrinted(run, secret, 'never-printed-header-0123');
		}
	});
});
