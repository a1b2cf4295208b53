/** Blur metrics: Laplacian-variance ratio, Mathieu et al. sharpness difference, fork mean-distance ratio and excess MSE. */
import { describe, expect, test } from 'vitest';
import { forkExcessMse, forkMeanDistanceRatio, laplacianVarianceRatio, sharpnessDifference } from '../../models/blur-metrics';

const SIDE = 16;

/** A 16×16 frame: a bright 6×6 square (rows and columns 5..10) on black. */
function square(): Float32Array {
  const frame = new Float32Array(SIDE * SIDE);
  for (let y = 5; y <= 10; y++) for (let x = 5; x <= 10; x++) frame[y * SIDE + x] = 1;
  return frame;
}

/** 3×3 box filter, zero outside the frame. */
function boxBlur(frame: Float32Array): Float32Array {
  const out = new Float32Array(frame.length);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [yy, xx] = [y + dy, x + dx];
          if (yy >= 0 && yy < SIDE && xx >= 0 && xx < SIDE) sum += frame[yy * SIDE + xx]!;
        }
      }
      out[y * SIDE + x] = sum / 9;
    }
  }
  return out;
}

const sharp = square();
const blurred = boxBlur(sharp);
const dimmer = sharp.map((v) => 0.9 * v); // still sharp edges, 10% less contrast

describe('laplacianVarianceRatio', () => {
  test('blurred/sharp < 1, sharp/sharp = 1', () => {
    expect(laplacianVarianceRatio(blurred, sharp, SIDE, SIDE)).toBeLessThan(0.5);
    expect(laplacianVarianceRatio(sharp, sharp, SIDE, SIDE)).toBeCloseTo(1, 12);
    expect(laplacianVarianceRatio(dimmer, sharp, SIDE, SIDE)).toBeCloseTo(0.81, 6); // scales as contrast²
  });

  test('hand-computed: two 3×3 frames, one interior pixel each, pooled over frames', () => {
    // truth: frame 1 a lone 1 at the centre → L = −4; frame 2 black → L = 0. Values {−4, 0}: variance 4.
    // prediction: frame 1 centre 1, its 4 neighbours 0.5 → L = 4·0.5 − 4 = −2; frame 2 black but
    // corners 0.7 (not in the 4-stencil of the centre) → L = 0. Values {−2, 0}: variance 1. Ratio 1/4.
    const truth = Float32Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, /**/ 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const prediction = Float32Array.from([0, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 0, /**/ 0.7, 0, 0.7, 0, 0, 0, 0.7, 0, 0.7]);
    expect(laplacianVarianceRatio(prediction, truth, 3, 3)).toBeCloseTo(0.25, 12);
  });

  test('a truth with no Laplacian variance gives NaN', () => {
    expect(laplacianVarianceRatio(sharp, new Float32Array(SIDE * SIDE).fill(0.3), SIDE, SIDE)).toBeNaN();
  });
});

describe('sharpnessDifference', () => {
  test('a sharp prediction scores higher than a blurred one; identical frames give +Infinity', () => {
    const ofSharp = sharpnessDifference(dimmer, sharp, SIDE, SIDE);
    const ofBlurred = sharpnessDifference(blurred, sharp, SIDE, SIDE);
    expect(Number.isFinite(ofSharp)).toBe(true);
    expect(ofSharp).toBeGreaterThan(ofBlurred + 5);
    expect(sharpnessDifference(sharp, sharp, SIDE, SIDE)).toBe(Number.POSITIVE_INFINITY);
  });

  test('hand-computed: 3×3 lone pixel vs half its brightness', () => {
    // Gradient map ∇ᵢ + ∇ⱼ at (i, j) ∈ {1, 2}²: truth (1,1): 1 + 1 = 2, (1,2): 0 + 1 = 1, (2,1): 1 + 0 = 1,
    // (2,2): 0. Prediction = truth / 2 → 1, 0.5, 0.5, 0. Mean |difference| = (1 + 0.5 + 0.5 + 0) / 4 = 0.5.
    // max = 1: 10·log10(1 / 0.5) = 10·log10 2 ≈ 3.0103 dB; max = 2: 10·log10(4 / 0.5) = 10·log10 8 ≈ 9.0309 dB.
    const truth = Float32Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const prediction = truth.map((v) => v / 2);
    expect(sharpnessDifference(prediction, truth, 3, 3)).toBeCloseTo(10 * Math.log10(2), 10);
    expect(sharpnessDifference(prediction, truth, 3, 3, 2)).toBeCloseTo(10 * Math.log10(8), 10);
    // A second, identical all-ones frame adds 4 zero differences: mean 2/8 = 0.25 → 10·log10 4 ≈ 6.0206 dB.
    const ones = new Float32Array(9).fill(1);
    expect(sharpnessDifference(Float32Array.from([...prediction, ...ones]), Float32Array.from([...truth, ...ones]), 3, 3)).toBeCloseTo(10 * Math.log10(4), 10);
  });
});

