/**
 * Does the learner predict? Prediction skill of both learners on held-out clips under the
 * evaluation mask (models/prediction-skill.ts): the JEPA's predicted embeddings against the target
 * encoder's, the pixel learner's predicted pixels against the true ones, each over the
 * context-free baseline "mean target at this token position", estimated on training clips (never
 * on the scored ones). Content tokens are the hidden tokens whose object pixels (the scene's
 * `contentClip`: on `distractors` the balls without the background) exceed CONTENT_THRESHOLD.
 * With K hypotheses the best one per clip is scored (as winner-takes-all trains it).
 */
import * as tf from '@tensorflow/tfjs';
import type { LearnerKind } from '../../models/learner';
import type { Mask } from '../../models/masking';
import { tableRows } from '../../models/positional';
import { positionMeans, predictionSkill, type PredictionSkill } from '../../models/prediction-skill';
import type { RaceTrainer } from '../../models/race-trainer';
import { selectTokens } from '../../models/select-tokens';
import { disposeStepInputs, StepInputBuilder } from '../../models/step-inputs';
import { gatherTokens, tokenize, type TokenGrid } from '../../models/tubelets';
import { predictedClip, type PixelPredictions } from './pixel-predictions';

/** A pixel brighter than this marks an object (the scenes draw objects at 1 on a 0 background). */
export const CONTENT_THRESHOLD = 0.1;

/** Clips in [count, T, H, W] buffers. */
export interface ClipSet {
  frames: Float32Array;
  count: number;
}

/** What the gauge needs: training clips for the baseline, scored clips and their object pixels. */
export interface SkillClips {
  baseline: ClipSet;
  scored: ClipSet;
  /** Object pixels of the scored clips [count, T, H, W]. */
  content: Float32Array;
}

/** 1 where hidden token i of clip c holds an object pixel above the threshold: [count, nt]. */
export function contentTokens(content: Float32Array, count: number, grid: TokenGrid, mask: Mask): Uint8Array {
  const hidden = gatherTokens(tokenize(content.subarray(0, count * grid.T * grid.H * grid.W), count, grid), count, grid, mask.target);
  const nt = mask.target.length;
  const flags = new Uint8Array(count * nt);
  for (let token = 0; token < count * nt; token++) {
    for (let q = 0; q < grid.patchSize; q++) {
      if (hidden[token * grid.patchSize + q]! > CONTENT_THRESHOLD) {
        flags[token] = 1;
        break;
      }
    }
  }
  return flags;
}

/** Best hypothesis per clip (least squared error to the target): [C, nt, K, D] → [C, nt, D]. */
export function bestHypothesis(values: Float32Array, target: Float32Array, clips: number, nt: number, k: number, d: number): Float32Array {
  const out = new Float32Array(clips * nt * d);
  for (let c = 0; c < clips; c++) {
    let best = 0;
    let bestError = Infinity;
    for (let h = 0; h < k; h++) {
      let error = 0;
      for (let i = 0; i < nt; i++) {
        for (let j = 0; j < d; j++) error += (values[((c * nt + i) * k + h) * d + j]! - target[(c * nt + i) * d + j]!) ** 2;
      }
      if (error < bestError) [best, bestError] = [h, error];
    }
    for (let i = 0; i < nt; i++) out.set(values.subarray(((c * nt + i) * k + best) * d, ((c * nt + i) * k + best + 1) * d), (c * nt + i) * d);
  }
  return out;
}

/** Clips per forward pass when encoding the baseline clips (bounds device memory). */
const BASELINE_CHUNK = 64;

