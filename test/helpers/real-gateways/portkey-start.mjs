import {register} from 'node:module';

register('./portkey-hooks.mjs', import.meta.url);
await import('@portkey-ai/gateway/build/start-server.js');
