/** Frames are finite and in [0, 1]; every label field is present, finite and within its declared range or classes. */
import { describe, expect, it } from 'vitest';
import { labelIndex, unpackLabels } from '../../datasets/labels';
import { loadScene } from '../../datasets/registry';
import { SPLITS } from '../../datasets/splits';
import { SCENE_CONFIGS } from './configs';

const CLIPS_PER_SPLIT = 60;

describe.each(SCENE_CONFIGS)('$label', ({ name, params }) => {
  it('has a label schema that tiles the label vector', async () => {
    const scene = await loadScene(name, params, 3);
    let offset = 0;
    for (const field of scene.labelSchema) {
      expect(field.offset).toBe(offset);
      expect(field.size).toBe(field.per === 'frame' ? scene.shape.T * field.width : field.width);
      if (field.kind === 'class') expect(field.classNames).toHaveLength(field.classes);
      else expect(field.range[0]).toBeLessThanOrEqual(field.range[1]);
      offset += field.size;
    }
    expect(scene.labelSize).toBe(offset);
    expect(scene.clipSize).toBe(scene.shape.T * scene.shape.H * scene.shape.W);
    expect(new Set(scene.labelSchema.map((f) => f.name)).size).toBe(scene.labelSchema.length);
    const { labels } = scene.clip('train', 1);
    const byName = unpackLabels(scene.labelSchema, labels);
    for (const field of scene.labelSchema) {
      const frames = field.per === 'frame' ? scene.shape.T : 1;
      for (let t = 0; t < frames; t++) {
        for (let k = 0; k < field.width; k++) expect(labels[labelIndex(field, k, t)]).toBe(byName[field.name]![t * field.width + k]);
      }
    }
  });

  it('draws finite frames in [0, 1], not blank, with every label finite and within its declared range', async () => {
    const scene = await loadScene(name, params, 3);
    for (const split of SPLITS) {
      for (let i = 0; i < CLIPS_PER_SPLIT; i++) {
        const { frames, labels } = scene.clip(split, i);
        let max = 0;
        for (const v of frames) {
          if (!(v >= 0 && v <= 1)) expect.fail(`${split} clip ${i}: pixel ${v} outside [0, 1]`);
          if (v > max) max = v;
        }
        expect(max).toBeGreaterThan(0.3);
        const byName = unpackLabels(scene.labelSchema, labels);
        for (const field of scene.labelSchema) {
          for (const v of byName[field.name]!) {
            if (field.kind === 'class') {
              if (!Number.isInteger(v) || v < 0 || v >= field.classes) expect.fail(`${field.name} = ${v} is not a class of ${field.classes}`);
            } else if (!(v >= field.range[0] && v <= field.range[1])) {
              expect.fail(`${split} clip ${i}: ${field.name} = ${v} outside [${field.range}]`);
            }
          }
        }
      }
    }
  });
});
