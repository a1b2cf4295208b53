import { describe, expect, it } from 'vitest';
import { deriveSeed, Random, stringSeed } from '../../datasets/random';

describe('Random', () => {
  it('reset(seed) restarts the stream exactly as new Random(seed)', () => {
    const a = new Random(42);
    for (let i = 0; i < 17; i++) a.next();
    a.normal(); // leaves a spare normal behind, which reset must drop
    a.reset(7);
    const b = new Random(7);
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
    a.reset(7);
    b.reset(7);
    for (let i = 0; i < 11; i++) expect(a.normal()).toBe(b.normal());
  });

  it('fill() gives bit-identical values to next(), on any sub-range, and continues the stream', () => {
    const a = new Random(99);
    const b = new Random(99);
    const out = new Float64Array(10_000);
    a.fill(out, 3, 9_990);
    for (let i = 3; i < 9_990; i++) expect(out[i]).toBe(b.next());
    expect(out[0]).toBe(0);
    expect(out[9_995]).toBe(0);
    for (let i = 0; i < 10; i++) expect(a.next()).toBe(b.next());
    const f32 = new Float32Array(64);
    a.fill(f32);
    for (let i = 0; i < 64; i++) expect(f32[i]).toBe(Math.fround(b.next()));
  });

  it('keeps its existing API', () => {
    const r = new Random(1);
    const values = Array.from({ length: 4 }, () => r.next());
    for (const v of values) expect(v >= 0 && v < 1).toBe(true);
    expect(new Random(1).next()).toBe(values[0]);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
    expect(stringSeed('train')).not.toBe(stringSeed('test'));
    expect(() => new Random(0.5)).toThrow(/not an integer/);
    expect(() => r.reset(Number.NaN)).toThrow(/not an integer/);
  });
});
