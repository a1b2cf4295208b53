/**
 * Learning behaviour the playground's claims rest on, on the wasm backend with small models:
 * held-out pixel MSE on `bouncing` falls below its start and below predicting black; a JEPA without anti-collapse term collapses while SIGReg keeps
 * the token embeddings spread; the EMA variant trains; on `fork` the best of K = 2 latent
 * hypotheses is sharper than the single-head prediction (which averages the two futures).
 * Thresholds are the (rank < 2, rank > D/4), not tuned to these runs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { RACE_DEFAULTS, type RaceConfig } from '../../models/race-config';
import { forkBestHypothesisSharpness } from './fork-sharpness';
import { createScene } from '../../datasets/registry';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { heldOutEmbeddingStats, heldOutJepaSkill, heldOutPixelMse, trainRace } from './learning-support';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const WIDTH = 32;
const SMALL: RaceConfig = {
  ...RACE_DEFAULTS,
  batch: 16,
  encoder: { width: WIDTH, depth: 2, heads: 2, mlpRatio: 2 },
  predictor: { width: 32, depth: 1, heads: 2, mlpRatio: 2 },
};

describe('learning', () => {
  test('pixel MSE on held-out bouncing clips falls below its initial value and below predicting black (next frames, 600 steps)', async () => {
    const config: RaceConfig = { ...SMALL, learners: ['pixel'], steps: 600, mask: { strategy: 'future-frames', ratio: 0.5 }, optimizer: { ...SMALL.optimizer, learningRate: 3e-3 } };
    const untrained = new RaceTrainer(config, sceneBatchSource(createScene('bouncing', {}, config.seed), 'train', config.batch));
    const before = await heldOutPixelMse(untrained, 'bouncing');
    untrained.dispose();
    const { trainer } = await trainRace(config, 'bouncing');
    const after = await heldOutPixelMse(trainer, 'bouncing');
    trainer.dispose();
    expect(after.mse).toBeLessThan(before.mse);
    expect(after.mse).toBeLessThan(after.black);
  }, 300_000);

  test('fork: the best of K = 2 hypotheses is sharper than the single-head prediction (pixel, 16×16, 1,000 steps)', async () => {
    const fork = { width: 16, height: 16 };
    const sharpness = async (hypotheses: number) => {
      const config: RaceConfig = {
        ...SMALL,
        learners: ['pixel'],
        steps: 1000,
        hypotheses,
        mask: { strategy: 'future-frames', ratio: 0.5 },
        optimizer: { ...SMALL.optimizer, learningRate: 3e-3 },
      };
      const { trainer } = await trainRace(config, 'fork', fork);
      const value = await forkBestHypothesisSharpness(trainer, fork);
      trainer.dispose();
      return value;
    };
    const single = await sharpness(1);
    const best = await sharpness(2);
    expect(best).toBeGreaterThan(single);
  }, 300_000);

  test('no positional shortcut: with SIGReg per position the JEPA predicts from its context (debiased and content skill > 0.1); SIGReg over all tokens lets it predict by position alone (debiased ≈ 0)', async () => {
    const config = (sigregScope: RaceConfig['jepa']['sigregScope']): RaceConfig => ({
      ...SMALL,
      learners: ['jepa'],
      steps: 600,
      mask: { strategy: 'random-patches', ratio: 0.5 },
      optimizer: { ...SMALL.optimizer, learningRate: 3e-3 },
      jepa: { ...SMALL.jepa, sigregScope },
    });
    const skill = async (sigregScope: RaceConfig['jepa']['sigregScope']) => {
      const { trainer } = await trainRace(config(sigregScope), 'bouncing', { balls: 1 });
      const value = await heldOutJepaSkill(trainer, 'bouncing', { balls: 1 });
      trainer.dispose();
      return value;
    };
    const fixed = await skill('per-position');
    const shortcut = await skill('tokens');
    expect(fixed['skill.debiased']).toBeGreaterThan(0.1);
    expect(fixed['skill.content']).toBeGreaterThan(0.1);
    expect(shortcut['skill.debiased']).toBeLessThan(0.02);
  }, 600_000);

  describe('collapse (JEPA only, 250 steps on bouncing)', () => {
    const jepa = (antiCollapse: RaceConfig['jepa']['antiCollapse'], lambda: number): RaceConfig => ({
      ...SMALL,
      learners: ['jepa'],
      steps: 250,
      jepa: { ...SMALL.jepa, antiCollapse, lambda },
    });

    test('λ = 0 (no anti-collapse term) collapses: effective rank < 2', async () => {
      const { trainer } = await trainRace(jepa('none', 0), 'bouncing');
      const stats = await heldOutEmbeddingStats(trainer, 'bouncing');
      trainer.dispose();
      expect(stats.tokenRank).toBeLessThan(2);
    });

    test('SIGReg over all tokens (λ = 0.05) keeps the effective rank above D/4 and the embeddings spread', async () => {
      const config = jepa('sigreg', 0.05);
      const { trainer } = await trainRace({ ...config, jepa: { ...config.jepa, sigregScope: 'tokens' } }, 'bouncing');
      const stats = await heldOutEmbeddingStats(trainer, 'bouncing');
      trainer.dispose();
      expect(stats.tokenRank).toBeGreaterThan(WIDTH / 4);
      expect(stats.tokenStd).toBeGreaterThan(0.1);
    });

    test('SIGReg per position (the default) does not collapse either: effective rank ≥ 2 and the embeddings spread', async () => {
      const { trainer } = await trainRace(jepa('sigreg', 0.05), 'bouncing');
      const stats = await heldOutEmbeddingStats(trainer, 'bouncing');
      trainer.dispose();
      expect(trainer.config.jepa.sigregScope).toBe('per-position');
      expect(stats.tokenRank).toBeGreaterThanOrEqual(2);
      expect(stats.tokenStd).toBeGreaterThan(0.1);
    });

    test('the EMA target variant trains: its prediction loss falls and stays finite', async () => {
      const { trainer, curve } = await trainRace(jepa('ema', 0), 'bouncing');
      trainer.dispose();
      expect(curve.every((c) => Number.isFinite(c.jepa))).toBe(true);
      expect(curve.at(-1)!.jepa).toBeLessThan(curve[0]!.jepa / 2);
    });
  });
});
