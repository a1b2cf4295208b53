/** Prediction skill over the position-mean baseline: perfect, context-free and partial predictions, content tokens, argument checks. */
import { describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { positionMeans, predictionSkill, type SkillInputs } from '../../models/prediction-skill';

const [C, N, D] = [40, 5, 3];

function gaussian(count: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}

/** Targets = a per-position offset (what position alone tells) + a per-clip part (what only the context tells). */
function inputs(predicted: (target: Float32Array, byPosition: Float32Array) => Float32Array, content?: Uint8Array): SkillInputs {
  const byPosition = gaussian(N * D, 1).map((v) => 5 * v);
  const perClip = gaussian(C * N * D, 2);
  const target = perClip.map((v, j) => v + byPosition[j % (N * D)]!);
  return { clips: C, hidden: N, width: D, predicted: predicted(target, byPosition), target, baseline: byPosition, content: content ?? new Uint8Array(C * N).fill(1) };
}

describe('predictionSkill', () => {
  test('a perfect prediction scores 1 three ways', () => {
    const s = predictionSkill(inputs((t) => t.slice()));
    expect(s.all).toBe(1);
    expect(s.content).toBe(1);
    expect(s.debiased).toBe(1);
  });

  test('predicting each position by its mean target (no context) scores ≈ 0 on all tokens and exactly 0 debiased', () => {
    const s = predictionSkill(inputs((t) => {
      const means = positionMeans(t, C, N, D);
      return Float32Array.from({ length: C * N * D }, (_, j) => means[j % (N * D)]!);
    }));
    expect(Math.abs(s.all)).toBeLessThan(0.1); // the scored clips' own mean, against a baseline from "other" clips
    expect(s.debiased).toBeCloseTo(0, 6);
  });

  test('any prediction that ignores the clip scores exactly 0 debiased, even one far from the baseline', () => {
    const s = predictionSkill(inputs(() => Float32Array.from({ length: C * N * D }, (_, j) => 100 + (j % (N * D)))));
    expect(s.debiased).toBeCloseTo(0, 6);
    expect(s.all).toBeLessThan(-10);
  });

  test('knowing half of the per-clip part scores 1 − 0.25/1 ≈ 0.75 debiased (error (x/2)² of variance 1)', () => {
    const s = predictionSkill(inputs((t, byPosition) => t.map((v, j) => byPosition[j % (N * D)]! + (v - byPosition[j % (N * D)]!) / 2)));
    expect(s.all).toBeCloseTo(0.75, 1);
    expect(s.debiased).toBeCloseTo(0.75, 1);
  });

  test('content skill reads only the flagged tokens, and reports their share', () => {
    // Perfect on clips' first token, context-free (baseline) elsewhere; only the first tokens are content.
    const content = Uint8Array.from({ length: C * N }, (_, i) => (i % N === 0 ? 1 : 0));
    const s = predictionSkill(inputs((t, byPosition) => t.map((v, j) => (Math.floor(j / D) % N === 0 ? v : byPosition[j % (N * D)]!)), content));
    expect(s.content).toBe(1);
    expect(s.all).toBeGreaterThan(0.1);
    expect(s.all).toBeLessThan(0.35);
    expect(s.contentShare).toBeCloseTo(1 / N, 12);
  });

  test('no content token: content skill is NaN (nothing to score), not a number that looks measured', () => {
    expect(predictionSkill(inputs((t) => t.slice(), new Uint8Array(C * N))).content).toBeNaN();
  });

  test('a size mismatch names the array and the sizes', () => {
    const good = inputs((t) => t.slice());
    expect(() => predictionSkill({ ...good, baseline: new Float32Array(3) })).toThrow(/baseline holds 3 values, 15 expected/);
    expect(() => predictionSkill({ ...good, content: new Uint8Array(1) })).toThrow(/content holds 1 values/);
  });
});

describe('positionMeans', () => {
  test('is the mean over clips at each position', () => {
    const values = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]); // 2 clips × 2 tokens × 2
    expect(Array.from(positionMeans(values, 2, 2, 2))).toEqual([3, 4, 5, 6]);
  });
});
