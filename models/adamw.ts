/**
 * Adam (Kingma & Ba 2015) with bias correction, and AdamW's decoupled weight decay
 * (Loshchilov & Hutter 2019), over a ParamSet. Semantics match torch.optim: 'adam' adds
 * weightDecay·p to the gradient (L2); 'adamw' subtracts lr·weightDecay·p from decayed weights.
 * The moments live in one flat buffer per learner (parameters in ParamSet order), so an update is
 * a handful of kernels instead of ~15 per parameter tensor; on wasm the whole update is one fused
 * kernel (models/adamw-wasm.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { ADAMW_UPDATE_KERNEL, type AdamWUpdateAttrs } from './adamw-wasm';
import { variableFrom, type ParamSet } from './params';
import { onWasm, runWasmKernel } from './wasm-kernel';

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
  private readonly names: string[];
  private readonly sizes: number[];
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  /** 1 for parameters with weight decay, 0 otherwise, flat. */
  private readonly decayMask: tf.Tensor1D;

  constructor(readonly config: OptimizerConfig, private readonly params: ParamSet) {
    this.names = params.names();
    this.sizes = this.names.map((n) => params.get(n).size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = variableFrom(tf.zeros([total]), false);
    this.v = variableFrom(tf.zeros([total]), false);
    const mask = new Float32Array(total);
    let offset = 0;
    this.names.forEach((name, i) => {
      if (params.decays(name)) mask.fill(1, offset, offset + this.sizes[i]!);
      offset += this.sizes[i]!;
    });
    this.decayMask = tf.tensor1d(mask);
  }

  /** Applies one update from gradients keyed by parameter name (all of them). Does not dispose the gradients. */
  step(grads: Map<string, tf.Tensor>): void {
    const { learningRate: lr, weightDecay: wd, beta1, beta2, epsilon, kind } = this.config;
    this.iterations += 1;
    const correction1 = 1 - beta1 ** this.iterations;
    const correction2 = 1 - beta2 ** this.iterations;
    const gradients = this.names.map((name) => {
      const grad = grads.get(name);
      if (!grad) throw new Error(`no gradient for parameter '${name}'`);
      return grad;
    });
    if (onWasm()) {
      this.fusedStep(gradients, { ...this.config, correction1, correction2 });
      return;
    }
    tf.tidy(() => {
      const flat = (tensors: tf.Tensor[]) => tf.concat(tensors.map((t) => t.reshape([-1])));
      let g = flat(gradients);
      const p = flat(this.names.map((name) => this.params.get(name)));
      const decayed = wd > 0 ? p.mul(this.decayMask).mul(wd) : null;
      if (decayed && kind === 'adam') g = g.add(decayed);
      const m = this.m.mul(beta1).add(g.mul(1 - beta1));
      const v = this.v.mul(beta2).add(g.square().mul(1 - beta2));
      this.m.assign(m);
      this.v.assign(v);
      let update = m.mul(lr / correction1).div(v.div(correction2).sqrt().add(epsilon));
      if (decayed && kind === 'adamw') update = update.add(decayed.mul(lr));
      const pieces = tf.split(update, this.sizes);
      this.names.forEach((name, i) => {
        const param = this.params.get(name);
        param.assign(param.sub(pieces[i]!.reshape(param.shape)));
      });
    });
  }

  /** The same update as one fused kernel on wasm (models/adamw-wasm.ts). */
  private fusedStep(gradients: tf.Tensor[], attrs: AdamWUpdateAttrs): void {
    const params = this.names.map((name) => this.params.get(name));
    const outputs = runWasmKernel(ADAMW_UPDATE_KERNEL, [...params, ...gradients, this.m, this.v, this.decayMask], attrs);
    params.forEach((param, i) => param.assign(outputs[i]!));
    this.m.assign(outputs[params.length]!);
    this.v.assign(outputs[params.length + 1]!);
    tf.dispose(outputs);
  }

  /** State for checkpoints: the flat first and second moments. */
  stateTensors(): Map<string, tf.Tensor> {
    return new Map<string, tf.Tensor>([
      ['m', this.m],
      ['v', this.v],
    ]);
  }

  dispose(): void {
    tf.dispose([this.m, this.v, this.decayMask]);
  }
}
