/** Linear classification probe: separable blobs, random labels at chance, chance baseline, no leak, label checks (wasm and cpu). */
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { selectBackend } from '../../models/backend';
import { classifierProbe, type ClassificationSet } from '../../models/linear-classifier';
import { expectNoLeak } from '../support/no-leak';

/**
 * n points, label r mod classes, each a unit Gaussian around its class centre; centres are
 * Gaussian with std `separation` per coordinate (seeded by `centreSeed`, shared by every split).
 * With `shuffleLabels` the labels are redrawn uniformly afterwards: no link to the features.
 */
function blobs(n: number, p: number, classes: number, separation: number, seed: number, shuffleLabels = false, centreSeed = 0): ClassificationSet {
  const centreRng = new Random(centreSeed);
  const centres = Float64Array.from({ length: classes * p }, () => separation * centreRng.normal());
  const rng = new Random(seed);
  const labels = Int32Array.from({ length: n }, (_, r) => r % classes);
  const x = new Float32Array(n * p);
  for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) x[r * p + j] = centres[labels[r]! * p + j]! + rng.normal();
  if (shuffleLabels) for (let r = 0; r < n; r++) labels[r] = Math.floor(rng.next() * classes);
  return { x, labels, n };
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`classifierProbe on ${backend}`, () => {
    beforeAll(async () => {
      await selectBackend({ requested: backend });
    });

    test('well-separated Gaussian blobs: test accuracy ≥ 0.95, chance ≈ 1/classes', async () => {
      // Centres ≈ 1.25·√32 ≈ 7 apart: the Bayes error is ≈ Φ(−3.5) per pair, under 0.1%.
      const [p, classes] = [16, 3];
      const set = (n: number, seed: number): ClassificationSet => blobs(n, p, classes, 1.25, seed);
      const result = await classifierProbe({ p, train: set(150, 1), validation: set(90, 2), test: set(300, 3) }, classes);
      expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
      expect(result.chance).toBeCloseTo(1 / 3, 2);
    });

    test('random labels: test accuracy near chance', async () => {
      // 400 test points at 4 classes: the accuracy of a guess has std √(0.25·0.75/400) ≈ 0.022.
      const [p, classes] = [20, 4];
      const set = (n: number, seed: number): ClassificationSet => blobs(n, p, classes, 2, seed, true);
      const result = await classifierProbe({ p, train: set(200, 4), validation: set(200, 5), test: set(400, 6) }, classes);
      expect(Math.abs(result.accuracy - result.chance)).toBeLessThan(0.08);
    });

    test('deterministic, and does not leak tensors', async () => {
      const [p, classes] = [8, 3];
      const data = { p, train: blobs(60, p, classes, 0.5, 7), validation: blobs(60, p, classes, 0.5, 8), test: blobs(60, p, classes, 0.5, 9) };
      const first = await expectNoLeak(() => classifierProbe(data, classes, { iterations: 20 }), 'classifierProbe');
      expect(await classifierProbe(data, classes, { iterations: 20 })).toEqual(first);
    });
  });
}

describe('classifierProbe inputs', () => {
  beforeAll(async () => {
    await selectBackend({ requested: 'wasm' });
  });

  test('chance is the test accuracy of the train set’s most frequent class', async () => {
    const x = new Float32Array([0, 1, 2, 3, 4, 5]); // p = 1
    const train = { x: x.subarray(0, 4), labels: [0, 1, 1, 2], n: 4 };
    const test = { x: x.subarray(0, 4), labels: [1, 1, 0, 2], n: 4 };
    const result = await classifierProbe({ p: 1, train, validation: train, test }, 3, { iterations: 1 });
    expect(result.chance).toBe(0.5);
  });

  test('labels outside [0, classes), non-integer labels and bad shapes are RangeErrors naming the field', async () => {
    const good = blobs(6, 2, 3, 1, 10);
    const data = { p: 2, train: good, validation: good, test: good };
    await expect(classifierProbe({ ...data, validation: { ...good, labels: [0, 1, 3, 0, 1, 2] } }, 3)).rejects.toThrow(RangeError);
    await expect(classifierProbe({ ...data, validation: { ...good, labels: [0, 1, 3, 0, 1, 2] } }, 3)).rejects.toThrow('validation.labels[2] = 3 is not a class in [0, 3)');
    await expect(classifierProbe({ ...data, train: { ...good, labels: [0, -1, 2, 0, 1, 2] } }, 3)).rejects.toThrow('train.labels[1] = -1');
    await expect(classifierProbe({ ...data, test: { ...good, labels: [0, 1, 2, 0, 1.5, 2] } }, 3)).rejects.toThrow('test.labels[4] = 1.5');
    await expect(classifierProbe({ ...data, test: { ...good, labels: [0, 1] } }, 3)).rejects.toThrow('test.labels has 2 values, not 6');
    await expect(classifierProbe({ ...data, train: { ...good, x: new Float32Array(11) } }, 3)).rejects.toThrow('train.x has 11 values, not a [6, 2] matrix');
    await expect(classifierProbe(data, 1)).rejects.toThrow('classes must be an integer ≥ 2, got 1');
    await expect(classifierProbe(data, 3, { l2Grid: [] })).rejects.toThrow('l2Grid is empty');
    await expect(classifierProbe(data, 3, { l2Grid: [-1] })).rejects.toThrow('got -1');
  });
});
