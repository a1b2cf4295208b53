/** Dense building blocks from matMul and elementwise ops only, so they train on every tfjs backend. */
import * as tf from '@tensorflow/tfjs';
import { dense, denseOfData } from './dense';
import { layerNormalize } from './layer-norm';
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

/** linear() for data x (raw pixels, no gradient flows to it): skips computing dx. Needs a bias. */
export function linearOfData(params: ParamSet, name: string, x: tf.Tensor): tf.Tensor {
  const w = params.get(`${name}/w`) as tf.Tensor2D;
  const shape = x.shape;
  const y = denseOfData(x.reshape([-1, shape[shape.length - 1]!]) as tf.Tensor2D, w, params.get(`${name}/b`) as tf.Tensor1D);
  return y.reshape([...shape.slice(0, -1), w.shape[1]!]);
}

/** Registers a layer norm `name` (gain ones, bias zeros). */
export function addLayerNorm(params: ParamSet, name: string, dim: number): void {
  params.add(`${name}/g`, [dim], { kind: 'ones' });
  params.add(`${name}/b`, [dim], { kind: 'zeros' });
}

/** Layer normalisation of x over its last axis with the gain and bias registered as `name`. */
export function layerNorm(params: ParamSet, name: string, x: tf.Tensor): tf.Tensor {
  return layerNormalize(x, params.get(`${name}/g`) as tf.Tensor1D, params.get(`${name}/b`) as tf.Tensor1D);
}
