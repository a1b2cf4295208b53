/**
 * A stack of pre-norm transformer blocks (ViT, Dosovitskiy et al. 2021):
 * x ← x + MHSA(LN(x)); x ← x + MLP(LN(x)), then a final layer norm.
 */
import type * as tf from '@tensorflow/tfjs';
import { addSelfAttention, selfAttention } from './attention';
import { checkFields, type FieldRule } from './field-rules';
import { gelu } from './gelu';
import { addLayerNorm, addLinear, layerNorm, linear } from './layers';
import type { ParamSet } from './params';

export interface TransformerSize {
  width: number;
  depth: number;
  heads: number;
  mlpRatio: number;
}

/** Allowed sizes (field rules, keyed by TransformerSize field). */
export const TRANSFORMER_SIZE_RULES: Readonly<Record<keyof TransformerSize, FieldRule>> = {
  width: { kind: 'integer', min: 8, max: 1024 },
  depth: { kind: 'integer', min: 1, max: 24 },
  heads: { kind: 'integer', min: 1, max: 32 },
  mlpRatio: { kind: 'integer', min: 1, max: 8 },
};

export function validateTransformerSize(size: TransformerSize, field: string): void {
  checkFields(size, TRANSFORMER_SIZE_RULES, `${field}.`);
  if (size.width % 2 !== 0) throw new RangeError(`${field}.width: ${size.width} must be even (sin-cos position embeddings)`);
  if (size.width % size.heads !== 0) {
    throw new RangeError(`${field}.heads: ${size.heads} must divide ${field}.width (${size.width})`);
  }
}

export function addTransformer(params: ParamSet, name: string, size: TransformerSize): void {
  for (let i = 0; i < size.depth; i++) {
    const block = `${name}/block${i}`;
    addLayerNorm(params, `${block}/norm1`, size.width);
    addSelfAttention(params, `${block}/attn`, size.width);
    addLayerNorm(params, `${block}/norm2`, size.width);
    addLinear(params, `${block}/mlp1`, size.width, size.width * size.mlpRatio);
    addLinear(params, `${block}/mlp2`, size.width * size.mlpRatio, size.width);
  }
  addLayerNorm(params, `${name}/norm`, size.width);
}

/** x: [B, n, width] → [B, n, width]. */
export function transformer(params: ParamSet, name: string, size: TransformerSize, x: tf.Tensor3D): tf.Tensor3D {
  let h: tf.Tensor3D = x;
  for (let i = 0; i < size.depth; i++) {
    const block = `${name}/block${i}`;
    h = h.add(selfAttention(params, `${block}/attn`, layerNorm(params, `${block}/norm1`, h) as tf.Tensor3D, size.heads));
    const mlp = linear(params, `${block}/mlp2`, gelu(linear(params, `${block}/mlp1`, layerNorm(params, `${block}/norm2`, h))));
    h = h.add(mlp);
  }
  return layerNorm(params, `${name}/norm`, h) as tf.Tensor3D;
}
