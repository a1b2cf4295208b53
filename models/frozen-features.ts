/**
 * Frozen-encoder features for probes (linear evaluation protocol: Chen et al. 2020; I-JEPA and
 * V-JEPA evaluate frozen backbones the same way): the encoder sees every token of the whole clip,
 * forward only — no gradient is taken, so nothing reaches the encoder's weights — and each clip's
 * feature vector is its token embeddings concatenated, [N · D] (token order as in tubelets.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { encode } from './encoder';
import type { ParamSet } from './params';
import type { TransformerSize } from './transformer';
import { tokenize, type TokenGrid } from './tubelets';

/** Clips processed per forward pass: bounds device memory whatever the number of clips. */
export const FEATURE_CHUNK = 64;

/**
 * Token embeddings of `count` clips `frames` [count, T, H, W] by the encoder in `params`
 * (names under `encoder/`), returned as [count, N · D] floats read back from the device.
 */
export async function frozenTokenFeatures(
  params: ParamSet,
  size: TransformerSize,
  positions: tf.Tensor2D,
  grid: TokenGrid,
  frames: Float32Array,
  count: number,
): Promise<Float32Array> {
  const clipSize = grid.T * grid.H * grid.W;
  if (frames.length < count * clipSize) throw new RangeError(`frozenTokenFeatures: frames hold ${frames.length / clipSize} clips, ${count} asked`);
  const perClip = grid.count * size.width;
  const out = new Float32Array(count * perClip);
  for (let start = 0; start < count; start += FEATURE_CHUNK) {
    const n = Math.min(FEATURE_CHUNK, count - start);
    const tokens = tokenize(frames.subarray(start * clipSize, (start + n) * clipSize), n, grid);
    const z = tf.tidy(() => encode(params, size, tf.tensor3d(tokens, [n, grid.count, grid.patchSize]), positions));
    out.set(await z.data(), start * perClip);
    z.dispose();
  }
  return out;
}
