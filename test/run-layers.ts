/**
 * `npm test`: runs the three test layers (unit in Node, browser in Chromium, e2e on the
 * production build), prints each layer's counts and a closing "N passed, N failed" line.
 * Every layer runs even if an earlier one failed; a missing Chromium fails its layers loudly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { findChromium } from './support/chromium';

interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  skipped: number;
  note: string;
}

const LAYERS = [
  { name: 'unit', needsChromium: false },
  { name: 'browser', needsChromium: true },
  { name: 'e2e', needsChromium: true },
];

const vitestBin = resolve('node_modules/vitest/vitest.mjs');
/** The test configuration lives under test/ (the top level holds only the project's fixed files). */
const VITEST_CONFIG = 'test/vitest.config.ts';
mkdirSync('test-results', { recursive: true });

function runLayer(name: string, needsChromium: boolean): LayerResult {
  if (needsChromium) {
    const chromium = findChromium();
    if ('error' in chromium) {
      process.stderr.write(`\n[${name}] cannot run: ${chromium.error}\n`);
      return { layer: name, passed: 0, failed: 1, skipped: 0, note: 'no Chromium (see message above)' };
    }
  }
  const report = resolve(`test-results/${name}.json`);
  rmSync(report, { force: true });
  process.stdout.write(`\n=== ${name} layer ===\n`);
  const run = spawnSync(
    process.execPath,
    [vitestBin, 'run', '--config', VITEST_CONFIG, '--project', name, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } },
  );
  if (!existsSync(report)) {
    return { layer: name, passed: 0, failed: 1, skipped: 0, note: `vitest exited with ${run.status} and wrote no report` };
  }
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numTotalTests: number;
  };
  let failed = json.numFailedTests;
  let note = '';
  if (run.status !== 0 && failed === 0) {
    failed = 1;
    note = `vitest exited with ${run.status} (errors outside tests)`;
  }
  if (json.numTotalTests === 0) {
    failed = Math.max(failed, 1);
    note = 'no tests ran';
  }
  return { layer: name, passed: json.numPassedTests, failed, skipped: json.numPendingTests + json.numTodoTests, note };
}

const results = LAYERS.map((l) => runLayer(l.name, l.needsChromium));
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });

process.stdout.write('\n=== test summary ===\n');
for (const r of results) {
  process.stdout.write(`${r.layer.padEnd(8)} ${String(r.passed).padStart(4)} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? `  (${r.note})` : ''}\n`);
}
process.stdout.write(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`);
process.exit(total.failed === 0 ? 0 : 1);
