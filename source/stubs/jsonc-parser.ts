/*
dist/jsonc.cjs (tsup.config.ts): the jsonc-parser functions core/settings-text.ts imports, a CommonJS file of its own.
The fast-path file loads it only when a settings file is not valid JSON (source/stubs/jsonc-on-demand.ts).
*/
export {applyEdits, findNodeAtLocation, modify, parse, parseTree, printParseErrorCode} from 'jsonc-parser';
