/**
 * Blur metrics of DESIGN §5 beyond the sharpness ratio (models/sharpness.ts), on frames read back
 * from the device: row-major [n, H, W] Float32Arrays with values in [0, 1], summed in float64.
 */

/** Throws unless `prediction` and `truth` have the same length, a positive multiple of H·W, with H, W ≥ `minSide`. */
function checkFrames(name: string, prediction: Float32Array, truth: Float32Array, height: number, width: number, minSide: number): void {
  for (const [argument, side] of [['height', height], ['width', width]] as const) {
    if (!Number.isInteger(side) || side < minSide) throw new RangeError(`${name}: ${argument} must be an integer ≥ ${minSide}, got ${side}`);
  }
  if (prediction.length !== truth.length) throw new RangeError(`${name}: prediction has ${prediction.length} values, truth ${truth.length}`);
  const frameSize = height * width;
  if (prediction.length === 0 || prediction.length % frameSize !== 0) {
    throw new RangeError(`${name}: prediction and truth have ${prediction.length} values, not a positive multiple of height·width = ${height}·${width} = ${frameSize}`);
  }
}

/**
 * Variance of the 4-neighbour Laplacian Y[i−1,j] + Y[i+1,j] + Y[i,j−1] + Y[i,j+1] − 4·Y[i,j] over
 * the interior pixels of every frame, pooled over frames (population variance).
 */
function laplacianVariance(frames: Float32Array, height: number, width: number): number {
  const count = frames.length / (height * width);
  const values = new Float64Array(count * (height - 2) * (width - 2));
  let n = 0;
  for (let f = 0; f < count; f++) {
    const base = f * height * width;
    for (let y = 1; y < height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const at = base + y * width + x;
        values[n++] = frames[at - width]! + frames[at + width]! + frames[at - 1]! + frames[at + 1]! - 4 * frames[at]!;
      }
    }
  }
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return values.reduce((a, v) => a + (v - mean) ** 2, 0) / n; // two passes: no cancellation
}

/**
 * Variance-of-the-Laplacian ratio Var(∇²Ŷ) / Var(∇²Y) (Pech-Pacheco et al. 2000, "Diatom
 * autofocusing in brightfield microscopy"): 4-neighbour stencil on interior pixels, all frames
 * pooled; 1 = as sharp as the truth, → 0 = blurred. NaN when the truth's Laplacian variance is 0.
 * Needs H, W ≥ 3.
 */
export function laplacianVarianceRatio(prediction: Float32Array, truth: Float32Array, height: number, width: number): number {
  checkFrames('laplacianVarianceRatio', prediction, truth, height, width, 3);
  const reference = laplacianVariance(truth, height, width);
  return reference > 0 ? laplacianVariance(prediction, height, width) / reference : Number.NaN;
}

/**
 * Sharpness difference in dB (Mathieu, Couprie & LeCun 2016, "Deep multi-scale video prediction
 * beyond mean square error", ICLR): 10·log10(max² / mean |(∇ᵢY + ∇ⱼY) − (∇ᵢŶ + ∇ⱼŶ)|) with
 * ∇ᵢY = |Y[i,j] − Y[i−1,j]|, ∇ⱼY = |Y[i,j] − Y[i,j−1]|, the mean over the pixels of every frame
 * where both neighbours exist (i, j ≥ 1). `max` is the largest possible pixel value. Higher =
 * gradients closer to the truth's; +Infinity when the gradient maps are identical. Needs H, W ≥ 2.
 */
export function sharpnessDifference(prediction: Float32Array, truth: Float32Array, height: number, width: number, max = 1): number {
  checkFrames('sharpnessDifference', prediction, truth, height, width, 2);
  if (!(max > 0) || !Number.isFinite(max)) throw new RangeError(`sharpnessDifference: max must be a positive finite number, got ${max}`);
  const count = prediction.length / (height * width);
  const gradient = (frames: Float32Array, at: number): number =>
    Math.abs(frames[at]! - frames[at - width]!) + Math.abs(frames[at]! - frames[at - 1]!);
  let total = 0;
  for (let f = 0; f < count; f++) {
    const base = f * height * width;
    for (let y = 1; y < height; y++) {
      for (let x = 1; x < width; x++) {
        const at = base + y * width + x;
        total += Math.abs(gradient(truth, at) - gradient(prediction, at));
      }
    }
  }
  const mean = total / (count * (height - 1) * (width - 1));
  return mean > 0 ? 10 * Math.log10((max * max) / mean) : Number.POSITIVE_INFINITY;
}

