/** Same seed → same bytes; different seeds → different clips; any clip can be regenerated alone, in any order. */
import { describe, expect, it } from 'vitest';
import { loadScene } from '../../datasets/registry';
import { SPLITS } from '../../datasets/splits';
import { clipBytes, firstDifference } from './bytes';
import { SCENE_CONFIGS } from './configs';

describe.each(SCENE_CONFIGS)('$label', ({ name, params }) => {
  it('gives identical bytes for the same seed, from two separate scene objects', async () => {
    const a = await loadScene(name, params, 2024);
    const b = await loadScene(name, params, 2024);
    for (const split of SPLITS) {
      for (const index of [0, 1, 5, 1_000_003]) expect(firstDifference(clipBytes(b.clip(split, index)), clipBytes(a.clip(split, index)))).toBe(-1);
    }
  });

  it('gives different clips for different seeds, indices and splits', async () => {
    const a = await loadScene(name, params, 1);
    const b = await loadScene(name, params, 2);
    for (let i = 0; i < 5; i++) expect(firstDifference(clipBytes(a.clip('train', i)), clipBytes(b.clip('train', i)))).not.toBe(-1);
    expect(firstDifference(clipBytes(a.clip('train', 0)), clipBytes(a.clip('train', 1)))).not.toBe(-1);
    expect(firstDifference(clipBytes(a.clip('train', 3)), clipBytes(a.clip('test', 3)))).not.toBe(-1);
  });

  it('contentClip holds the clip itself, or (distractors) a clip with fewer lit pixels', async () => {
    const scene = await loadScene(name, params, 5);
    for (const i of [0, 3]) {
      const { frames } = scene.clip('validation', i);
      const content = scene.contentClip('validation', i);
      expect(content).toHaveLength(frames.length);
      if (name === 'distractors') expect(content.filter((v) => v > 0).length).toBeLessThan(frames.filter((v) => v > 0).length);
      else expect(firstDifference(content, frames)).toBe(-1);
    }
  });

  it('regenerates clip i alone exactly as after other clips, in any order, and clipInto matches clip()', async () => {
    const inOrder = await loadScene(name, params, 77);
    const seen = Array.from({ length: 8 }, (_, i) => clipBytes(inOrder.clip('validation', i)));
    const alone = await loadScene(name, params, 77);
    for (const i of [6, 2, 7, 0]) expect(firstDifference(clipBytes(alone.clip('validation', i)), seen[i]!)).toBe(-1);
    const frames = new Float32Array(alone.clipSize * 3 + 5).fill(0.5);
    const labels = new Float32Array(alone.labelSize * 2 + 3).fill(-1);
    alone.clipInto('validation', 4, frames, alone.clipSize + 5, labels, alone.labelSize + 3);
    const written = { frames: frames.subarray(alone.clipSize + 5, 2 * alone.clipSize + 5), labels: labels.subarray(alone.labelSize + 3) };
    expect(firstDifference(clipBytes(written), seen[4]!)).toBe(-1);
    expect(frames[alone.clipSize + 4]).toBe(0.5);
    expect(frames[2 * alone.clipSize + 5]).toBe(0.5);
    expect(labels[alone.labelSize + 2]).toBe(-1);
  });
});
