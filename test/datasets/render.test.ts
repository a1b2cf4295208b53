/** Drawing primitives: areas match the shapes, values stay in [0, 1], sprites land where asked. */
import { describe, expect, it } from 'vitest';
import { drawDisc, drawSprite, drawSquare, drawTriangle, type Frame } from '../../datasets/render';

const W = 40;
const H = 30;
const frame = (): { out: Float32Array; f: Frame } => ({ out: new Float32Array(7 + W * H), f: { off: 7, W, H } });
const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('render', () => {
  it.each([
    { shape: 'disc', draw: drawDisc, size: 5.3, area: Math.PI * 5.3 ** 2, tolerance: 0.01 },
    { shape: 'square', draw: drawSquare, size: 4.6, area: (2 * 4.6) ** 2, tolerance: 1e-6 },
    { shape: 'triangle', draw: drawTriangle, size: 6.2, area: 2 * 6.2 ** 2, tolerance: 0.02 },
  ])('$shape covers its area at sub-pixel positions, within [0, 1], only in its frame', ({ draw, size, area, tolerance }) => {
    for (const [cx, cy] of [[20, 15], [13.37, 17.71], [25.5, 12.25]] as const) {
      const { out, f } = frame();
      draw(out, f, cx, cy, size);
      expect(Math.abs(sum(out) / area - 1)).toBeLessThan(tolerance);
      for (const v of out) expect(v >= 0 && v <= 1).toBe(true);
      expect(Array.from(out.subarray(0, 7))).toEqual([0, 0, 0, 0, 0, 0, 0]);
      let mx = 0;
      let my = 0;
      for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) { mx += out[7 + i * W + j]! * (j + 0.5); my += out[7 + i * W + j]! * (i + 0.5); }
      expect(mx / sum(out)).toBeCloseTo(cx, 1);
      if (draw !== drawTriangle) expect(my / sum(out)).toBeCloseTo(cy, 1);
    }
  });

  it('clips shapes at the frame edge and combines overlaps by max', () => {
    const { out, f } = frame();
    drawDisc(out, f, 0, 0, 4);
    drawSquare(out, f, W, H, 3);
    drawDisc(out, f, 1, 1, 4, 0.5);
    for (const v of out) expect(v >= 0 && v <= 1).toBe(true);
    expect(out[7]).toBe(1);
    expect(sum(out)).toBeGreaterThan(0);
  });

  it('copies a sprite exactly at an integer position and keeps its mass at a sub-pixel one', () => {
    const S = 5;
    const sprite = Float32Array.from({ length: 3 + S * S }, (_, i) => (i < 3 ? 9 : ((i * 37) % 11) / 10));
    const { out, f } = frame();
    drawSprite(out, f, sprite, 3, S, 10, 6);
    for (let a = 0; a < S; a++) for (let b = 0; b < S; b++) expect(out[7 + (6 + a) * W + 10 + b]).toBe(sprite[3 + a * S + b]);
    expect(sum(out)).toBeCloseTo(sum(sprite.subarray(3)), 5);
    const shifted = frame();
    drawSprite(shifted.out, shifted.f, sprite, 3, S, 10.25, 6.6);
    expect(sum(shifted.out)).toBeCloseTo(sum(sprite.subarray(3)), 5);
  });
});
