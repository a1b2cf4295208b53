import { describe, expect, test } from 'vitest';
import { EXPERIMENT_DEFAULTS } from '../../src/lab/experiment-config';
import { changedFields, editError, LIVE_FIELDS, parseControlValue, restartNeeded, withValue } from '../../src/ui/config-edit';

const base = () => structuredClone(EXPERIMENT_DEFAULTS);

describe('withValue', () => {
  test('sets a nested path on a copy and leaves the input alone', () => {
    const config = base();
    const before = structuredClone(config);
    const next = withValue(config, 'mask.ratio', 0.7);
    expect(next.mask.ratio).toBe(0.7);
    expect(next.mask.strategy).toBe(config.mask.strategy);
    expect(config).toEqual(before);
    expect(next.encoder).not.toBe(config.encoder);
  });

  test('sets top-level fields and scene parameters', () => {
    const config = base();
    expect(withValue(config, 'batch', 8).batch).toBe(8);
    const next = withValue(config, 'scene.params.radius', 2);
    expect(next.scene.params).toEqual({ radius: 2 });
    expect(config.scene.params).toEqual({});
  });
});

describe('parseControlValue', () => {
  test('numbers via Number(), empty text as NaN', () => {
    expect(parseControlValue('0.25', { kind: 'number', min: 0, max: 1 })).toBe(0.25);
    expect(parseControlValue('1e-3', { kind: 'number', min: 0, max: 1 })).toBe(0.001);
    expect(parseControlValue('32', { kind: 'integer', min: 2, max: 1024 })).toBe(32);
    expect(parseControlValue('', { kind: 'integer', min: 2, max: 1024 })).toBeNaN();
    expect(parseControlValue('  ', { kind: 'number', min: 0, max: 1 })).toBeNaN();
    expect(parseControlValue('abc', { kind: 'number', min: 0, max: 1 })).toBeNaN();
  });

  test('booleans from true/false, choices as given', () => {
    expect(parseControlValue('true', { kind: 'boolean' })).toBe(true);
    expect(parseControlValue('false', { kind: 'boolean' })).toBe(false);
    expect(parseControlValue('yes', { kind: 'boolean' })).toBe('yes');
    expect(parseControlValue('ema', { kind: 'choice', options: ['sigreg', 'ema'] })).toBe('ema');
  });
});

describe('changedFields and restartNeeded', () => {
  test('nothing differs between equal configs', () => {
    expect(changedFields(base(), base())).toEqual([]);
  });

  test('mask.ratio and readEvery changed: a restart needs only mask.ratio', () => {
    const edited = withValue(withValue(base(), 'mask.ratio', 0.7), 'readEvery', 50);
    expect(changedFields(base(), edited)).toEqual(['mask.ratio', 'readEvery']);
    expect(restartNeeded(base(), edited)).toEqual(['mask.ratio']);
    expect(LIVE_FIELDS).toEqual(['readEvery']);
    expect(restartNeeded(base(), withValue(base(), 'readEvery', 50))).toEqual([]);
  });

  test('scene parameters by name, lists whole', () => {
    const edited = withValue(withValue(base(), 'scene.params.radius', 2), 'learners', ['jepa']);
    expect(changedFields(base(), edited)).toEqual(['learners', 'scene.params.radius']);
  });

  test('a scene parameter set to its default is no change; another scene is', () => {
    expect(changedFields(base(), withValue(base(), 'scene.params.balls', 2))).toEqual([]);
    expect(changedFields(base(), withValue(base(), 'scene.name', 'fork'))).toEqual(['scene.name']);
  });
});

describe('editError', () => {
  test('null for a valid config', () => {
    expect(editError(base())).toBeNull();
  });

  test('names the field, the value and the allowed range', () => {
    expect(editError(withValue(base(), 'batch', 0))).toBe('batch: 0 is out of range; allowed integers from 2 to 1024');
    expect(editError(withValue(base(), 'mask.ratio', 0.99))).toMatch(/^mask\.ratio: 0\.99 is out of range; allowed numbers from 0 to 0\.95/);
    expect(editError(withValue(base(), 'scene.params.radius', 20))).toMatch(/^scene\.params\.radius: .*allowed: a number from 1 to 8/);
    expect(editError(withValue(base(), 'steps', Number.NaN))).toMatch(/^steps: NaN is out of range/);
  });
});
