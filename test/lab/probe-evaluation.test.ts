import { beforeAll, describe, expect, test } from 'vitest';
import { buildLabelSchema } from '../../datasets/labels';
import { selectBackend } from '../../models/backend';
import { probeScores, resolveProbeTargets, type ProbeSplit } from '../../src/lab/probe-evaluation';

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
});
