/**
 * SIGReg (LeJEPA): the quadrature, the per-step directions, the facts DESIGN.md §4 states (≈1.052
 * on Gaussian samples for any N, ≥ 0.402·N on a collapsed batch), equality with the float64
 * evaluation, the analytic gradient against finite differences, finiteness, no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { deriveSeed, Random } from '../../datasets/random';
import { selectBackend, type BackendName } from '../../models/backend';
import { eppsPulleyPerSlice, eppsPulleyQuadrature, SIGREG_DEFAULT_SLICES, sigreg, sigregDirections } from '../../models/sigreg';
import { eppsPulleyReference, sigregReference } from '../../models/sigreg-reference';
import { expectNoLeak } from '../support/no-leak';
import { relativeError } from '../support/seeded-values';

const { knots, weights } = eppsPulleyQuadrature();
const phi = Array.from(knots, (t) => Math.exp((-t * t) / 2));
/** E[EP] for N(0,1) samples: E|φ̂(t) − φ(t)|² = (1 − φ(t)²)/N, so E[EP] = Σ w_k (1 − e^{−t_k²}), for every N. */
const GAUSSIAN_EXPECTATION = weights.reduce((acc, w, k) => acc + w * (1 - phi[k]! ** 2), 0);
/** EP / N of a slice constant at 0: Σ w_k (1 − e^{−t_k²/2})². */
const COLLAPSED_PER_SAMPLE = weights.reduce((acc, w, k) => acc + w * (1 - phi[k]!) ** 2, 0);

function gaussian(count: number, seed: number, scale = 1, shift = 0): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => shift + scale * rng.normal());
}

function uniform(count: number, seed: number, scale: number, shift: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => rng.uniform(shift - scale, shift + scale));
}

/** SIGReg value and gradient w.r.t. z on the active backend. */
async function sigregWithGradient(z: Float32Array, n: number, d: number, directions: Float32Array, m: number) {
  const zt = tf.tensor2d(z, [n, d]);
  const dt = tf.tensor2d(directions, [d, m]);
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => sigreg(x as tf.Tensor2D, dt))(zt);
  const result = { value: (await value.data())[0]!, grad: await grad.data() };
  tf.dispose([zt, dt, value, grad]);
  return result;
}

/** Central differences of the float64 reference (h = 1e-5: truncation ~1e-10, rounding ~1e-11). */
function referenceGradient(z: Float32Array, n: number, d: number, directions: Float32Array, m: number): Float64Array {
  const h = 1e-5;
  const x = Float64Array.from(z);
  const grad = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i]!;
    x[i] = keep + h;
    const up = sigregReference(x, n, d, directions, m);
    x[i] = keep - h;
    const down = sigregReference(x, n, d, directions, m);
    x[i] = keep;
    grad[i] = (up - down) / (2 * h);
  }
  return grad;
}

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('Epps–Pulley quadrature', () => {
  test('17 knots t_k = 3k/16; weights = 2 · trapezoid weight · e^{−t²/2}', () => {
    expect(knots.length).toBe(17);
    expect(weights.length).toBe(17);
    const dt = 3 / 16;
    for (let k = 0; k < 17; k++) {
      expect(knots[k]).toBeCloseTo(k * dt, 15);
      const trapezoid = k === 0 || k === 16 ? dt / 2 : dt;
      expect(weights[k]).toBeCloseTo(2 * trapezoid * Math.exp(-((k * dt) ** 2) / 2), 15);
    }
  });

  test('the weights integrate e^{−t²/2} over [−3, 3] (√(2π)·erf(3/√2) = 2.49986) to trapezoid accuracy', () => {
    const total = weights.reduce((a, b) => a + b, 0);
    // Trapezoid error for h = 3/16 on this smooth integrand is ~h²/12·|f'(3) − f'(−3)|·... ≈ 1e-4.
    expect(Math.abs(total - 2.49986)).toBeLessThan(1e-3);
  });

  test('the facts of DESIGN.md §4: Σ w (1 − e^{−t²}) ≈ 1.052 and Σ w (1 − e^{−t²/2})² ≈ 0.402', () => {
    expect(GAUSSIAN_EXPECTATION).toBeCloseTo(1.0525, 4);
    expect(COLLAPSED_PER_SAMPLE).toBeCloseTo(0.402, 3);
  });
});

