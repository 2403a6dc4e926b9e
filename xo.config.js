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
		// The bin shim is CommonJS (bin/package.json), so that no ES-module loader starts for the fast paths.
		files: ['bin/**'],
		rules: {
			'unicorn/prefer-module': 'off',
			'import-x/no-unassigned-import': 'off',
		},
	},
];

export default config;
