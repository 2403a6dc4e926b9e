// `npm run binary`: dist/ccgate, one executable for this machine's platform that needs no Node.js (a Node
// single-executable application). See CONTRIBUTING.md, "One file, no Node".
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The Node the executable embeds: the first major with `node --build-sea` that ccgate is tested on. */
const seaMajor = 26;
const work = path.join(root, 'dist', 'sea');
const bundle = path.join(work, 'ccgate.mjs');
const output = path.join(root, 'dist', process.platform === 'win32' ? 'ccgate.exe' : 'ccgate');

/** The Node to build with and embed: this one when it has --build-sea, else npm's node-<platform>-<arch>@26, fetched once. */
function seaNode() {
	if (process.env.CCGATE_SEA_NODE) {
		return process.env.CCGATE_SEA_NODE;
	}

	if (Number(process.versions.node.split('.')[0]) >= seaMajor) {
		return process.execPath;
	}

	const prefix = path.join(root, 'node_modules', '.cache', `ccgate-node-${seaMajor}`);
	const name = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
	const binary = process.platform === 'win32' ? path.join(prefix, 'node_modules', name, 'bin', 'node.exe') : path.join(prefix, 'node_modules', name, 'bin', 'node');
	if (!existsSync(binary)) {
		console.error(`Fetching ${name}@${seaMajor} from npm into ${path.relative(root, prefix)} (once)…`);
		try {
			execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', prefix, `${name}@${seaMajor}`], {stdio: 'inherit', shell: process.platform === 'win32'});
		} catch {}
	}

	if (!existsSync(binary)) {
		// npm has no such package for every machine (none for Apple silicon): Node 26 from nodejs.org does the same.
		console.error(`error: npm has no ${name}@${seaMajor} for this machine; run npm run binary with Node ${seaMajor} or later (nodejs.org), or set CCGATE_SEA_NODE to such a node.`);
		return undefined;
	}

	return binary;
}

const packageEntry = path.join(root, 'dist', 'cli.cjs');
if (!existsSync(packageEntry)) {
	throw new Error('dist/cli.cjs is missing; run npm run build first (npm run binary does)');
}

rmSync(work, {recursive: true, force: true});
mkdirSync(work, {recursive: true});
await build({
	// The package as it ships (npm run build): its entry and every chunk it loads by import(), made one file, so the
	// executable runs the very code the package does (production React, Ink's devtools left out, the version inside).
	entryPoints: [packageEntry],
	outfile: bundle,
	bundle: true,
	splitting: false,
	format: 'esm',
	platform: 'node',
	target: `node${seaMajor}`,
	banner: {
		// The entry is CommonJS and calls require() for Node's builtins: an ES module has none of its own.
		js: 'import {createRequire as __ccgateSeaRequire} from "node:module"; const require = __ccgateSeaRequire(import.meta.url);',
	},
	legalComments: 'none',
	logLevel: 'warning',
});

const config = path.join(work, 'sea-config.json');
const node = seaNode();
if (node === undefined) {
	process.exitCode = 2;
} else {
	writeFileSync(config, JSON.stringify({
		main: bundle,
		mainFormat: 'module',
		executable: node,
		output,
		disableExperimentalSEAWarning: true,
	}, undefined, '\t'));
	rmSync(output, {force: true});
	// Its own line ("Generated single executable …") is left out; a failure still says why on stderr.
	execFileSync(node, ['--build-sea', config], {stdio: ['ignore', 'pipe', 'inherit']});
	if (process.platform === 'darwin') {
		// macOS runs only signed code: the injected executable gets an ad-hoc signature.
		execFileSync('codesign', ['--sign', '-', '--force', output], {stdio: 'inherit'});
	}

	console.log(`${path.relative(root, output)}: ${(statSync(output).size / 1024 / 1024).toFixed(1)} MiB, Node ${execFileSync(node, ['--version'], {encoding: 'utf8'}).trim()} inside`);
}
