import { describe, expect, test } from 'vitest';
import { sampleMask, type Mask } from '../../models/masking';
import { tokenGrid } from '../../models/tubelets';
import { clipSignature, frameRgba, frameScale, hiddenPixels, HIDDEN_TINT, previewMask, shadeMask } from '../../src/ui/clip-pixels';

const shape = { T: 4, H: 8, W: 8 };
const tubelet = { t: 2, h: 4, w: 4 };

/** A 2 × 2 × 2 token grid mask hiding `target`. */
function handMask(target: number[], ratio = target.length / 8): Mask {
  const all = [0, 1, 2, 3, 4, 5, 6, 7];
  return {
    strategy: 'random-patches',
    requestedRatio: ratio,
    ratio,
    context: Int32Array.from(ratio === 0 ? all : all.filter((i) => !target.includes(i))),
    target: Int32Array.from(ratio === 0 ? all : target),
    grid: { nt: 2, nh: 2, nw: 2 },
  };
}

describe('hiddenPixels', () => {
  test('marks exactly the pixels of the target tokens (token order: time, row, column)', () => {
    const hidden = hiddenPixels(handMask([0, 5]), tubelet, shape);
    expect(hidden.length).toBe(4 * 8 * 8);
    for (let t = 0; t < 4; t++) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          // Token 0: frames 0–1, rows 0–3, columns 0–3. Token 5 = (ti 1, hi 0, wi 1): frames 2–3, rows 0–3, columns 4–7.
          const expected = (t < 2 && y < 4 && x < 4) || (t >= 2 && y < 4 && x >= 4) ? 1 : 0;
          expect(hidden[(t * 8 + y) * 8 + x], `t=${t} y=${y} x=${x}`).toBe(expected);
        }
      }
    }
  });

  test('ratio 0 (target = every token) hides nothing', () => {
    expect(hiddenPixels(handMask([], 0), tubelet, shape).every((v) => v === 0)).toBe(true);
  });

  test('counts as many hidden pixels as the mask hides tokens', () => {
    const mask = sampleMask({ strategy: 'multi-block', ratio: 0.5 }, tokenGrid({ T: 8, H: 32, W: 32 }, { t: 2, h: 8, w: 8 }), 3);
    const hidden = hiddenPixels(mask, { t: 2, h: 8, w: 8 }, { T: 8, H: 32, W: 32 });
    expect(hidden.reduce((s, v) => s + v, 0)).toBe(mask.target.length * 2 * 8 * 8);
  });

  test('a mask whose grid does not fit the clip and tubelet is a RangeError naming mask.grid', () => {
    expect(() => hiddenPixels(handMask([0]), { t: 2, h: 8, w: 8 }, shape)).toThrow(/mask\.grid: 2×2×2 is not allowed; allowed: 2×1×1/);
    expect(shadeMask(handMask([0]), { t: 2, h: 8, w: 8 }, shape)).toEqual({ hidden: null, problem: expect.stringMatching(/^mask\.grid/) });
    expect(shadeMask(handMask([0]), tubelet, shape).problem).toBe('');
  });
});

describe('frameRgba', () => {
  const tiny = { T: 2, H: 1, W: 3 };
  const clip = Float32Array.from([0, 0.5, 1, -0.2, 1.7, Number.NaN]);

  test('grey levels are clamp(v, 0, 1) · 255 with alpha 255', () => {
    expect([...frameRgba(clip, tiny, 0, null)]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  test('hidden pixels blend 45% towards #7c3aed, the content still visible; NaN is red even when hidden', () => {
    expect(HIDDEN_TINT.weight).toBe(0.45);
    const rgba = frameRgba(Float32Array.from([0, 1, Number.NaN, 1, 0, 0]), { T: 1, H: 1, W: 6 }, 0, Uint8Array.from([1, 1, 1, 0, 0, 0]));
    // 0 → 0.45 · (124, 58, 237); 1 → 0.55 · 255 + 0.45 · (124, 58, 237).
    expect([...rgba.subarray(0, 12)]).toEqual([56, 26, 107, 255, 196, 166, 247, 255, 255, 0, 0, 255]);
    expect([...rgba.subarray(12, 20)]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });

  test('infinities are red too, and bad lengths or frames are RangeErrors', () => {
    expect([...frameRgba(Float32Array.from([Infinity, -Infinity, 0]), { T: 1, H: 1, W: 3 }, 0, null).subarray(0, 8)]).toEqual([255, 0, 0, 255, 255, 0, 0, 255]);
    expect(() => frameRgba(clip, tiny, 2, null)).toThrow(RangeError);
    expect(() => frameRgba(clip, { T: 2, H: 2, W: 3 }, 0, null)).toThrow(/clip: length 6/);
    expect(() => frameRgba(clip, tiny, 0, new Uint8Array(5))).toThrow(/hidden: length 5/);
  });
});

describe('clipSignature', () => {
  const clip = Float32Array.from({ length: 4 * 8 * 8 }, (_, i) => (i % 17) / 16);

  test('is eight hex digits, stable for equal input', () => {
    const signature = clipSignature(clip, null);
    expect(signature).toMatch(/^[0-9a-f]{8}$/);
    expect(clipSignature(Float32Array.from(clip), null)).toBe(signature);
  });

  test('changes when one value, the shading or finiteness changes', () => {
    const signature = clipSignature(clip, null);
    const changed = Float32Array.from(clip);
    changed[100] = changed[100]! + 0.25;
    expect(clipSignature(changed, null)).not.toBe(signature);
    const hidden = new Uint8Array(clip.length);
    hidden[7] = 1;
    expect(clipSignature(clip, hidden)).not.toBe(signature);
    const broken = Float32Array.from(clip);
    broken[0] = Number.NaN;
    expect(clipSignature(broken, null)).not.toBe(signature);
  });
});

describe('previewMask', () => {
  test('is sampleMask on the clip’s token grid', () => {
    const spec = { strategy: 'multi-block' as const, ratio: 0.56 };
    const clipShape = { T: 8, H: 32, W: 32 };
    expect(previewMask(spec, clipShape, { t: 2, h: 8, w: 8 }, 7)).toEqual(sampleMask(spec, tokenGrid(clipShape, { t: 2, h: 8, w: 8 }), 7));
  });

  test('passes the RangeErrors of tokenGrid and sampleMask through unchanged', () => {
    expect(() => previewMask({ strategy: 'random-patches', ratio: 0.5 }, { T: 8, H: 30, W: 32 }, { t: 2, h: 8, w: 8 }, 1)).toThrow(
      new RangeError('H: 30 is not allowed; allowed: a positive multiple of tubelet.h = 8 (8, 16, 24, …)'),
    );
    expect(() => previewMask({ strategy: 'random-patches', ratio: 2 }, { T: 8, H: 32, W: 32 }, { t: 2, h: 8, w: 8 }, 1)).toThrow(RangeError);
  });
});

describe('frameScale', () => {
  test('enlarges small frames to about 32–40 px and never shrinks large ones', () => {
    expect([8, 16, 20, 32, 64].map(frameScale)).toEqual([5, 2, 2, 1, 1]);
  });
});
