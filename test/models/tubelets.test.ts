/** Unit layer: tubelet tokens — grid shapes, exact round trips, pixel placement, gathering, buffer reuse. */
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_TUBELET,
  gatherTokens,
  tokenCoordinates,
  tokenGrid,
  tokenize,
  untokenize,
  type TokenGrid,
} from '../../models/tubelets';

function ramp(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => i * 0.5 - 7);
}

const clipSize = (g: TokenGrid) => g.T * g.H * g.W;

describe('tokenGrid', () => {
  test('default clip 8×32×32 with 2×8×8 tubelets is a 4×4×4 grid of 64 tokens of 128 pixels', () => {
    expect(DEFAULT_TUBELET).toEqual({ t: 2, h: 8, w: 8 });
    const g = tokenGrid({ T: 8, H: 32, W: 32 });
    expect(g).toMatchObject({ T: 8, H: 32, W: 32, nt: 4, nh: 4, nw: 4, count: 64, patchSize: 128 });
    expect(g.tubelet).toEqual(DEFAULT_TUBELET);
    expect(g.tubelet).not.toBe(DEFAULT_TUBELET);
  });

  test('16×64×64 gives 8×8×8; non-square clips and tubelets work', () => {
    expect(tokenGrid({ T: 16, H: 64, W: 64 })).toMatchObject({ nt: 8, nh: 8, nw: 8, count: 512 });
    expect(tokenGrid({ T: 6, H: 12, W: 20 }, { t: 3, h: 4, w: 5 })).toMatchObject({
      nt: 2,
      nh: 3,
      nw: 4,
      count: 24,
      patchSize: 60,
    });
  });

  test.each([
    [{ T: 7, H: 32, W: 32 }, /^T: 7 .*multiple of tubelet\.t = 2/],
    [{ T: 8, H: 30, W: 32 }, /^H: 30 .*multiple of tubelet\.h = 8/],
    [{ T: 8, H: 32, W: 0 }, /^W: 0 .*multiple of tubelet\.w = 8/],
    [{ T: 8, H: 32, W: -8 }, /^W: -8 /],
    [{ T: 8.5, H: 32, W: 32 }, /^T: 8\.5 /],
    [{ T: NaN, H: 32, W: 32 }, /^T: NaN .*allowed: a positive multiple/],
  ])('clip %o throws naming the field, value and allowed values', (clip, message) => {
    expect(() => tokenGrid(clip)).toThrow(RangeError);
    expect(() => tokenGrid(clip)).toThrow(message);
  });

  test('a bad tubelet throws naming its field', () => {
    expect(() => tokenGrid({ T: 8, H: 32, W: 32 }, { t: 0, h: 8, w: 8 })).toThrow(/^tubelet\.t: 0 .*positive integer/);
    expect(() => tokenGrid({ T: 8, H: 32, W: 32 }, { t: 2, h: 8, w: 2.5 })).toThrow(/^tubelet\.w: 2\.5 /);
  });
});

