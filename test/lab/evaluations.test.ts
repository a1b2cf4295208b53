/** The evaluation pieces on hand-built inputs and a tiny untrained race: values, shapes, no leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { BatchSampler } from '../../datasets/batch-sampler';
import { ForkScene } from '../../datasets/fork';
import { selectBackend } from '../../models/backend';
import { encode } from '../../models/encoder';
import { FEATURE_CHUNK, frozenTokenFeatures } from '../../models/frozen-features';
import type { RaceConfig } from '../../models/race-config';
import { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { tokenize } from '../../models/tubelets';
import { blurMetrics } from '../../src/lab/blur-evaluation';
import { collapseMetrics } from '../../src/lab/collapse-evaluation';
import { pixelPredictions, predictedClip, type PixelPredictions } from '../../src/lab/pixel-predictions';
import { jepaRetrieval } from '../../src/lab/retrieval-evaluation';
import { TINY_FORK_RACE } from '../models/race-support';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const fork = new ForkScene({ width: 16, height: 16 }, 3);
const CONFIG: RaceConfig = { ...TINY_FORK_RACE, hypotheses: 2 };
const clipSize = 8 * 16 * 16;

function trainer(): RaceTrainer {
  return new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', CONFIG.batch));
}

describe('frozen features', () => {
  test('equal the encoder on the whole clip, chunk by chunk, without leaking', async () => {
    const race = trainer();
    const count = FEATURE_CHUNK + 3;
    const frames = new BatchSampler(fork, 'validation', count).sample(0).frames;
    const features = await expectNoLeak(() => frozenTokenFeatures(race.jepa.params, CONFIG.encoder, race.tables.encoderAll, race.grid, frames, count));
    expect(features).toHaveLength(count * race.grid.count * 16);
    const last = tf.tidy(() => encode(race.jepa.params, CONFIG.encoder, tf.tensor3d(tokenize(frames.subarray((count - 1) * clipSize), 1, race.grid), [1, race.grid.count, race.grid.patchSize]), race.tables.encoderAll));
    const expected = await last.data();
    last.dispose();
    const got = features.subarray((count - 1) * race.grid.count * 16);
    let maxDiff = 0;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i]! - got[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    race.dispose();
  });
});

describe('pixel predictions and blur', () => {
  test('context tokens keep the true pixels, the best hypothesis has the lowest error, nothing leaks', async () => {
    const race = trainer();
    const frames = new BatchSampler(fork, 'validation', 3).sample(0).frames;
    const mask = race.maskFor(0);
    const p = await expectNoLeak(() => pixelPredictions(race, frames, 3, mask));
    expect(p.hypotheses).toBe(2);
    const contextFrames = 4 * 16 * 16; // future-frames 0.5 hides the last 4 of 8 frames
    for (let b = 0; b < 3; b++) {
      for (let h = 0; h < 2; h++) expect(predictedClip(p, clipSize, b, h).subarray(0, contextFrames)).toEqual(frames.subarray(b * clipSize, b * clipSize + contextFrames));
      const errors = [0, 1].map((h) => {
        const clip = predictedClip(p, clipSize, b, h);
        let sse = 0;
        for (let i = contextFrames; i < clipSize; i++) sse += (clip[i]! - frames[b * clipSize + i]!) ** 2;
        return sse / (clipSize - contextFrames);
      });
      expect(p.best[b]).toBe(errors[0]! <= errors[1]! ? 0 : 1);
      expect(p.bestMse[b]).toBeCloseTo(Math.min(...errors), 6);
    }
    race.dispose();
  });

  test('blur metrics: the truth itself scores 1; the mean of the futures has distance ratio 0 and is blurrier', () => {
    const count = 4;
    const truth = new BatchSampler(fork, 'validation', count).sample(0).frames.slice();
    const means = new Float32Array(count * clipSize);
    for (let b = 0; b < count; b++) means.set(fork.meanClip('validation', b), b * clipSize);
    const grid = trainer();
    const asPredictions = (clips: Float32Array): PixelPredictions => ({ count, hypotheses: 1, clips, best: new Int32Array(count), bestMse: new Float64Array(count) });
    const reference = { scene: fork, split: 'validation' as const, firstIndex: 0 };
    const exact = blurMetrics(asPredictions(truth), truth, grid.grid, 4, reference);
    expect(exact['blur.sharpness']).toBeCloseTo(1, 10);
    expect(exact['blur.laplacian']).toBeCloseTo(1, 10);
    const blurred = blurMetrics(asPredictions(means), truth, grid.grid, 4, reference);
    expect(blurred['blur.meanDistanceRatio']).toBe(0);
    expect(blurred['blur.sharpness']).toBeLessThan(0.75);
    expect(blurred['blur.sharpnessDb']).toBeLessThan(Number.POSITIVE_INFINITY);
    grid.dispose();
  });

  test('excess MSE over the mean of the futures: 0 for the mean, −unavoidable for the truth, 3 × unavoidable for the other branch; per hidden frame', () => {
    const count = 4;
    const truth = new BatchSampler(fork, 'validation', count).sample(0).frames.slice();
    const [means, others] = [new Float32Array(count * clipSize), new Float32Array(count * clipSize)];
    for (let b = 0; b < count; b++) {
      const futures = fork.futures('validation', b);
      means.set(fork.meanClip('validation', b, futures), b * clipSize);
      const taken = futures.findIndex((f) => f.frames.every((v, i) => v === truth[b * clipSize + i]));
      others.set(futures[1 - taken]!.frames, b * clipSize);
    }
    const grid = trainer();
    const asPredictions = (clips: Float32Array): PixelPredictions => ({ count, hypotheses: 1, clips, best: new Int32Array(count), bestMse: new Float64Array(count) });
    const reference = { scene: fork, split: 'validation' as const, firstIndex: 0 };
    const mean = blurMetrics(asPredictions(means), truth, grid.grid, 4, reference);
    expect(mean['blur.unavoidableMse']).toBeGreaterThan(0);
    expect(mean['blur.excessMse']).toBeCloseTo(0, 6);
    expect(mean['blur.excessRatio']).toBeCloseTo(0, 4);
    for (const t of [4, 5, 6, 7]) expect(mean[`blur.excessMse.frame${t}`], `frame ${t}`).toBeCloseTo(0, 6);
    expect(mean['blur.excessMse.frame3']).toBeUndefined();
    const frameMean = [4, 5, 6, 7].reduce((s, t) => s + mean[`blur.unavoidableMse.frame${t}`]!, 0) / 4;
    expect(mean['blur.unavoidableMse']).toBeCloseTo(frameMean, 10);
    expect(blurMetrics(asPredictions(truth), truth, grid.grid, 4, reference)['blur.excessRatio']).toBeCloseTo(-1, 4);
    const other = blurMetrics(asPredictions(others), truth, grid.grid, 4, reference);
    expect(other['blur.excessRatio']).toBeCloseTo(3, 3);
    for (const t of [4, 5, 6, 7]) expect(other[`blur.excessRatio.frame${t}`], `frame ${t}`).toBeCloseTo(3, 3);
    expect(other['blur.sharpnessCeiling']).toBeUndefined();
    grid.dispose();
  });

  test('with the step’s ε on a two-branch fork: the ε and its sharpness ceiling for the K hypotheses', () => {
    const count = 2;
    const truth = new BatchSampler(fork, 'validation', count).sample(0).frames.slice();
    const grid = trainer();
    const reference = { scene: fork, split: 'validation' as const, firstIndex: 0 };
    const twoHypotheses: PixelPredictions = { count, hypotheses: 2, clips: new Float32Array(count * 2 * clipSize), best: new Int32Array(count), bestMse: new Float64Array(count) };
    const metrics = blurMetrics(twoHypotheses, truth, grid.grid, 4, reference, 0.05);
    expect(metrics['blur.wtaRelax']).toBe(0.05);
    expect(metrics['blur.sharpnessCeiling']).toBeCloseTo(0.905, 12);
    const threeBranches = new ForkScene({ width: 16, height: 16, branches: 3 }, 3);
    const three = new BatchSampler(threeBranches, 'validation', count).sample(0).frames.slice();
    const other = blurMetrics(twoHypotheses, three, grid.grid, 4, { ...reference, scene: threeBranches }, 0.05);
    expect(other['blur.sharpnessCeiling']).toBeUndefined();
    grid.dispose();
  });
});

describe('collapse and retrieval', () => {
  test('Gaussian token features have effective rank near D and cosine near 0; identical ones rank ≈ 1 and cosine 1', async () => {
    const race = trainer();
    const [count, tokens, width] = [16, 16, 16];
    const gaussian = await tf.randomNormal([count * tokens * width], 0, 1, 'float32', 7).data();
    const spread = await expectNoLeak(() => collapseMetrics(gaussian as Float32Array, count, tokens, width, race.jepa));
    expect(spread['collapse.rank']).toBeGreaterThan(0.9 * width);
    expect(Math.abs(spread['collapse.cosine']!)).toBeLessThan(0.05);
    expect(spread['collapse.sigreg']).toBeLessThan(5);
    const same = new Float32Array(count * tokens * width);
    for (let r = 0; r < count * tokens; r++) same.set(gaussian.subarray(0, width), r * width);
    const collapsed = await collapseMetrics(same, count, tokens, width, race.jepa);
    expect(collapsed['collapse.rank']).toBeLessThan(1.01);
    expect(collapsed['collapse.cosine']).toBeCloseTo(1, 5);
    expect(collapsed['collapse.sigreg']).toBeGreaterThan(spread['collapse.sigreg']!);
    race.dispose();
  });

  test('retrieval returns a bank clip per query, top-1 within [0, 1], chance 1/bank, nothing leaks', async () => {
    const race = trainer();
    const frames = new BatchSampler(fork, 'validation', 6).sample(0).frames;
    const result = await expectNoLeak(() => jepaRetrieval(race, frames, 6, race.maskFor(0)));
    expect(result.nearest).toHaveLength(6);
    expect([...result.nearest].every((i) => i >= 0 && i < 6)).toBe(true);
    expect(result.metrics['retrieval.top1']).toBeGreaterThanOrEqual(0);
    expect(result.metrics['retrieval.top1']).toBeLessThanOrEqual(1);
    expect(result.metrics['retrieval.chance']).toBeCloseTo(1 / 6, 12);
    race.dispose();
  });

  test('fork branch retrieval: chance 1/branches; one hypothesis can never cover both branches, two may; nothing leaks', async () => {
    const single = new RaceTrainer({ ...CONFIG, hypotheses: 1 }, sceneBatchSource(fork, 'train', CONFIG.batch));
    const { frames, labels } = new BatchSampler(fork, 'validation', 6).sample(0);
    const forkClips = { reference: { scene: fork, split: 'validation' as const, firstIndex: 0 }, labels };
    const one = (await expectNoLeak(() => jepaRetrieval(single, frames, 6, single.maskFor(0), forkClips))).metrics;
    expect(one['retrieval.branchChance']).toBe(0.5);
    expect(one['retrieval.branchCoverage']).toBe(0);
    expect([0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1]).toContain(one['retrieval.branchTop1']);
    single.dispose();
    const two = trainer();
    const both = (await jepaRetrieval(two, frames, 6, two.maskFor(0), forkClips)).metrics;
    expect(both['retrieval.branchCoverage']).toBeGreaterThanOrEqual(0);
    expect(both['retrieval.branchCoverage']).toBeLessThanOrEqual(1);
    two.dispose();
  });
});
