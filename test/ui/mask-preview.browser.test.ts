import { afterEach, describe, expect, test } from 'vitest';
import { previewMask } from '../../src/ui/clip-pixels';
import '../../src/ui/mask-preview';
import type { MaskPreview } from '../../src/ui/mask-preview';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const shape = { T: 8, H: 32, W: 32 };
const tubelet = { t: 2, h: 8, w: 8 };
const clip = Float32Array.from({ length: shape.T * shape.H * shape.W }, (_, i) => (i % 5) / 4);

async function mount(props: Partial<MaskPreview>): Promise<MaskPreview> {
  const el = document.createElement('mask-preview');
  Object.assign(el, { clip, shape, tubelet, ...props });
  document.body.append(el);
  return settled(el);
}

async function settled(el: MaskPreview): Promise<MaskPreview> {
  await el.updateComplete;
  await el.shadowRoot!.querySelector('clip-view')!.updateComplete;
  return el;
}

const view = (el: MaskPreview) => el.shadowRoot!.querySelector('clip-view')!;
const summary = (el: MaskPreview) => el.shadowRoot!.querySelector('.summary')?.textContent;

afterEach(() => document.body.replaceChildren());

describe('<mask-preview>', () => {
  test('shades the hidden tokens and says how much of the grid is hidden', async () => {
    const mask = previewMask({ strategy: 'multi-block', ratio: 0.5 }, shape, tubelet, 1);
    const el = await mount({ mask });
    const hidden = mask.target.length;
    expect(summary(el)).toBe(`hides ${Math.round((hidden / 64) * 100)}% of 64 tokens (multi-block)`);
    expect(view(el).hiddenPixels!.reduce((s, v) => s + v, 0)).toBe(hidden * 2 * 8 * 8);
    expect(view(el).shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('mask preview: 8 frames, hidden tokens shaded');
  });

  test('a different mask changes data-signature; ratio 0 hides nothing', async () => {
    const el = await mount({ mask: previewMask({ strategy: 'random-patches', ratio: 0.75 }, shape, tubelet, 1) });
    const first = view(el).dataset.signature;
    el.mask = previewMask({ strategy: 'random-patches', ratio: 0.75 }, shape, tubelet, 2);
    await settled(el);
    expect(view(el).dataset.signature).not.toBe(first);
    expect(summary(el)).toBe('hides 75% of 64 tokens (random-patches)');
    el.mask = previewMask({ strategy: 'random-tubes', ratio: 0 }, shape, tubelet, 1);
    await settled(el);
    expect(summary(el)).toBe('hides nothing: plain autoencoding');
    expect(view(el).hiddenPixels!.every((v) => v === 0)).toBe(true);
  });

  test('no mask: the plain clip; no clip: waiting; a mismatched tubelet: an alert', async () => {
    const el = await mount({ mask: null });
    expect(summary(el)).toBeUndefined();
    expect(view(el).hiddenPixels).toBeNull();
    expect(view(el).dataset.signature).toMatch(/^[0-9a-f]{8}$/);
    el.mask = previewMask({ strategy: 'future-frames', ratio: 0.5 }, shape, tubelet, 1);
    el.tubelet = { t: 2, h: 16, w: 16 };
    await settled(el);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).toMatch(/^mask\.grid: 4×4×4 is not allowed; allowed: 4×2×2/);
    el.clip = null;
    await settled(el);
    expect(view(el).shadowRoot!.textContent).toContain('waiting for the first evaluation');
  });
});
