/**
 * Prediction skill over a context-free baseline (DESIGN §1 and §5; the skill score of forecast
 * verification, Murphy 1988): skill = 1 − MSE(prediction, target) / MSE(baseline, target), where
 * the baseline predicts every hidden token by the mean target at that token's position (estimated
 * on other clips than the scored ones). Skill ≤ 0: the learner does no better than knowing the
 * position alone, i.e. it does not use its context. Three readings:
 * - all: over every hidden token;
 * - content: over the hidden tokens whose true pixels contain an object (empty background tokens
 *   can be "predicted" from a clip-wide summary, so they can inflate the all-token number);
 * - debiased: prediction and target each minus their own per-position mean over the scored clips,
 *   so a prediction that only knows the position scores exactly 0, whatever the baseline.
 * Plain arrays in, plain numbers out: it runs on values already read back from the device.
 */

export interface SkillInputs {
  /** Scored clips C. */
  clips: number;
  /** Hidden tokens per clip n. */
  hidden: number;
  /** Values per token D (embedding width, or pixels per token). */
  width: number;
  /** Predictions [C, n, D]. */
  predicted: Float32Array;
  /** Targets [C, n, D]. */
  target: Float32Array;
  /** Context-free baseline per hidden token [n, D]: the mean target at that token's position. */
  baseline: Float32Array;
  /** 1 where hidden token i of clip c shows an object [C, n]. */
  content: Uint8Array;
}

export interface PredictionSkill {
  all: number;
  content: number;
  debiased: number;
  /** Share of the scored hidden tokens that carry content (how much the content reading rests on). */
  contentShare: number;
}

function checkSizes(s: SkillInputs): void {
  const values = s.clips * s.hidden * s.width;
  const named: [string, number, number][] = [
    ['predicted', s.predicted.length, values],
    ['target', s.target.length, values],
    ['baseline', s.baseline.length, s.hidden * s.width],
    ['content', s.content.length, s.clips * s.hidden],
  ];
  for (const [name, length, expected] of named) {
    if (length !== expected) throw new RangeError(`prediction skill: ${name} holds ${length} values, ${expected} expected (clips ${s.clips} × hidden ${s.hidden} × width ${s.width})`);
  }
}

/** Mean over clips at each hidden token [n, D]. */
function perPositionMean(values: Float32Array, clips: number, hidden: number, width: number): Float64Array {
  const mean = new Float64Array(hidden * width);
  for (let c = 0; c < clips; c++) for (let j = 0; j < hidden * width; j++) mean[j]! += values[c * hidden * width + j]! / clips;
  return mean;
}

/** 1 − error / reference; NaN when the reference is 0 (nothing to predict, e.g. no content token). */
function skillOf(error: number, reference: number): number {
  return reference > 0 ? 1 - error / reference : Number.NaN;
}

export function predictionSkill(s: SkillInputs): PredictionSkill {
  checkSizes(s);
  const { clips, hidden, width } = s;
  const meanPredicted = perPositionMean(s.predicted, clips, hidden, width);
  const meanTarget = perPositionMean(s.target, clips, hidden, width);
  let error = 0;
  let reference = 0;
  let contentError = 0;
  let contentReference = 0;
  let debiasedError = 0;
  let debiasedReference = 0;
  let contentTokens = 0;
  for (let c = 0; c < clips; c++) {
    for (let i = 0; i < hidden; i++) {
      let e = 0;
      let r = 0;
      const at = (c * hidden + i) * width;
      for (let d = 0; d < width; d++) {
        const p = s.predicted[at + d]!;
        const t = s.target[at + d]!;
        const m = i * width + d;
        e += (p - t) ** 2;
        r += (s.baseline[m]! - t) ** 2;
        debiasedError += (p - meanPredicted[m]! - (t - meanTarget[m]!)) ** 2;
        debiasedReference += (t - meanTarget[m]!) ** 2;
      }
      error += e;
      reference += r;
      if (s.content[c * hidden + i]) {
        contentError += e;
        contentReference += r;
        contentTokens += 1;
      }
    }
  }
  return {
    all: skillOf(error, reference),
    content: skillOf(contentError, contentReference),
    debiased: skillOf(debiasedError, debiasedReference),
    contentShare: clips * hidden > 0 ? contentTokens / (clips * hidden) : Number.NaN,
  };
}

/** Mean of `values` [C, N, D] over clips at each of the N token positions: the baseline table [N, D]. */
export function positionMeans(values: Float32Array, clips: number, tokens: number, width: number): Float32Array {
  return Float32Array.from(perPositionMean(values, clips, tokens, width));
}

