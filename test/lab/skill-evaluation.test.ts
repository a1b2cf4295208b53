/** The prediction-skill gauge on a tiny race: content flags, best hypothesis, both learners' skill, no leaks. */
import { beforeAll, describe, expect, test } from 'vitest';
import { BatchSampler } from '../../datasets/batch-sampler';
import { ForkScene } from '../../datasets/fork';
import { selectBackend } from '../../models/backend';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { tokenGrid } from '../../models/tubelets';
import { pixelPredictions, type PixelPredictions } from '../../src/lab/pixel-predictions';
import { bestHypothesis, contentTokens, learnerSkill, pixelSkill, type SkillClips } from '../../src/lab/skill-evaluation';
import { TINY_FORK_RACE } from '../models/race-support';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const fork = new ForkScene({ width: 16, height: 16 }, 3);
const CONFIG = TINY_FORK_RACE;
const clipSize = 8 * 16 * 16;

function clips(count: number): SkillClips {
  const scored = new BatchSampler(fork, 'validation', count).sample(0).frames;
  return { baseline: { frames: new BatchSampler(fork, 'train', 32).sample(0).frames, count: 32 }, scored: { frames: scored, count }, content: scored };
}

describe('contentTokens', () => {
  test('flags a hidden token when one of its pixels is above 0.1, not when all are below', () => {
    const grid = tokenGrid({ T: 8, H: 16, W: 16 }); // 4 × 2 × 2 tokens of 2 × 8 × 8
    const race = new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', 4));
    const mask = race.maskFor(0); // hides token time steps 2, 3: tokens 8 … 15
    race.dispose();
    const content = new Float32Array(clipSize);
    content[6 * 256 + 9 * 16 + 12] = 0.5; // frame 6, row 9, column 12 → token (3, 1, 1) = 15
    content[5 * 256 + 0] = 0.09; // below the threshold: token (2, 0, 0) stays empty
    const flags = contentTokens(content, 1, grid, mask);
    expect(Array.from(mask.target)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(Array.from(flags)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });
});

describe('bestHypothesis', () => {
  test('keeps, per clip, the hypothesis nearest the target', () => {
    // 2 clips, 1 token, K = 2, D = 2.
    const values = Float32Array.from([0, 0, 5, 5, 9, 9, 1, 1]);
    const target = Float32Array.from([4, 4, 0, 0]);
    expect(Array.from(bestHypothesis(values, target, 2, 1, 2, 2))).toEqual([5, 5, 1, 1]);
  });
});

describe('learner skill', () => {
  test('both learners give finite all / content / debiased skill ≤ 1 on a tiny race, without leaking', async () => {
    const race = new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', 4));
    for (let s = 0; s < 3; s++) race.step(false);
    const set = clips(6);
    const mask = race.maskFor(0);
    const predictions = await pixelPredictions(race, set.scored.frames, 6, mask);
    for (const kind of ['jepa', 'pixel'] as const) {
      const metrics = await expectNoLeak(() => learnerSkill(kind, race, set, mask, predictions), kind);
      for (const key of ['skill.all', 'skill.content', 'skill.debiased']) {
        expect(Number.isFinite(metrics![key]), `${kind} ${key}`).toBe(true);
        expect(metrics![key]).toBeLessThanOrEqual(1);
      }
      expect(metrics!['skill.contentShare']).toBeGreaterThan(0);
    }
    expect(await learnerSkill('pixel', race, set, mask, null)).toBeNull();
    race.dispose();
  });

  test('the pixel learner scores 1 when its prediction is the truth, and the baseline comes from the baseline clips', () => {
    const grid = tokenGrid({ T: 8, H: 16, W: 16 });
    const race = new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', 4));
    const mask = race.maskFor(0);
    race.dispose();
    const set = clips(5);
    const truth: PixelPredictions = { count: 5, hypotheses: 1, clips: set.scored.frames.slice(0, 5 * clipSize), best: new Int32Array(5), bestMse: new Float64Array(5) };
    const content = contentTokens(set.content, 5, grid, mask);
    expect(pixelSkill(grid, set, mask, truth, content)).toMatchObject({ all: 1, content: 1, debiased: 1 });
    // Scoring the baseline clips against themselves: their own position mean is the baseline, so skill is exactly 0.
    const self: SkillClips = { baseline: { frames: set.scored.frames, count: 5 }, scored: set.scored, content: set.content };
    const means: PixelPredictions = { ...truth, clips: meanClips(set.scored.frames, 5) };
    expect(pixelSkill(grid, self, mask, means, content).all).toBeCloseTo(0, 5);
  });
});

/** Each pixel replaced by its mean over the clips (a context-free prediction). */
function meanClips(frames: Float32Array, count: number): Float32Array {
  const out = new Float32Array(count * clipSize);
  for (let j = 0; j < clipSize; j++) {
    let sum = 0;
    for (let c = 0; c < count; c++) sum += frames[c * clipSize + j]!;
    for (let c = 0; c < count; c++) out[c * clipSize + j] = sum / count;
  }
  return out;
}
