import { afterEach, describe, expect, test } from 'vitest';
import { frameRgba } from '../../src/ui/clip-pixels';
import '../../src/ui/clip-view';
import type { ClipView } from '../../src/ui/clip-view';
import { failOnConsoleProblems } from './console-problems';

failOnConsoleProblems();

const shape = { T: 3, H: 4, W: 5 };
const size = shape.T * shape.H * shape.W;

async function mount(props: Partial<Pick<ClipView, 'clip' | 'shape' | 'hiddenPixels' | 'label' | 'note' | 'scale'>>): Promise<ClipView> {
  const el = document.createElement('clip-view');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

function canvases(el: ClipView): HTMLCanvasElement[] {
  return [...el.shadowRoot!.querySelectorAll('canvas')];
}

function pixels(canvas: HTMLCanvasElement): number[] {
  return [...canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data];
}

afterEach(() => document.body.replaceChildren());

describe('<clip-view>', () => {
  test('draws one W × H canvas per frame with the clip’s pixels, hidden ones tinted', async () => {
    const clip = Float32Array.from({ length: size }, (_, i) => (i % 7) / 6);
    clip[5] = Number.NaN;
    const hidden = new Uint8Array(size);
    hidden.fill(1, 20, 40);
    const el = await mount({ clip, shape, hiddenPixels: hidden, label: 'context', scale: 4 });
    const drawn = canvases(el);
    expect(drawn).toHaveLength(3);
    drawn.forEach((canvas, t) => {
      expect([canvas.width, canvas.height]).toEqual([5, 4]);
      expect(canvas.getBoundingClientRect().width).toBe(20);
      expect(getComputedStyle(canvas).imageRendering).toBe('pixelated');
      expect(pixels(canvas)).toEqual([...frameRgba(clip, shape, t, hidden)]);
    });
    expect(pixels(drawn[0]!).slice(20, 24)).toEqual([255, 0, 0, 255]);
    expect([...el.shadowRoot!.querySelectorAll('.t')].map((c) => c.textContent)).toEqual(['t=0', 't=1', 't=2']);
    expect(el.shadowRoot!.querySelector('figcaption')!.textContent).toBe('context');
    expect(el.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('context: 3 frames, hidden tokens shaded');
  });

  test('data-signature follows the clip and the canvases are redrawn', async () => {
    const clip = new Float32Array(size).fill(0.25);
    const el = await mount({ clip, shape, label: 'target' });
    const first = el.dataset.signature;
    expect(first).toMatch(/^[0-9a-f]{8}$/);
    expect(el.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('target: 3 frames');
    const next = Float32Array.from(clip);
    next[size - 1] = 1;
    el.clip = next;
    await el.updateComplete;
    expect(el.dataset.signature).not.toBe(first);
    expect(pixels(canvases(el)[2]!).slice(-4)).toEqual([255, 255, 255, 255]);
    const hidden = new Uint8Array(size).fill(1);
    el.hiddenPixels = hidden;
    await el.updateComplete;
    expect(pixels(canvases(el)[0]!)).toEqual([...frameRgba(next, shape, 0, hidden)]);
  });

  test('a new shape redraws with the new frame count', async () => {
    const el = await mount({ clip: new Float32Array(size), shape, label: 'x' });
    el.shape = { T: 2, H: 2, W: 2 };
    el.clip = new Float32Array(8).fill(1);
    await el.updateComplete;
    expect(canvases(el).map((c) => [c.width, c.height])).toEqual([[2, 2], [2, 2]]);
    expect(pixels(canvases(el)[1]!)).toEqual(new Array(16).fill(255));
  });

  test('without a clip: a placeholder, no canvas and no data-signature; a wrong length says so', async () => {
    const el = await mount({ label: 'prediction', note: 'nothing yet' });
    expect(canvases(el)).toHaveLength(0);
    expect(el.hasAttribute('data-signature')).toBe(false);
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).toBe('waiting for the first evaluation');
    expect(el.shadowRoot!.querySelector('.note')!.textContent).toBe('nothing yet');
    el.clip = new Float32Array(7);
    el.shape = shape;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).toBe('clip has 7 values; shape 3×4×5 needs 60');
    el.clip = new Float32Array(size);
    await el.updateComplete;
    expect(el.dataset.signature).toMatch(/^[0-9a-f]{8}$/);
    el.clip = null;
    await el.updateComplete;
    expect(el.hasAttribute('data-signature')).toBe(false);
  });
});
