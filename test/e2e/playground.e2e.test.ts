/**
 * End-to-end: the production build (vite build + vite preview) in Chromium. The flows a user
 * tries: the backend badge; a preset trained in the worker with charts and frames updating; the
 * masking-ratio slider and its preview; a copied link reproducing config and curves; a malformed
 * link; export and import of a run; loading a summary.json; the page's frame rate while training;
 * a lost GPU device continued on another backend; a phone-width layout. Screenshots go to
 * test-results/e2e.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser-session';
import type { LineChartSpec } from '../../src/lab/chart-spec';
import type { JepaPlayground } from '../../src/ui/jepa-playground';

const ARTEFACTS = 'test-results/e2e';
const scratch = mkdtempSync(join(tmpdir(), 'playground-e2e-'));
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A blurry-average run small enough for CI: 40 steps (evaluations at 0, 5, 10, 20, 40). */
const SHORT_STEPS = 40;

async function openPlayground(query = '', viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const problems = watchConsole(page);
  await page.goto(new URL(query, inject('baseUrl')).href);
  await page.locator('backend-badge [data-backend]').waitFor({ timeout: 60_000 });
  await page.locator('#progress[data-state="ready"]').waitFor({ timeout: 60_000 });
  return { page, problems };
}

const stepOf = (page: Page) => page.locator('#progress').getAttribute('data-step').then(Number);
const stateOf = (page: Page) => page.locator('#progress').getAttribute('data-state');

async function waitForState(page: Page, state: string, timeout = 180_000): Promise<void> {
  await page.locator(`#progress[data-state="${state}"]`).waitFor({ timeout });
}

/** The config the page holds (what its controls show and its URL encodes). */
function editedConfig(page: Page): Promise<unknown> {
  return page.locator('jepa-playground').evaluate((el) => (el as JepaPlayground).edited);
}

function chartSpec(page: Page, id: string): Promise<LineChartSpec | null> {
  return page.locator(`#chart-${id}`).evaluate((el) => (el as unknown as { spec: LineChartSpec | null }).spec);
}

/** The text an element renders in its shadow root (innerText of a host leaves it out). */
function shadowText(page: Page, selector: string): Promise<string> {
  return page.locator(selector).evaluate((el) => (el.shadowRoot ?? el).textContent ?? '');
}

/** Waits until the run bar shows step `step` (or, with `orLater`, any step from it on). */
async function waitForStep(page: Page, step: number, orLater = false, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    ([n, later]) => {
      const shown = Number(document.querySelector('jepa-playground')?.shadowRoot?.querySelector('#progress')?.getAttribute('data-step'));
      return later ? shown >= n : shown === n;
    },
    [step, orLater] as const,
    { timeout },
  );
}

const chartPoints = (page: Page, id: string) => page.locator(`#chart-${id}`).getAttribute('data-points').then(Number);

/** Sets an input of the control panel and fires the event it listens to. */
async function setControl(page: Page, id: string, value: string, event: 'input' | 'change' = 'change'): Promise<void> {
  await page.locator(`control-panel #${id}`).evaluate(
    (el, [v, e]) => {
      (el as HTMLInputElement).value = v!;
      el.dispatchEvent(new Event(e!, { bubbles: true, composed: true }));
    },
    [value, event],
  );
}

/** Opens the page on wasm, picks blurry-average and shortens it to SHORT_STEPS. */
async function shortBlurryAverage(): Promise<{ page: Page; problems: string[] }> {
  const opened = await openPlayground('?backend=wasm');
  await opened.page.locator('#preset-blurry-average').click();
  await setControl(opened.page, 'ctl-steps', String(SHORT_STEPS));
  await opened.page.waitForFunction((n) => new URL(location.href).searchParams.get('steps') === String(n), SHORT_STEPS);
  await waitForState(opened.page, 'ready', 30_000);
  return opened;
}

