/** Our Adam/AdamW against a float64 JavaScript transcription of torch.optim's update rules. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { AdamW, OPTIMIZER_DEFAULTS, type OptimizerConfig } from '../../models/adamw';
import { selectBackend } from '../../models/backend';
import { ParamSet } from '../../models/params';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'cpu' });
});

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

describe('AdamW', () => {
  for (const kind of ['adam', 'adamw'] as const) {
    test(`${kind} matches the torch.optim rule over 5 steps (decayed weight and undecayed bias)`, async () => {
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
