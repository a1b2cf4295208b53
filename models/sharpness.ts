/**
 * Sharpness ratio Σ|∇Ŷ|² / Σ|∇Y|² (image-gradient energy of a prediction over that of the truth;
 * 1 = as sharp as the truth, → 0 = blurred): a blurred average of several futures has flatter
 * edges, so less gradient energy. ∇ is the forward difference along height and width.
 */

/** Σ over frames of squared forward differences along H and W; `frames` is [n, H, W]. */
export function gradientEnergy(frames: Float32Array, height: number, width: number): number {
  let energy = 0;
  const count = frames.length / (height * width);
  for (let f = 0; f < count; f++) {
    const base = f * height * width;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const v = frames[base + y * width + x]!;
        if (x + 1 < width) energy += (frames[base + y * width + x + 1]! - v) ** 2;
        if (y + 1 < height) energy += (frames[base + (y + 1) * width + x]! - v) ** 2;
      }
    }
  }
  return energy;
}

/** Σ|∇prediction|² / Σ|∇truth|² over frames of shape [H, W]; NaN when the truth has no edges. */
export function sharpnessRatio(prediction: Float32Array, truth: Float32Array, height: number, width: number): number {
  if (prediction.length !== truth.length) throw new RangeError(`sharpnessRatio: prediction has ${prediction.length} values, truth ${truth.length}`);
  const reference = gradientEnergy(truth, height, width);
  return reference > 0 ? gradientEnergy(prediction, height, width) / reference : Number.NaN;
}