describe('sigregDirections', () => {
  test('default slice count is 256', () => {
    expect(SIGREG_DEFAULT_SLICES).toBe(256);
  });

  test('[dim, slices] row-major with unit columns', () => {
    const [dim, slices] = [24, 40];
    const a = sigregDirections(dim, slices, 5);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(dim * slices);
    for (let m = 0; m < slices; m++) {
      let sq = 0;
      for (let i = 0; i < dim; i++) sq += a[i * slices + m]! ** 2;
      expect(Math.abs(Math.sqrt(sq) - 1)).toBeLessThan(1e-6);
    }
  });

  test('same seed → identical directions; each step seed gives new ones', () => {
    expect(sigregDirections(8, 16, 42)).toEqual(sigregDirections(8, 16, 42));
    const steps = Array.from({ length: 10 }, (_, step) => sigregDirections(8, 16, deriveSeed(42, step)));
    for (let i = 0; i < steps.length; i++) {
      for (let j = i + 1; j < steps.length; j++) {
        // Two independent draws of 128 values cannot share an entry except by an astronomically unlikely tie.
        const shared = steps[i]!.filter((v, k) => v === steps[j]![k]).length;
        expect(shared, `steps ${i} and ${j}`).toBe(0);
      }
    }
  });

  test('isotropic: the average of a aᵀ over many directions is I/D', () => {
    // For a uniform unit vector in D dims: E[a_i²] = 1/D with sd ≈ √2/D, E[a_i a_j] = 0 with sd
    // 1/√(D(D+2)). Averaged over M columns, 5 standard errors are the bounds below.
    const [dim, slices] = [8, 4096];
    const a = sigregDirections(dim, slices, 9);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j < dim; j++) {
        let s = 0;
        for (let m = 0; m < slices; m++) s += a[i * slices + m]! * a[j * slices + m]!;
        s /= slices;
        if (i === j) expect(Math.abs(s - 1 / dim)).toBeLessThan((5 * Math.SQRT2) / dim / Math.sqrt(slices));
        else expect(Math.abs(s)).toBeLessThan(5 / Math.sqrt(dim * (dim + 2) * slices));
      }
    }
  });

  test('bad sizes are rejected with the field name', () => {
    expect(() => sigregDirections(0, 4, 1)).toThrow('dim must be a positive integer, got 0');
    expect(() => sigregDirections(4, 2.5, 1)).toThrow('slices must be a positive integer, got 2.5');
  });
});

