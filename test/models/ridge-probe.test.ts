/** Ridge probe: hand example, exact recovery, shrinkage to the mean, primal = dual, R², α selection, output groups, shapes. */
import { describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { fitRidge, predictRidge, ridgeProbe, ridgeProbeGroups, rSquared, type RegressionSet } from '../../models/ridge-probe';
import { relativeError } from '../support/seeded-values';

function gaussian(count: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: count }, () => rng.normal());
}

/** y = x A + b, noiseless, with A [p, l] and b [l] drawn from `seed`. */
function linearTargets(x: Float64Array, n: number, p: number, l: number, seed: number): Float64Array {
  const a = gaussian(p * l, seed);
  const b = gaussian(l, seed + 1);
  const y = new Float64Array(n * l);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < l; c++) {
      let sum = b[c]!;
      for (let j = 0; j < p; j++) sum += x[r * p + j]! * a[j * l + c]!;
      y[r * l + c] = sum;
    }
  }
  return y;
}

function linearSet(n: number, p: number, l: number, seed: number): RegressionSet {
  const x = gaussian(n * p, seed);
  return { x, y: linearTargets(x, n, p, l, 1000), n };
}

describe('fitRidge', () => {
  // Raw columns (1, 2, 3) and (3, 1, 2) both have mean 2 and std √(2/3), so they standardise to
  // (−c, 0, c) and (c, −c, 0) with c = √1.5: XᵀX = [[3, −1.5], [−1.5, 3]]. y = (1, 2, 6) has mean
  // 3, centred (−2, −1, 3), so Xᵀy = (5c, −c). With α = 1.5 the normal equations
  // [[4.5, −1.5], [−1.5, 4.5]] W = (5c, −c) give W = (7c/6, c/6), hence
  // ŷ = 3 + (−c², −c²/6, 7c²/6) = (1.5, 2.75, 4.75).
  const x = [1, 3, 2, 1, 3, 2];
  const y = [1, 2, 6];
  const c = Math.sqrt(1.5);

  for (const solver of ['primal', 'dual'] as const) {
    test(`${solver}: the 3×2 hand example equals the normal-equations solution`, () => {
      const model = fitRidge(x, y, 3, 2, 1, 1.5, solver);
      expect(model.weights[0]).toBeCloseTo((7 * c) / 6, 12);
      expect(model.weights[1]).toBeCloseTo(c / 6, 12);
      const prediction = predictRidge(model, x, 3);
      [1.5, 2.75, 4.75].forEach((v, i) => expect(prediction[i]).toBeCloseTo(v, 12));
    });
  }

  for (const [n, p] of [[30, 12], [10, 25]] as const) {
    test(`primal and dual weights agree to 1e-8 (n = ${n}, p = ${p})`, () => {
      const x = gaussian(n * p, 3);
      const y = gaussian(n * 4, 4);
      const primal = fitRidge(x, y, n, p, 4, 2, 'primal');
      const dual = fitRidge(x, y, n, p, 4, 2, 'dual');
      expect(relativeError(primal.weights, dual.weights)).toBeLessThan(1e-8);
    });
  }

  test('a noiseless linear map is recovered with a tiny α: held-out R² ≈ 1', () => {
    const [n, p, l] = [200, 20, 3];
    const train = linearSet(n, p, l, 5);
    const test = linearSet(50, p, l, 6);
    const model = fitRidge(train.x, train.y, n, p, l, 1e-9);
    const prediction = predictRidge(model, test.x, test.n);
    expect(relativeError(prediction, test.y)).toBeLessThan(1e-8);
    const { r2, r2PerOutput } = rSquared(test.y, prediction, test.n, l);
    expect(r2).toBeGreaterThan(1 - 1e-12);
    expect(r2PerOutput).toHaveLength(l);
  });

  test('a huge α predicts the train mean: held-out R² ≤ 0', () => {
    const [n, p] = [40, 6];
    const train = linearSet(n, p, 1, 7);
    const test = linearSet(30, p, 1, 8);
    const model = fitRidge(train.x, train.y, n, p, 1, 1e15);
    const trainMean = Array.from(train.y).reduce((a, b) => a + b, 0) / n;
    for (const v of predictRidge(model, test.x, test.n)) expect(v).toBeCloseTo(trainMean, 9);
    expect(rSquared(test.y, predictRidge(model, test.x, test.n), test.n, 1).r2).toBeLessThanOrEqual(1e-12);
  });

  test('a constant feature column is ignored (scale 1, centred to 0), not divided by a zero std', () => {
    const [n, p] = [50, 4];
    const x = gaussian(n * p, 9);
    const y = linearTargets(x, n, p, 1, 1000);
    const withConstant = new Float64Array(n * (p + 1));
    for (let r = 0; r < n; r++) {
      withConstant.set(x.subarray(r * p, (r + 1) * p), r * (p + 1));
      withConstant[r * (p + 1) + p] = 0.1; // not exactly representable: the mean is off by rounding
    }
    const model = fitRidge(withConstant, y, n, p + 1, 1, 1e-6);
    expect(model.features.scale[p]).toBe(1);
    expect(Math.abs(model.weights[p]!)).toBeLessThan(1e-9);
    expect(relativeError(predictRidge(model, withConstant, n), y)).toBeLessThan(1e-6);
  });

  test('α = 0 on a singular Gram matrix is an error suggesting a larger α', () => {
    const x = gaussian(5 * 8, 10);
    expect(() => fitRidge(x, gaussian(5, 11), 5, 8, 1, 0, 'primal')).toThrow(/not positive definite.*larger alpha/);
  });

  test('bad shapes and α are RangeErrors naming the argument', () => {
    expect(() => fitRidge(new Float64Array(7), new Float64Array(3), 3, 2, 1, 1)).toThrow(RangeError);
    expect(() => fitRidge(new Float64Array(7), new Float64Array(3), 3, 2, 1, 1)).toThrow('fitRidge: train.x has 7 values, not a [3, 2] matrix');
    expect(() => fitRidge(new Float64Array(6), new Float64Array(4), 3, 2, 1, 1)).toThrow('train.y has 4 values');
    expect(() => fitRidge(new Float64Array(6), new Float64Array(3), 3, 2, 1, -1)).toThrow('alpha must be a finite number ≥ 0, got -1');
    const model = fitRidge(new Float64Array([1, 3, 2, 1, 3, 2]), new Float64Array([1, 2, 6]), 3, 2, 1, 1);
    expect(() => predictRidge(model, new Float64Array(5), 2)).toThrow('predictRidge: x has 5 values, not a [2, 2] matrix');
  });
});

