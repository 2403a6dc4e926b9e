import type * as Jsonc from './jsonc-parser.js';

/*
jsonc-parser as dist/start.cjs imports it (tsup.config.ts). print and show use it only to say where a settings file is
not valid JSON, so its code is dist/jsonc.cjs (source/stubs/jsonc-parser.ts), loaded on the first call: it is not
compiled on every start.
*/

/** This file is built as CommonJS. */
declare const require: (id: string) => unknown;

let jsonc: typeof Jsonc | undefined;

function load(): typeof Jsonc {
	jsonc ??= require('./jsonc.cjs') as typeof Jsonc;
	return jsonc;
}

export function parse(...arguments_: Parameters<typeof Jsonc.parse>): unknown {
	return load().parse(...arguments_) as unknown;
}

export const printParseErrorCode: typeof Jsonc.printParseErrorCode = code => load().printParseErrorCode(code);
export const parseTree: typeof Jsonc.parseTree = (...arguments_) => load().parseTree(...arguments_);
export const findNodeAtLocation: typeof Jsonc.findNodeAtLocation = (...arguments_) => load().findNodeAtLocation(...arguments_);
export const modify: typeof Jsonc.modify = (...arguments_) => load().modify(...arguments_);
export const applyEdits: typeof Jsonc.applyEdits = (...arguments_) => load().applyEdits(...arguments_);
