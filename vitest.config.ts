import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Bounds, not measures: generous enough for a machine busy with other work (CI shares its cores).
		testTimeout: 60_000,
		// Most of a test's time is spent waiting on the processes it starts (ccgate, shells, tmux, the client), so
		// two files at a time pay off even on two cores, where vitest's default (cores − 1) is one file at a time.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		hookTimeout: 60_000,
		// Installed tools checked first; each run's own TMPDIR, which must hold no `ccgate…` folder at the end.
		globalSetup: ['test/setup/global.ts'],
		// Removes the folders a test file made with temporaryFolder().
		setupFiles: ['test/setup/each-file.ts'],
	},
});
