#!/usr/bin/env node
// Thin launcher: the build lives in dist/ (made by `npm install` through the prepare script): tsc's output in
// dist/src, bundled into dist/cli by scripts/bundle.mjs. CommonJS, like the bundle (bin/package.json says so):
// Node 20 then starts without its ES module loader.
require('../dist/cli/cli.js').main(process.argv.slice(2));
