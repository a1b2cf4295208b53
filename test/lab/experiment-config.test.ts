import { describe, expect, test } from 'vitest';
import { parseExperimentJson, experimentConfigFrom, experimentConfigToJson } from '../../src/lab/config-json';
import { decodeExperimentQuery, encodeExperimentQuery } from '../../src/lab/config-url';
import { tokenGrid } from '../../models/tubelets';
import { EXPERIMENT_DEFAULTS, evaluationSteps, futureProbeFrames, validateExperimentConfig, type ExperimentConfig } from '../../src/lab/experiment-config';

const forkRun: ExperimentConfig = {
  ...EXPERIMENT_DEFAULTS,
  scene: { name: 'fork', params: { branches: 3, probabilities: [0.2, 0.3, 0.5], width: 16, height: 16 } },
  mask: { strategy: 'future-frames', ratio: 0.5 },
  learners: ['pixel'],
  hypotheses: 2,
  seed: 7,
  jepa: { ...EXPERIMENT_DEFAULTS.jepa, antiCollapse: 'vicreg', lambda: 0.1 },
  pixel: { normalizePatches: true, bottleneck: 8 },
  evaluation: {
    ...EXPERIMENT_DEFAULTS.evaluation,
    blur: true,
    probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, labelCounts: [8, 32], fields: ['x', 'branch'], futureOffset: 3, attentive: false },
    controls: { sigregOnly: true, rawPixels: true },
  },
};

describe('experiment config', () => {
  test('the defaults are valid', () => {
    expect(() => validateExperimentConfig(EXPERIMENT_DEFAULTS)).not.toThrow();
  });

  test.each([
    [{ batch: 0 }, 'batch: 0 is out of range; allowed integers from 2 to 1024'],
    [{ backend: 'cuda' }, "backend: 'cuda' is not allowed; allowed: auto, webgpu, webgl, wasm, cpu"],
    [{ mask: { strategy: 'random-patches', ratio: 0.99 } }, 'mask.ratio: 0.99 is out of range; allowed numbers from 0 to 0.95'],
    [{ jepa: { ...EXPERIMENT_DEFAULTS.jepa, lambda: -1 } }, 'jepa.lambda: -1 is out of range; allowed numbers from 0 to 1'],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, points: 0 } }, 'evaluation.points: 0 is out of range; allowed integers from 1 to 40'],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, labelCounts: [16, 1.5] } } }, 'evaluation.probe.labelCounts[1]: 1.5 is out of range; allowed integers from 2 to 4096'],
    [{ scene: { name: 'fork', params: { branches: 9 } } }, 'scene.params.branches: fork: branches = 9 is out of range'],
    [{ scene: { name: 'pong', params: {} } }, "scene.name: 'pong' is not allowed; allowed: bouncing, fork, distractors, shapes, digits"],
    [{ tubelet: { t: 3, h: 8, w: 8 } }, 'T: 8 is not allowed; allowed: a positive multiple of tubelet.t = 3'],
    [{ readEvery: Number.NaN }, 'readEvery: NaN is out of range; allowed integers from 1 to 10000'],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, controls: { sigregOnly: 'yes', rawPixels: true } } }, "evaluation.controls.sigregOnly: 'yes' is not allowed; allowed true or false"],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, controls: { sigregOnly: true } } }, 'evaluation.controls.rawPixels: undefined is not allowed; allowed true or false'],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, futureOffset: 0 } } }, 'evaluation.probe.futureOffset: 0 is out of range; allowed integers from 1 to 64'],
    // 8 frames, 4 token time steps: the context is frames 0–3, so at most 4 frames after its last.
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, futureOffset: 5 } } }, "evaluation.probe.futureOffset: 5 is out of range; allowed: integers from 1 to 4 (frames after the context's last frame, 3, in a clip of 8 frames)"],
    [{ evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, probe: { ...EXPERIMENT_DEFAULTS.evaluation.probe, attentive: 1 } } }, 'evaluation.probe.attentive: 1 is not allowed; allowed true or false'],
  ])('a bad field is named with its allowed range: %j', (change, message) => {
    expect(() => validateExperimentConfig({ ...EXPERIMENT_DEFAULTS, ...change } as ExperimentConfig)).toThrow(message);
  });

  test('the future probe: context = the first half of the token time steps; an offset past the clip is fine while dynamics are off', () => {
    const grid = tokenGrid({ T: 8, H: 32, W: 32 }, { t: 2, h: 8, w: 8 });
    expect(futureProbeFrames(grid, 2)).toEqual({ contextSteps: 2, contextFrames: 4, targetFrame: 5 });
    expect(futureProbeFrames(tokenGrid({ T: 8, H: 32, W: 32 }, { t: 1, h: 8, w: 8 }), 1)).toEqual({ contextSteps: 4, contextFrames: 4, targetFrame: 4 });
    expect(futureProbeFrames(tokenGrid({ T: 2, H: 32, W: 32 }, { t: 2, h: 8, w: 8 }), 1)).toBeNull();
    const probe = { ...EXPERIMENT_DEFAULTS.evaluation.probe, futureOffset: 9, dynamics: false };
    expect(() => validateExperimentConfig({ ...EXPERIMENT_DEFAULTS, evaluation: { ...EXPERIMENT_DEFAULTS.evaluation, probe } })).not.toThrow();
  });

  test('evaluation steps: 0, then a doubling schedule ending at the last step', () => {
    expect(evaluationSteps(500, 5)).toEqual([0, 31, 63, 125, 250, 500]);
    expect(evaluationSteps(3, 5)).toEqual([0, 1, 2, 3]);
    expect(evaluationSteps(100, 1)).toEqual([0, 100]);
  });
});

