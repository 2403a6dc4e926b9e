// typescript-eslint reads CI=true as "one run, no new files": it then never sees the tsconfig xo generates for the
// JavaScript files outside tsconfig.json, and fails to parse them (bin/, scripts/, this file). CI runs with CI=true.
process.env.TSESTREE_SINGLE_RUN = 'false';

// xo 1 (ESLint 9 flat config) with its React rules, react-hooks among them.
// Rules that only ask for another layout of code that is otherwise right are off, each with why: turning them on
// would mean rewriting most files at once, which other branches are editing. Rules that find bugs stay on.

/** @type {import('xo').FlatXoConfig} */
const config = [
	{
		ignores: ['dist/**', '.ci/**', 'docs/**'],
	},
	{
		react: true,
		rules: {
			// The code writes short objects, imports and JSX props on one line, and long lines where a line is one thought.
			'@stylistic/object-curly-newline': 'off',
			'@stylistic/array-element-newline': 'off',
			'@stylistic/max-len': 'off',
			'@stylistic/jsx-quotes': 'off',
			'capitalized-comments': 'off',
			'unicorn/no-await-expression-member': 'off',
			'unicorn/prefer-string-raw': 'off',
			// Environment variables (ANTHROPIC_BASE_URL), HTTP headers and the Anthropic API (display_name) name things
			// in their own case, and `env['PATH']` reads an index signature as one.
			'@typescript-eslint/naming-convention': 'off',
			'@typescript-eslint/dot-notation': 'off',
			// The ES-module build reads `process` and `Buffer` as globals on purpose: an `import process from
			// 'node:process'` builds a facade of every export and costs some 4 ms of start-up (tsup.config.ts).
			'n/prefer-global/process': 'off',
			'n/prefer-global/buffer': 'off',
			// JSON, Node's APIs and Ink hand out null and Buffer; the types say what they get.
			'@typescript-eslint/no-restricted-types': 'off',
			// tsconfig's "jsx": "react-jsx": JSX needs no React in scope.
			'react/react-in-jsx-scope': 'off',
			// Ink's convention: one component per file, named like the component.
			'unicorn/filename-case': ['error', {cases: {kebabCase: true, pascalCase: true}}],
			// Props name what they are (`reveal`, `focused`), as Ink's own do.
			'react/boolean-prop-naming': 'off',
			// Matters of taste the code decided otherwise, case by case.
			'prefer-destructuring': 'off',
			'no-negated-condition': 'off',
			'unicorn/no-negated-condition': 'off',
			'unicorn/no-nested-ternary': 'off',
			'unicorn/no-array-reduce': 'off',
			'unicorn/no-array-callback-reference': 'off',
			'unicorn/prefer-single-call': 'off',
			'unicorn/prefer-native-coercion-functions': 'off',
			'unicorn/better-regex': 'off',
			'func-names': 'off',
			'promise/prefer-await-to-then': 'off',
			'promise/prefer-catch': 'off',
			'@typescript-eslint/class-literal-property-style': 'off',
			// File modes are bit masks (`mode & 0o777`).
			'no-bitwise': 'off',
			// Taking a named key out of `env` is what ccgate does.
			'@typescript-eslint/no-dynamic-delete': 'off',
			// Stubs and test streams that do nothing on purpose.
			'@typescript-eslint/no-empty-function': 'off',
			// dist/cli.cjs is CommonJS (the fast path): no top-level await there.
			'unicorn/prefer-top-level-await': 'off',
			// `typeof import('./x.js')` types a module loaded lazily by require() or import() without importing it.
			'@typescript-eslint/consistent-type-imports': ['error', {prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false}],
			// A `default:` answers the cases a switch does not name; the rule still flags a switch without one.
			'@typescript-eslint/switch-exhaustiveness-check': ['error', {considerDefaultExhaustiveForUnions: true}],
			// An empty string is as good as unset (an empty environment variable): `||` is meant there.
			'@typescript-eslint/prefer-nullish-coalescing': ['error', {ignorePrimitives: {string: true, boolean: true}}],
		},
	},
	{
		// Which layer may import which (STYLE.md): core is pure and below everything; io and probe stand on core;
		// app holds the use-cases the commands and the wizard share; the wizard never imports a command; nothing
		// imports the entry's main.ts.
		files: ['source/**'],
		settings: {
			// The sources import each other as `./x.js` (ES modules as built); the rule needs the `.ts` files they are.
			'import-x/resolver': {node: {extensions: ['.ts', '.tsx', '.js', '.json'], extensionAlias: {'.js': ['.ts', '.tsx', '.js']}}},
		},
		rules: {
			'import-x/no-restricted-paths': ['error', {zones: [
				{target: './source/core', from: './source/io', except: ['./store-read.ts'], message: 'core is pure: no files (the store record\'s type is the one exception, until its schema lives in core).'},
				{target: './source/core', from: './source/probe', message: 'core is pure: no network.'},
				{target: './source/core', from: './source/app', message: 'core stands below the use-cases.'},
				{target: './source/core', from: './source/wizard', message: 'core knows no wizard.'},
				{target: './source/core', from: './source/commands', message: 'core knows no command.'},
				{target: ['./source/io', './source/probe'], from: ['./source/app', './source/commands', './source/wizard'], message: 'io and probe stand on core alone.'},
				{target: './source/app', from: './source/commands', message: 'the use-cases serve the commands, not the other way.'},
				{target: './source/app', from: './source/wizard', except: ['./model/draft.ts'], message: 'the use-cases read the wizard\'s draft, nothing else of it.'},
				{target: './source/wizard', from: './source/commands', except: ['./wizard.ts'], message: 'the wizard never imports a command: what both need lives in app/ or core/ (commands/wizard.ts is the bundle entry of its ES-module half).'},
				{target: './source/commands', from: './source/wizard', except: ['./start/start.ts'], message: 'a command reaches the wizard through its loader only.'},
				{target: './source/wizard/model', from: ['./source/wizard/view', './source/wizard/start', './source/wizard/terminal-out.ts'], message: 'the wizard\'s model (its state and reducer) draws nothing and starts nothing.'},
				{target: './source/wizard/view', from: './source/wizard/start', message: 'the view is started; it starts nothing.'},
				{target: ['./source/app', './source/commands', './source/core', './source/io', './source/probe', './source/wizard', './source/stubs'], from: './source/main.ts', message: 'main.ts is the entry: nothing imports it.'},
			]}],
		},
	},
	{
		// The wizard's model is pure (docs/design.md): no React, no Ink, no clock; the view hands it the time.
		files: ['source/wizard/model/**'],
		rules: {
			'no-restricted-imports': ['error', {paths: [
				{name: 'react', message: 'the wizard\'s model is pure: React belongs to view/.'},
				{name: 'ink', message: 'the wizard\'s model is pure: Ink belongs to view/.'},
			]}],
			'no-restricted-properties': ['error', {object: 'Date', property: 'now', message: 'the wizard\'s model reads no clock: an action carries the time.'}, {object: 'performance', property: 'now', message: 'the wizard\'s model reads no clock: an action carries the time.'}],
		},
	},
	{
		// The bin shim is CommonJS (bin/package.json), so that no ES-module loader starts for the fast paths.
		files: ['bin/**'],
		rules: {
			'unicorn/prefer-module': 'off',
			'import-x/no-unassigned-import': 'off',
		},
	},
];

export default config;
