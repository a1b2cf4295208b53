/** The runner with controls on: SIGReg-only, raw-pixel and aligned-crop rows beside the learners, dynamics and attentive probes, resume, no leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import type { ExperimentConfig } from '../../src/lab/experiment-config';
import type { EvaluationEvent, ExperimentEvent } from '../../src/lab/experiment-events';
import { ExperimentRunner } from '../../src/lab/experiment-runner';
import { TINY_EXPERIMENT } from './tiny-experiment';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

/** The tiny fork run with every control and the attentive probe on (labels curve 8, 16). */
const WITH_CONTROLS: ExperimentConfig = {
  ...TINY_EXPERIMENT,
  evaluation: {
    ...TINY_EXPERIMENT.evaluation,
    probe: { ...TINY_EXPERIMENT.evaluation.probe, labelCounts: [8, 16], attentive: true },
    controls: { sigregOnly: true, rawPixels: true },
  },
};
const LABELLED = WITH_CONTROLS.evaluation.probe.trainClips;

async function runAll(config: ExperimentConfig): Promise<ExperimentEvent[]> {
  const events: ExperimentEvent[] = [];
  const runner = new ExperimentRunner(config, (e) => events.push(e));
  expect(await runner.run()).toBe('done');
  runner.dispose();
  return events;
}

const evaluations = (events: ExperimentEvent[]) => events.filter((e): e is EvaluationEvent => e.type === 'evaluation');
const at = (events: ExperimentEvent[], learner: string, step: number, labelled = LABELLED) => evaluations(events).find((e) => e.learner === learner && e.step === step && e.labelledClips === labelled)?.metrics;
const only = (metrics: Record<string, number> | undefined, ...prefixes: string[]) => Object.fromEntries(Object.entries(metrics ?? {}).filter(([k]) => prefixes.some((p) => k.startsWith(p))));

describe('ExperimentRunner with controls', () => {
  let events: ExperimentEvent[] = [];
  beforeAll(async () => {
    events = await runAll(WITH_CONTROLS);
  }, 120_000);

  test('every evaluation has rows for the learners and the controls; the labels curve too', () => {
    const frames = evaluations(events).filter((e) => e.labelledClips === LABELLED);
    expect(frames.map((e) => `${e.step}:${e.learner}`)).toEqual(
      [0, 3, 6].flatMap((s) => ['pixel', 'jepa', 'sigreg-only', 'raw-pixels', 'aligned-crop'].map((l) => `${s}:${l}`)),
    );
    const labels = evaluations(events).filter((e) => e.labelledClips === 8);
    expect(labels.map((e) => `${e.step}:${e.learner}`)).toEqual([0, 6].flatMap((s) => ['pixel', 'jepa', 'sigreg-only', 'raw-pixels', 'aligned-crop'].map((l) => `${s}:${l}`)));
  });

  test('probe metrics: position, future and context end, linear and attentive class accuracy; the crop only classifies', () => {
    for (const learner of ['pixel', 'jepa', 'sigreg-only', 'raw-pixels']) {
      const m = at(events, learner, 6)!;
      for (const key of ['probe.r2', 'probe.r2.future', 'probe.r2.contextEnd', 'probe.accuracy.branch', 'probe.attentive.branch']) expect(Number.isFinite(m[key]), `${learner} ${key}`).toBe(true);
      expect(m['probe.r2.velocity'], 'fork has no velocity labels').toBeUndefined();
    }
    expect(Object.keys(at(events, 'aligned-crop', 6)!)).toEqual(['probe.accuracy.branch']);
    // The labels curve's other points skip the future probe.
    expect(at(events, 'jepa', 6, 8)).not.toHaveProperty('probe.r2.future');
    expect(at(events, 'jepa', 6, 8)).toHaveProperty('probe.attentive.branch');
  });

  test("SIGReg-only reports the JEPA's random-init numbers at step 0, then its own, with collapse gauges", () => {
    expect(at(events, 'sigreg-only', 0)).toEqual(only(at(events, 'jepa', 0), 'probe.', 'collapse.'));
    expect(at(events, 'sigreg-only', 0, 8)).toEqual(only(at(events, 'jepa', 0, 8), 'probe.'));
    const trained = at(events, 'sigreg-only', 6)!;
    expect(trained['probe.r2']).not.toBe(at(events, 'jepa', 6)!['probe.r2']);
    expect(trained['probe.r2']).not.toBe(at(events, 'sigreg-only', 0)!['probe.r2']);
    expect(Number.isFinite(trained['collapse.rank'])).toBe(true);
    expect(trained['retrieval.top1']).toBeUndefined();
  });

  test('raw pixels and the crop do not train: the same numbers at every evaluation', () => {
    for (const learner of ['raw-pixels', 'aligned-crop']) {
      expect(at(events, learner, 3)).toEqual(at(events, learner, 0));
      expect(at(events, learner, 6)).toEqual(at(events, learner, 0));
      expect(at(events, learner, 6, 8)).toEqual(at(events, learner, 0, 8));
    }
  });

  test('a checkpoint restored into a new runner continues the controls with the same numbers', async () => {
    const first: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(WITH_CONTROLS, (e) => first.push(e));
    await runner.run(() => true, 4);
    const checkpoint = await runner.checkpoint();
    runner.dispose();
    const rest: ExperimentEvent[] = [];
    const resumed = new ExperimentRunner(WITH_CONTROLS, (e) => rest.push(e));
    await resumed.restore(checkpoint);
    expect(await resumed.run()).toBe('done');
    resumed.dispose();
    for (const learner of ['sigreg-only', 'raw-pixels', 'aligned-crop']) expect(at(rest, learner, 6), learner).toEqual(at(events, learner, 6));
  }, 120_000);

  test('does not leak tensors: a run with controls, disposed, leaves the tensor count unchanged', async () => {
    const before = tf.memory().numTensors;
    await runAll({ ...WITH_CONTROLS, steps: 2, evaluation: { ...WITH_CONTROLS.evaluation, points: 1, probe: { ...WITH_CONTROLS.evaluation.probe, attentive: false } } });
    expect(tf.memory().numTensors).toBe(before);
  });

  test('without probes there are no control rows (and no SIGReg-only training)', async () => {
    const list = await runAll({ ...WITH_CONTROLS, steps: 2, evaluation: { ...WITH_CONTROLS.evaluation, points: 1, probes: false } });
    expect(evaluations(list).some((e) => e.learner !== 'pixel' && e.learner !== 'jepa')).toBe(false);
  });
});
