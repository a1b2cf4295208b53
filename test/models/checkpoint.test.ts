/** Checkpoint round trip (files in Node) and resume: the resumed run continues the same curve. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { loadCheckpoint, restoreCheckpoint, saveCheckpoint } from '../../models/checkpoint';
import { fileCheckpointHandler } from '../../models/checkpoint-files-node';
import { RaceTrainer } from '../../models/race-trainer';
import { expectNoLeak } from '../support/no-leak';
import { noiseSource, SMALL_RACE } from './race-support';

const dir = mkdtempSync(join(tmpdir(), 'jepa-checkpoint-'));
beforeAll(async () => {
  await selectBackend({ requested: 'cpu' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function losses(trainer: RaceTrainer, steps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const r = await trainer.read(trainer.step(true)!);
    out.push(r.pixel.loss!, r.jepa.loss!);
  }
  return out;
}

async function allValues(trainer: RaceTrainer): Promise<number[]> {
  const values: number[] = [];
  for (const kind of ['pixel', 'jepa'] as const) {
    for (const v of trainer[kind].params.variables()) values.push(...(await v.data()));
    for (const t of trainer.optimizers[kind].stateTensors().values()) values.push(...(await t.data()));
    for (const v of trainer[kind].extraState().values()) values.push(...(await v.data()));
  }
  return values;
}

describe('checkpoints', () => {
  for (const antiCollapse of ['sigreg', 'ema'] as const) {
    test(`${antiCollapse}: save → load restores weights, optimiser state and EMA exactly; resuming continues the same curve`, async () => {
      const config = { ...SMALL_RACE, jepa: { ...SMALL_RACE.jepa, antiCollapse } };
      const straight = new RaceTrainer(config, noiseSource(4));
      const reference = await losses(straight, 8);
      straight.dispose();

      const first = new RaceTrainer(config, noiseSource(4));
      await losses(first, 4);
      await saveCheckpoint(first, fileCheckpointHandler(join(dir, antiCollapse)));
      const saved = await allValues(first);

      const resumed = new RaceTrainer(config, noiseSource(4));
      await expectNoLeak(async () => {
        const { header, tensors } = await loadCheckpoint(fileCheckpointHandler(join(dir, antiCollapse)));
        restoreCheckpoint(resumed, header, tensors);
      }, 'loading a checkpoint');
      expect(resumed.stepsDone).toBe(4);
      expect(resumed.optimizers.jepa.iterations).toBe(4);
      expect(await allValues(resumed)).toEqual(saved);
      const continued = await losses(resumed, 4);
      expect(continued).toEqual(reference.slice(8));
      first.dispose();
      resumed.dispose();
    });
  }

  test('loading into a differently sized model names the mismatching tensor', async () => {
    const small = new RaceTrainer(SMALL_RACE, noiseSource(4));
    const handler = fileCheckpointHandler(join(dir, 'mismatch'));
    await saveCheckpoint(small, handler);
    const wide = new RaceTrainer({ ...SMALL_RACE, encoder: { ...SMALL_RACE.encoder, width: 32 } }, noiseSource(4));
    const { header, tensors } = await loadCheckpoint(handler);
    const before = tf.memory().numTensors;
    expect(() => restoreCheckpoint(wide, header, tensors)).toThrow(/checkpoint 'pixel\/param\/encoder\/embed\/w' has shape \[128,16\] but the model expects \[128,32\]/);
    expect(tf.memory().numTensors).toBeLessThan(before);
    small.dispose();
    wide.dispose();
  });
});