describe('tokenize / untokenize', () => {
  const grids = [tokenGrid({ T: 8, H: 32, W: 32 }), tokenGrid({ T: 6, H: 12, W: 20 }, { t: 3, h: 4, w: 5 })];

  test.each(grids.map((g) => [`${g.nt}×${g.nh}×${g.nw}`, g] as const))('round trip is exact on %s', (_, g) => {
    const batch = 3;
    const frames = ramp(batch * clipSize(g));
    const tokens = tokenize(frames, batch, g);
    expect(tokens.length).toBe(batch * g.count * g.patchSize);
    expect(untokenize(tokens, batch, g)).toEqual(frames);
  });

  test('a known pixel lands in the expected token and position', () => {
    const g = tokenGrid({ T: 8, H: 32, W: 32 });
    const batch = 2;
    const frames = new Float32Array(batch * clipSize(g));
    // b = 1, frame 5, row 19, column 10: ti = 2, dt = 1; hi = 2, dy = 3; wi = 1, dx = 2.
    frames[((1 * 8 + 5) * 32 + 19) * 32 + 10] = 42;
    const tokens = tokenize(frames, batch, g);
    const n = (2 * 4 + 2) * 4 + 1;
    const p = (1 * 8 + 3) * 8 + 2;
    expect(tokens[(1 * g.count + n) * g.patchSize + p]).toBe(42);
    expect(tokens.reduce((a, v) => a + v, 0)).toBe(42);
    expect(tokenCoordinates(g, n)).toEqual({ ti: 2, hi: 2, wi: 1 });
  });

  test('every token holds exactly its tubelet (checked pixel by pixel on an odd grid)', () => {
    const g = tokenGrid({ T: 6, H: 12, W: 20 }, { t: 3, h: 4, w: 5 });
    const frames = ramp(clipSize(g));
    const tokens = tokenize(frames, 1, g);
    for (let n = 0; n < g.count; n++) {
      const { ti, hi, wi } = tokenCoordinates(g, n);
      for (let dt = 0; dt < 3; dt++)
        for (let dy = 0; dy < 4; dy++)
          for (let dx = 0; dx < 5; dx++) {
            const pixel = frames[((ti * 3 + dt) * 12 + hi * 4 + dy) * 20 + wi * 5 + dx];
            expect(tokens[n * g.patchSize + (dt * 4 + dy) * 5 + dx]).toBe(pixel);
          }
    }
  });

  test('out buffers are reused and their length is checked', () => {
    const g = tokenGrid({ T: 8, H: 32, W: 32 });
    const frames = ramp(2 * clipSize(g));
    const tokenOut = new Float32Array(2 * g.count * g.patchSize);
    const frameOut = new Float32Array(frames.length);
    expect(tokenize(frames, 2, g, tokenOut)).toBe(tokenOut);
    expect(untokenize(tokenOut, 2, g, frameOut)).toBe(frameOut);
    expect(frameOut).toEqual(frames);
    expect(() => tokenize(frames, 2, g, new Float32Array(5))).toThrow(/^out: length 5 .*allowed: 16384/);
    expect(() => untokenize(tokenOut, 2, g, new Float32Array(5))).toThrow(/^out: length 5 /);
  });

  test('input length and batch are checked', () => {
    const g = tokenGrid({ T: 8, H: 32, W: 32 });
    expect(() => tokenize(new Float32Array(100), 1, g)).toThrow(/^frames: length 100 .*allowed: 8192/);
    expect(() => untokenize(new Float32Array(100), 1, g)).toThrow(/^tokens: length 100 /);
    expect(() => tokenize(new Float32Array(0), 0, g)).toThrow(/^batch: 0 .*positive integer/);
  });
});

describe('gatherTokens', () => {
  const g = tokenGrid({ T: 8, H: 32, W: 32 });
  const batch = 2;
  const tokens = ramp(batch * g.count * g.patchSize);

  test('picks the rows at the indices, per clip, in the given order', () => {
    const indices = Int32Array.of(63, 0, 17);
    const picked = gatherTokens(tokens, batch, g, indices);
    expect(picked.length).toBe(batch * 3 * g.patchSize);
    for (let b = 0; b < batch; b++)
      indices.forEach((n, i) => {
        const row = tokens.subarray((b * g.count + n) * g.patchSize, (b * g.count + n + 1) * g.patchSize);
        expect(picked.subarray((b * 3 + i) * g.patchSize, (b * 3 + i + 1) * g.patchSize)).toEqual(row);
      });
  });

  test('reuses out, checks its length, rejects out-of-range indices, allows none', () => {
    const out = new Float32Array(batch * 2 * g.patchSize);
    expect(gatherTokens(tokens, batch, g, Int32Array.of(1, 2), out)).toBe(out);
    expect(() => gatherTokens(tokens, batch, g, Int32Array.of(1), out)).toThrow(/^out: length 512 .*allowed: 256/);
    expect(() => gatherTokens(tokens, batch, g, Int32Array.of(3, 64))).toThrow(/^indices\[1\]: 64 .*0 to 63/);
    expect(() => gatherTokens(tokens, batch, g, Int32Array.of(-1))).toThrow(/^indices\[0\]: -1 /);
    expect(gatherTokens(tokens, batch, g, new Int32Array(0)).length).toBe(0);
  });
});

describe('tokenCoordinates', () => {
  test('inverts index = (ti·nh + hi)·nw + wi over the whole grid', () => {
    const g = tokenGrid({ T: 6, H: 12, W: 20 }, { t: 3, h: 4, w: 5 });
    for (let n = 0; n < g.count; n++) {
      const { ti, hi, wi } = tokenCoordinates(g, n);
      expect((ti * g.nh + hi) * g.nw + wi).toBe(n);
      expect(ti < g.nt && hi < g.nh && wi < g.nw).toBe(true);
    }
  });

  test('rejects an index outside the grid', () => {
    const g = tokenGrid({ T: 8, H: 32, W: 32 });
    expect(() => tokenCoordinates(g, 64)).toThrow(/^index: 64 .*0 to 63/);
    expect(() => tokenCoordinates(g, 1.5)).toThrow(/^index: 1\.5 /);
  });
});
