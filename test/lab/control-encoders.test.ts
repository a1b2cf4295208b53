/** The controls' pieces: the SIGReg-only encoder (same init, batches, subset and directions as the JEPA), the cached batch source, raw-pixel and aligned-crop features, context-only (prefix) features. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { BatchSampler } from '../../datasets/batch-sampler';
import { ForkScene } from '../../datasets/fork';
import { buildLabelSchema } from '../../datasets/labels';
import { selectBackend } from '../../models/backend';
import { encode } from '../../models/encoder';
import { frozenTokenFeatures } from '../../models/frozen-features';
import type { RaceConfig } from '../../models/race-config';
import { RaceTrainer, type BatchSource } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { SigregOnlyEncoder } from '../../models/sigreg-only-encoder';
import { gatherTokens, tokenize } from '../../models/tubelets';
import { ridgeProbe } from '../../models/ridge-probe';
import { sharedStandardisation } from '../../models/standardise';
import { loadScene } from '../../datasets/registry';
import { alignedCropFeatures, cachedBatchSource, rawPixelFeatures } from '../../src/lab/control-encoders';
import { TINY_FORK_RACE } from '../models/race-support';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const fork = new ForkScene({ width: 16, height: 16 }, 3);
const CONFIG: RaceConfig = {
  ...TINY_FORK_RACE,
  jepa: { ...TINY_FORK_RACE.jepa, regularizedTokens: 8 },
};
const clipSize = 8 * 16 * 16;

/** A source that counts how often each step's clips are generated. */
function countingSource(): { source: BatchSource; generated: number[] } {
  const inner = sceneBatchSource(fork, 'train', CONFIG.batch);
  const generated: number[] = [];
  return { generated, source: { ...inner, sample: (step: number) => (generated.push(step), inner.sample(step)) } };
}

async function values(params: { entries(): [string, tf.Variable][] }, prefix: string): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  for (const [name, v] of params.entries()) if (name.startsWith(prefix)) out[name] = Array.from(await v.data());
  return out;
}

describe('SIGReg-only encoder', () => {
  test("starts from the JEPA's initial encoder, bit for bit", async () => {
    const race = new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', CONFIG.batch));
    const control = new SigregOnlyEncoder(CONFIG, race.source, race.grid, race.tables.encoderAll);
    expect(control.params.names()).toEqual(race.jepa.params.names().filter((n) => n.startsWith('encoder/')));
    expect(await values(control.params, 'encoder/')).toEqual(await values(race.jepa.params, 'encoder/'));
    control.dispose();
    race.dispose();
  });

  test.each(['per-position', 'tokens'] as const)("its loss is the JEPA's SIGReg term (%s): same rows, same directions at every step", async (sigregScope) => {
    const config = { ...CONFIG, jepa: { ...CONFIG.jepa, sigregScope } };
    const race = new RaceTrainer(config, sceneBatchSource(fork, 'train', config.batch));
    const control = new SigregOnlyEncoder(config, race.source, race.grid, race.tables.encoderAll);
    const tokens = tf.tensor3d(tokenize(race.source.sample(5), config.batch, race.grid), [config.batch, race.grid.count, race.grid.patchSize]);
    const jepaTerm = (step: number) =>
      tf.tidy(() => {
        const z = race.jepa.encodeAll(tokens);
        return sigregScope === 'per-position' ? race.jepa.sigregAcrossBatchOf(z, step) : race.jepa.sigregOf(race.jepa.regularizedRows(z, step), step);
      });
    for (const step of [1, 2, 7]) {
      const ours = control.loss(tokens, step);
      const jepas = jepaTerm(step);
      expect((await ours.data())[0]).toBeCloseTo((await jepas.data())[0]!, 5);
      tf.dispose([ours, jepas]);
    }
    // Different steps draw different directions (the loss changes with the step on the same tokens).
    const [a, b] = [control.loss(tokens, 1), control.loss(tokens, 2)];
    expect((await a.data())[0]).not.toBeCloseTo((await b.data())[0]!, 6);
    tf.dispose([a, b, tokens]);
    control.dispose();
    race.dispose();
  });

  test('trains on the race’s batch of each step (generated once), lowers SIGReg, and catchUp replays the same steps exactly; no leak', async () => {
    const { source, generated } = countingSource();
    const cached = cachedBatchSource(source);
    const race = new RaceTrainer(CONFIG, cached);
    const control = new SigregOnlyEncoder(CONFIG, cached, race.grid, race.tables.encoderAll);
    const probeTokens = tf.tensor3d(tokenize(new BatchSampler(fork, 'validation', 4).sample(0).frames, 4, race.grid), [4, race.grid.count, race.grid.patchSize]);
    const before = control.loss(probeTokens, 0);
    await expectNoLeak(() => {
      for (let i = 0; i < 12; i++) {
        race.step(false);
        control.step();
      }
    }, 'twelve race + control steps');
    expect(generated).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const after = control.loss(probeTokens, 0);
    expect((await after.data())[0]).toBeLessThan((await before.data())[0]!);
    // A fresh control caught up to step 12 on the same clips has the same weights.
    const replay = new SigregOnlyEncoder(CONFIG, sceneBatchSource(fork, 'train', CONFIG.batch), race.grid, race.tables.encoderAll);
    replay.catchUp(12);
    expect(replay.stepsDone).toBe(12);
    expect(await values(replay.params, '')).toEqual(await values(control.params, ''));
    tf.dispose([before, after, probeTokens]);
    replay.dispose();
    control.dispose();
    race.dispose();
  });
});

