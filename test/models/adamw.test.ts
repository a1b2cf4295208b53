/** Our Adam/AdamW against a float64 JavaScript transcription of torch.optim's update rules. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { AdamW, OPTIMIZER_DEFAULTS, type OptimizerConfig } from '../../models/adamw';
import { selectBackend } from '../../models/backend';
import { ParamSet } from '../../models/params';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

/** torch.optim.Adam / AdamW for one scalar parameter, float64. */
function referenceSteps(kind: 'adam' | 'adamw', p0: number, grads: number[], c: OptimizerConfig): number[] {
  let p = p0, m = 0, v = 0;
  const out: number[] = [];
  grads.forEach((g0, i) => {
    const t = i + 1;
    let g = g0;
    if (kind === 'adam') g += c.weightDecay * p;
    else p -= c.learningRate * c.weightDecay * p;
    m = c.beta1 * m + (1 - c.beta1) * g;
    v = c.beta2 * v + (1 - c.beta2) * g * g;
    const mh = m / (1 - c.beta1 ** t);
    const vh = v / (1 - c.beta2 ** t);
    p -= (c.learningRate * mh) / (Math.sqrt(vh) + c.epsilon);
    out.push(p);
  });
  return out;
}

describe.each(['cpu', 'wasm'] as const)('AdamW on %s', (backend) => {
  for (const kind of ['adam', 'adamw'] as const) {
    test(`${kind} matches the torch.optim rule over 5 steps (decayed weight and undecayed bias)`, async () => {
      await selectBackend({ requested: backend });
      const config = { ...OPTIMIZER_DEFAULTS, kind, learningRate: 0.01, weightDecay: 0.1 };
      const params = new ParamSet(1);
      params.add('w', [1], { kind: 'ones' }, true);
      params.add('b', [1], { kind: 'ones' }, false);
      const opt = new AdamW(config, params);
      const grads = [0.5, -0.2, 0.3, 0.9, -1.1];
      const got = { w: [] as number[], b: [] as number[] };
      await expectNoLeak(async () => {
        for (const g of grads) {
          const gw = tf.tensor1d([g]);
          const gb = tf.tensor1d([g]);
          opt.step(new Map([['w', gw], ['b', gb]]));
          tf.dispose([gw, gb]);
          got.w.push((await params.get('w').data())[0]!);
          got.b.push((await params.get('b').data())[0]!);
        }
      }, 'optimiser steps');
      const refW = referenceSteps(kind, 1, grads, config);
      const refB = referenceSteps(kind, 1, grads, { ...config, weightDecay: 0 });
      got.w.forEach((w, i) => expect(w).toBeCloseTo(refW[i]!, 6));
      got.b.forEach((b, i) => expect(b).toBeCloseTo(refB[i]!, 6));
      expect(opt.iterations).toBe(5);
      opt.dispose();
      params.dispose();
    });
  }
});

/** Parameters of three shapes after `steps` updates with seeded gradients, on `backend`. */
async function trainedParameters(backend: 'cpu' | 'wasm', kind: 'adam' | 'adamw', steps: number): Promise<Float32Array[]> {
  await selectBackend({ requested: backend });
  const params = new ParamSet(7);
  params.add('w1', [5, 3], { kind: 'normal', std: 0.5 }, true);
  params.add('b1', [3], { kind: 'zeros' }, false);
  params.add('w2', [3, 4], { kind: 'normal', std: 0.5 }, true);
  const opt = new AdamW({ ...OPTIMIZER_DEFAULTS, kind, learningRate: 0.01, weightDecay: 0.1 }, params);
  for (let step = 0; step < steps; step++) {
    const grads = new Map(params.names().map((name, i) => [name, tf.tensor(seededValues(params.get(name).size, 100 * step + i), params.get(name).shape)] as const));
    opt.step(grads);
    tf.dispose([...grads.values()]);
  }
  const values = await Promise.all(params.names().map(async (name) => (await params.get(name).data()) as Float32Array));
  opt.dispose();
  params.dispose();
  return values;
}

describe('AdamW: the fused wasm update equals the composite update', () => {
  for (const kind of ['adam', 'adamw'] as const) {
    test(`${kind}: three parameter tensors, 20 steps, wasm (fused kernel) vs cpu (composite ops)`, async () => {
      const fused = await trainedParameters('wasm', kind, 20);
      const composite = await trainedParameters('cpu', kind, 20);
      fused.forEach((values, i) => expect(relativeError(values, composite[i]!), `tensor ${i}`).toBeLessThan(1e-5));
    });
  }
});
