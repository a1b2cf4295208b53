import { describe, expect, test } from 'vitest';
import { SCENE_NAMES, SCENE_PARAMS } from '../../datasets/registry';
import { resolveParams } from '../../datasets/params';
import { defaultMaskRatio, MASK_STRATEGIES, MAX_MASK_RATIO } from '../../models/masking';
import { CONFIG_CONTROLS, CONTROL_GROUPS, ruleOf, sceneParamControls } from '../../src/ui/config-controls';

describe('CONFIG_CONTROLS', () => {
  test('every control has a rule, a known group, a label and one sentence of help', () => {
    const groups = CONTROL_GROUPS.map((g) => g.group);
    for (const c of CONFIG_CONTROLS) {
      expect(() => ruleOf(c.path), c.path).not.toThrow();
      expect(groups, c.path).toContain(c.group);
      expect(c.label.length, c.path).toBeGreaterThan(0);
      expect(c.help, c.path).toMatch(/^[A-Z].*\.$/);
    }
  });

  test('lists the fields in the agreed order, each once', () => {
    expect(CONFIG_CONTROLS.map((c) => c.path)).toEqual([
      'scene.name', 'mask.strategy', 'mask.ratio', 'jepa.antiCollapse', 'jepa.lambda', 'jepa.sigregScope', 'jepa.targets', 'encoderPositions', 'hypotheses',
      'encoder.width', 'encoder.depth', 'predictor.width', 'predictor.depth', 'optimizer.learningRate',
      'batch', 'seed', 'steps', 'evaluation.controls.sigregOnly', 'evaluation.controls.rawPixels', 'backend', 'readEvery',
    ]);
  });

  test('selects edit choices; the mask ratio is a 0.01-step slider up to MAX_MASK_RATIO (so every default ratio is on a step)', () => {
    for (const c of CONFIG_CONTROLS.filter((c) => c.input === 'select')) expect(ruleOf(c.path).kind, c.path).toBe('choice');
    const ratio = CONFIG_CONTROLS.find((c) => c.path === 'mask.ratio')!;
    expect(ratio).toMatchObject({ input: 'range', step: 0.01 });
    for (const strategy of MASK_STRATEGIES) expect(Math.round(defaultMaskRatio(strategy) * 100) / 100, strategy).toBe(defaultMaskRatio(strategy));
    expect(ruleOf('mask.ratio')).toEqual({ kind: 'number', min: 0, max: MAX_MASK_RATIO });
    expect(ruleOf('backend')).toEqual({ kind: 'choice', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] });
    expect(CONFIG_CONTROLS.find((c) => c.path === 'hypotheses')!.label).toBe('latent K');
    expect(CONFIG_CONTROLS.find((c) => c.path === 'readEvery')!.label).toBe('steps between UI updates');
  });

  test('ruleOf throws for an unknown path, naming it', () => {
    expect(() => ruleOf('mask.colour')).toThrow(/mask\.colour/);
  });
});

describe('sceneParamControls', () => {
  test.each(SCENE_NAMES)('%s: numeric params with min ≤ default ≤ max, integers stepping by 1', (scene) => {
    const controls = sceneParamControls(scene, {});
    const resolved = resolveParams(scene, SCENE_PARAMS[scene], {});
    const numeric = Object.entries(SCENE_PARAMS[scene]).filter(([, s]) => s.kind !== 'probabilities');
    expect(controls.map((c) => c.name)).toEqual(numeric.map(([name]) => name));
    for (const c of controls) {
      const spec = SCENE_PARAMS[scene][c.name]!;
      expect(c.value, c.name).toBe(resolved[c.name]);
      expect(c.min, c.name).toBeLessThanOrEqual(c.value);
      expect(c.value, c.name).toBeLessThanOrEqual(c.max);
      expect(c.help, c.name).toBe(spec.description);
      if (spec.kind === 'integer') expect(c.step, c.name).toBe(1);
    }
  });

  test('ranges are computed from the other parameters (a smaller frame, a smaller radius limit)', () => {
    const radius = (params: Record<string, unknown>) => sceneParamControls('bouncing', params).find((c) => c.name === 'radius')!;
    expect(radius({}).max).toBe(8);
    expect(radius({ width: 16, height: 16 })).toMatchObject({ min: 1, max: 4, value: 3 });
    const forkFrame = sceneParamControls('fork', { frames: 12 }).find((c) => c.name === 'forkFrame')!;
    expect(forkFrame).toMatchObject({ min: 1, max: 11, value: 6 });
  });

  test('fork skips its probability vector', () => {
    expect(sceneParamControls('fork', {}).map((c) => c.name)).not.toContain('probabilities');
  });
});
