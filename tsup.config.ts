import {readFileSync} from 'node:fs';
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
In the CommonJS files, the lazily loaded commands stay `import('./commands/NAME.js')`, files of the ES-module build,
and `require('./start.cjs')` and `require('./jsonc.cjs')` stay requires of the other CommonJS files.
*/
const lazyCommandsExternal: Plugin = {
	name: 'lazy-commands',
	setup(build) {
		build.onResolve({filter: new RegExp(`^\\.\\.?/commands/(?:${lazyCommands.join('|')})\\.js$`)}, arguments_ => ({path: `./commands/${path.basename(arguments_.path)}`, external: true}));
		build.onResolve({filter: /^\.\/(?:start|jsonc)\.cjs$/}, arguments_ => ({path: arguments_.path, external: true}));
	},
};

/**
In the CommonJS files, `import path from 'node:path'` (and os) is the object require() returns. The bundler's interop
would otherwise copy every export of the builtin onto a new object, once per importing file (five copies, some 40 kB
of garbage, on every start). These two are imported by default only: a named import from them fails the build here.
*/
const builtinDefaultsAsRequired: Plugin = {
	name: 'builtin-defaults-as-required',
	setup(build) {
		build.onResolve({filter: /^node:(?:os|path)$/}, arguments_ => (arguments_.namespace === 'builtin-default' ? {path: arguments_.path, external: true} : {path: arguments_.path, namespace: 'builtin-default'}));
		build.onLoad({filter: /.*/, namespace: 'builtin-default'}, arguments_ => ({contents: `const builtin = require(${JSON.stringify(arguments_.path)}); export default builtin;`, loader: 'js'}));
	},
};

const stub = (name: string) => fileURLToPath(new URL(`source/stubs/${name}.ts`, import.meta.url));

/**
In dist/start.cjs, jsonc-parser is source/stubs/jsonc-on-demand.ts: print and show use it only to say where a settings
file is not valid JSON, so its code is dist/jsonc.cjs, required on the first call, not compiled on every start (its
formatter's modules also built 1,200 strings when they loaded).
*/
const jsoncOnDemand: Plugin = {
	name: 'jsonc-on-demand',
	setup(build) {
		build.onResolve({filter: /^jsonc-parser$/}, arguments_ => (/[/\\]core[/\\]settings-text\.ts$/.test(arguments_.importer) ? {path: stub('jsonc-on-demand')} : undefined));
	},
};

/** Ink's devtools.js, which Ink imports only when DEV=true, is source/stubs/ink-devtools.ts: ccgate ships without react-devtools-core and ws. */
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

export default defineConfig([
	{
		// CommonJS for the fast paths, which so skip the ESM loader's start-up: --version loads dist/cli.cjs, a few
		// hundred bytes, alone; print and show load it and dist/start.cjs and nothing else. The other commands, the wizard
		// among them, are ES modules dist/start.cjs loads with import().
		...shared,
		entry: {cli: 'source/cli.ts', start: 'source/start.ts', jsonc: 'source/stubs/jsonc-parser.ts'},
		format: 'cjs',
		outExtension: () => ({js: '.cjs'}),
		banner: {},
		splitting: false,
		// Half the bytes for Node to read and parse on every start.
		minify: true,
		// CommonJS output requires builtins as they are: no ESM facade to avoid.
		esbuildPlugins: [lazyCommandsExternal, jsoncOnDemand, builtinDefaultsAsRequired],
	},
	{
		// The other commands, split so that React and Ink sit in the wizard's chunks only.
		...shared,
		entry: Object.fromEntries(lazyCommands.map(command => [`commands/${command}`, `source/commands/${command}.ts`])),
		splitting: true,
		esbuildPlugins: [builtinsThroughRequire, withoutInkDevtools],
		// React's production build: its development build is larger and slower to draw every frame.
		env: {NODE_ENV: 'production'},
		// Smaller chunks parse faster; the wizard's start is mostly parsing React and Ink.
		minify: true,
	},
]);
