import { describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS } from '../../src/lab/experiment-config';
import { PRESETS } from '../../src/lab/presets';
import { newRunRecord } from '../../src/lab/run-record';
import { axisFromFlag, plannedRuns, sweepVariants, variantConfig } from '../../src/lab/sweep';
import { sweptHeadline } from '../../src/lab/swept-headline';

describe('sweeps', () => {
  test('the grid is the product of the axes, first axis slowest; each run gets its seed', () => {
    const axes = [axisFromFlag('mask.ratio', ['0.3', '0.6']), axisFromFlag('jepa.lambda', ['0', '0.1', '0.2'])];
    const variants = sweepVariants(axes);
    expect(variants).toHaveLength(6);
    expect(variants[1]).toEqual({ labels: { 'mask.ratio': '0.3', 'jepa.lambda': '0.1' }, query: 'mask.ratio=0.3&jepa.lambda=0.1' });
    const runs = plannedRuns({ base: EXPERIMENT_DEFAULTS, axes, seeds: [4, 5] });
    expect(runs).toHaveLength(12);
    expect(runs[3]!.config).toMatchObject({ seed: 5, mask: { ratio: 0.3 }, jepa: { lambda: 0.1 } });
    expect(sweepVariants([])).toEqual([{ labels: {}, query: '' }]);
  });

  test('a bad sweep value fails before any run, naming the field and its range', () => {
    expect(() => plannedRuns({ base: EXPERIMENT_DEFAULTS, axes: [axisFromFlag('mask.ratio', ['0.5', '1.5'])], seeds: [1] })).toThrow('mask.ratio: 1.5 is out of range; allowed numbers from 0 to 0.95');
    expect(() => variantConfig(EXPERIMENT_DEFAULTS, 'mask.ratoi=0.5', 1)).toThrow("'mask.ratoi' is not a setting of this playground");
  });
});

describe('headline of a sweep with extra axes', () => {
  test('one headline per value of an axis the preset does not sweep; none when the extra axis has one value', () => {
    const preset = PRESETS['sample-efficiency'];
    const records = ['distractors', 'digits'].map((scene) => newRunRecord({ scene }, preset.base));
    expect(Object.keys(sweptHeadline(preset, records, ['scene']))).toEqual(['scene = distractors', 'scene = digits']);
    expect(sweptHeadline(preset, records.slice(0, 1), ['scene'])).toHaveProperty('framesRatioPixelOverJepa');
  });
});
