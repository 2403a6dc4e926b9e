import {expect, test} from 'vitest';
import {withoutFetch} from '../../source/wizard/start/hide-fetch.js';

test('while the wizard\'s chunks load there is no global fetch (yoga then decodes its WebAssembly itself); after, the same fetch is back', async () => {
	const before = globalThis.fetch;
	const seen = await withoutFetch(async () => typeof globalThis.fetch);
	expect(seen).toBe('undefined');
	expect(globalThis.fetch).toBe(before);
});

test('a load that fails still puts fetch back, and its error reaches the caller', async () => {
	const before = globalThis.fetch;
	await expect(withoutFetch(async () => {
		throw new Error('chunk missing');
	})).rejects.toThrow('chunk missing');
	expect(globalThis.fetch).toBe(before);
});
