/**
 * Frozen-encoder features for probes (linear evaluation protocol: Chen et al. 2020; I-JEPA and
 * V-JEPA evaluate frozen backbones the same way): the encoder sees every token of the whole clip,
 * forward only — no gradient is taken, so nothing reaches the encoder's weights — and each clip's
 * feature vector is its token embeddings concatenated, [N · D] (token order as in tubelets.ts).
 * With `prefix` the encoder sees only the first `prefix` tokens (with their positions): in token
 * order these are the first time steps, so a probe of the future can be given the context frames
 * alone.
 */
import * as tf from '@tensorflow/tfjs';
import { encode } from './encoder';
import type { ParamSet } from './params';
import type { TransformerSize } from './transformer';
import { gatherTokens, tokenize, type TokenGrid } from './tubelets';

/** Clips processed per forward pass: bounds device memory whatever the number of clips. */
export const FEATURE_CHUNK = 64;

/**
 * Token embeddings of `count` clips `frames` [count, T, H, W] by the encoder in `params`
 * (names under `encoder/`), returned as [count, N · D] floats read back from the device; with
 * `prefix`, of the first `prefix` tokens only, encoded without the others: [count, prefix · D].
 */
export async function frozenTokenFeatures(
  params: ParamSet,
  size: TransformerSize,
  positions: tf.Tensor2D,
  grid: TokenGrid,
  frames: Float32Array,
  count: number,
  prefix: number = grid.count,
): Promise<Float32Array> {
  const clipSize = grid.T * grid.H * grid.W;
  if (frames.length < count * clipSize) throw new RangeError(`frozenTokenFeatures: frames hold ${frames.length / clipSize} clips, ${count} asked`);
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > grid.count) throw new RangeError(`frozenTokenFeatures: prefix ${prefix} is not allowed; allowed: 1 to ${grid.count} tokens`);
  const first = prefix < grid.count ? Int32Array.from({ length: prefix }, (_, i) => i) : null;
  const perClip = prefix * size.width;
  const out = new Float32Array(count * perClip);
  for (let start = 0; start < count; start += FEATURE_CHUNK) {
    const n = Math.min(FEATURE_CHUNK, count - start);
    const all = tokenize(frames.subarray(start * clipSize, (start + n) * clipSize), n, grid);
    const tokens = first ? gatherTokens(all, n, grid, first) : all;
    const z = tf.tidy(() => {
      const rows = first ? positions.slice([0, 0], [prefix, positions.shape[1]]) : positions;
      return encode(params, size, tf.tensor3d(tokens, [n, prefix, grid.patchSize]), rows);
    });
    out.set(await z.data(), start * perClip);
    z.dispose();
  }
  return out;
}