describe('SIGReg values (DESIGN.md §4 facts)', () => {
  // 2000 independent N(0,1) slices per N. The tolerance is 4 standard errors of the mean,
  // estimated from the same draws (a 4σ two-sided test); the SE bound keeps the test sharp
  // enough to catch a lost factor of 2 or of N.
  for (const n of [16, 64, 256]) {
    test(`N = ${n}: EP of Gaussian samples averages Σ w (1 − e^{−t²}) ≈ 1.0525`, async () => {
      const slices = 2000;
      const x = tf.tensor2d(gaussian(n * slices, 1000 + n), [n, slices]);
      const ep = eppsPulleyPerSlice(x);
      const values = (await ep.data()) as Float32Array;
      tf.dispose([x, ep]);
      const mean = values.reduce((a, b) => a + b, 0) / slices;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (slices - 1));
      const se = sd / Math.sqrt(slices);
      expect(se).toBeLessThan(0.05);
      expect(Math.abs(mean - GAUSSIAN_EXPECTATION)).toBeLessThan(4 * se);
    });
  }

  test('SIGReg of isotropic Gaussian embeddings averages ≈ 1.0525 over 200 steps of new directions', async () => {
    // Every unit direction of an isotropic Gaussian Z gives N(0,1) projections; slices of one
    // draw are correlated, so the 200 per-step values (new Z, new directions) are the samples.
    const [n, d, m, steps] = [64, 16, 32, 200];
    const values: number[] = [];
    for (let step = 0; step < steps; step++) {
      const z = tf.tensor2d(gaussian(n * d, deriveSeed(7, step)), [n, d]);
      const a = tf.tensor2d(sigregDirections(d, m, deriveSeed(8, step)), [d, m]);
      const s = sigreg(z, a);
      values.push((await s.data())[0]!);
      tf.dispose([z, a, s]);
    }
    const mean = values.reduce((x, y) => x + y, 0) / steps;
    const se = Math.sqrt(values.reduce((x, y) => x + (y - mean) ** 2, 0) / (steps - 1) / steps);
    expect(se).toBeLessThan(0.05);
    expect(Math.abs(mean - GAUSSIAN_EXPECTATION)).toBeLessThan(4 * se);
  });

  test('a constant slice c costs N·Σ w (1 − 2φ cos(tc) + φ²) ≥ N·Σ w (1 − φ)² ≈ 0.402·N', async () => {
    const n = 64;
    const constants = [0, 0.3, -1, 2.5, 10, -33];
    const x = tf.tensor2d(Float32Array.from({ length: n * constants.length }, (_, i) => constants[i % constants.length]!), [n, constants.length]);
    const ep = eppsPulleyPerSlice(x);
    const values = await ep.data();
    tf.dispose([x, ep]);
    constants.forEach((c, m) => {
      const exact = n * weights.reduce((acc, w, k) => acc + w * (1 - 2 * phi[k]! * Math.cos(knots[k]! * c) + phi[k]! ** 2), 0);
      expect(Math.abs(values[m]! - exact) / exact, `c = ${c}`).toBeLessThan(1e-5);
      expect(values[m]!, `c = ${c}`).toBeGreaterThanOrEqual(n * COLLAPSED_PER_SAMPLE * (1 - 1e-6));
    });
    expect(values[0]! / n).toBeCloseTo(0.402, 3);
  });

  for (const n of [16, 128]) {
    test(`N = ${n}: an all-zero batch costs 0.402·N; any collapsed batch at least that`, async () => {
      const [d, m] = [16, 64];
      const a = tf.tensor2d(sigregDirections(d, m, 3), [d, m]);
      const zeros = tf.zeros([n, d]) as tf.Tensor2D;
      const row = gaussian(d, 4);
      const collapsed = tf.tensor2d(Float32Array.from({ length: n * d }, (_, i) => row[i % d]!), [n, d]);
      const s0 = sigreg(zeros, a);
      const s1 = sigreg(collapsed, a);
      const [v0, v1] = [(await s0.data())[0]!, (await s1.data())[0]!];
      tf.dispose([a, zeros, collapsed, s0, s1]);
      expect(Math.abs(v0 - n * COLLAPSED_PER_SAMPLE) / (n * COLLAPSED_PER_SAMPLE)).toBeLessThan(1e-5);
      expect(v1).toBeGreaterThanOrEqual(n * COLLAPSED_PER_SAMPLE * (1 - 1e-6));
    });
  }
});