describe('cached batch source', () => {
  test('generates a step once, returns equal clips in a buffer of its own, and a new step overwrites it', () => {
    const { source, generated } = countingSource();
    const cached = cachedBatchSource(source);
    const first = cached.sample(3);
    const again = cached.sample(3);
    expect(again).toBe(first);
    expect(generated).toEqual([3]);
    expect(Array.from(first)).toEqual(Array.from(sceneBatchSource(fork, 'train', CONFIG.batch).sample(3)));
    source.sample(9); // the inner sampler's buffer changes; the cached copy does not
    expect(Array.from(cached.sample(3))).toEqual(Array.from(sceneBatchSource(fork, 'train', CONFIG.batch).sample(3)));
    cached.sample(4);
    expect(generated).toEqual([3, 9, 4]);
    expect(cached.shape).toEqual(source.shape);
  });
});

describe('raw-pixel and aligned-crop features', () => {
  const race = () => new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', CONFIG.batch));

  test('raw pixels are the clip tokens; a prefix is their first tokens', () => {
    const r = race();
    const frames = new BatchSampler(fork, 'validation', 3).sample(0).frames;
    expect(Array.from(rawPixelFeatures(frames, 3, r.grid))).toEqual(Array.from(tokenize(frames, 3, r.grid)));
    const first = Int32Array.from({ length: 8 }, (_, i) => i);
    expect(Array.from(rawPixelFeatures(frames, 3, r.grid, 8))).toEqual(Array.from(gatherTokens(tokenize(frames, 3, r.grid), 3, r.grid, first)));
    r.dispose();
  });

  test('the crop is centred on the labelled position in every frame, zero outside the frame', () => {
    const shape = { T: 2, H: 10, W: 12 };
    const { fields, size: labelSize } = buildLabelSchema(
      [
        { name: 'x', kind: 'regression', per: 'frame', width: 1, range: [0, 12], unit: 'px', description: '' },
        { name: 'y', kind: 'regression', per: 'frame', width: 1, range: [0, 10], unit: 'px', description: '' },
      ],
      shape.T,
    );
    const frames = new Float32Array(shape.T * shape.H * shape.W);
    frames[0 * 120 + 5 * 12 + 6] = 1; // frame 0: a dot at (x 6, y 5)
    frames[1 * 120 + 1 * 12 + 1] = 0.5; // frame 1: a dot at (x 1, y 1), near the corner
    const labels = Float32Array.from([6, 1, 5, 1]); // x per frame, then y per frame
    const crop = alignedCropFeatures(frames, labels, labelSize, 1, shape, { x: fields[0]!, y: fields[1]! }, 0, 4);
    expect(crop).toHaveLength(2 * 16);
    // Top-left of a 4 × 4 crop at (6, 5) is (4, 3): the dot lands at crop (2, 2).
    expect(Array.from(crop.subarray(0, 16)).indexOf(1)).toBe(2 * 4 + 2);
    expect(Array.from(crop.subarray(16)).indexOf(0.5)).toBe(2 * 4 + 2);
    expect(crop.subarray(16).reduce((s, v) => s + v, 0)).toBe(0.5); // the rest of frame 1's crop lies outside the frame: zeros
    expect(() => alignedCropFeatures(frames, labels, labelSize, 1, shape, { x: fields[0]!, y: fields[1]! }, 1)).toThrow("'x' and 'y' must be per-frame fields with an object 1");
  });
});

