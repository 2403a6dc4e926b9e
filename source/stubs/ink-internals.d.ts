/*
Three of Ink's own modules that its package "exports" do not list, reached through the `ink-internals` alias
(tsup.config.ts, vitest.config.ts) at the very files Ink loads, so each is the instance Ink itself uses:
source/wizard/components/TextField.tsx gives ink-text-input a stdin context of its own.
*/

declare module 'ink-internals/components/StdinContext.js' {
	import type {Context} from 'react';
	import type {useStdin} from 'ink';

	const StdinContext: Context<ReturnType<typeof useStdin>>;
	export default StdinContext;
}

declare module 'ink-internals/reconciler.js' {
	const reconciler: {
		/** Runs `fn` and renders what it changed before returning, as react-dom's flushSync does. */
		flushSyncFromReconciler(fn: () => void): void;
		/** Runs the effects React has pending, such as a `useInput` handler re-subscribed with the latest props. */
		flushPassiveEffects(): boolean;
	};
	export default reconciler;
}

declare module 'ink-internals/parse-keypress.js' {
	export const nonAlphanumericKeys: string[];
	const parseKeypress: (data: string) => {
		name: string;
		ctrl: boolean;
		meta: boolean;
		shift: boolean;
		option: boolean;
		sequence: string;
	};
	export default parseKeypress;
}