describe.each(['wasm', 'cpu'] as const satisfies readonly BackendName[])('SIGReg on %s vs the float64 evaluation', (backend) => {
  beforeAll(async () => {
    await selectBackend({ requested: backend });
  });

  const cases = [
    { name: 'Gaussian N=128', n: 128, d: 16, m: 64, z: () => gaussian(128 * 16, 21) },
    { name: 'Gaussian N=1024', n: 1024, d: 8, m: 32, z: () => gaussian(1024 * 8, 22) },
    { name: 'Gaussian N=39 (not a multiple of 4)', n: 39, d: 6, m: 10, z: () => gaussian(39 * 6, 26) },
    { name: 'shifted uniform', n: 96, d: 12, m: 48, z: () => uniform(96 * 12, 23, 3, 1) },
    { name: 'nearly collapsed', n: 64, d: 8, m: 32, z: () => gaussian(64 * 8, 24, 1e-3, 0.5) },
    { name: 'wide (|x| up to ~60)', n: 64, d: 8, m: 32, z: () => gaussian(64 * 8, 25, 20) },
    // Δx = jπ/4 for j = −40..39: every switch of quadrant in the sin/cos range reduction.
    { name: 'quadrant boundaries', n: 80, d: 4, m: 4, z: () => Float32Array.from({ length: 320 }, (_, i) => (i % 4 === 0 ? quadrantBoundary(i / 4 - 40) : 0.1 * (i % 7))) },
  ];

  for (const c of cases) {
    test(`${c.name}: value within 1e-5 relative`, async () => {
      const z = c.z();
      const directions = c.name === 'quadrant boundaries' ? eye(c.d) : sigregDirections(c.d, c.m, 31);
      const { value } = await sigregWithGradient(z, c.n, c.d, directions, c.m);
      const reference = sigregReference(Float64Array.from(z), c.n, c.d, directions, c.m);
      expect(Math.abs(value - reference) / reference).toBeLessThan(1e-5);
    });
  }

  test('the analytic gradient matches finite differences of the float64 evaluation', async () => {
    // A wrong sign, knot factor t_k or weight would give O(1) errors; float32 gives ~1e-6.
    for (const [seed, scale, shift] of [[41, 1, 0], [42, 2, 0.7], [43, 0.05, -0.3]] as const) {
      const [n, d, m] = [13, 5, 8]; // 13 = 3·4 + 1: the fused kernel's groups of four and its remainder
      const z = gaussian(n * d, seed, scale, shift);
      const directions = sigregDirections(d, m, seed);
      const { grad } = await sigregWithGradient(z, n, d, directions, m);
      expect(relativeError(grad, referenceGradient(z, n, d, directions, m)), `seed ${seed}`).toBeLessThan(1e-4);
    }
  });

  test('gradients are finite for collapsed, zero, huge and quadrant-boundary inputs', async () => {
    const [n, d, m] = [32, 8, 16];
    const directions = sigregDirections(d, m, 51);
    const row = gaussian(d, 52);
    const inputs = {
      'all rows equal': Float32Array.from({ length: n * d }, (_, i) => row[i % d]!),
      'all zeros': new Float32Array(n * d),
      huge: gaussian(n * d, 53, 1e4),
      'quadrant boundary': new Float32Array(n * d).fill(quadrantBoundary(3)),
    };
    for (const [name, z] of Object.entries(inputs)) {
      const { value, grad } = await sigregWithGradient(z, n, d, directions, m);
      expect(Number.isFinite(value), name).toBe(true);
      expect(grad.every(Number.isFinite), name).toBe(true);
    }
  });

  test('does not leak: value, gradient, per-slice statistic', async () => {
    const [n, d, m] = [32, 8, 16];
    const z = tf.tensor2d(gaussian(n * d, 61), [n, d]);
    const a = tf.tensor2d(sigregDirections(d, m, 62), [d, m]);
    await expectNoLeak(async () => {
      const s = sigreg(z, a);
      await s.data();
      s.dispose();
    }, 'sigreg');
    await expectNoLeak(async () => {
      const g = tf.grad((x: tf.Tensor) => sigreg(x as tf.Tensor2D, a))(z);
      await g.data();
      g.dispose();
    }, 'the gradient of sigreg');
    await expectNoLeak(async () => {
      const ep = tf.tidy(() => eppsPulleyPerSlice(tf.matMul(z, a)));
      await ep.data();
      ep.dispose();
    }, 'eppsPulleyPerSlice');
    tf.dispose([z, a]);
  });
});

describe('eppsPulleyReference', () => {
  test('agrees with the per-slice statistic on a hand-checkable sample', async () => {
    const sample = [0.5, -1.25, 2, 0, 0.75];
    const direct = sample.length * weights.reduce((acc, w, k) => {
      const c = sample.reduce((a, v) => a + Math.cos(knots[k]! * v), 0) / sample.length;
      const s = sample.reduce((a, v) => a + Math.sin(knots[k]! * v), 0) / sample.length;
      return acc + w * ((c - phi[k]!) ** 2 + s ** 2);
    }, 0);
    expect(eppsPulleyReference(sample)).toBeCloseTo(direct, 12);
    const x = tf.tensor2d(sample, [sample.length, 1]);
    const ep = eppsPulleyPerSlice(x);
    expect(Math.abs((await ep.data())[0]! - direct) / direct).toBeLessThan(1e-5);
    tf.dispose([x, ep]);
  });
});

describe('input checks', () => {
  test('mismatched shapes name both shapes', () => {
    const z = tf.zeros([4, 3]) as tf.Tensor2D;
    const a = tf.zeros([5, 2]) as tf.Tensor2D;
    expect(() => sigreg(z, a)).toThrow('embeddings [N, D] and directions [D, M] do not match: [4,3] and [5,2]');
    expect(() => sigregReference(new Float64Array(12), 4, 3, new Float32Array(5), 2)).toThrow('do not match');
    tf.dispose([z, a]);
  });
});

/** x with Δx = jπ/4 (Δ = 3/16): where the range reduction of cosSin switches quadrant (odd j). */
function quadrantBoundary(j: number): number {
  return (j * Math.PI) / 4 / (3 / 16);
}

/** Identity directions [d, d]: slice m is column m of z. */
function eye(d: number): Float32Array {
  return Float32Array.from({ length: d * d }, (_, i) => (Math.floor(i / d) === i % d ? 1 : 0));
}
