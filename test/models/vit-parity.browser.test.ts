/**
 * Gradient parity of the tiny video ViT (encoder + predictor, both learners' losses) on webgpu,
 * webgl and wasm against cpu, and the wasm gather trap: tf.gather has no gradient on wasm, our
 * one-hot selection does.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import type { BackendName } from '../../models/backend';
import { JepaLearner } from '../../models/jepa-learner';
import { sampleMask } from '../../models/masking';
import { PixelLearner } from '../../models/pixel-learner';
import { oneHotSelector, selectTokens } from '../../models/select-tokens';
import { disposeStepInputs, PositionTables, StepInputBuilder } from '../../models/step-inputs';
import { tokenGrid } from '../../models/tubelets';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';
import { useBackend } from '../support/use-backend';

const encoder = { width: 32, depth: 2, heads: 4, mlpRatio: 2 };
const predictor = { width: 16, depth: 1, heads: 2, mlpRatio: 2 };
const BATCH = 4;

/** Loss and every parameter gradient of both learners, read back. */
async function learnerGradients(): Promise<{ pixel: Float32Array[]; jepa: Float32Array[]; losses: number[] }> {
  const grid = tokenGrid({ T: 8, H: 32, W: 32 });
  const tables = new PositionTables(grid, encoder.width, predictor.width);
  const frames = seededValues(BATCH * 8 * 32 * 32, 5).map((v) => (v + 1) / 2);
  const mask = sampleMask({ strategy: 'multi-block', ratio: 0.6 }, grid, 3);
  const inputs = new StepInputBuilder(tables, BATCH).build(frames, mask);
  const shared = { encoder, predictor, hypotheses: 2, wtaRelax: 0, wtaRelaxSchedule: 'constant' as const, totalSteps: 10 };
  const pixel = new PixelLearner({ ...shared, bottleneck: null, normalizePatches: false, seed: 1 }, grid.patchSize);
  const jepa = new JepaLearner({ ...shared, antiCollapse: 'sigreg', lambda: 0.1, slices: 32, regularizedTokens: 64, sigregScope: 'tokens', targets: 'clip', seed: 2 }, grid, tables.encoderAll);
  const out = { pixel: [] as Float32Array[], jepa: [] as Float32Array[], losses: [] as number[] };
  for (const learner of [pixel, jepa]) {
    const { value, grads } = tf.variableGrads(() => learner.losses(inputs, 7, false).total, learner.params.variables());
    out.losses.push((await value.data())[0]!);
    for (const v of learner.params.variables()) out[learner.kind].push((await grads[v.name]!.data()) as Float32Array);
    tf.dispose([value, ...Object.values(grads)]);
  }
  pixel.dispose();
  jepa.dispose();
  disposeStepInputs(inputs);
  tables.dispose();
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function norm(a: Float32Array): number {
  return Math.sqrt(a.reduce((s, v) => s + v * v, 0));
}

function distance(a: Float32Array, b: Float32Array): number {
  return Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
}

async function on(name: BackendName) {
  await useBackend(name);
  return expectNoLeak(learnerGradients, `learner gradients on ${name}`);
}

describe('ViT learners: gradient parity vs cpu', () => {
  for (const name of ['webgpu', 'webgl', 'wasm'] as const) {
    test(`${name}: losses and all parameter gradients match cpu within 1e-4`, async () => {
      const reference = await on('cpu');
      const actual = await on(name);
      for (const [k, loss] of actual.losses.entries()) expect(Math.abs(loss - reference.losses[k]!) / Math.abs(reference.losses[k]!)).toBeLessThan(1e-4);
      for (const kind of ['pixel', 'jepa'] as const) {
        // Whole-model relative error, and per tensor ‖a − b‖ / max(‖b‖, 1e-3·‖whole gradient‖) so a
        // tensor whose exact gradient is ~0 is judged against the model's gradient scale, not its own noise.
        const whole = relativeError(concat(actual[kind]), concat(reference[kind]));
        expect(whole, `${kind} whole-gradient relative error on ${name}`).toBeLessThan(1e-4);
        const scale = norm(concat(reference[kind]));
        const worst = Math.max(...actual[kind].map((g, k) => distance(g, reference[kind][k]!) / Math.max(norm(reference[kind][k]!), 1e-3 * scale)));
        expect(worst, `${kind} worst per-tensor gradient error on ${name}`).toBeLessThan(1e-4);
      }
    });
  }

  test('wasm: tf.gather has no gradient, the one-hot selection does (the reason it exists)', async () => {
    await useBackend('wasm');
    const z = tf.tensor3d(seededValues(2 * 6 * 4, 9), [2, 6, 4]);
    const idx = new Int32Array([1, 4]);
    expect(() => tf.grad((x: tf.Tensor) => tf.gather(x, tf.tensor1d(idx, 'int32'), 1).sum())(z)).toThrow();
    const g = tf.grad((x: tf.Tensor) => selectTokens(x as tf.Tensor3D, oneHotSelector(idx, 6)).sum())(z);
    const values = await g.data();
    expect(Array.from(values.slice(0, 24)).filter((v) => v === 1)).toHaveLength(8);
    tf.dispose([z, g]);
  });
});
