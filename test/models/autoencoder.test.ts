/** Masking ratio 0: the pixel learner reconstructs the whole clip (a plain autoencoder), optionally through a bottleneck. */
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { RaceTrainer } from '../../models/race-trainer';
import { expectNoLeak } from '../support/no-leak';
import { noiseSource, SMALL_RACE } from './race-support';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('ratio 0 autoencoder', () => {
  test('context and target are every token, and the loss covers the whole clip', async () => {
    await expectNoLeak(async () => {
      const trainer = new RaceTrainer({ ...SMALL_RACE, learners: ['pixel'], mask: { strategy: 'random-patches', ratio: 0 } }, noiseSource(4));
      const mask = trainer.maskFor(1);
      expect(mask.context.length).toBe(trainer.grid.count);
      expect(mask.target.length).toBe(trainer.grid.count);
      const readout = await trainer.read(trainer.step(true)!);
      expect(Number.isFinite(readout.pixel.mse)).toBe(true);
      trainer.dispose();
    });
  });

  test('a bottleneck adds a width-limited projection between encoder and predictor', () => {
    const plain = new RaceTrainer({ ...SMALL_RACE, mask: { strategy: 'random-patches', ratio: 0 } }, noiseSource(4));
    const narrow = new RaceTrainer({ ...SMALL_RACE, mask: { strategy: 'random-patches', ratio: 0 }, pixel: { normalizePatches: false, bottleneck: 2 } }, noiseSource(4));
    const width = SMALL_RACE.encoder.width;
    expect(narrow.pixel.params.get('predictor/bottleneck/w').shape).toEqual([width, 2]);
    expect(narrow.pixel.params.get('predictor/in/w').shape).toEqual([2, SMALL_RACE.predictor.width]);
    expect(plain.pixel.params.has('predictor/bottleneck/w')).toBe(false);
    plain.dispose();
    narrow.dispose();
  });
});