describe('forkMeanDistanceRatio', () => {
  const a = Float32Array.from([1, 0, 0.5, 0]);
  const b = Float32Array.from([0, 1, 0.5, 0.2]);
  const mean = a.map((v, i) => (v + b[i]!) / 2);

  test('the mean of the futures gives 0; one exact future gives +Infinity', () => {
    expect(forkMeanDistanceRatio(mean, [a, b], mean)).toBe(0);
    expect(forkMeanDistanceRatio(a, [a, b], mean)).toBe(Number.POSITIVE_INFINITY);
    // All futures equal: prediction = future = mean, distance 0 to both → 0.
    expect(forkMeanDistanceRatio(a, [a, a], a)).toBe(0);
  });

  test('hand-computed: 0.9·A + 0.1·B is 4 times nearer to A than to the mean', () => {
    // p − mean = 0.4·(A − B), p − A = 0.1·(B − A), p − B = 0.9·(A − B): ratio 0.4 / min(0.1, 0.9) = 4
    // (B is listed first, so taking the first future instead of the nearest would give 0.4 / 0.9).
    const p = a.map((v, i) => 0.9 * v + 0.1 * b[i]!);
    expect(forkMeanDistanceRatio(p, [b, a], mean)).toBeCloseTo(4, 5);
  });
});

describe('forkExcessMse', () => {
  // Two frames of 2 pixels; the futures differ in both frames, by 1 in frame 0 and by 0.4 in frame 1.
  const a = Float32Array.from([1, 0, 0.5, 0.2]);
  const b = Float32Array.from([0, 1, 0.5, 0.6]);
  const mean = a.map((v, i) => (v + b[i]!) / 2);
  const close = (values: Float64Array, expected: number[]) => expected.forEach((e, f) => expect(values[f]).toBeCloseTo(e, 6));

  test('unavoidable: the mean against the truth, ((½)² + (½)²)/2 = 0.25 in frame 0 and (0² + 0.2²)/2 = 0.02 in frame 1', () => {
    close(forkExcessMse(mean, mean, a, 2).unavoidable, [0.25, 0.02]);
  });

  test('the exact mean has excess 0; the truth itself −unavoidable', () => {
    close(forkExcessMse(mean, mean, a, 2).excess, [0, 0]);
    close(forkExcessMse(a, mean, a, 2).excess, [-0.25, -0.02]);
  });

  test('the other future: MSE(B, A) − MSE(μ, A) = 4u − u = 3 × unavoidable for two equiprobable futures', () => {
    const { excess, unavoidable } = forkExcessMse(b, mean, a, 2);
    close(excess, [0.75, 0.06]);
    close(unavoidable, [0.25, 0.02]);
  });

  test('averaged over both truths, excess = MSE(prediction, mean)', () => {
    const p = Float32Array.from([0.9, 0.3, 0.1, 0.4]);
    const [onA, onB] = [forkExcessMse(p, mean, a, 2).excess, forkExcessMse(p, mean, b, 2).excess];
    const toMean = [0, 1].map((f) => ((p[2 * f]! - mean[2 * f]!) ** 2 + (p[2 * f + 1]! - mean[2 * f + 1]!) ** 2) / 2);
    close(Float64Array.from([0, 1], (f) => (onA[f]! + onB[f]!) / 2), toMean);
  });
});

describe('bad sizes', () => {
  const f = (n: number) => new Float32Array(n);
  test('name the function, the argument and the sizes', () => {
    expect(() => laplacianVarianceRatio(f(9), f(8), 3, 3)).toThrow('laplacianVarianceRatio: prediction has 9 values, truth 8');
    expect(() => laplacianVarianceRatio(f(8), f(8), 2, 4)).toThrow('laplacianVarianceRatio: height must be an integer ≥ 3, got 2');
    expect(() => sharpnessDifference(f(10), f(10), 3, 3)).toThrow('sharpnessDifference: prediction and truth have 10 values, not a positive multiple of height·width = 3·3 = 9');
    expect(() => sharpnessDifference(f(4), f(4), 4, 1)).toThrow('sharpnessDifference: width must be an integer ≥ 2, got 1');
    expect(() => sharpnessDifference(f(4), f(4), 2, 2, 0)).toThrow('sharpnessDifference: max must be a positive finite number, got 0');
    expect(() => forkMeanDistanceRatio(f(4), [f(4), f(3)], f(4))).toThrow('forkMeanDistanceRatio: prediction has 4 values, futures[1] 3');
    expect(() => forkMeanDistanceRatio(f(4), [f(4)], f(5))).toThrow('forkMeanDistanceRatio: prediction has 4 values, mean 5');
    expect(() => forkMeanDistanceRatio(f(4), [], f(4))).toThrow('forkMeanDistanceRatio: futures is empty');
    expect(() => forkExcessMse(f(4), f(4), f(3), 2)).toThrow('forkExcessMse: prediction has 4 values, truth 3');
    expect(() => forkExcessMse(f(4), f(4), f(4), 3)).toThrow('forkExcessMse: prediction has 4 values, not a positive multiple of frameSize = 3');
    expect(() => forkExcessMse(f(4), f(4), f(4), 0)).toThrow('forkExcessMse: frameSize must be a positive integer, got 0');
  });
});
