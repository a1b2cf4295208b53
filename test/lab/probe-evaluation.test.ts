import { beforeAll, describe, expect, test } from 'vitest';
import { buildLabelSchema } from '../../datasets/labels';
import { Random } from '../../datasets/random';
import { selectBackend } from '../../models/backend';
import { probeScores, resolveProbeTargets, type ProbeData, type ProbeSplit } from '../../src/lab/probe-evaluation';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

// Two clips' worth of schema: a class label and a 2-frame regression field.
const { fields: schema, size: labelSize } = buildLabelSchema(
  [
    { name: 'kind', kind: 'class', per: 'clip', width: 1, classes: 2, classNames: ['a', 'b'], description: '' },
    { name: 'x', kind: 'regression', per: 'frame', width: 1, range: [0, 1], unit: 'px', description: '' },
  ],
  2,
);

/** Features [n, 3] of which x's two frames are linear maps, and the class is the sign of feature 0. */
function split(n: number, seed: number): ProbeSplit {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const x = new Float32Array(n * 3);
  const labels = new Float32Array(n * labelSize);
  for (let c = 0; c < n; c++) {
    const f = [rand(), rand(), rand()];
    x.set(f, c * 3);
    labels[c * labelSize] = f[0]! > 0 ? 1 : 0;
    labels[c * labelSize + 1] = 2 * f[1]! - f[2]!;
    labels[c * labelSize + 2] = f[0]! + 0.5 * f[2]!;
  }
  return { x, labels, n };
}

