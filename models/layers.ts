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

/** Layer normalisation over the last axis (Ba, Kiros & Hinton 2016): (x − μ)/√(σ² + ε)·g + b. */
export function layerNorm(params: ParamSet, name: string, x: tf.Tensor): tf.Tensor {
  const axis = x.rank - 1;
  const mean = tf.mean(x, axis, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), axis, true);
  const normed = tf.mul(centred, tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)));
  return tf.add(tf.mul(normed, params.get(`${name}/g`)), params.get(`${name}/b`));
}

/** GELU, tanh approximation (Hendrycks & Gimpel 2016): 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}
