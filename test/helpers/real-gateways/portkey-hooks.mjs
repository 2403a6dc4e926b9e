/*
Module hooks for running Portkey's gateway in tests: its `@hono/node-server` import is answered by
portkey-serve.mjs, which listens on loopback only and lets a test pick the @hono/node-server copy.
*/
const serveModule = new URL('portkey-serve.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
	if (specifier === '@hono/node-server' && context.parentURL?.includes('/@portkey-ai/gateway/')) {
		return {url: serveModule, shortCircuit: true};
	}

	return nextResolve(specifier, context);
}
