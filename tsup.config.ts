import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'tsup';

const {version} = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {version: string};

export default defineConfig({
	entry: {cli: 'source/cli.ts'},
	format: 'esm',
	platform: 'node',
	target: 'node20',
	outDir: 'dist',
	clean: true,
	// Code splitting keeps React and Ink in the wizard's chunk: `print` and `--version` never parse them.
	splitting: true,
	// Everything is bundled, so the installed package needs no node_modules resolution at start-up.
	noExternal: [/.*/],
	shims: false,
	define: {CCGATE_VERSION: JSON.stringify(version)},
	banner: {
		// Bundled CommonJS dependencies call require() and read __filename (write-file-atomic names its temp files by it).
		js: 'import {createRequire as __ccgateCreateRequire} from "node:module"; const require = __ccgateCreateRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;',
	},
	esbuildOptions(options) {
		options.alias = {
			// Ink imports its devtools bridge statically; it is only used with DEV=true and is not shipped.
			'react-devtools-core': fileURLToPath(new URL('source/stubs/react-devtools-core.ts', import.meta.url)),
		};
	},
});
