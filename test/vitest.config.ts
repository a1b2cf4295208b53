import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, findChromium } from './support/chromium.ts';

// A missing Chromium fails the browser layers loudly (test/support/require-chromium.ts), never skips them.
const chromium = findChromium();
const chromiumInVitest = {
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: 'path' in chromium ? chromium.path : undefined, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', 'test/e2e/**'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          globalSetup: ['test/support/require-chromium.ts', 'test/datasets/node-clip-hashes.ts'],
          setupFiles: ['src/lit-dev-notice.ts'],
          testTimeout: 180_000,
          browser: chromiumInVitest,
        },
      },
      {
        // Benchmarks, not tests: run by `npm run bench:race`, never by `npm test`.
        test: {
          name: 'bench-browser',
          include: ['bench/**/*.browser.bench.ts'],
          globalSetup: ['test/support/require-chromium.ts'],
          testTimeout: 1_200_000,
          browser: chromiumInVitest,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/require-chromium.ts', 'test/e2e/serve-build.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