describe('rSquared', () => {
  test('a constant prediction at each output’s mean scores 0; a perfect one 1', () => {
    const truth = [1, 10, 2, 20, 6, 60]; // [3, 2]: means 3 and 30
    expect(rSquared(truth, [3, 30, 3, 30, 3, 30], 3, 2)).toEqual({ r2: 0, r2PerOutput: [0, 0] });
    expect(rSquared(truth, truth, 3, 2)).toEqual({ r2: 1, r2PerOutput: [1, 1] });
  });

  test('hand case: 1 − SS_res / SS_tot per output', () => {
    // Truth (1, 2, 6): mean 3, SS_tot = 4 + 1 + 9 = 14. Prediction (2, 2, 4): SS_res = 1 + 0 + 4 = 5.
    expect(rSquared([1, 2, 6], [2, 2, 4], 3, 1).r2).toBeCloseTo(1 - 5 / 14, 14);
  });

  test('an output with constant truth is NaN and left out of the mean', () => {
    const { r2, r2PerOutput } = rSquared([1, 5, 2, 5, 6, 5], [2, 4, 2, 5, 4, 6], 3, 2);
    expect(r2PerOutput[0]).toBeCloseTo(1 - 5 / 14, 14);
    expect(r2PerOutput[1]).toBeNaN();
    expect(r2).toBe(r2PerOutput[0]);
    expect(rSquared([5, 5], [5, 5], 2, 1).r2).toBeNaN();
  });

  test('mismatched shapes are RangeErrors naming the argument', () => {
    expect(() => rSquared([1, 2, 3], [1, 2], 3, 1)).toThrow('rSquared: prediction has 2 values, not a [3, 1] matrix');
    expect(() => rSquared([1, 2, 3], [1, 2, 3], 0, 1)).toThrow('rSquared: n must be a positive integer, got 0');
  });
});

