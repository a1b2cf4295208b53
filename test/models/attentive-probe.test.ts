/** Attentive probe: beats a linear classifier when the class sits at a random token; chance on random labels; determinism; no leak; input checks. */
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { attentiveProbe, type TokenClassificationSet } from '../../models/attentive-probe';
import { selectBackend } from '../../models/backend';
import { classifierProbe } from '../../models/linear-classifier';
import { expectNoLeak } from '../support/no-leak';

const TOKENS = 16;
const WIDTH = 8;
const CLASSES = 4;

/**
 * Clips of TOKENS tokens × WIDTH values. One token, at a random position, is the object: value 1
 * in dimension 0 (presence) and its class's one-hot code (×2) in dimensions 1–4. Every other token
 * is background with presence 0 and the code of a random class (a distractor). Gaussian
 * noise (std 0.2) on every value. A linear readout of the concatenated tokens would need the
 * product presence × code to tell the object's code from the distractors'; one query attending to
 * the presence dimension reads the object's code wherever it is.
 */
function objectAtRandomToken(n: number, seed: number, shuffleLabels = false): TokenClassificationSet {
  const rng = new Random(seed);
  const x = new Float32Array(n * TOKENS * WIDTH);
  const labels = new Int32Array(n);
  for (let c = 0; c < n; c++) {
    labels[c] = rng.int(CLASSES);
    const object = rng.int(TOKENS);
    for (let t = 0; t < TOKENS; t++) {
      const base = (c * TOKENS + t) * WIDTH;
      for (let d = 0; d < WIDTH; d++) x[base + d] = 0.2 * rng.normal();
      const code = t === object ? labels[c]! : rng.int(CLASSES);
      x[base] = x[base]! + (t === object ? 1 : 0);
      x[base + 1 + code] = x[base + 1 + code]! + 2;
    }
    if (shuffleLabels) labels[c] = rng.int(CLASSES);
  }
  return { x, labels, n };
}

describe('attentiveProbe (wasm)', () => {
  beforeAll(async () => {
    await selectBackend({ requested: 'wasm' });
  });

  test('the class of an object at a random token: attentive ≥ 0.9, a linear classifier on the concatenated tokens far below', async () => {
    const data = { tokens: TOKENS, width: WIDTH, train: objectAtRandomToken(512, 1), validation: objectAtRandomToken(256, 2), test: objectAtRandomToken(512, 3) };
    const attentive = await attentiveProbe(data, CLASSES);
    const flat = (s: TokenClassificationSet) => ({ x: s.x, labels: s.labels, n: s.n });
    const linear = await classifierProbe({ p: TOKENS * WIDTH, train: flat(data.train), validation: flat(data.validation), test: flat(data.test) }, CLASSES);
    expect(attentive.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(linear.accuracy).toBeLessThan(0.55);
    expect(attentive.accuracy - linear.accuracy).toBeGreaterThan(0.35);
    expect(attentive.chance).toBeLessThan(0.35);
    expect(attentive.validationAccuracy).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  test('random labels: near chance (no information leaks from the test labels)', async () => {
    const data = { tokens: TOKENS, width: WIDTH, train: objectAtRandomToken(256, 4, true), validation: objectAtRandomToken(128, 5, true), test: objectAtRandomToken(400, 6, true) };
    const result = await attentiveProbe(data, CLASSES, { steps: 50 });
    // 400 test clips at 4 classes: a guess has std ≈ 0.022; 0.38 is > 5 std above 0.25.
    expect(result.accuracy).toBeLessThan(0.38);
  }, 60_000);

  test('deterministic for a seed; does not change its inputs; does not leak tensors', async () => {
    const data = { tokens: TOKENS, width: WIDTH, train: objectAtRandomToken(64, 7), validation: objectAtRandomToken(32, 8), test: objectAtRandomToken(32, 9) };
    const before = Float32Array.from(data.train.x as Float32Array);
    const options = { steps: 20, evaluateEvery: 10, weightDecays: [0.1] };
    const first = await expectNoLeak(() => attentiveProbe(data, CLASSES, options), 'attentiveProbe');
    const second = await attentiveProbe(data, CLASSES, options);
    expect(second).toEqual(first);
    expect(data.train.x).toEqual(before);
    expect(first.steps === 10 || first.steps === 20).toBe(true);
  }, 60_000);

  test('bad inputs are errors that say what is wrong', async () => {
    const good = objectAtRandomToken(8, 10);
    const data = { tokens: TOKENS, width: WIDTH, train: good, validation: good, test: good };
    await expect(attentiveProbe({ ...data, width: 7 }, CLASSES)).rejects.toThrow('attentiveProbe: train.x has 1024 values, not a [8, 16, 7] array');
    await expect(attentiveProbe({ ...data, test: { ...good, labels: Int32Array.from(good.labels, () => 4) } }, CLASSES)).rejects.toThrow('attentiveProbe: test.labels[0] = 4 is not a class in [0, 4)');
    await expect(attentiveProbe(data, CLASSES, { learningRates: [] })).rejects.toThrow('attentiveProbe: learningRates is empty');
    await expect(attentiveProbe(data, 1)).rejects.toThrow('attentiveProbe: classes must be an integer ≥ 2, got 1');
  });
});