describe('probe evaluation', () => {
  test('targets: [] means every field; names select; an unknown name is an error naming the field', () => {
    expect(resolveProbeTargets(schema, []).regression.map((f) => f.name)).toEqual(['x']);
    expect(resolveProbeTargets(schema, ['kind']).classes.map((f) => f.name)).toEqual(['kind']);
    expect(resolveProbeTargets(schema, ['kind']).regression).toEqual([]);
    expect(() => resolveProbeTargets(schema, ['y'])).toThrow("evaluation.probe.fields: 'y' is not a label of this scene; allowed: kind, x");
  });

  test('a linear relation is recovered (R² ≈ 1, accuracy ≈ 1); fewer labelled clips use only the first ones', async () => {
    const data = { featureSize: 3, labelSize, train: split(200, 1), validation: split(100, 2), test: split(100, 3) };
    const scores = await probeScores(data, resolveProbeTargets(schema, []), 200);
    expect(scores['probe.r2']).toBeGreaterThan(0.99);
    expect(scores['probe.r2.x']).toBeCloseTo(scores['probe.r2']!, 10);
    expect(scores['probe.accuracy.kind']).toBeGreaterThan(0.9);
    const few = await probeScores(data, resolveProbeTargets(schema, ['x']), 4);
    expect(few['probe.r2']).toBeLessThan(scores['probe.r2']!);
    await expect(probeScores(data, resolveProbeTargets(schema, []), 201)).rejects.toThrow('labelled clips: 201 asked, 200 encoded');
  });

  test('dynamics: velocity from the whole clip, the future from the context only (beside the context end); off unless asked', async () => {
    const T = 4;
    const motion = buildLabelSchema(
      ['x', 'vx'].map((name) => ({ name, kind: 'regression' as const, per: 'frame' as const, width: 1, range: [0, 1] as const, unit: 'px', description: '' })).concat(
        ['y', 'vy'].map((name) => ({ name, kind: 'regression' as const, per: 'frame' as const, width: 1, range: [0, 1] as const, unit: 'px', description: '' })),
      ),
      T,
    );
    const field = (name: string) => motion.fields.find((f) => f.name === name)!;
    // Constant velocity per clip; features: every frame's position (whole clip) or frames 0–1 only (context).
    const clips = (n: number, seed: number, contextIsNoise = false) => {
      const rng = new Random(seed);
      const labels = new Float32Array(n * motion.size);
      const whole = new Float32Array(n * 4 * T);
      const context = new Float32Array(n * 4);
      for (let c = 0; c < n; c++) {
        const [x0, y0, vx, vy] = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
        for (let t = 0; t < T; t++) {
          const [x, y] = [x0 + t * vx, y0 + t * vy];
          labels[c * motion.size + field('x').offset + t] = x;
          labels[c * motion.size + field('y').offset + t] = y;
          labels[c * motion.size + field('vx').offset + t] = vx;
          labels[c * motion.size + field('vy').offset + t] = vy;
          whole.set([x, y, x + 0.01 * rng.normal(), y + 0.01 * rng.normal()], c * 4 * T + 4 * t);
        }
        context.set(contextIsNoise ? [rng.normal(), rng.normal(), rng.normal(), rng.normal()] : [x0, y0, x0 + vx, y0 + vy], c * 4);
      }
      return { split: { x: whole, labels, n }, context };
    };
    const data = (contextIsNoise: boolean): ProbeData => {
      const [train, validation, test] = [clips(200, 1, contextIsNoise), clips(100, 2, contextIsNoise), clips(100, 3, contextIsNoise)];
      return { featureSize: 4 * T, labelSize: motion.size, train: train.split, validation: validation.split, test: test.split, context: { featureSize: 4, train: train.context, validation: validation.context, test: test.context } };
    };
    const targets = resolveProbeTargets(motion.fields, ['x', 'y'], { dynamics: true, future: { contextEnd: 1, target: 3 } });
    expect(targets.velocity.map((f) => f.name)).toEqual(['vx', 'vy']);
    const scores = await probeScores(data(false), targets, 200);
    expect(scores['probe.r2']).toBeGreaterThan(0.99);
    expect(scores['probe.r2.velocity']).toBeGreaterThan(0.99);
    expect(scores['probe.r2.future']).toBeGreaterThan(0.99);
    expect(scores['probe.r2.contextEnd']).toBeGreaterThan(0.99);
    const blind = await probeScores(data(true), targets, 200);
    expect(blind['probe.r2.future']).toBeLessThan(0.1);
    expect(blind['probe.r2']).toBeGreaterThan(0.99); // the whole-clip probe does not read the context features
    // Without dynamics (or without a velocity label) there are no such keys; without context features, no future key.
    expect(Object.keys(await probeScores(data(false), resolveProbeTargets(motion.fields, ['x', 'y']), 200))).toEqual(['probe.r2', 'probe.r2.x', 'probe.r2.y']);
    expect(resolveProbeTargets(schema, [], { dynamics: true, future: { contextEnd: 0, target: 1 } })).toMatchObject({ velocity: [], future: null });
    expect(await probeScores({ ...data(false), context: null }, targets, 200)).not.toHaveProperty('probe.r2.future');
  });

  test('class labels: the attentive probe reads an object at a random token, where the linear classifier cannot', async () => {
    const [tokens, width] = [8, 4];
    const classes = (n: number, seed: number): ProbeSplit => {
      const rng = new Random(seed);
      const x = new Float32Array(n * tokens * width);
      const labels = new Float32Array(n * labelSize);
      for (let c = 0; c < n; c++) {
        const kind = rng.int(2);
        const object = rng.int(tokens);
        labels[c * labelSize] = kind;
        for (let t = 0; t < tokens; t++) {
          const base = (c * tokens + t) * width;
          const code = t === object ? kind : rng.int(2);
          x.set([t === object ? 1 : 0, code === 0 ? 2 : 0, code === 1 ? 2 : 0, 0].map((v) => v + 0.2 * rng.normal()), base);
        }
      }
      return { x, labels, n };
    };
    const data: ProbeData = { featureSize: tokens * width, labelSize, tokens: { count: tokens, width }, train: classes(300, 1), validation: classes(150, 2), test: classes(300, 3) };
    const scores = await probeScores(data, resolveProbeTargets(schema, ['kind'], { attentive: true }), 300);
    expect(scores['probe.attentive.kind']).toBeGreaterThan(0.9);
    expect(scores['probe.accuracy.kind']).toBeLessThan(0.75);
    expect(await probeScores({ ...data, tokens: null }, resolveProbeTargets(schema, ['kind'], { attentive: true }), 300)).not.toHaveProperty('probe.attentive.kind');
  }, 60_000);
});
