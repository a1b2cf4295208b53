/**
 * Tiny video ViT encoder: tubelet pixels → linear patch embedding + fixed 3-D sin-cos positions
 * → pre-norm transformer. It runs on whatever tokens it is given: the context encoder gets only
 * the visible tokens (gathered beforehand), never zero-filled ones.
 */
import * as tf from '@tensorflow/tfjs';
import { addLinear, linearOfData } from './layers';
import type { ParamSet } from './params';
import { addTransformer, transformer, type TransformerSize } from './transformer';

export const ENCODER = 'encoder';

export function addEncoder(params: ParamSet, patchSize: number, size: TransformerSize): void {
  addLinear(params, `${ENCODER}/embed`, patchSize, size.width);
  addTransformer(params, ENCODER, size);
}

/** tokens: [B, n, patchSize] pixels; positions: [n, width] → embeddings [B, n, width]. */
export function encode(params: ParamSet, size: TransformerSize, tokens: tf.Tensor3D, positions: tf.Tensor2D): tf.Tensor3D {
  const embedded = linearOfData(params, `${ENCODER}/embed`, tokens).add(positions) as tf.Tensor3D;
  return transformer(params, ENCODER, size, embedded);
}

/**
 * Each token encoded alone (a sequence of one: its attention sees only itself), so its embedding
 * depends on its own pixels and position and on nothing else in the clip. tokens: [B, N, P];
 * positions: [N, width] → embeddings [B, N, width].
 */
export function encodeEachToken(params: ParamSet, size: TransformerSize, tokens: tf.Tensor3D, positions: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, count] = tokens.shape;
    const embedded = linearOfData(params, `${ENCODER}/embed`, tokens).add(positions).reshape([batch * count, 1, size.width]) as tf.Tensor3D;
    return transformer(params, ENCODER, size, embedded).reshape([batch, count, size.width]) as tf.Tensor3D;
  });
}
