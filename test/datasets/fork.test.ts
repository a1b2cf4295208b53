/** fork: futures share the context bit for bit, differ after the fork, and their mean is the exact MSE-optimal prediction. */
import { describe, expect, it } from 'vitest';
import { ForkScene } from '../../datasets/fork';
import { unpackLabels } from '../../datasets/labels';
import { createScene } from '../../datasets/registry';
import { firstDifference } from './bytes';

const CONFIGS: Record<string, unknown>[] = [
  {},
  { branches: 3, probabilities: [0.2, 0.5, 0.3], frames: 12, forkFrame: 5, spread: 30, height: 40, width: 56 },
  { branches: 4, probabilities: [0, 0.25, 0.25, 0.5], frames: 6, forkFrame: 1 },
  { branches: 8, frames: 16, height: 16, width: 16, forkFrame: 15, spread: 80 },
];

function fork(params: Record<string, unknown>, seed = 5): ForkScene {
  return createScene('fork', params, seed) as ForkScene;
}

describe.each(CONFIGS)('fork %o', (params) => {
  const scene = fork(params);
  const { T, H, W } = scene.shape;
  const frameSize = H * W;
  const contextEnd = scene.forkFrame * frameSize;

  it('enumerates every branch once, with the scene probabilities, summing to 1', () => {
    const futures = scene.futures('train', 3);
    expect(futures.map((f) => f.branch)).toEqual(Array.from({ length: scene.branches }, (_, k) => k));
    expect(futures.map((f) => f.probability)).toEqual(scene.params.probabilities);
    expect(futures.reduce((s, f) => s + f.probability, 0)).toBeCloseTo(1, 12);
  });

  it('has bit-identical contexts and futures that differ in every frame from forkFrame on', () => {
    for (let index = 0; index < 20; index++) {
      const futures = scene.futures('validation', index);
      const context = futures[0]!.frames.subarray(0, contextEnd);
      for (const f of futures) expect(firstDifference(f.frames.subarray(0, contextEnd), context)).toBe(-1);
      for (let a = 0; a < futures.length; a++) {
        for (let b = a + 1; b < futures.length; b++) {
          for (let t = scene.forkFrame; t < T; t++) {
            const fa = futures[a]!.frames.subarray(t * frameSize, (t + 1) * frameSize);
            const fb = futures[b]!.frames.subarray(t * frameSize, (t + 1) * frameSize);
            if (firstDifference(fa, fb) === -1) expect.fail(`clip ${index}: branches ${a} and ${b} are identical in frame ${t}`);
          }
        }
      }
    }
  });

  it('samples the clip as one of its futures, and labels the branch it took', () => {
    for (let index = 0; index < 20; index++) {
      const clip = scene.clip('test', index);
      const branch = unpackLabels(scene.labelSchema, clip.labels).branch![0]!;
      const future = scene.futures('test', index)[branch]!;
      expect(future.probability).toBeGreaterThan(0);
      expect(firstDifference(clip.frames, future.frames)).toBe(-1);
      expect(firstDifference(clip.labels, future.labels)).toBe(-1);
      for (const f of scene.futures('test', index)) expect(unpackLabels(scene.labelSchema, f.labels).branch![0]).toBe(f.branch);
    }
  });

  it('computes the mean of the futures exactly, and it beats every single future in expected MSE', () => {
    for (let index = 0; index < 10; index++) {
      const futures = scene.futures('train', index);
      const mean = scene.meanClip('train', index);
      for (let i = 0; i < scene.clipSize; i++) {
        let expected = 0;
        for (const f of futures) expected += f.probability * f.frames[i]!;
        if (mean[i] !== Math.fround(expected)) expect.fail(`clip ${index}, pixel ${i}: mean ${mean[i]} ≠ ${Math.fround(expected)}`);
      }
      expect(firstDifference(mean.subarray(0, contextEnd), futures[0]!.frames.subarray(0, contextEnd))).toBe(-1);
      const expectedMse = (prediction: Float32Array) =>
        futures.reduce((sum, f) => {
          let se = 0;
          for (let i = contextEnd; i < scene.clipSize; i++) se += (f.frames[i]! - prediction[i]!) ** 2;
          return sum + f.probability * se;
        }, 0);
      const best = expectedMse(mean);
      for (const f of futures) if (f.probability < 1) expect(best).toBeLessThan(expectedMse(f.frames));
    }
  });
});

describe('fork branch choice', () => {
  // N draws per case; each frequency must be within 0.02 of its probability, ≥ 5.6 standard
  // errors (sqrt(p(1 − p)/N) ≤ 0.0035 at N = 20,000), so a correct sampler fails this < 1e-7 of the time.
  const N = 20_000;
  const TOLERANCE = 0.02;

  it.each([
    { params: {}, probabilities: [0.5, 0.5] },
    { params: { branches: 3, probabilities: [0.2, 0.5, 0.3] }, probabilities: [0.2, 0.5, 0.3] },
    { params: { branches: 4, probabilities: [0.05, 0, 0.15, 0.8] }, probabilities: [0.05, 0, 0.15, 0.8] },
  ])('matches the probabilities $probabilities over 20,000 clips (±0.02)', ({ params, probabilities }) => {
    const scene = fork(params, 11);
    const counts = new Array<number>(probabilities.length).fill(0);
    const field = scene.labelSchema.find((f) => f.name === 'branch')!;
    const frames = new Float32Array(scene.clipSize);
    const labels = new Float32Array(scene.labelSize);
    for (let i = 0; i < N; i++) {
      scene.clipInto('train', i, frames, 0, labels, 0);
      counts[labels[field.offset]!]!++;
    }
    counts.forEach((c, k) => expect(Math.abs(c / N - probabilities[k]!)).toBeLessThan(TOLERANCE));
    probabilities.forEach((p, k) => p === 0 && expect(counts[k]).toBe(0));
  });

  it('K = 1 has one future of probability 1, equal to the clip and to the mean', () => {
    const scene = fork({ branches: 1 });
    const [only] = scene.futures('train', 0);
    expect(only!.probability).toBe(1);
    expect(firstDifference(only!.frames, scene.clip('train', 0).frames)).toBe(-1);
    expect(firstDifference(scene.meanClip('train', 0), only!.frames)).toBe(-1);
  });

  it('K = 2 goes up on branch 0 and down on branch 1, at the context speed', () => {
    const scene = fork({});
    const [up, down] = scene.futures('train', 1).map((f) => unpackLabels(scene.labelSchema, f.labels));
    const last = scene.shape.T - 1;
    const junction = scene.forkFrame - 1;
    expect(up!.y![last]!).toBeLessThan(up!.y![junction]!);
    expect(down!.y![last]!).toBeGreaterThan(down!.y![junction]!);
    expect(up!.y![junction]).toBe(down!.y![junction]);
    const speed = up!.speed![0]!;
    expect(up!.x![1]! - up!.x![0]!).toBeCloseTo(speed, 4);
    expect(Math.hypot(up!.x![last]! - up!.x![last - 1]!, up!.y![last]! - up!.y![last - 1]!)).toBeCloseTo(speed, 4);
    expect(scene.labelSchema.find((f) => f.name === 'branch')).toMatchObject({ kind: 'class', classes: 2, classNames: ['up 45°', 'down 45°'] });
  });
});
