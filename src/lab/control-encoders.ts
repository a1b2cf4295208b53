/**
 * The controls an experiment scores beside its learners (DESIGN §1; CONTROL_KINDS in
 * experiment-events.ts), as features for the same probes:
 * - `sigreg-only`: models/sigreg-only-encoder.ts, trained in step with the race on the very batch
 *   of each step (the race's source is wrapped by `cachedBatchSource`, so the clips are generated
 *   once and both see the same bytes);
 * - `raw-pixels`: the clip's pixels in token order, no encoder ([N · P] per clip; a token is a
 *   tubelet's P pixels, so an attentive probe reads them as N tokens);
 * - `aligned-crop`: for class labels, a crop centred on the object in every frame from its
 *   labelled position — what a linear classifier can do when it is told where the object is.
 */
import type { LabelField } from '../../datasets/labels';
import type { BatchSource } from '../../models/race-trainer';
import { gatherTokens, tokenize, type TokenGrid } from '../../models/tubelets';

/** Side of the aligned crop in pixels. */
export const ALIGNED_CROP = 16;

/**
 * `inner` with its last batch remembered (a copy): asking again for the same step returns it
 * without generating the clips again. The returned buffer is overwritten by the next new step,
 * as a BatchSampler's is.
 */
export function cachedBatchSource(inner: BatchSource): BatchSource {
  let cachedStep = -1;
  let cached: Float32Array | null = null;
  return {
    shape: inner.shape,
    batch: inner.batch,
    sample(step: number): Float32Array {
      if (step !== cachedStep || !cached) {
        const frames = inner.sample(step);
        cached ??= new Float32Array(frames.length);
        cached.set(frames);
        cachedStep = step;
      }
      return cached;
    },
  };
}

/** Raw pixels of `count` clips [count, T, H, W] as tokens: [count, prefix · P] (the first `prefix` tokens, default all). */
export function rawPixelFeatures(frames: Float32Array, count: number, grid: TokenGrid, prefix: number = grid.count): Float32Array {
  const clipSize = grid.T * grid.H * grid.W;
  const all = tokenize(frames.subarray(0, count * clipSize), count, grid);
  return prefix === grid.count ? all : gatherTokens(all, count, grid, Int32Array.from({ length: prefix }, (_, i) => i));
}

/**
 * For each of `count` clips, a size × size crop of every frame centred on object `slot` at its
 * labelled (x, y) in that frame (pixels outside the frame are 0): [count, T · size · size]. The
 * crop's top-left pixel is (round(x − size/2), round(y − size/2)).
 */
export function alignedCropFeatures(
  frames: Float32Array,
  labels: Float32Array,
  labelSize: number,
  count: number,
  shape: { T: number; H: number; W: number },
  position: { x: LabelField; y: LabelField },
  slot = 0,
  size = ALIGNED_CROP,
): Float32Array {
  const { T, H, W } = shape;
  const { x: xField, y: yField } = position;
  if (xField.per !== 'frame' || yField.per !== 'frame' || slot >= xField.width || slot >= yField.width) {
    throw new RangeError(`alignedCropFeatures: '${xField.name}' and '${yField.name}' must be per-frame fields with an object ${slot}`);
  }
  const out = new Float32Array(count * T * size * size);
  for (let c = 0; c < count; c++) {
    for (let t = 0; t < T; t++) {
      const cx = labels[c * labelSize + xField.offset + t * xField.width + slot]!;
      const cy = labels[c * labelSize + yField.offset + t * yField.width + slot]!;
      const left = Math.round(cx - size / 2);
      const top = Math.round(cy - size / 2);
      const frame = (c * T + t) * H * W;
      const base = (c * T + t) * size * size;
      for (let dy = 0; dy < size; dy++) {
        const row = top + dy;
        if (row < 0 || row >= H) continue;
        for (let dx = 0; dx < size; dx++) {
          const column = left + dx;
          if (column >= 0 && column < W) out[base + dy * size + dx] = frames[frame + row * W + column]!;
        }
      }
    }
  }
  return out;
}
