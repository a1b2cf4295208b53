/** Checkpoints through the browser's IndexedDB IO handler: save, load into a new trainer, same values and same next step. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { checkpointHandler, loadCheckpoint, restoreCheckpoint, saveCheckpoint } from '../../models/checkpoint';
import { RaceTrainer } from '../../models/race-trainer';
import { expectNoLeak } from '../support/no-leak';
import { useBackend } from '../support/use-backend';
import { noiseSource, SMALL_RACE } from './race-support';

async function values(trainer: RaceTrainer): Promise<number[]> {
  const out: number[] = [];
  for (const kind of ['pixel', 'jepa'] as const) for (const v of trainer[kind].params.variables()) out.push(...(await v.data()));
  return out;
}

describe('IndexedDB checkpoints', () => {
  test('round trip on wasm: weights equal and the next step gives the same losses', async () => {
    await useBackend('wasm');
    const url = 'indexeddb://jepa-playground-test-checkpoint';
    const a = new RaceTrainer(SMALL_RACE, noiseSource(4));
    for (let i = 0; i < 3; i++) a.step(false);
    await saveCheckpoint(a, checkpointHandler(url, 'save'));
    const b = new RaceTrainer(SMALL_RACE, noiseSource(4));
    await expectNoLeak(async () => {
      const { header, tensors } = await loadCheckpoint(checkpointHandler(url, 'load'));
      restoreCheckpoint(b, header, tensors);
    }, 'loading from IndexedDB');
    expect(await values(b)).toEqual(await values(a));
    const next = async (t: RaceTrainer) => {
      const r = await t.read(t.step(true)!);
      return [r.pixel.loss, r.jepa.loss];
    };
    expect(await next(b)).toEqual(await next(a));
    a.dispose();
    b.dispose();
    await tf.io.removeModel(url);
  });

  test('an unknown URL scheme is an error naming the URL', () => {
    expect(() => checkpointHandler('ftp://nowhere', 'load')).toThrow("checkpoint URL 'ftp://nowhere': no handler can load it here");
  });
});
