/**
 * `npm start` serves Lit's development build, which prints a one-off "Lit is in dev mode" console
 * warning meant for people deploying a development build. The playground's deployable output is
 * `npm run build` (Lit's production build, no notice), so the dev server's page marks the notice
 * as already shown (the browser tests load it as a setup file for the same reason). Must be
 * imported before anything that imports lit.
 */
if (import.meta.env.DEV) ((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ??= new Set()).add('dev-mode');
