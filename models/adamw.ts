/**
 * Adam (Kingma & Ba 2015) with bias correction, and AdamW's decoupled weight decay
 * (Loshchilov & Hutter 2019), over a ParamSet. Semantics match torch.optim: 'adam' adds
 * weightDecay·p to the gradient (L2); 'adamw' subtracts lr·weightDecay·p from decayed weights.
 * State is named by parameter, so checkpoints do not depend on gradient ordering.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom, type ParamSet } from './params';

export interface OptimizerConfig {
  kind: 'adam' | 'adamw';
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const OPTIMIZER_DEFAULTS: OptimizerConfig = {
  kind: 'adamw',
  learningRate: 1e-3,
  weightDecay: 0.05,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
};

export class AdamW {
  iterations = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(readonly config: OptimizerConfig, private readonly params: ParamSet) {
    for (const [name, p] of params.entries()) {
      this.m.set(name, variableFrom(tf.zerosLike(p), false));
      this.v.set(name, variableFrom(tf.zerosLike(p), false));
    }
  }

  /** Applies one update from gradients keyed by parameter name. Does not dispose the gradients. */
  step(grads: Map<string, tf.Tensor>): void {
    const { learningRate: lr, weightDecay: wd, beta1, beta2, epsilon, kind } = this.config;
    this.iterations += 1;
    const correction1 = 1 - beta1 ** this.iterations;
    const correction2 = 1 - beta2 ** this.iterations;
    tf.tidy(() => {
      for (const [name, p] of this.params.entries()) {
        let g = grads.get(name);
        if (!g) continue;
        const decays = this.params.decays(name) && wd > 0;
        if (decays && kind === 'adam') g = g.add(p.mul(wd));
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(m.mul(beta1).add(g.mul(1 - beta1)));
        v.assign(v.mul(beta2).add(g.square().mul(1 - beta2)));
        let update = m.div(correction1).div(v.div(correction2).sqrt().add(epsilon)).mul(lr);
        if (decays && kind === 'adamw') update = update.add(p.mul(lr * wd));
        p.assign(p.sub(update));
      }
    });
  }

  /** Named state for checkpoints: "<param>/m", "<param>/v". */
  stateTensors(): Map<string, tf.Tensor> {
    const out = new Map<string, tf.Tensor>();
    for (const [name, m] of this.m) out.set(`${name}/m`, m);
    for (const [name, v] of this.v) out.set(`${name}/v`, v);
    return out;
  }

  loadState(tensors: Map<string, tf.Tensor>, iterations: number): void {
    for (const [name, m] of this.m) m.assign(required(tensors, `${name}/m`));
    for (const [name, v] of this.v) v.assign(required(tensors, `${name}/v`));
    this.iterations = iterations;
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

function required(tensors: Map<string, tf.Tensor>, name: string): tf.Tensor {
  const t = tensors.get(name);
  if (!t) throw new Error(`checkpoint has no optimiser state '${name}'`);
  return t;
}
