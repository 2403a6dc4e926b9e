import {createHash} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {defineConfig, type Options} from 'tsup';
import {lazyChunks} from './source/commands/table.js';

const {version} = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {version: string};

/** Commands that bring libraries `print`, `show` and `--version` must not load: built apart and loaded by import() (the command table says which). */
const lazyCommands = lazyChunks;

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
Node's builtins through require(): an ESM import of a builtin builds a facade that reads every export
(`import process from 'node:process'` alone costs about 4 ms of start-up), while require() hands over the object.
*/
const builtinsThroughRequire: Plugin = {
	name: 'builtins-through-require',
	setup(build) {
		// The require() inside the stand-in module is the real builtin: external.
		build.onResolve({filter: /^node:[a-z_/]+$/}, arguments_ => (arguments_.namespace === 'builtin' ? {path: arguments_.path, external: true} : {path: arguments_.path, namespace: 'builtin'}));
		build.onLoad({filter: /.*/, namespace: 'builtin'}, arguments_ => ({contents: `module.exports = require(${JSON.stringify(arguments_.path)});`, loader: 'js'}));
	},
};

/**
In the CommonJS files, the lazily loaded commands stay `import('./commands/NAME.js')`, files of the ES-module build;
the wizard's CommonJS half is `dist/wizard.cjs`, and its ES-module half `dist/commands/wizard.js`.
*/
const lazyCommandsExternal: Plugin = {
	name: 'lazy-commands',
	setup(build) {
		build.onResolve({filter: new RegExp(`^\\.\\.?/commands/(?:${lazyCommands.join('|')})\\.js$`)}, arguments_ => ({path: `./commands/${path.basename(arguments_.path)}`, external: true}));
		build.onResolve({filter: /^\.\/wizard\/open\.js$/}, () => ({path: './wizard.cjs', external: true}));
	},
};

const stub = (name: string) => fileURLToPath(new URL(`source/stubs/${name}.ts`, import.meta.url));

/**
Libraries of Ink's that the wizard's bundle takes from source/stubs/ instead, each a faster equivalent on the first
frame that hands what it does not do itself to the real library (imported from the stub itself): string-width, which
Ink and its libraries (cli-truncate, widest-line, wrap-ansi) measure text with, and @alcalzone/ansi-tokenize, which
Ink's output turns cells into text with.
*/
const fasterLibraries: Plugin = {
	name: 'faster-libraries',
	setup(build) {
		for (const [library, file] of [['string-width', stub('string-width')], ['@alcalzone/ansi-tokenize', stub('ansi-tokenize')]] as const) {
			build.onResolve({filter: new RegExp(`^${library.replaceAll('/', String.raw`\/`)}$`)}, arguments_ => (arguments_.importer === file ? undefined : {path: file}));
		}
	},
};

/** Ink's devtools.js, which Ink imports only when DEV=true, is source/stubs/ink-devtools.ts in the wizard's Ink half. */
const withoutInkDevtools: Plugin = {
	name: 'without-ink-devtools',
	setup(build) {
		build.onResolve({filter: /^\.\/devtools\.js$/}, arguments_ => (/[/\\]ink[/\\]build[/\\]reconciler\.js$/.test(arguments_.importer) ? {path: stub('ink-devtools')} : undefined));
	},
};

const shared: Options = {
	format: 'esm',
	platform: 'node',
	target: 'node20',
	outDir: 'dist',
	// `npm run build` empties dist/ once; each build must keep the other's files.
	clean: false,
	// Everything is bundled, so the installed package needs no node_modules at all.
	noExternal: [/.*/],
	shims: false,
	// dist/metafile-{cjs,esm}.json: which sources each output holds; the start-up tests read it.
	metafile: true,
	// Keep node: specifiers, so the plugin below sees every builtin.
	removeNodeProtocol: false,
	define: {CCGATE_VERSION: JSON.stringify(version)},
	banner: {
		// Bundled CommonJS code calls require() and may read __filename.
		js: 'import {createRequire as __ccgateCreateRequire} from "node:module"; const require = __ccgateCreateRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;',
	},
};

/** Where the wizard's Ink half is built as an ES module, before inkHalfScript() makes a script of it. */
const inkBuild = 'dist/ink-build';

type Metafile = {outputs: Record<string, {imports: Array<{path: string; kind: string}>; exports: string[]}>};