/** Root mean square of a − b. */
function rmsDistance(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(sum / a.length);
}

/**
 * Fork scene (DESIGN §3, §5): rms(prediction − mean of the futures) / min over futures of
 * rms(prediction − future). ≈ 0: the prediction is the blurry MSE-optimal average; large: it
 * committed to one future. When the nearest future is at distance 0 the ratio is 0 if the mean is
 * also at distance 0 (all futures equal), else +Infinity (the prediction is exactly one future).
 */
export function forkMeanDistanceRatio(prediction: Float32Array, futures: readonly Float32Array[], mean: Float32Array): number {
  if (prediction.length === 0) throw new RangeError('forkMeanDistanceRatio: prediction is empty');
  if (futures.length === 0) throw new RangeError('forkMeanDistanceRatio: futures is empty, needs at least 1 future');
  if (mean.length !== prediction.length) throw new RangeError(`forkMeanDistanceRatio: prediction has ${prediction.length} values, mean ${mean.length}`);
  futures.forEach((future, k) => {
    if (future.length !== prediction.length) throw new RangeError(`forkMeanDistanceRatio: prediction has ${prediction.length} values, futures[${k}] ${future.length}`);
  });
  const toMean = rmsDistance(prediction, mean);
  const nearest = Math.min(...futures.map((future) => rmsDistance(prediction, future)));
  if (nearest === 0) return toMean === 0 ? 0 : Number.POSITIVE_INFINITY;
  return toMean / nearest;
}

/** Per-frame mean squared errors of a clip's hidden frames (see forkExcessMse). */
export interface ExcessMse {
  /** MSE(Ŷ, Y) − MSE(μ, Y), one per frame. */
  excess: Float64Array;
  /** MSE(μ, Y), one per frame. */
  unavoidable: Float64Array;
}

/**
 * Fork scene (DESIGN §5): how much worse than the exact mean of the futures a prediction is, per
 * frame of `frameSize` pixels:
 *   excess_f = MSE_f(Ŷ, Y) − MSE_f(μ, Y),   unavoidable_f = MSE_f(μ, Y),   μ = Σ_k p_k Y_k.
 * For Ŷ chosen without knowing which future Y is, E_Y‖Ŷ − Y‖² = ‖Ŷ − μ‖² + E_Y‖μ − Y‖² (the cross
 * term has mean 0), so E[excess_f] = MSE_f(Ŷ, μ) ≥ 0 and E[unavoidable_f] = Σ_k p_k MSE_f(Y_k, μ),
 * the futures' variance: the error no predictor without the branch can avoid. A best-of-K
 * hypothesis is picked knowing Y, so its excess can be negative, down to −unavoidable (Ŷ = Y).
 */
export function forkExcessMse(prediction: Float32Array, mean: Float32Array, truth: Float32Array, frameSize: number): ExcessMse {
  if (!Number.isInteger(frameSize) || frameSize < 1) throw new RangeError(`forkExcessMse: frameSize must be a positive integer, got ${frameSize}`);
  if (prediction.length === 0 || prediction.length % frameSize !== 0) {
    throw new RangeError(`forkExcessMse: prediction has ${prediction.length} values, not a positive multiple of frameSize = ${frameSize}`);
  }
  for (const [name, other] of [['mean', mean], ['truth', truth]] as const) {
    if (other.length !== prediction.length) throw new RangeError(`forkExcessMse: prediction has ${prediction.length} values, ${name} ${other.length}`);
  }
  const frames = prediction.length / frameSize;
  const excess = new Float64Array(frames);
  const unavoidable = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let predicted = 0;
    let averaged = 0;
    for (let i = f * frameSize; i < (f + 1) * frameSize; i++) {
      predicted += (prediction[i]! - truth[i]!) ** 2;
      averaged += (mean[i]! - truth[i]!) ** 2;
    }
    excess[f] = (predicted - averaged) / frameSize;
    unavoidable[f] = averaged / frameSize;
  }
  return { excess, unavoidable };
}