describe('ridgeProbe', () => {
  test('noiseless linear targets: the smallest α of the grid wins and test R² ≈ 1', () => {
    const [p, l] = [16, 3];
    const result = ridgeProbe({ p, l, train: linearSet(100, p, l, 12), validation: linearSet(40, p, l, 13), test: linearSet(40, p, l, 14) });
    expect(result.alpha).toBeCloseTo(1e-3 * 100, 12);
    expect(result.r2).toBeGreaterThan(0.999);
    expect(result.r2PerOutput).toHaveLength(l);
  });

  test('more features than samples (dual path) still fits a linear map well', () => {
    const [p, l] = [60, 2];
    const result = ridgeProbe({ p, l, train: linearSet(40, p, l, 15), validation: linearSet(40, p, l, 16), test: linearSet(40, p, l, 17) });
    expect(result.r2).toBeGreaterThan(0.3); // 40 samples cannot pin 60 weights: partial recovery only
  });

  test('random features against random labels: test R² ≈ 0 or negative, a large α chosen', () => {
    const [p, l] = [50, 4];
    const set = (n: number, seed: number): RegressionSet => ({ x: gaussian(n * p, seed), y: gaussian(n * l, seed + 100), n });
    const result = ridgeProbe({ p, l, train: set(200, 18), validation: set(200, 19), test: set(400, 20) });
    expect(result.r2).toBeLessThan(0.02);
    expect(result.alpha).toBeGreaterThanOrEqual(10 * 200);
  });

  test('an explicit α grid is used as given', () => {
    const [p, l] = [5, 1];
    const result = ridgeProbe({ p, l, train: linearSet(30, p, l, 21), validation: linearSet(30, p, l, 22), test: linearSet(30, p, l, 23) }, [1e6, 0.5]);
    expect(result.alpha).toBe(0.5);
  });

  test('bad shapes and grids are RangeErrors naming the argument', () => {
    const good = linearSet(10, 3, 2, 24);
    const data = { p: 3, l: 2, train: good, validation: good, test: good };
    expect(() => ridgeProbe({ ...data, validation: { ...good, x: new Float64Array(29) } })).toThrow(RangeError);
    expect(() => ridgeProbe({ ...data, validation: { ...good, x: new Float64Array(29) } })).toThrow('ridgeProbe: validation.x has 29 values, not a [10, 3] matrix');
    expect(() => ridgeProbe({ ...data, test: { ...good, y: new Float64Array(10) } })).toThrow('ridgeProbe: test.y has 10 values, not a [10, 2] matrix');
    expect(() => ridgeProbe({ ...data, train: { ...good, n: 0 } })).toThrow('ridgeProbe: train.n must be a positive integer, got 0');
    expect(() => ridgeProbe({ ...data, l: 0 })).toThrow('ridgeProbe: l must be a positive integer, got 0');
    expect(() => ridgeProbe(data, [])).toThrow('ridgeProbe: alphas is empty');
    expect(() => ridgeProbe(data, [1, Number.NaN])).toThrow('alpha must be a finite number ≥ 0, got NaN');
  });
});

describe('ridgeProbeGroups', () => {
  /** Columns [start, end) of a set's targets. */
  const columns = (set: RegressionSet, l: number, start: number, end: number): RegressionSet => ({
    ...set,
    y: Float64Array.from({ length: set.n * (end - start) }, (_, i) => set.y[Math.floor(i / (end - start)) * l + start + (i % (end - start))]!),
  });

  test('each group gets its own α and exactly the result of a probe of its columns alone (primal and dual)', () => {
    for (const [p, n] of [[12, 80], [60, 40]] as const) {
      const l = 4;
      // Columns 0–1 are a noiseless linear map (small α wins); columns 2–3 are noise (large α wins).
      const set = (m: number, seed: number): RegressionSet => {
        const base = linearSet(m, p, l, seed);
        const noise = gaussian(m * l, seed + 50);
        return { ...base, y: Float64Array.from(base.y, (v, i) => (i % l < 2 ? v : noise[i]!)) };
      };
      const data = { p, l, train: set(n, 30), validation: set(60, 31), test: set(60, 32) };
      const groups = [{ start: 0, end: 2 }, { start: 2, end: 4 }];
      const [signal, noise] = ridgeProbeGroups(data, groups);
      for (const [g, result] of [[groups[0]!, signal!], [groups[1]!, noise!]] as const) {
        const alone = ridgeProbe({ p, l: 2, train: columns(data.train, l, g.start, g.end), validation: columns(data.validation, l, g.start, g.end), test: columns(data.test, l, g.start, g.end) });
        expect(result.alpha).toBe(alone.alpha);
        expect(result.r2).toBeCloseTo(alone.r2, 8);
      }
      expect(signal!.alpha).toBeLessThan(noise!.alpha);
      expect(signal!.r2).toBeGreaterThan(noise!.r2);
    }
  });

  test('a group that is not a non-empty range of the outputs is a RangeError', () => {
    const good = linearSet(10, 3, 2, 40);
    const data = { p: 3, l: 2, train: good, validation: good, test: good };
    expect(() => ridgeProbeGroups(data, [{ start: 1, end: 3 }])).toThrow('ridgeProbe: output group [1, 3) is not a non-empty range of the 2 outputs');
    expect(() => ridgeProbeGroups(data, [{ start: 1, end: 1 }])).toThrow('output group [1, 1)');
  });
});