describe('config as JSON', () => {
  test('round trip', () => {
    expect(parseExperimentJson(experimentConfigToJson(forkRun))).toEqual(forkRun);
  });

  test('a partial file fills the rest from the defaults; a new scene does not inherit the old parameters', () => {
    const config = parseExperimentJson('{"steps": 40, "mask": {"ratio": 0.3}}');
    expect(config.steps).toBe(40);
    expect(config.mask).toEqual({ strategy: EXPERIMENT_DEFAULTS.mask.strategy, ratio: 0.3 });
    expect(config.batch).toBe(EXPERIMENT_DEFAULTS.batch);
    expect(experimentConfigFrom({ scene: { name: 'bouncing' } }, forkRun).scene).toEqual({ name: 'bouncing', params: {} });
  });

  test.each([
    ['{"stpes": 4}', 'stpes: unknown field; allowed fields: learners'],
    ['{"mask": {"ratoi": 0.3}}', 'mask.ratoi: unknown field; allowed fields of mask: strategy, ratio'],
    ['{"mask": 0.3}', 'mask: 0.3 is not allowed; allowed: an object with fields strategy, ratio'],
    ['{"steps": "many"}', "steps: 'many' is out of range; allowed integers from 1 to 10000000"],
    ['{"evaluation": {"controls": {"sigregonly": true}}}', 'evaluation.controls.sigregonly: unknown field; allowed fields of evaluation.controls: sigregOnly, rawPixels'],
    ['{"evaluation": {"controls": true}}', 'evaluation.controls: true is not allowed; allowed: an object with fields sigregOnly, rawPixels'],
    ['{steps: 4}', 'config: not valid JSON'],
  ])('%s is rejected naming the field', (text, message) => {
    expect(() => parseExperimentJson(text)).toThrow(message);
  });
});

describe('config in the URL', () => {
  test('the defaults encode to nothing; a changed config round-trips with only its differences', () => {
    expect(encodeExperimentQuery(EXPERIMENT_DEFAULTS)).toBe('');
    const query = encodeExperimentQuery(forkRun);
    expect(query).toContain('scene=fork');
    expect(query).toContain('s.probabilities=0.2,0.3,0.5');
    expect(query).toContain('mask.strategy=future-frames');
    expect(query).not.toContain('batch=');
    const decoded = decodeExperimentQuery(`?${query}`);
    expect(decoded.errors).toEqual([]);
    expect(decoded.config).toEqual(forkRun);
  });

  test('a malformed or out-of-range pair names the field and keeps its default; the rest applies', () => {
    const { config, errors } = decodeExperimentQuery('seed=5&mask.ratio=2&batch=abc&colour=red&scene=fork&s.branches=99&evaluation.blur=maybe&evaluation.controls.rawPixels=sometimes');
    expect(config.seed).toBe(5);
    expect(config.scene.name).toBe('fork');
    expect(config.scene.params).toEqual({});
    expect(config.mask.ratio).toBe(EXPERIMENT_DEFAULTS.mask.ratio);
    expect(config.batch).toBe(EXPERIMENT_DEFAULTS.batch);
    expect(config.evaluation.blur).toBe(false);
    expect(errors).toHaveLength(6);
    expect(errors.join('\n')).toContain("evaluation.controls.rawPixels: 'sometimes' is not allowed; allowed true or false");
    expect(config.evaluation.controls.rawPixels).toBe(false);
    expect(errors.join('\n')).toContain('mask.ratio: 2 is out of range; allowed numbers from 0 to 0.95');
    expect(errors.join('\n')).toContain("batch: 'abc' is not a number");
    expect(errors.join('\n')).toContain("'colour' is not a setting of this playground");
    expect(errors.join('\n')).toContain('scene.params.branches');
    expect(errors.join('\n')).toContain("evaluation.blur: 'maybe' is not allowed; allowed true or false");
  });

  test('the relaxed-WTA schedule: a link without it anneals (the default), one may set it, a bad value names the choices', () => {
    expect(decodeExperimentQuery('hypotheses=2&wtaRelax=0.1').config).toMatchObject({ hypotheses: 2, wtaRelax: 0.1, wtaRelaxSchedule: 'linear-to-zero' });
    const constant = { ...EXPERIMENT_DEFAULTS, wtaRelaxSchedule: 'constant' as const };
    expect(encodeExperimentQuery(constant)).toBe('wtaRelaxSchedule=constant');
    expect(decodeExperimentQuery('wtaRelaxSchedule=constant')).toEqual({ config: constant, errors: [] });
    expect(decodeExperimentQuery('wtaRelaxSchedule=cosine').errors).toEqual([
      "wtaRelaxSchedule: 'cosine' is not allowed; allowed: linear-to-zero, constant (from the link's 'wtaRelaxSchedule'; kept the default)",
    ]);
  });
});
