/** Helpers for the learning tests: train a race for some steps, measure embeddings and predictions. */
import * as tf from '@tensorflow/tfjs';
import { BatchSampler } from '../../datasets/batch-sampler';
import { createScene } from '../../datasets/registry';
import { learnerSkill, type SkillClips } from '../../src/lab/skill-evaluation';
import { effectiveRank, perDimensionStd } from '../../models/effective-rank';
import { clipEmbeddings } from '../../models/jepa-learner';
import type { RaceConfig } from '../../models/race-config';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { disposeStepInputs, StepInputBuilder } from '../../models/step-inputs';
import { winnerTakesAll } from '../../models/winner-takes-all';

/** Trains `steps` steps on `scene`, reading the losses every `readEvery` steps. */
export async function trainRace(config: RaceConfig, scene: string, params: Record<string, unknown> = {}): Promise<{
  trainer: RaceTrainer;
  curve: { step: number; pixel: number; jepa: number }[];
}> {
  const trainer = new RaceTrainer(config, sceneBatchSource(createScene(scene, params, config.seed), 'train', config.batch));
  const curve: { step: number; pixel: number; jepa: number }[] = [];
  const readEvery = Math.max(1, Math.floor(config.steps / 10));
  for (let s = 1; s <= config.steps; s++) {
    const pending = trainer.step(s % readEvery === 0 || s === 1);
    if (pending) {
      const r = await trainer.read(pending);
      curve.push({ step: s, pixel: r.pixel.loss ?? Number.NaN, jepa: r.jepa.loss ?? Number.NaN });
    }
  }
  return { trainer, curve };
}

export interface EmbeddingStats {
  /** RankMe effective rank of token embeddings of held-out clips. */
  tokenRank: number;
  /** RankMe effective rank of clip embeddings (mean over tokens). */
  clipRank: number;
  /** Mean over dimensions of the per-dimension std of token embeddings (≈ 0 when collapsed to a point). */
  tokenStd: number;
}

/** Collapse statistics of the online JEPA encoder on one held-out batch. */
export async function heldOutEmbeddingStats(trainer: RaceTrainer, scene: string, params: Record<string, unknown> = {}): Promise<EmbeddingStats> {
  const batch = trainer.config.batch;
  const source = sceneBatchSource(createScene(scene, params, trainer.config.seed), 'validation', batch);
  const inputs = new StepInputBuilder(trainer.tables, batch).build(source.sample(0), trainer.maskFor(1));
  const [tokens, clips] = tf.tidy(() => {
    const z = trainer.jepa.encodeAll(inputs.tokens);
    return [z.reshape([-1, z.shape[2]]) as tf.Tensor2D, clipEmbeddings(z)];
  });
  const width = tokens.shape[1];
  const tokenValues = await tokens.data();
  const clipValues = await clips.data();
  tf.dispose([tokens, clips]);
  disposeStepInputs(inputs);
  const std = perDimensionStd(tokenValues, tokenValues.length / width, width);
  return {
    tokenRank: effectiveRank(tokenValues, tokenValues.length / width, width),
    clipRank: effectiveRank(clipValues, batch, width),
    tokenStd: std.reduce((a, b) => a + b, 0) / width,
  };
}

/**
 * Pixel learner's MSE on hidden tokens of `batches` held-out batches (mask of step 1), and the
 * MSE of predicting black everywhere (the energy of the hidden pixels), for comparison.
 */
export async function heldOutPixelMse(trainer: RaceTrainer, scene: string, params: Record<string, unknown> = {}, batches = 4): Promise<{ mse: number; black: number }> {
  const batch = trainer.config.batch;
  const source = sceneBatchSource(createScene(scene, params, trainer.config.seed), 'validation', batch);
  const builder = new StepInputBuilder(trainer.tables, batch);
  let mse = 0;
  let black = 0;
  for (let b = 0; b < batches; b++) {
    const inputs = builder.build(source.sample(b), trainer.maskFor(1));
    const [m, e] = tf.tidy(() => [winnerTakesAll(trainer.pixel.perHypothesisLoss(inputs)), inputs.targetPixels.square().mean()]);
    mse += (await m!.data())[0]! / batches;
    black += (await e!.data())[0]! / batches;
    tf.dispose([m!, e!]);
    disposeStepInputs(inputs);
  }
  return { mse, black };
}

/** The JEPA's held-out prediction skill (all, content, debiased) under the evaluation mask: 256 training clips for the baseline, 64 validation clips scored. */
export async function heldOutJepaSkill(trainer: RaceTrainer, scene: string, params: Record<string, unknown> = {}): Promise<Record<string, number>> {
  const source = createScene(scene, params, trainer.config.seed);
  const scored = new BatchSampler(source, 'validation', 64).sample(0).frames;
  const content = new Float32Array(scored.length);
  for (let i = 0; i < 64; i++) content.set(source.contentClip('validation', i), i * source.clipSize);
  const clips: SkillClips = { baseline: { frames: new BatchSampler(source, 'train', 256).sample(0).frames, count: 256 }, scored: { frames: scored, count: 64 }, content };
  return (await learnerSkill('jepa', trainer, clips, trainer.maskFor(0), null))!;
}
