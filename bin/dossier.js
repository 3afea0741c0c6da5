#!/usr/bin/env node
// Thin launcher: the TypeScript build lives in dist/ (made by `npm install` through the prepare script).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2));
