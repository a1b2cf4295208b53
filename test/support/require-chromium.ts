/** Vitest global setup: the browser and e2e layers fail (never skip) without a Chromium. */
import { findChromium } from './chromium';

export default function setup(): void {
  const found = findChromium();
  if ('error' in found) throw new Error(`Browser tests need Chromium. ${found.error}`);
}
