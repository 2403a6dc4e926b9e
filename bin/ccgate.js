#!/usr/bin/env node
// CommonJS (see bin/package.json): the fast paths start without the ESM loader.
require('../dist/cli.cjs');
