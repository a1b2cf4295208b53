/** Node and Chromium generate bit-identical clips: every digest computed in Node (global setup) is recomputed here. */
import { expect, inject, it } from 'vitest';
import { computeClipHashes } from './clip-hashes';

it('regenerates every reference clip bit for bit in Chromium', async () => {
  const fromNode = inject('nodeClipHashes');
  const inBrowser = await computeClipHashes();
  expect(Object.keys(fromNode).length).toBeGreaterThan(290);
  expect(Object.keys(inBrowser).sort()).toEqual(Object.keys(fromNode).sort());
  const differing = Object.keys(fromNode).filter((key) => inBrowser[key] !== fromNode[key]);
  expect(differing).toEqual([]);
  expect(navigator.userAgent).toMatch(/Chrome/);
});