describe('production build in Chromium', () => {
  test('default backend is WebGPU; the badge names the adapter; one Step trains in the worker', async () => {
    const { page, problems } = await openPlayground('?evaluation.probes=false&evaluation.heldOutClips=8&batch=4&readEvery=1');
    const badge = page.locator('backend-badge [data-backend]');
    expect(await badge.getAttribute('data-backend')).toBe('webgpu');
    expect((await page.locator('backend-badge .adapter').innerText()).length).toBeGreaterThan(0);
    await page.locator('#step').click();
    await waitForStep(page, 1);
    await waitForState(page, 'paused');
    expect(await chartPoints(page, 'loss')).toBe(2); // both learners' loss at step 1
    expect(await page.locator('#card-pixel .loss').innerText()).toMatch(/loss \d\.\d{3}e[-+]\d+ at step 1/);
    await page.screenshot({ path: `${ARTEFACTS}/playground-webgpu.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('blurry-average: training updates losses, blur, collapse and the frames; the ghost panel shows the mean of the futures', async () => {
    const { page, problems } = await shortBlurryAverage();
    expect(await page.locator('#preset-blurry-average').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#play').click();
    // Frames after the first evaluations, then again at the end: they change as the learners train.
    await page.waitForFunction(() => document.querySelector('jepa-playground')?.shadowRoot?.querySelector('#card-pixel')?.shadowRoot?.querySelector('clip-view.prediction')?.hasAttribute('data-signature'), null, { timeout: 120_000 });
    const early = await page.locator('#card-pixel clip-view.prediction').getAttribute('data-signature');
    await waitForState(page, 'done');
    expect(await stepOf(page)).toBe(SHORT_STEPS);
    expect(await page.locator('#card-pixel clip-view.prediction').getAttribute('data-signature')).not.toBe(early);
    expect(await page.locator('#card-jepa clip-view.retrieval').getAttribute('data-signature')).toBeTruthy();
    expect(await chartPoints(page, 'loss')).toBeGreaterThanOrEqual(8);
    expect(await chartPoints(page, 'blur')).toBe(5); // evaluations at 0, 5, 10, 20, 40
    expect(await chartPoints(page, 'rank')).toBe(10);
    const loss = await chartSpec(page, 'loss');
    expect(loss!.series.map((s) => s.name)).toEqual(['pixel', 'JEPA']);
    expect(loss!.series.flatMap((s) => s.points).every((p) => Number.isFinite(p.y))).toBe(true);
    expect(await page.locator('#card-pixel dd[data-metric="blur.meanDistanceRatio"]').innerText()).not.toBe('n/a');
    expect(await page.locator('#ghost-mean').getAttribute('data-signature')).toBeTruthy();
    expect(await page.locator('#ghost-prediction').getAttribute('data-signature')).toBeTruthy();
    await page.screenshot({ path: `${ARTEFACTS}/playground-blurry-average.png`, fullPage: true });
    await page.screenshot({ path: `${ARTEFACTS}/playground-1280x800.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the masking-ratio slider redraws the mask preview, and a copied link reproduces config and curves', async () => {
    const first = await shortBlurryAverage();
    const preview = first.page.locator('mask-preview clip-view');
    const before = await preview.getAttribute('data-signature');
    const text = await shadowText(first.page, 'mask-preview');
    await setControl(first.page, 'ctl-mask-ratio', '0.75', 'input');
    await first.page.waitForFunction((sig) => document.querySelector('jepa-playground')?.shadowRoot?.querySelector('mask-preview')?.shadowRoot?.querySelector('clip-view')?.getAttribute('data-signature') !== sig, before);
    expect(await shadowText(first.page, 'mask-preview')).not.toBe(text);
    expect(await shadowText(first.page, 'mask-preview')).toContain('hides 75% of 16 tokens');
    await setControl(first.page, 'ctl-mask-ratio', '0.5', 'input');
    await setControl(first.page, 'ctl-seed', '7');
    await first.page.locator('#play').click();
    await waitForState(first.page, 'done');
    const link = first.page.url();
    expect(new URL(link).searchParams.get('seed')).toBe('7');

    const second = await openPlayground(new URL(link).search);
    expect(await editedConfig(second.page)).toEqual(await editedConfig(first.page));
    expect(await second.page.locator('#preset-blurry-average').getAttribute('aria-pressed')).toBe('true');
    await second.page.locator('#play').click();
    await waitForState(second.page, 'done');
    // Same seed, same backend: the same curves, number for number.
    expect(await chartSpec(second.page, 'loss')).toEqual(await chartSpec(first.page, 'loss'));
    expect(await chartSpec(second.page, 'blur')).toEqual(await chartSpec(first.page, 'blur'));
    expect([...first.problems, ...second.problems]).toEqual([]);
    await first.page.close();
    await second.page.close();
  });

  test('a malformed link names each bad field, keeps its default and the page still trains', async () => {
    const { page, problems } = await openPlayground('?backend=wasm&mask.ratio=2&batch=abc&preset=nope&colour=red&steps=4&evaluation.probes=false');
    const text = await shadowText(page, '#link-errors');
    expect(text).toContain('mask.ratio: 2 is out of range; allowed numbers from 0 to 0.95');
    expect(text).toContain('batch:');
    expect(text).toContain("preset: 'nope' is not a preset; allowed: blurry-average, collapse, sample-efficiency, masking, sharp-futures");
    expect(text).toContain("'colour' is not a setting of this playground");
    const config = (await editedConfig(page)) as { mask: { ratio: number }; batch: number; steps: number };
    expect(config.mask.ratio).toBe(0.56);
    expect(config.batch).toBe(32);
    expect(config.steps).toBe(4);
    await page.screenshot({ path: `${ARTEFACTS}/playground-bad-link.png` });
    await page.locator('#play').click();
    await waitForState(page, 'done');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a run exports to JSON and imports back into a fresh page: same curves, and it continues training', async () => {
    const { page, problems } = await shortBlurryAverage();
    await setControl(page, 'ctl-steps', '60');
    await page.locator('#step').click();
    await waitForStep(page, 1);
    await waitForState(page, 'paused');
    await page.locator('#play').click();
    await waitForStep(page, 25, true);
    await page.locator('#play').click(); // pause
    await waitForState(page, 'paused');
    const pausedAt = await stepOf(page);
    const download = page.waitForEvent('download');
    await page.locator('#export-run').click();
    const file = join(scratch, (await download).suggestedFilename());
    await (await download).saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.format).toBe('jepa-playground-run');
    expect(saved.checkpoint.step).toBe(pausedAt);

    const fresh = await openPlayground('?backend=wasm');
    await fresh.page.locator('#import-file').setInputFiles(file);
    await waitForState(fresh.page, 'paused', 60_000);
    expect(await stepOf(fresh.page)).toBe(pausedAt);
    expect(await chartSpec(fresh.page, 'loss')).toEqual(await chartSpec(page, 'loss'));
    expect(await chartSpec(fresh.page, 'blur')).toEqual(await chartSpec(page, 'blur'));
    expect(await editedConfig(fresh.page)).toEqual(await editedConfig(page));
    await fresh.page.locator('#play').click();
    await waitForState(fresh.page, 'done');
    expect(await stepOf(fresh.page)).toBe(60);
    // The imported run continued exactly as the original would have: finish the original and compare.
    await page.locator('#play').click();
    await waitForState(page, 'done');
    expect(await chartSpec(fresh.page, 'loss')).toEqual(await chartSpec(page, 'loss'));
    expect([...problems, ...fresh.problems]).toEqual([]);
    await page.close();
    await fresh.page.close();
  });

  test('a summary.json from npm run experiment loads and is charted with its preset', async () => {
    const out = join(scratch, 'masking');
    const run = spawnSync(join('node_modules', '.bin', 'tsx'), ['src/cli/experiment.ts', '--preset', 'masking', '--out', out, '--steps', '2', '--seeds', '2', '--sweep', 'mask.strategy=multi-block,random-tubes', '--sweep', 'mask.ratio=0.3,0.7', '--sweep', 'batch=4', '--sweep', 'evaluation.probe.trainClips=16', '--sweep', 'evaluation.probe.labelCounts=16', '--sweep', 'evaluation.probe.validationClips=16', '--sweep', 'evaluation.probe.testClips=16'], { encoding: 'utf8', timeout: 200_000 });
    expect(run.status, run.stderr).toBe(0);
    const { page, problems } = await openPlayground('?backend=wasm');
    await page.locator('#import-file').setInputFiles(join(out, 'summary.json'));
    await page.locator('preset-results #headline').waitFor({ timeout: 30_000 });
    expect(await shadowText(page, 'preset-results')).toContain('Masking');
    expect(await chartPoints(page, 'masking-sweep')).toBe(4); // 2 strategies × 2 ratios, mean over 2 seeds
    await page.screenshot({ path: `${ARTEFACTS}/playground-summary.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('"Run the full preset" runs the sweep × seeds in the worker and shows the headline and charts', async () => {
    const { page, problems } = await openPlayground('?backend=wasm');
    await page.locator('#preset-blurry-average').click();
    await setControl(page, 'ctl-steps', '4');
    await waitForState(page, 'ready', 30_000);
    expect(await shadowText(page, 'preset-picker')).toContain('2 configurations × 3 seeds of 4 steps');
    await page.locator('#run-preset-sweep').click();
    await page.locator('run-progress #sweep').waitFor({ timeout: 60_000 });
    await waitForState(page, 'done');
    const results = await shadowText(page, 'preset-results');
    expect(results).toContain('6 of 6 runs finished');
    expect(results).toContain('pixelSharpnessRatio');
    expect(results).toMatch(/\(n = 3\)/); // headline values are over the 3 seeds
    const points = await page.locator('preset-results metric-chart').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-points'))));
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((n) => n > 0)).toBe(true);
    await page.screenshot({ path: `${ARTEFACTS}/playground-sweep.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the page keeps ≥ 50 frames per second of requestAnimationFrame while the worker trains', async () => {
    const { page, problems } = await shortBlurryAverage();
    await setControl(page, 'ctl-steps', '2000');
    await page.locator('#play').click();
    await waitForStep(page, 20, true);
    const measured = await page.evaluate(
      () =>
        new Promise<{ fps: number; steps: number }>((resolve) => {
          const progress = () => Number(document.querySelector('jepa-playground')?.shadowRoot?.querySelector('#progress')?.getAttribute('data-step'));
          const startStep = progress();
          let frames = 0;
          const start = performance.now();
          const tick = (now: number) => {
            frames += 1;
            if (now - start < 4000) requestAnimationFrame(tick);
            else resolve({ fps: (frames / (now - start)) * 1000, steps: progress() - startStep });
          };
          requestAnimationFrame(tick);
        }),
    );
    console.info(`main-thread rAF while training: ${measured.fps.toFixed(1)} fps; ${measured.steps} steps in 4 s`);
    expect(measured.steps).toBeGreaterThan(0); // it was training the whole time
    expect(measured.fps).toBeGreaterThanOrEqual(50);
    expect(await stateOf(page)).toBe('running');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a lost GPU device pauses the run with a message; it continues on wasm from the last checkpoint', async () => {
    const { page, problems } = await openPlayground('?evaluation.probes=false&evaluation.heldOutClips=8&batch=4&readEvery=1&steps=6&evaluation.points=2');
    await page.locator('#step').click();
    await waitForStep(page, 1);
    await waitForState(page, 'paused');
    await page.locator('#step').click();
    await waitForStep(page, 2);
    await waitForState(page, 'paused');
    const lossBefore = await chartSpec(page, 'loss');
    await page.locator('jepa-playground').evaluate((el) => (el as JepaPlayground).simulateDeviceLoss());
    await waitForState(page, 'interrupted', 30_000);
    const panel = await shadowText(page, 'interruption-panel');
    expect(panel).toContain('The GPU device was lost');
    expect(panel).toContain('The last checkpoint is at step 2');
    await page.screenshot({ path: `${ARTEFACTS}/playground-device-lost.png` });
    await page.locator('#continue-wasm').click();
    await page.locator('backend-badge [data-backend="wasm"]').waitFor({ timeout: 60_000 });
    await waitForState(page, 'paused', 60_000);
    expect(await stepOf(page)).toBe(2);
    expect(await chartSpec(page, 'loss')).toEqual(lossBefore); // nothing lost
    await page.locator('#play').click();
    await waitForState(page, 'done');
    expect(await stepOf(page)).toBe(6);
    expect(new URL(page.url()).searchParams.get('backend')).toBe('wasm');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('phone width: everything fits in 390 px without sideways scrolling', async () => {
    const { page, problems } = await openPlayground('?backend=wasm', { width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTEFACTS}/playground-phone.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
