/**
 * End-to-end: the production build (vite build + vite preview) in Chromium. Loads the page,
 * checks the backend badge, trains in the worker, checks the loss curve, saves screenshots.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser-session';
import type { LossChart } from '../../src/ui/loss-chart';

const ARTEFACTS = 'test-results/e2e';
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openPlayground(query = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = watchConsole(page);
  await page.goto(new URL(query, inject('baseUrl')).href);
  await page.locator('backend-badge [data-backend]').waitFor({ timeout: 60_000 });
  await page.locator('#progress[data-state="ready"]').waitFor({ timeout: 60_000 });
  return { page, problems };
}

function stepOf(page: Page): Promise<number> {
  return page.locator('#progress').getAttribute('data-step').then(Number);
}

async function waitForStep(page: Page, atLeast: number): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.querySelector('jepa-playground')?.shadowRoot?.querySelector('#progress')?.getAttribute('data-step')) >= n,
    atLeast,
    { timeout: 180_000 },
  );
}

async function trainSteps(page: Page, atLeast: number): Promise<number> {
  await page.locator('#play').click();
  await waitForStep(page, atLeast);
  return Number(await page.locator('loss-chart').getAttribute('data-points'));
}

function chartLosses(page: Page): Promise<number[]> {
  return page.locator('loss-chart').evaluate((el) => (el as LossChart).values);
}

describe('production build in Chromium', () => {
  test('default backend is WebGPU, badge shows the adapter, training draws a loss curve', async () => {
    const { page, problems } = await openPlayground();
    const badge = page.locator('backend-badge [data-backend]');
    expect(await badge.getAttribute('data-backend')).toBe('webgpu');
    expect((await badge.innerText()).toLowerCase()).toContain('webgpu');
    expect((await page.locator('backend-badge .adapter').innerText()).length).toBeGreaterThan(0);
    expect(await trainSteps(page, 50)).toBeGreaterThanOrEqual(5);

    await page.locator('#play').click(); // pause
    await page.locator('#progress[data-state="paused"]').waitFor({ timeout: 30_000 });
    const pausedAt = await stepOf(page);
    await page.waitForTimeout(500);
    expect(await stepOf(page)).toBe(pausedAt);

    await page.locator('#play').click(); // resume to the end (300 steps)
    await page.locator('#progress[data-state="done"]').waitFor({ timeout: 180_000 });
    const losses = await chartLosses(page);
    expect(losses).toHaveLength(30);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 3);
    await page.screenshot({ path: `${ARTEFACTS}/playground-webgpu.png` });

    await page.locator('#reset').click();
    await page.locator('#progress[data-state="ready"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('loss-chart').getAttribute('data-points')).toBe('0');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('?backend=wasm trains on single-threaded wasm served from the bundle', async () => {
    const { page, problems } = await openPlayground('?backend=wasm');
    const badge = page.locator('backend-badge [data-backend]');
    expect(await badge.getAttribute('data-backend')).toBe('wasm');
    expect(await badge.innerText()).toContain('single-threaded');
    expect(await trainSteps(page, 30)).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${ARTEFACTS}/playground-wasm.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  test('?backend=webgl trains on WebGL', async () => {
    const { page, problems } = await openPlayground('?backend=webgl');
    expect(await page.locator('backend-badge [data-backend]').getAttribute('data-backend')).toBe('webgl');
    expect(await trainSteps(page, 30)).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a malformed ?backend= names the field and the allowed values, then falls back and still trains', async () => {
    const { page, problems } = await openPlayground('?backend=cuda');
    const note = await page.locator('backend-badge .note').innerText();
    expect(note).toContain("backend: 'cuda' is not a backend; allowed: webgpu, webgl, wasm, cpu");
    expect(await page.locator('backend-badge [data-backend]').getAttribute('data-backend')).toBe('webgpu');
    expect(await trainSteps(page, 20)).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });
});
