/**
Load with the global `fetch` hidden, and put it back after. Ink's layout engine (yoga) loads its WebAssembly through
`fetch` when there is one, and on Node 24 and 26 the first `fetch` sets up Node's own undici (some 50 ms before the
first frame, `npm run bench`); without it yoga decodes the module itself. Nothing the wizard loads keeps a reference
to `fetch`: the probe has its own transport.
*/
export async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
	const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
	Reflect.deleteProperty(globalThis, 'fetch');
	try {
		return await load();
	} finally {
		if (fetchProperty) {
			Object.defineProperty(globalThis, 'fetch', fetchProperty);
		}
	}
}
