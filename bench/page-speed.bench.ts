/**
 * `npm run bench:page`: training speed in the built page, per backend, as a user sees it. Builds
 * the bundle, serves it with `vite preview`, opens it in headless Chromium once per backend,
 * picks the blurry-average preset, presses Play, and samples the run bar's steps/s (the runner's
 * training rate between readouts, evaluations excluded) once a second after a warm-up. Prints the
 * median and range per backend, the page's requestAnimationFrame rate while training, and JSON.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/e2e/browser-session';
import { median } from './bench-table';

const PORT = 4190;
const BACKENDS = (process.argv[2] ?? 'wasm,webgl,webgpu').split(',');
const SAMPLES = Number(process.argv[3] ?? 10);
const vite = resolve('node_modules/vite/bin/vite.js');


const progress = (page: Page, name: 'step' | 'rate') =>
  page.locator('#progress').evaluate((el, n) => (n === 'step' ? Number(el.getAttribute('data-step')) : ((el as unknown as { stepsPerSecond: number | null }).stepsPerSecond ?? Number.NaN)), name);

/** rAF rate over `ms` (a string, so the bundler's helpers never reach the page). */
function framesPerSecond(page: Page, ms: number): Promise<number> {
  return page.evaluate(`new Promise((done) => {
    let frames = 0;
    const start = performance.now();
    function tick(now) {
      frames += 1;
      if (now - start < ${ms}) requestAnimationFrame(tick);
      else done((frames / (now - start)) * 1000);
    }
    requestAnimationFrame(tick);
  })`);
}

const built = spawnSync(process.execPath, [vite, 'build'], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(built.stderr);
const server = spawn(process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 2000));
const browser = await launchChromium();
const rows: { backend: string; adapter: string; medianStepsPerSecond: number; min: number; max: number; samples: number; rafFps: number }[] = [];
try {
  for (const backend of BACKENDS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${PORT}/?backend=${backend}`);
    await page.locator('#progress[data-state="ready"]').waitFor({ timeout: 60_000 });
    const adapter = await page.locator('backend-badge').evaluate((el) => (el.shadowRoot?.querySelector('[data-backend]')?.textContent ?? '').replace(/\s+/g, ' ').trim());
    await page.locator('#preset-blurry-average').click();
    await page.locator('#play').click();
    // Warm-up: past the step-0 evaluation and the first readouts.
    await page.waitForFunction(() => Number(document.querySelector('jepa-playground')?.shadowRoot?.querySelector('#progress')?.getAttribute('data-step')) >= 20, null, { timeout: 600_000 });
    const rates: number[] = [];
    while (rates.length < SAMPLES) {
      await page.waitForTimeout(1000);
      const rate = await progress(page, 'rate');
      if (Number.isFinite(rate)) rates.push(rate);
    }
    const rafFps = await framesPerSecond(page, 4000);
    rows.push({ backend, adapter, medianStepsPerSecond: median(rates), min: Math.min(...rates), max: Math.max(...rates), samples: rates.length, rafFps });
    process.stderr.write(`${backend} done\n`);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log('blurry-average preset (fork 16 × 16, batch 16, both learners), training steps/s in the page (evaluations excluded)');
console.log('backend | badge | median steps/s | min–max | rAF fps while training');
for (const r of rows) console.log(`${r.backend} | ${r.adapter} | ${r.medianStepsPerSecond.toFixed(2)} | ${r.min.toFixed(2)}–${r.max.toFixed(2)} | ${r.rafFps.toFixed(1)}`);
console.log(JSON.stringify(rows));
