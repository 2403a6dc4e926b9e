import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Installed tools checked first; each run's own TMPDIR, which must hold no `ccgate…` folder at the end.
		globalSetup: ['test/setup/global.ts'],
		// Removes the folders a test file made with temporaryFolder().
		setupFiles: ['test/setup/each-file.ts'],
	},
});
