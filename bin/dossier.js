#!/usr/bin/env node
// Thin launcher: the build lives in dist/ (made by `npm install` through the prepare script): tsc's output in
// dist/src, bundled into dist/cli by scripts/bundle.mjs.
import { main } from '../dist/cli/cli.js';

main(process.argv.slice(2));
