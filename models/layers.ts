/** Dense building blocks from matMul and elementwise ops only, so they train on every tfjs backend. */
import * as tf from '@tensorflow/tfjs';
import { dense } from './dense';
import { VIT_INIT_STD, type ParamSet } from './params';

/** Registers a linear layer `name` (weight [inDim, outDim], and bias [outDim] unless `bias` is false). */
export function addLinear(params: ParamSet, name: string, inDim: number, outDim: number, bias = true): void {
  params.add(`${name}/w`, [inDim, outDim], { kind: 'normal', std: VIT_INIT_STD }, true);
  if (bias) params.add(`${name}/b`, [outDim], { kind: 'zeros' });
}

/** y = x W + b on the last axis of x (any rank ≥ 2), through `dense` (transpose-free gradient). */
export function linear(params: ParamSet, name: string, x: tf.Tensor): tf.Tensor {
  const w = params.get(`${name}/w`) as tf.Tensor2D;
  const shape = x.shape;
  const flat = x.reshape([-1, shape[shape.length - 1]!]) as tf.Tensor2D;
  const bias = params.has(`${name}/b`) ? (params.get(`${name}/b`) as tf.Tensor1D) : null;
  const y = dense(flat, w, bias);
  return y.reshape([...shape.slice(0, -1), w.shape[1]!]);
}

/** Registers a layer norm `name` (gain ones, bias zeros). */
export function addLayerNorm(params: ParamSet, name: string, dim: number): void {
  params.add(`${name}/g`, [dim], { kind: 'ones' });
  params.add(`${name}/b`, [dim], { kind: 'zeros' });
}

export const LAYER_NORM_EPSILON = 1e-5;

/**
 * Layer normalisation over the last axis (Ba, Kiros & Hinton 2016): y = x̂·g + b with
 * x̂ = (x − μ)/√(σ² + ε). Hand-written gradient (fewer kernels than autodiff, which matters on
 * wasm): dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))/√(σ² + ε) with dx̂ = dy·g; dg = Σ dy·x̂; db = Σ dy.
 */
const layerNormWithGrad = tf.customGrad((...args) => {
  const [x, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const axis = x.rank - 1;
  const centred = tf.sub(x, tf.mean(x, axis, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), axis, true), LAYER_NORM_EPSILON));
  const normed = tf.mul(centred, rstd);
  save([normed, rstd, g]);
  return {
    value: tf.add(tf.mul(normed, g), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xhat, r, gain] = saved as [tf.Tensor, tf.Tensor, tf.Tensor1D];
      const width = gain.shape[0];
      const dxhat = tf.mul(dy, gain);
      const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, axis, true)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), axis, true))), r);
      const rows = (t: tf.Tensor) => t.reshape([-1, width]);
      return [dx, tf.sum(rows(tf.mul(dy, xhat)), 0), tf.sum(rows(dy), 0)];
    },
  };
});

/** Layer normalisation of x over its last axis with the gain and bias registered as `name`. */
export function layerNorm(params: ParamSet, name: string, x: tf.Tensor): tf.Tensor {
  return layerNormWithGrad(x, params.get(`${name}/g`), params.get(`${name}/b`)) as tf.Tensor;
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

/**
 * GELU, tanh approximation (Hendrycks & Gimpel 2016): y = ½·x·(1 + tanh u), u = √(2/π)(x + 0.044715x³),
 * with the hand-written derivative ½(1 + tanh u) + ½·x·(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
 */
const geluWithGrad = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const x2 = tf.mul(x, x);
  const t = tf.tanh(tf.mul(tf.mul(x, tf.add(tf.mul(x2, GELU_A), 1)), GELU_C));
  save([x, x2, t]);
  return {
    value: tf.mul(tf.mul(x, 0.5), tf.add(t, 1)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, xx, ts] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const slope = tf.mul(tf.mul(xs, tf.sub(1, tf.square(ts))), tf.add(tf.mul(xx, 3 * GELU_A * GELU_C), GELU_C));
      return tf.mul(dy, tf.mul(tf.add(tf.add(ts, 1), slope), 0.5));
    },
  };
});

export function gelu(x: tf.Tensor): tf.Tensor {
  return geluWithGrad(x) as tf.Tensor;
}