/**
The wizard's Ink half as a script (source/wizard/ink-half.ts loads it with a code cache, which ES modules do not get
on Node 20): the ES module esbuild wrote, whose one export is runApp and which imports nothing (builtins come by
require(), every library is inside), made the body of an async function given require and what import.meta held, so
that its top-level awaits (yoga, Ink) stay as they are. Its first line names the hash of the rest.
The build fails if the module ever holds more than that.
*/
function inkHalfScript(): void {
	const metafile = JSON.parse(readFileSync(`${inkBuild}/metafile-esm.json`, 'utf8')) as Metafile;
	const output = metafile.outputs[`${inkBuild}/wizard-ink.js`];
	const imports = output?.imports.filter(entry => entry.kind !== 'require-call') ?? [];
	const module = readFileSync(`${inkBuild}/wizard-ink.js`, 'utf8');
	// The export, then nothing but the licences esbuild gathers at the end.
	const exported = /export\s*\{\s*([\w$]+) as runApp\s*\};?(\s*(?:\/\*(?:[^*]|\*(?!\/))*\*\/\s*)*)$/.exec(module);
	if (output === undefined || imports.length > 0 || output.exports.join(',') !== 'runApp' || exported === null || module.includes('import.meta')) {
		throw new Error(`${inkBuild}/wizard-ink.js is not one module that exports runApp alone and imports nothing (imports: ${imports.map(entry => entry.path).join(', ')})`);
	}

	const body = `(async function (require, __ccgateUrl, __ccgateFilename, __ccgateDirname) {'use strict';\n${module.slice(0, exported.index)}\nreturn {runApp: ${exported[1]}};\n})\n${exported[2]!.trim()}\n`;
	writeFileSync('dist/wizard-ink.js', `// ccgate wizard Ink half ${createHash('sha256').update(body).digest('hex')}\n${body}`);
	writeFileSync('dist/metafile-ink.json', JSON.stringify(metafile));
	rmSync(inkBuild, {recursive: true, force: true});
}

export default defineConfig([
	{
		// One CommonJS file for the fast paths: --version, print and show load dist/cli.cjs and nothing else,
		// and skip the ESM loader's start-up. The other commands are ES modules it loads with import().
		// dist/wizard.cjs, also CommonJS, draws the wizard's first frame before the ESM loader starts.
		...shared,
		entry: {cli: 'source/cli.ts', wizard: 'source/wizard/open.ts'},
		format: 'cjs',
		outExtension: () => ({js: '.cjs'}),
		banner: {},
		splitting: false,
		// Half the bytes for Node to read and parse on every start.
		minify: true,
		// CommonJS output requires builtins as they are: no ESM facade to avoid.
		esbuildPlugins: [lazyCommandsExternal],
	},
	{
		// The other commands, split so that React and Ink sit in the wizard's chunks only.
		...shared,
		entry: Object.fromEntries(lazyCommands.map(command => [`commands/${command}`, `source/commands/${command}.ts`])),
		splitting: true,
		esbuildPlugins: [builtinsThroughRequire, fasterLibraries],
		// Intl.Segmenter is made lazily (source/stubs/segmenter.ts): ICU's set-up is not paid for text that needs none.
		define: {...shared.define, 'Intl.Segmenter': 'LazySegmenter'},
		inject: [stub('segmenter')],
		// React's production build: its development build is larger and slower to draw every frame.
		env: {NODE_ENV: 'production'},
		// Smaller chunks parse faster; the wizard's start is mostly parsing React and Ink.
		minify: true,
	},
	{
		// The wizard's Ink half: React, Ink, yoga and the screens, one file that inkHalfScript() makes a script.
		...shared,
		entry: {'wizard-ink': 'source/wizard/run-app.tsx'},
		outDir: inkBuild,
		splitting: false,
		// The script is given require() by its loader (source/wizard/ink-half.ts), and what import.meta held.
		banner: {},
		esbuildPlugins: [builtinsThroughRequire, fasterLibraries, withoutInkDevtools],
		define: {
			...shared.define,
			'Intl.Segmenter': 'LazySegmenter',
			'import.meta.url': '__ccgateUrl',
			'import.meta.filename': '__ccgateFilename',
			'import.meta.dirname': '__ccgateDirname',
		},
		inject: [stub('segmenter')],
		env: {NODE_ENV: 'production'},
		minify: true,
		async onSuccess() {
			inkHalfScript();
		},
	},
]);
