/*
Starts @llmops/gateway (a fork of Portkey's gateway that exports its Hono app and no server) the way its readme
runs it on Node: with @hono/node-server, here on 127.0.0.1 only, at the port given as the first argument.
*/
// The copy Portkey's gateway runs on (1.12.2, pinned by package.json's overrides), not a dependency of ccgate's own.
// eslint-disable-next-line import-x/no-extraneous-dependencies, n/no-extraneous-import
import {serve} from '@hono/node-server';

const {default: app} = await import('@llmops/gateway');
serve({fetch: app.fetch, port: Number(process.argv[2]), hostname: '127.0.0.1'});
