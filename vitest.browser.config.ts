import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the public site (`dossier export site`) served on 127.0.0.1 and driven in Debian's
// Chromium (/usr/bin/chromium) with playwright-core. Kept out of `npm test`, which needs no browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
