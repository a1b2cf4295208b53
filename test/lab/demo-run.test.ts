/** Unit layer: the placeholder run loop trains, reads the loss only every N steps, stops on NaN, leaks nothing. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { DemoRun, validateDemoRunConfig, DEMO_RUN_DEFAULTS, type DemoRunEvent } from '../../src/lab/demo-run';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

function collect(): { events: DemoRunEvent[]; emit: (e: DemoRunEvent) => void } {
  const events: DemoRunEvent[] = [];
  return { events, emit: (e) => events.push(e) };
}

describe('DemoRun', () => {
  test('loss falls by more than 5x over 300 steps, read every 10 steps', async () => {
    const { events, emit } = collect();
    const run = new DemoRun({ steps: 300, readEvery: 10 }, emit);
    expect(await run.run(() => true)).toBe('done');
    run.dispose();
    const losses = events.filter((e) => e.type === 'metrics').map((e) => (e as { loss: number }).loss);
    expect(losses).toHaveLength(30);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 5);
    expect(events.at(-1)).toEqual({ type: 'done', step: 300 });
  });

  test('same seed gives the same curve; another seed a different one', async () => {
    const curve = async (seed: number) => {
      const { events, emit } = collect();
      const run = new DemoRun({ steps: 40, readEvery: 20, seed }, emit);
      await run.run(() => true);
      run.dispose();
      return events.filter((e) => e.type === 'metrics').map((e) => (e as { loss: number }).loss);
    };
    const a = await curve(3);
    expect(await curve(3)).toEqual(a);
    expect(await curve(4)).not.toEqual(a);
  });

  test('pauses at the next readout and resumes where it stopped', async () => {
    const { events, emit } = collect();
    const run = new DemoRun({ steps: 50, readEvery: 10 }, emit);
    expect(await run.run(() => false)).toBe('paused');
    expect(run.step).toBe(10);
    expect(await run.run(() => true)).toBe('done');
    expect(run.step).toBe(50);
    run.dispose();
    expect(events.filter((e) => e.type === 'metrics').map((e) => (e as { step: number }).step)).toEqual([10, 20, 30, 40, 50]);
  });

  test('a NaN loss stops the run and says at which step', async () => {
    const { events, emit } = collect();
    const nanModel = { trainStep: (_s: number, keep: boolean) => (keep ? tf.scalar(Number.NaN) : null), dispose: () => {} };
    const run = new DemoRun({ steps: 100, readEvery: 5 }, emit, () => nanModel);
    expect(await run.run(() => true)).toBe('diverged');
    expect(events).toEqual([{ type: 'diverged', step: 5, message: 'Loss became NaN at step 5; the run stopped itself.' }]);
    expect(await run.run(() => true)).toBe('done');
  });

  test('training steps leak no tensors, and dispose frees the model and optimiser', async () => {
    await expectNoLeak(async () => {
      const run = new DemoRun({ steps: 37, readEvery: 7 }, () => {});
      // The first steps create Adam's moment slots (2 per variable): state, freed by dispose.
      expect(await run.run(() => false)).toBe('paused');
      await expectNoLeak(() => run.run(() => true), '30 further training steps');
      run.dispose();
    }, 'a whole run including dispose');
  });

  test('out-of-range config names the field and the range', () => {
    expect(() => validateDemoRunConfig({ ...DEMO_RUN_DEFAULTS, steps: 0 })).toThrow('steps: 0 is out of range; allowed integers from 1 to 1000000');
    expect(() => validateDemoRunConfig({ ...DEMO_RUN_DEFAULTS, learningRate: Number.NaN })).toThrow('learningRate: NaN is out of range');
    expect(() => new DemoRun({ batch: 2.5 }, () => {})).toThrow('batch: 2.5 is out of range');
  });
});
