/** Race trainer mechanics on synthetic data: shared batches, no leaks, NaN stops, parameter counts. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { RACE_DEFAULTS, validateRaceConfig } from '../../models/race-config';
import { DivergedError, RaceTrainer } from '../../models/race-trainer';
import { expectNoLeak } from '../support/no-leak';
import { noiseSource, SMALL_RACE } from './race-support';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('RaceTrainer', () => {
  test('default sizes keep both parameter counts within 10% of each other', () => {
    const trainer = new RaceTrainer(RACE_DEFAULTS, noiseSource(RACE_DEFAULTS.batch));
    const { pixel, jepa } = trainer.parameterCounts();
    expect(Math.abs(pixel - jepa) / Math.max(pixel, jepa)).toBeLessThan(0.1);
    trainer.dispose();
  });

  test('steps and readouts leak no tensors; a whole trainer frees everything', async () => {
    await expectNoLeak(async () => {
      const trainer = new RaceTrainer(SMALL_RACE, noiseSource(4));
      await expectNoLeak(async () => {
        for (let i = 1; i <= 6; i++) {
          const pending = trainer.step(i % 3 === 0);
          if (pending) await trainer.read(pending);
        }
      }, '6 race steps with 2 readouts');
      trainer.dispose();
    }, 'a trainer from construction to dispose');
  });

  test('every anti-collapse method and latent K > 1 trains without leaking', async () => {
    for (const antiCollapse of ['sigreg', 'none', 'ema', 'vicreg'] as const) {
      await expectNoLeak(async () => {
        const trainer = new RaceTrainer({ ...SMALL_RACE, hypotheses: 3, jepa: { ...SMALL_RACE.jepa, antiCollapse } }, noiseSource(4));
        trainer.step(false);
        const readout = await trainer.read(trainer.step(true)!);
        expect(Number.isFinite(readout.jepa.loss)).toBe(true);
        expect(Number.isFinite(readout.jepa.sigreg)).toBe(true);
        trainer.dispose();
      }, `race with ${antiCollapse}`);
    }
  });

  test('both learners see the same mask; masks and losses are deterministic in the seed', async () => {
    const run = async (seed: number) => {
      const trainer = new RaceTrainer({ ...SMALL_RACE, seed }, noiseSource(4));
      const losses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await trainer.read(trainer.step(true)!);
        losses.push(r.pixel.loss!, r.jepa.loss!);
      }
      const masks = [1, 2, 3].map((s) => Array.from(trainer.maskFor(s).target));
      trainer.dispose();
      return { losses, masks };
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    const b = await run(6);
    expect(b.losses).not.toEqual(a.losses);
    expect(b.masks).not.toEqual(a.masks);
  });

  test('a NaN loss stops the run with a message naming the learner and the first bad step', async () => {
    const trainer = new RaceTrainer(SMALL_RACE, noiseSource(4, (step) => step === 3));
    for (let i = 1; i <= 4; i++) trainer.step(false);
    const pending = trainer.step(true)!;
    await expect(trainer.read(pending)).rejects.toThrow(DivergedError);
    await expect(trainer.read(trainer.step(true)!)).rejects.toThrow("The pixel learner's loss became NaN or Inf at step 3; the run stopped itself.");
    trainer.dispose();
  });

  test('every design switch (SIGReg scope, JEPA targets, encoder positions) trains without leaking', async () => {
    const designs = [
      { sigregScope: 'per-position', targets: 'clip', encoderPositions: 'sincos' },
      { sigregScope: 'tokens', targets: 'token', encoderPositions: 'none' },
      { sigregScope: 'per-position', targets: 'token', encoderPositions: 'sincos' },
    ] as const;
    for (const d of designs) {
      await expectNoLeak(async () => {
        const trainer = new RaceTrainer({ ...SMALL_RACE, encoderPositions: d.encoderPositions, jepa: { ...SMALL_RACE.jepa, sigregScope: d.sigregScope, targets: d.targets } }, noiseSource(4));
        trainer.step(false);
        const readout = await trainer.read(trainer.step(true)!);
        expect(Number.isFinite(readout.jepa.loss)).toBe(true);
        expect(Number.isFinite(readout.pixel.loss)).toBe(true);
        trainer.dispose();
      }, JSON.stringify(d));
    }
  });

  test('bad configs name the field and the range', () => {
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, encoderPositions: 'learned' as 'none' })).toThrow("encoderPositions: 'learned' is not allowed; allowed: sincos, none");
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, jepa: { ...RACE_DEFAULTS.jepa, sigregScope: 'clip' as 'tokens' } })).toThrow("jepa.sigregScope: 'clip' is not allowed; allowed: tokens, per-position");
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, jepa: { ...RACE_DEFAULTS.jepa, targets: 'pixels' as 'clip' } })).toThrow("jepa.targets: 'pixels' is not allowed; allowed: clip, token");
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, batch: 1 })).toThrow('batch: 1 is out of range; allowed integers from 2 to 1024');
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, mask: { strategy: 'random-patches', ratio: 1.2 } })).toThrow('mask.ratio: 1.2 is out of range');
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, encoder: { ...RACE_DEFAULTS.encoder, heads: 3 } })).toThrow('encoder.heads: 3 must divide encoder.width (32)');
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, jepa: { ...RACE_DEFAULTS.jepa, antiCollapse: 'magic' as 'none' } })).toThrow("jepa.antiCollapse: 'magic' is not allowed; allowed: sigreg, none, ema, vicreg");
    expect(() => validateRaceConfig({ ...RACE_DEFAULTS, optimizer: { ...RACE_DEFAULTS.optimizer, learningRate: Number.NaN } })).toThrow('optimizer.learningRate: NaN is out of range');
  });

  test('a mask that does not fit the token grid fails when the trainer is built, naming the field', () => {
    const oneTimeStep = { ...SMALL_RACE, tubelet: { t: 8, h: 8, w: 8 }, mask: { strategy: 'future-frames' as const, ratio: 0.5 } };
    expect(() => new RaceTrainer(oneTimeStep, noiseSource(4))).toThrow("strategy: 'future-frames' is not allowed with ratio 0.5 on this grid (1×4×4 tokens)");
  });

  test('the device-side divergence flag does not read the device every step', async () => {
    const trainer = new RaceTrainer(SMALL_RACE, noiseSource(4));
    const reads = { count: 0 };
    const original = tf.Tensor.prototype.data;
    tf.Tensor.prototype.data = function (this: tf.Tensor) {
      reads.count++;
      return original.call(this);
    } as typeof original;
    try {
      for (let i = 0; i < 5; i++) trainer.step(false);
      expect(reads.count).toBe(0);
    } finally {
      tf.Tensor.prototype.data = original;
      trainer.dispose();
    }
  });
});
