/*
Stand-in for Ink's devtools.js in the wizard's Ink half (tsup.config.ts). Ink imports it only when DEV=true, to
connect React DevTools through react-devtools-core and a WebSocket client (ws): the wizard ships with neither, so
DEV=true changes nothing.
*/
export {};