/** The JEPA's target embeddings of every token of `clips`, [count, N, D], in chunks. */
async function targetEmbeddings(trainer: RaceTrainer, clips: ClipSet): Promise<Float32Array> {
  const { grid } = trainer;
  const width = trainer.jepa.config.encoder.width;
  const clipSize = grid.T * grid.H * grid.W;
  const out = new Float32Array(clips.count * grid.count * width);
  for (let start = 0; start < clips.count; start += BASELINE_CHUNK) {
    const n = Math.min(BASELINE_CHUNK, clips.count - start);
    const tokens = tokenize(clips.frames.subarray(start * clipSize, (start + n) * clipSize), n, grid);
    const z = tf.tidy(() => trainer.jepa.targetEmbeddings(tf.tensor3d(tokens, [n, grid.count, grid.patchSize])));
    out.set(await z.data(), start * grid.count * width);
    z.dispose();
  }
  return out;
}

/** The JEPA's skill: predicted vs target embeddings of the hidden tokens. */
export async function jepaSkill(trainer: RaceTrainer, clips: SkillClips, mask: Mask, content: Uint8Array): Promise<PredictionSkill> {
  const jepa = trainer.jepa;
  const width = jepa.config.encoder.width;
  const { grid } = trainer;
  const all = await targetEmbeddings(trainer, clips.baseline);
  const baseline = tableRows(positionMeans(all, clips.baseline.count, grid.count, width), width, mask.target);
  const { count } = clips.scored;
  const inputs = new StepInputBuilder(trainer.tables, count).build(clips.scored.frames, mask);
  const [predicted, real] = tf.tidy(() => [jepa.predictEmbeddings(inputs), selectTokens(jepa.targetEmbeddings(inputs.tokens), inputs.targetSelector)]);
  const k = predicted!.shape[2]!;
  const predictedValues = (await predicted!.data()) as Float32Array;
  const target = (await real!.data()) as Float32Array;
  tf.dispose([predicted!, real!]);
  disposeStepInputs(inputs);
  const nt = mask.target.length;
  const best = bestHypothesis(predictedValues, target, count, nt, k, width);
  return predictionSkill({ clips: count, hidden: nt, width, predicted: best, target, baseline, content });
}

/** The pixel learner's skill: its best hypothesis's pixels vs the true pixels of the hidden tokens. */
export function pixelSkill(grid: TokenGrid, clips: SkillClips, mask: Mask, predictions: PixelPredictions, content: Uint8Array): PredictionSkill {
  const p = grid.patchSize;
  const clipSize = grid.T * grid.H * grid.W;
  const { count } = clips.scored;
  const baseline = tableRows(positionMeans(tokenize(clips.baseline.frames.subarray(0, clips.baseline.count * clipSize), clips.baseline.count, grid), clips.baseline.count, grid.count, p), p, mask.target);
  const best = new Float32Array(count * clipSize);
  for (let c = 0; c < count; c++) best.set(predictedClip(predictions, clipSize, c, predictions.best[c]!), c * clipSize);
  const predicted = gatherTokens(tokenize(best, count, grid), count, grid, mask.target);
  const target = gatherTokens(tokenize(clips.scored.frames.subarray(0, count * clipSize), count, grid), count, grid, mask.target);
  return predictionSkill({ clips: count, hidden: mask.target.length, width: p, predicted, target, baseline, content });
}

/** A skill as evaluation metrics (`skill.all`, `skill.content`, `skill.debiased`, `skill.contentShare`). */
export function skillMetrics(skill: PredictionSkill): Record<string, number> {
  return { 'skill.all': skill.all, 'skill.content': skill.content, 'skill.debiased': skill.debiased, 'skill.contentShare': skill.contentShare };
}

/** Skill metrics of a learner, or null when it cannot be scored (the pixel learner without predictions). */
export async function learnerSkill(kind: LearnerKind, trainer: RaceTrainer, clips: SkillClips, mask: Mask, predictions: PixelPredictions | null): Promise<Record<string, number> | null> {
  const content = contentTokens(clips.content, clips.scored.count, trainer.grid, mask);
  if (kind === 'jepa') return skillMetrics(await jepaSkill(trainer, clips, mask, content));
  return predictions ? skillMetrics(pixelSkill(trainer.grid, clips, mask, predictions, content)) : null;
}
