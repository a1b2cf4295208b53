/** The page's settings in its URL: PAGE_DEFAULTS, round trips, and a damaged link's messages. */
import { describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS, type ExperimentConfig } from '../../src/lab/experiment-config';
import { PRESET_NAMES } from '../../src/lab/presets';
import { PAGE_DEFAULTS, pageQuery, readPageQuery } from '../../src/ui/page-config';

describe('page settings in the URL', () => {
  test('PAGE_DEFAULTS are the engine defaults with blur and retrieval on', () => {
    expect(PAGE_DEFAULTS.evaluation.blur).toBe(true);
    expect(PAGE_DEFAULTS.evaluation.retrieval).toBe(true);
    expect({ ...PAGE_DEFAULTS, evaluation: { ...PAGE_DEFAULTS.evaluation, blur: false, retrieval: false } }).toEqual(EXPERIMENT_DEFAULTS);
  });

  test('an empty query gives PAGE_DEFAULTS, no preset and no errors; the defaults give an empty query', () => {
    for (const search of ['', '?']) {
      const read = readPageQuery(search);
      expect(read.config).toEqual(PAGE_DEFAULTS);
      expect(read.preset).toBeNull();
      expect(read.errors).toEqual([]);
    }
    expect(pageQuery(PAGE_DEFAULTS, null)).toBe('');
    expect(pageQuery(PAGE_DEFAULTS, 'masking')).toBe('?preset=masking');
  });

  test('a changed config and its preset survive the round trip', () => {
    const config: ExperimentConfig = {
      ...structuredClone(PAGE_DEFAULTS),
      scene: { name: 'fork', params: { width: 16, height: 16 } },
      mask: { ...PAGE_DEFAULTS.mask, ratio: 0.7 },
      seed: 5,
      backend: 'wasm',
      learners: ['jepa'],
      evaluation: { ...PAGE_DEFAULTS.evaluation, blur: false, probe: { ...PAGE_DEFAULTS.evaluation.probe, labelCounts: [16, 256] } },
    };
    const query = pageQuery(config, 'collapse');
    expect(query).toMatch(/^\?preset=collapse&/);
    expect(query).toContain('scene=fork');
    expect(query).toContain('s.width=16');
    expect(query).toContain('mask.ratio=0.7');
    expect(query).toContain('seed=5');
    expect(query).toContain('backend=wasm');
    expect(query).toContain('evaluation.blur=false');
    // Only what differs from PAGE_DEFAULTS is written (retrieval stays on, so it is absent).
    expect(query).not.toContain('evaluation.retrieval');
    expect(query).not.toContain('batch=');
    const read = readPageQuery(query);
    expect(read.errors).toEqual([]);
    expect(read.preset).toBe('collapse');
    expect(read.config).toEqual(config);
    // Without the leading '?' too.
    expect(readPageQuery(query.slice(1)).config).toEqual(config);
  });

  test('every preset name reads back', () => {
    for (const name of PRESET_NAMES) {
      const read = readPageQuery(pageQuery(PAGE_DEFAULTS, name));
      expect(read.preset).toBe(name);
      expect(read.errors).toEqual([]);
    }
  });

  test('a damaged link: one message per bad pair naming the field and what it allows; those fields keep the defaults', () => {
    const read = readPageQuery('?preset=nope&mask.ratio=2&batch=abc&colour=red');
    expect(read.errors).toHaveLength(4);
    expect(read.errors[0]).toBe(`preset: 'nope' is not a preset; allowed: ${PRESET_NAMES.join(', ')} (ignored)`);
    expect(read.errors[0]).toBe("preset: 'nope' is not a preset; allowed: blurry-average, collapse, sample-efficiency, masking, sharp-futures (ignored)");
    expect(read.errors[1]).toBe("mask.ratio: 2 is out of range; allowed numbers from 0 to 0.95 (from the link's 'mask.ratio'; kept the default)");
    expect(read.errors[2]).toBe("batch: 'abc' is not a number (from the link's 'batch'; kept the default)");
    expect(read.errors[3]).toMatch(/^'colour' is not a setting of this playground; ignored\. Settings: scene, s\.<scene parameter>, /);
    expect(read.errors[3]).toContain('mask.ratio');
    expect(read.preset).toBeNull();
    expect(read.config).toEqual(PAGE_DEFAULTS);
  });

  test('good pairs beside bad ones still apply', () => {
    const read = readPageQuery('?seed=7&mask.ratio=2&preset=masking&scene=nowhere&evaluation.retrieval=false');
    expect(read.preset).toBe('masking');
    expect(read.config.seed).toBe(7);
    expect(read.config.mask.ratio).toBe(PAGE_DEFAULTS.mask.ratio);
    expect(read.config.scene).toEqual(PAGE_DEFAULTS.scene);
    expect(read.config.evaluation.retrieval).toBe(false);
    expect(read.config.evaluation.blur).toBe(true);
    expect(read.errors).toHaveLength(2);
    // The scene is read first (its parameters are checked against it).
    expect(read.errors[0]).toMatch(/^scene\.name: 'nowhere' is not allowed; allowed: .*\(from the link's 'scene'; kept the scene\)$/);
    expect(read.errors[1]).toMatch(/^mask\.ratio: 2 is out of range/);
  });
});