describe('raw pixels are probed with a shared scale', () => {
  test('shared standardisation: per-column means, one scale (root mean column variance)', () => {
    const x = [0, 10, 2, 10, 4, 10]; // column 0 varies (variance 8/3), column 1 is constant
    const s = sharedStandardisation(x, 3, 2);
    expect(Array.from(s.mean)).toEqual([2, 10]);
    expect(Array.from(s.scale)).toEqual([Math.sqrt(8 / 3 / 2), Math.sqrt(8 / 3 / 2)]);
    expect(Array.from(sharedStandardisation([1, 1], 2, 1).scale)).toEqual([1]);
  });

  test('one-ball bouncing: the ball position is linear in the pixels (R² > 0.9 with a shared scale); scaling each sparse pixel to unit variance spoils it', async () => {
    const scene = await loadScene('bouncing', { balls: 1 }, 1);
    const race = new RaceTrainer(CONFIG, sceneBatchSource(scene, 'train', CONFIG.batch));
    const x = scene.labelSchema.find((f) => f.name === 'x')!;
    const split = (name: 'train' | 'validation' | 'test', n: number) => {
      const batch = new BatchSampler(scene, name, n).sample(0);
      const y = Float64Array.from({ length: n * 8 }, (_, i) => batch.labels[Math.floor(i / 8) * scene.labelSize + x.offset + (i % 8)]!);
      return { x: rawPixelFeatures(batch.frames, n, race.grid), y, n };
    };
    const data = { p: race.grid.count * race.grid.patchSize, l: 8, train: split('train', 256), validation: split('validation', 128), test: split('test', 256) };
    const shared = ridgeProbe({ ...data, scaling: 'shared' });
    const columns = ridgeProbe(data);
    expect(shared.r2).toBeGreaterThan(0.9);
    expect(columns.r2).toBeLessThan(shared.r2 - 0.2);
    race.dispose();
  }, 60_000);
});

describe('context-only features (prefix)', () => {
  test('the first tokens, encoded without the rest: later frames cannot change them; nothing leaks', async () => {
    const r = race();
    const frames = new BatchSampler(fork, 'validation', 2).sample(0).frames.slice();
    const prefix = r.grid.count / 2; // the first two of four token time steps
    const features = await expectNoLeak(() => frozenTokenFeatures(r.jepa.params, CONFIG.encoder, r.tables.encoderAll, r.grid, frames, 2, prefix));
    expect(features).toHaveLength(2 * prefix * 16);
    const changed = frames.slice();
    for (let c = 0; c < 2; c++) changed.fill(1, c * clipSize + 4 * 256, (c + 1) * clipSize); // frames 4–7 all white
    expect(Array.from(await frozenTokenFeatures(r.jepa.params, CONFIG.encoder, r.tables.encoderAll, r.grid, changed, 2, prefix))).toEqual(Array.from(features));
    // It is the encoder on the subset with its positions, not a slice of the whole clip's embeddings.
    const whole = await frozenTokenFeatures(r.jepa.params, CONFIG.encoder, r.tables.encoderAll, r.grid, frames, 2);
    expect(Array.from(whole.subarray(0, prefix * 16))).not.toEqual(Array.from(features.subarray(0, prefix * 16)));
    const subset = tf.tidy(() => encode(r.jepa.params, CONFIG.encoder, tf.tensor3d(rawPixelFeatures(frames, 2, r.grid, prefix), [2, prefix, r.grid.patchSize]), r.tables.encoderAll.slice([0, 0], [prefix, 16])));
    const expected = await subset.data();
    subset.dispose();
    expect(Math.max(...Array.from(expected, (v, i) => Math.abs(v - features[i]!)))).toBeLessThan(1e-5);
    await expect(frozenTokenFeatures(r.jepa.params, CONFIG.encoder, r.tables.encoderAll, r.grid, frames, 2, 0)).rejects.toThrow('frozenTokenFeatures: prefix 0 is not allowed; allowed: 1 to 16 tokens');
    r.dispose();
  });

  function race(): RaceTrainer {
    return new RaceTrainer(CONFIG, sceneBatchSource(fork, 'train', CONFIG.batch));
  }
});
