/**
 * Vitest setup file for the browser project (test/vitest.config.ts): it runs in the test page before
 * each test file's own imports, so before Lit loads.
 *
 * In browser tests vite serves Lit's development build, which prints a one-off "Lit is in dev mode"
 * notice (console.warn) when it loads. That notice says nothing about the code under test, so it is
 * marked as already issued here; every other Lit warning still shows (and test/ui/console-problems.ts
 * fails the UI tests on it). The production bundle is built without dev mode and never prints the
 * notice; the e2e layer checks that page's console.
 */
((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ??= new Set()).add('dev-mode');
