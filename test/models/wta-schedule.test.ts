/** Relaxed WTA over a run: the ε schedule, its sharpness ceiling (against gradient descent), and that both learners train with the step's ε. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { perHypothesisMse } from '../../models/learner';
import { validateRaceConfig, RACE_DEFAULTS } from '../../models/race-config';
import { RaceTrainer } from '../../models/race-trainer';
import { disposeStepInputs } from '../../models/step-inputs';
import { sharpnessRatio } from '../../models/sharpness';
import { winnerTakesAll, wtaRelaxAt, wtaSharpnessCeiling } from '../../models/winner-takes-all';
import { expectNoLeak } from '../support/no-leak';
import { seededValues } from '../support/seeded-values';
import { noiseSource, SMALL_RACE } from './race-support';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('wtaRelaxAt', () => {
  test('linear-to-zero: ε₀ at step 1, 0 at the last step, linear between, clamped outside; constant stays', () => {
    expect(wtaRelaxAt('linear-to-zero', 0.05, 1, 11)).toBe(0.05);
    expect(wtaRelaxAt('linear-to-zero', 0.05, 6, 11)).toBeCloseTo(0.025, 15);
    expect(wtaRelaxAt('linear-to-zero', 0.05, 11, 11)).toBe(0);
    expect(wtaRelaxAt('linear-to-zero', 0.05, 0, 11)).toBe(0.05);
    expect(wtaRelaxAt('linear-to-zero', 0.05, 12, 11)).toBe(0);
    expect(wtaRelaxAt('linear-to-zero', 0.05, 1, 1)).toBe(0.05);
    expect(wtaRelaxAt('constant', 0.05, 11, 11)).toBe(0.05);
  });

  test('the config field is validated, naming it and the choices', () => {
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, wtaRelaxSchedule: 'cosine' as 'constant' })).toThrow(
      "wtaRelaxSchedule: 'cosine' is not allowed; allowed: linear-to-zero, constant",
    );
  });
});

/**
 * Gradient descent on K free 1-D "frames" h_k ∈ R^12 against two equiprobable futures A, B (one
 * sample of each per step) with the real winnerTakesAll: A and B are bumps whose forward
 * differences do not overlap, so the best hypothesis's sharpness ratio must reach the ceiling.
 */
async function descendedSharpness(epsilon: number, hypotheses: number): Promise<number> {
  const width = 12;
  const a = new Float32Array(width);
  const b = new Float32Array(width);
  a.set([1, 1], 2);
  b.set([1, 1], 8);
  const start = seededValues(hypotheses * width, 3, 0.01);
  // Hypothesis 0 starts nearer A and 1 nearer B (which one specialises where is not under test).
  for (let x = 0; x < width; x++) {
    start[x] = start[x]! + 0.2 * a[x]!;
    if (hypotheses > 1) start[width + x] = start[width + x]! + 0.2 * b[x]!;
  }
  const initial = tf.tensor2d(start, [hypotheses, width]);
  const h = tf.variable(initial);
  initial.dispose();
  const targets = tf.tensor3d([...a, ...b], [2, 1, width]);
  const loss = () => winnerTakesAll(perHypothesisMse(h.expandDims(0).expandDims(0).tile([2, 1, 1, 1]) as tf.Tensor4D, targets), epsilon);
  for (let i = 0; i < 300; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(loss, [h]);
      h.assign(h.sub(grads[h.name]!.mul(width / 2)));
    });
  }
  const perSample = tf.tidy(() => perHypothesisMse(h.expandDims(0).expandDims(0).tile([2, 1, 1, 1]) as tf.Tensor4D, targets));
  const errors = await perSample.array();
  const values = await h.data();
  tf.dispose([h, targets, perSample]);
  const best = (row: number[]) => row.indexOf(Math.min(...row));
  const predicted = new Float32Array(2 * width);
  predicted.set(values.subarray(best(errors[0]!) * width, (best(errors[0]!) + 1) * width), 0);
  predicted.set(values.subarray(best(errors[1]!) * width, (best(errors[1]!) + 1) * width), width);
  return sharpnessRatio(predicted, Float32Array.from([...a, ...b]), 1, width);
}

describe('wtaSharpnessCeiling', () => {
  test('closed form: 1 at ε = 0, (1 − ε)² + ε² for K = 2, ½ for K = 1 and at ε = (K − 1)/K', () => {
    expect(wtaSharpnessCeiling(0, 2)).toBe(1);
    expect(wtaSharpnessCeiling(0.05, 2)).toBeCloseTo(0.905, 12);
    expect(wtaSharpnessCeiling(0.3, 1)).toBe(0.5);
    expect(wtaSharpnessCeiling(0.5, 2)).toBeCloseTo(0.5, 12);
    expect(() => wtaSharpnessCeiling(0.7, 2)).toThrow('wtaSharpnessCeiling: epsilon must be in [0, (K − 1)/K] = [0, 0.5] for K = 2, got 0.7');
    expect(() => wtaSharpnessCeiling(0.1, 0)).toThrow('hypotheses must be a positive integer');
  });

  test.each([
    [0.05, 2],
    [0.2, 2],
    [0.1, 3],
    [0.3, 4],
    [0.05, 1],
  ])('matches gradient descent on 1-D futures with the real winnerTakesAll (ε = %s, K = %s), without leaking', async (epsilon, hypotheses) => {
    const measured = await expectNoLeak(() => descendedSharpness(epsilon, hypotheses));
    expect(measured).toBeCloseTo(wtaSharpnessCeiling(epsilon, hypotheses), 4);
  });
});

describe('the learners train with the step’s ε', () => {
  test('at step 1 both losses are relaxed WTA with ε₀, at the last step pure WTA (linear-to-zero); no leak', async () => {
    const config = { ...SMALL_RACE, steps: 5, hypotheses: 2, wtaRelax: 0.3, jepa: { ...SMALL_RACE.jepa, antiCollapse: 'none' as const } };
    const trainer = new RaceTrainer(config, noiseSource(4));
    const inputs = trainer.inputsFor(1);
    await expectNoLeak(async () => {
      for (const [step, epsilon] of [[1, 0.3], [3, 0.15], [5, 0]] as const) {
        const pixel = trainer.pixel.losses(inputs, step, false).total;
        const jepa = trainer.jepa.losses(inputs, step, false).total;
        const expected = tf.tidy(() => {
          const targets = trainer.jepa.encodeAll(inputs.tokens).gather(Array.from(inputs.mask.target), 1) as tf.Tensor3D;
          const jepaPerHypothesis = perHypothesisMse(trainer.jepa.predictEmbeddings(inputs), targets);
          return [winnerTakesAll(trainer.pixel.perHypothesisLoss(inputs), epsilon), winnerTakesAll(jepaPerHypothesis, epsilon)];
        });
        const [gotPixel, gotJepa, wantPixel, wantJepa] = await Promise.all([pixel, jepa, ...expected].map(async (t) => (await t.data())[0]!));
        expect(gotPixel, `pixel, step ${step}`).toBeCloseTo(wantPixel!, 6);
        expect(gotJepa, `jepa, step ${step}`).toBeCloseTo(wantJepa!, 6);
        tf.dispose([pixel, jepa, ...expected]);
      }
    });
    disposeStepInputs(inputs);
    trainer.dispose();
  });
});
