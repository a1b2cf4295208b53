/** The experiment runner on a tiny race: event stream, schedule, readouts, pause/resume, errors, leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { DivergedError } from '../../models/race-trainer';
import { evaluationSteps, type ExperimentConfig } from '../../src/lab/experiment-config';
import type { EvaluationEvent, ExperimentEvent } from '../../src/lab/experiment-events';
import { ExperimentRunner } from '../../src/lab/experiment-runner';
import { TINY_EXPERIMENT } from './tiny-experiment';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const TINY = TINY_EXPERIMENT;

async function runAll(config: ExperimentConfig, keepGoing?: () => boolean): Promise<{ events: ExperimentEvent[]; runner: ExperimentRunner; outcome: string }> {
  const events: ExperimentEvent[] = [];
  const runner = new ExperimentRunner(config, (e) => events.push(e));
  const outcome = await runner.run(keepGoing);
  return { events, runner, outcome };
}

const evaluations = (events: ExperimentEvent[]) => events.filter((e): e is EvaluationEvent => e.type === 'evaluation');

describe('ExperimentRunner', () => {
  test('emits started, step readouts every readEvery steps, evaluations on the schedule, samples, done', async () => {
    const { events, runner, outcome } = await runAll(TINY);
    runner.dispose();
    expect(outcome).toBe('done');
    expect(events[0]!.type).toBe('started');
    expect(events[events.length - 1]!.type).toBe('done');
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([2, 3, 4, 6]);
    const schedule = evaluationSteps(TINY.steps, TINY.evaluation.points);
    expect(schedule).toEqual([0, 3, 6]);
    const framesCurve = evaluations(events).filter((e) => e.labelledClips === TINY.evaluation.probe.trainClips);
    expect(framesCurve.map((e) => `${e.step}:${e.learner}`)).toEqual(['0:pixel', '0:jepa', '3:pixel', '3:jepa', '6:pixel', '6:jepa']);
    expect(framesCurve.every((e) => e.framesSeen === e.step * TINY.batch * 8)).toBe(true);
    const pixel = framesCurve.find((e) => e.learner === 'pixel' && e.step === 6)!.metrics;
    const jepa = framesCurve.find((e) => e.learner === 'jepa' && e.step === 6)!.metrics;
    for (const key of ['probe.r2', 'probe.r2.x', 'probe.accuracy.branch', 'collapse.rank', 'collapse.sigreg', 'blur.sharpness', 'blur.meanDistanceRatio', 'blur.excessMse', 'blur.unavoidableMse', 'blur.excessRatio', 'blur.excessRatio.frame4', 'blur.sharpnessCeiling']) expect(Number.isFinite(pixel[key]), key).toBe(true);
    // ε annealed from 0.05 at step 1 to 0 at step 6: the evaluation at step 3 reports 0.05 · 3/5.
    const epsilonAt = (step: number) => framesCurve.find((e) => e.learner === 'pixel' && e.step === step)!.metrics['blur.wtaRelax'];
    expect([epsilonAt(0), epsilonAt(3), epsilonAt(6)]).toEqual([0.05, 0.05 * 3 / 5, 0]);
    for (const key of ['probe.r2', 'collapse.rank', 'retrieval.top1', 'retrieval.branchTop1', 'retrieval.branchCoverage']) expect(Number.isFinite(jepa[key]), key).toBe(true);
    expect(jepa['blur.sharpness']).toBeUndefined();
    // The labels curve at step 0 (random init) and at the end, without repeating the trainClips point.
    const labelled = evaluations(events).filter((e) => e.labelledClips !== TINY.evaluation.probe.trainClips);
    expect(labelled.map((e) => `${e.step}:${e.learner}:${e.labelledClips}`)).toEqual(['0:pixel:8', '0:pixel:24', '0:jepa:8', '0:jepa:24', '6:pixel:8', '6:pixel:24', '6:jepa:8', '6:jepa:24']);
    const samples = events.filter((e) => e.type === 'samples');
    expect(samples).toHaveLength(3);
    const last = samples[2]!;
    if (last.type !== 'samples') throw new Error('unreachable');
    expect(last.clip).toHaveLength(8 * 16 * 16);
    expect(last.pixelPredictions).toHaveLength(1);
    expect(last.futuresMean).not.toBeNull();
    expect(last.retrieved!.clip).toHaveLength(8 * 16 * 16);
    const progress = events.filter((e) => e.type === 'progress').map((e) => (e as { fraction: number }).fraction);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });

  test('a long evaluation reports progress as it goes: once per learner and per labels-curve point', async () => {
    const { events, runner } = await runAll({ ...TINY, steps: 2, evaluation: { ...TINY.evaluation, points: 1 } });
    runner.dispose();
    const beforeTraining = events.slice(0, events.findIndex((e) => e.type === 'step'));
    const fractions = beforeTraining.filter((e) => e.type === 'progress' && e.phase === 'evaluating').map((e) => (e as { fraction: number }).fraction);
    // Step 0 (labels curve): 2 learners × (the trainClips point + 2 other label counts), then the end of the evaluation.
    expect(fractions).toHaveLength(7);
    expect(fractions.slice(0, 6).every((f, i) => i === 0 || f > fractions[i - 1]!)).toBe(true);
    expect(fractions[0]).toBeGreaterThan(0);
  });

  test('does not leak tensors: a whole run, disposed, leaves the tensor count unchanged', async () => {
    const before = tf.memory().numTensors;
    const { runner } = await runAll(TINY);
    runner.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('pausing and resuming gives the same numbers as an uninterrupted run (same seed, same backend)', async () => {
    const whole = await runAll(TINY);
    whole.runner.dispose();
    const events: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(TINY, (e) => events.push(e));
    expect(await runner.run(() => false)).toBe('paused');
    expect(runner.step).toBe(2);
    expect(await runner.run()).toBe('done');
    runner.dispose();
    const metrics = (list: ExperimentEvent[]) => evaluations(list).map((e) => e.metrics);
    expect(metrics(events)).toEqual(metrics(whole.events));
  });

  test('run(keepGoing, pauseAt) trains exactly to pauseAt, reads it out and pauses there', async () => {
    const events: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(TINY, (e) => events.push(e));
    expect(await runner.run(() => true, 1)).toBe('paused');
    expect(runner.step).toBe(1);
    expect(await runner.run(() => true, 2)).toBe('paused');
    expect(runner.step).toBe(2);
    runner.dispose();
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([1, 2]);
  });

  test('setReadEvery changes the readout interval of a running run and rejects a bad value naming the field', async () => {
    const events: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(TINY, (e) => events.push(e));
    await runner.run(() => false);
    runner.setReadEvery(1);
    expect(await runner.run()).toBe('done');
    expect(() => runner.setReadEvery(0)).toThrow('readEvery: 0 is out of range; allowed integers from 1 to 10000');
    runner.dispose();
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: number }).step)).toEqual([2, 3, 4, 5, 6]);
  });

  // K = 2: the relaxed-WTA ε is annealed by the global step, so a resumed run must recompute it.
  test.each([1, 2])('a checkpoint restored into a new runner continues with the same numbers as an uninterrupted run (K = %s)', async (hypotheses) => {
    const config = { ...TINY, hypotheses };
    const whole = await runAll(config);
    whole.runner.dispose();
    const first: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(config, (e) => first.push(e));
    await runner.run(() => true, 4);
    const checkpoint = await runner.checkpoint();
    runner.dispose();
    expect(checkpoint.step).toBe(4);
    const rest: ExperimentEvent[] = [];
    const resumed = new ExperimentRunner({ ...config, readEvery: 3 }, (e) => rest.push(e));
    await resumed.restore(checkpoint);
    expect(resumed.step).toBe(4);
    expect(await resumed.run()).toBe('done');
    resumed.dispose();
    const metrics = (list: ExperimentEvent[]) => evaluations(list).map((e) => `${e.step}:${e.learner}:${e.labelledClips}:${JSON.stringify(e.metrics)}`);
    const joined = [...metrics(first), ...metrics(rest)];
    expect(joined).toEqual(metrics(whole.events));
    expect(rest.some((e) => e.type === 'evaluation' && e.step <= 4)).toBe(false);
  });

  test('checkpoint and restore do not leak tensors', async () => {
    const before = tf.memory().numTensors;
    const runner = new ExperimentRunner(TINY, () => {});
    await runner.run(() => true, 1);
    const checkpoint = await runner.checkpoint();
    runner.dispose();
    const resumed = new ExperimentRunner(TINY, () => {});
    await resumed.restore(checkpoint);
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a checkpoint of another configuration is refused', async () => {
    const runner = new ExperimentRunner(TINY, () => {});
    await runner.run(() => true, 1);
    const checkpoint = await runner.checkpoint();
    runner.dispose();
    const other = new ExperimentRunner({ ...TINY, seed: 2 }, () => {});
    await expect(other.restore(checkpoint)).rejects.toThrow('this checkpoint belongs to a different experiment configuration; only backend and readEvery may differ');
    other.dispose();
  });

  test('a diverging race stops with a diverged event naming the learner', async () => {
    const events: ExperimentEvent[] = [];
    const runner = new ExperimentRunner(TINY, (e) => events.push(e));
    await runner.run(() => false);
    runner.race!.read = async () => {
      throw new DivergedError('jepa', 3, 'NaN or Inf');
    };
    expect(await runner.run()).toBe('diverged');
    runner.dispose();
    const diverged = events.find((e) => e.type === 'diverged');
    expect(diverged).toMatchObject({ learner: 'jepa', step: 3, message: "The jepa learner's loss became NaN or Inf at step 3; the run stopped itself." });
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  test('a probe field the scene does not have ends the run with an error event naming the field', async () => {
    const { events, runner, outcome } = await runAll({ ...TINY, evaluation: { ...TINY.evaluation, probe: { ...TINY.evaluation.probe, fields: ['colour'] } } });
    runner.dispose();
    expect(outcome).toBe('failed');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ message: "evaluation.probe.fields: 'colour' is not a label of this scene; allowed: branch, speed, x, y" });
  });

  test('a bad config is rejected before anything runs, naming the field', () => {
    expect(() => new ExperimentRunner({ ...TINY, steps: 0 }, () => {})).toThrow('steps: 0 is out of range; allowed integers from 1 to 10000000');
  });
});
