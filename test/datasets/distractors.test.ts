/** distractors: labels ignore the distractor strengths, strength 0 is the clean bouncing frame, each distractor behaves as documented. */
import { describe, expect, it } from 'vitest';
import { createScene } from '../../datasets/registry';
import type { Scene } from '../../datasets/scene';
import { firstDifference } from './bytes';

const OFF = { noise: 0, flicker: 0, background: 0 };
const SIZE = { frames: 6, height: 24, width: 40, balls: 3, radius: 2.5, speed: 1.7 };

const scene = (params: Record<string, unknown>, seed = 9): Scene => createScene('distractors', { ...SIZE, ...params }, seed);

describe('distractors', () => {
  it('gives the same labels whatever the strengths', () => {
    const settings = [OFF, { noise: 1, flicker: 1, background: 1 }, { noise: 0.3, flicker: 0, background: 0 }, { noise: 0, flicker: 0.8, background: 0 }, { noise: 0, flicker: 0, background: 0.6 }];
    const scenes = settings.map((s) => scene(s));
    for (let i = 0; i < 30; i++) {
      const reference = scenes[0]!.clip('train', i).labels;
      for (const s of scenes.slice(1)) expect(firstDifference(s.clip('train', i).labels, reference)).toBe(-1);
    }
  });

  it('at strength 0 everywhere is exactly the clean bouncing clip (black outside the balls)', () => {
    const clean = scene(OFF);
    const bouncing = createScene('bouncing', SIZE, 9);
    for (let i = 0; i < 30; i++) {
      const a = clean.clip('validation', i);
      const b = bouncing.clip('validation', i);
      expect(firstDifference(a.frames, b.frames)).toBe(-1);
      expect(firstDifference(a.labels, b.labels)).toBe(-1);
    }
    const lit = scene(OFF).clip('train', 0).frames.filter((v) => v > 0).length;
    expect(lit).toBeLessThan(SIZE.frames * SIZE.balls * Math.PI * (SIZE.radius + 1) ** 2);
  });

  it('contentClip is the balls alone: the bouncing clip of the same seed, whatever the distractors', () => {
    const noisy = scene({ noise: 1, flicker: 1, background: 1 });
    const bouncing = createScene('bouncing', SIZE, 9);
    for (let i = 0; i < 10; i++) {
      expect(firstDifference(noisy.contentClip('test', i), bouncing.clip('test', i).frames)).toBe(-1);
      expect(firstDifference(noisy.contentClip('test', i), noisy.clip('test', i).frames)).not.toBe(-1);
    }
    expect(() => noisy.contentClip('test', -1)).toThrow(/index/);
  });

  it('changes the frames with each distractor on, and the same distractor gives the same pixels whatever the others', () => {
    const clean = scene(OFF).clip('train', 4).frames;
    for (const kind of ['noise', 'flicker', 'background']) {
      const on = scene({ ...OFF, [kind]: 0.7 }).clip('train', 4).frames;
      const changed = on.filter((v, i) => v !== clean[i]).length;
      expect(changed, kind).toBeGreaterThan(on.length / 20);
    }
  });

  it('drifts the background by a constant integer shift each frame (predictable)', () => {
    const s = scene({ ...OFF, background: 1, balls: 1, radius: 1 });
    const { T, H, W } = s.shape;
    for (let index = 0; index < 10; index++) {
      const frames = s.clip('train', index).frames;
      const balls = createScene('bouncing', { ...SIZE, balls: 1, radius: 1 }, 9).clip('train', index).frames;
      const free = (t: number, i: number, j: number) => balls[t * H * W + i * W + j] === 0;
      let found: [number, number] | null = null;
      for (let dy = -2; dy <= 2 && !found; dy++) {
        for (let dx = -2; dx <= 2 && !found; dx++) {
          let ok = true;
          for (let t = 0; t + 1 < T && ok; t++) {
            for (let i = 2; i < H - 2 && ok; i++) {
              for (let j = 2; j < W - 2 && ok; j++) {
                // Frame t + 1 at (i, j) shows what frame t showed at (i + dy, j + dx).
                if (!free(t + 1, i, j) || !free(t, i + dy, j + dx)) continue;
                ok = frames[(t + 1) * H * W + i * W + j] === frames[t * H * W + (i + dy) * W + j + dx];
              }
            }
          }
          if (ok && (dx !== 0 || dy !== 0)) found = [dx, dy];
        }
      }
      expect(found, `clip ${index}: no constant drift explains the background`).not.toBeNull();
    }
  });

  it('redraws noise and flicker every frame (unpredictable), inside [0, 1]', () => {
    for (const kind of ['noise', 'flicker']) {
      const frames = scene({ ...OFF, [kind]: 1 }).clip('train', 2).frames;
      const frameSize = SIZE.height * SIZE.width;
      for (let t = 1; t < SIZE.frames; t++) {
        const a = frames.subarray((t - 1) * frameSize, t * frameSize);
        const b = frames.subarray(t * frameSize, (t + 1) * frameSize);
        expect(firstDifference(a, b), `${kind}, frame ${t}`).not.toBe(-1);
      }
      for (const v of frames) if (!(v >= 0 && v <= 1)) expect.fail(`${kind}: pixel ${v}`);
    }
    const noisy = scene({ ...OFF, noise: 1 }).clip('test', 0).frames;
    const mean = noisy.reduce((s, v) => s + v, 0) / noisy.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
