/** PlaygroundSession: the page's run state folded from the worker's messages (no DOM, no worker). */
import { describe, expect, test } from 'vitest';
import type { BackendSelection } from '../../models/backend';
import type { LearnerKind } from '../../models/learner';
import { EXPERIMENT_DEFAULTS, type ExperimentConfig } from '../../src/lab/experiment-config';
import type { EvaluationEvent, ExperimentEvent, SamplesEvent, StartedEvent, StepEvent } from '../../src/lab/experiment-events';
import { PRESETS } from '../../src/lab/presets';
import type { RunCheckpoint } from '../../src/lab/run-checkpoint';
import { newRunRecord, recordEvent } from '../../src/lab/run-record';
import { PlaygroundSession } from '../../src/ui/playground-session';
import type { FromWorker, RunTag } from '../../src/worker/protocol';

const CONFIG: ExperimentConfig = { ...structuredClone(EXPERIMENT_DEFAULTS), steps: 100 };
const LABELLED = CONFIG.evaluation.probe.trainClips;

/** A clock the test moves by hand. */
function clock(start = 1000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A worker message before it is tagged with the run it is about. */
type Untagged = FromWorker extends infer M ? (M extends FromWorker ? Omit<M, 'runId'> : never) : never;

const event = (e: ExperimentEvent, run: RunTag | null = null): Untagged => ({ type: 'event', event: e, run });
const state = (s: Extract<FromWorker, { type: 'state' }>['state'], step = 0): Untagged => ({ type: 'state', state: s, step });

/** Sends `message` as the worker does for the run the session shows. */
function feed(session: PlaygroundSession, message: Untagged): void {
  session.apply({ ...message, runId: session.runId } as FromWorker);
}

function started(config: ExperimentConfig = CONFIG, counts: Record<LearnerKind, number> = { pixel: 1234, jepa: 5678 }): StartedEvent {
  return { type: 'started', config, backend: 'wasm', parameterCounts: counts, evaluationSteps: [0, 50, 100], framesPerStep: config.batch * 8 };
}

function stepEvent(step: number, pixel: number | null, jepa: number | null, stepsPerSecond = 5): StepEvent {
  return {
    type: 'step',
    step,
    framesSeen: step * 64,
    losses: { pixel: pixel === null ? {} : { loss: pixel }, jepa: jepa === null ? {} : { loss: jepa, pred: jepa / 2 } },
    stepsPerSecond,
  };
}

function evaluation(step: number, learner: LearnerKind, labelledClips: number, metrics: Record<string, number>): EvaluationEvent {
  return { type: 'evaluation', step, framesSeen: step * 64, learner, labelledClips, metrics };
}

function samples(step: number): SamplesEvent {
  return {
    type: 'samples',
    step,
    shape: { T: 1, H: 1, W: 1 },
    clip: new Float32Array(1),
    mask: null as unknown as SamplesEvent['mask'],
    pixelPredictions: [],
    retrieved: null,
    futuresMean: null,
  };
}

function checkpoint(step: number, runtimeMs: number): RunCheckpoint {
  return { step, runtimeMs, header: {} as RunCheckpoint['header'], weightSpecs: [], weightData: new ArrayBuffer(8) };
}

const selection: BackendSelection = { backend: 'wasm', requested: 'wasm', fellBack: false, adapter: null, skipped: [], messages: [], wasmThreads: false };

describe('PlaygroundSession', () => {
  test('starts empty on the given config', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    expect(s.state).toBe('starting');
    expect(s.config).toBe(CONFIG);
    expect(s.record.outcome).toBe('running');
    expect(s.step).toBe(0);
    expect(s.loss('pixel')).toBeNull();
    expect(s.figures('jepa')).toEqual({});
    expect(s.parameterCount('pixel')).toBeNull();
    expect(s.elapsedNow()).toBe(0);
  });

  test('messages about a run the session has replaced are ignored (sent before the worker saw the new start)', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    const old = s.runId;
    s.reset(CONFIG);
    expect(s.runId).toBe(old + 1);
    s.apply({ type: 'event', runId: old, event: stepEvent(10, 0.5, 1.5), run: null });
    s.apply({ type: 'state', runId: old, state: 'paused', step: 10 });
    s.apply({ type: 'checkpoint', runId: old, checkpoint: checkpoint(10, 100) });
    expect(s.record.steps).toEqual([]);
    expect(s.state).toBe('starting');
    expect(s.step).toBe(0);
    expect(s.checkpoint).toBeNull();
    feed(s, state('ready'));
    expect(s.state).toBe('ready');
  });

  test('backend and states: elapsed time counts only while running', () => {
    const c = clock();
    const s = new PlaygroundSession(CONFIG, c.now);
    feed(s, { type: 'backend', selection });
    expect(s.selection).toBe(selection);
    feed(s, state('ready'));
    expect(s.state).toBe('ready');
    c.advance(500);
    expect(s.elapsedNow()).toBe(0);
    feed(s, state('running'));
    expect(s.state).toBe('running');
    c.advance(300);
    expect(s.elapsedNow()).toBe(300);
    expect(s.elapsedMs).toBe(0);
    feed(s, state('paused', 12));
    expect(s.state).toBe('paused');
    expect(s.elapsedMs).toBe(300);
    expect(s.step).toBe(12);
    c.advance(10_000);
    expect(s.elapsedNow()).toBe(300);
    feed(s, state('running', 12));
    c.advance(200);
    feed(s, state('done', 100));
    expect(s.elapsedMs).toBe(500);
    expect(s.elapsedNow()).toBe(500);
  });

  test('events fill the record; loss, speed, progress and parameter counts follow them', () => {
    const c = clock();
    const s = new PlaygroundSession(CONFIG, c.now);
    feed(s, state('running'));
    feed(s, event(started()));
    expect(s.parameterCount('pixel')).toBe(1234);
    expect(s.parameterCount('jepa')).toBe(5678);

    feed(s, event(stepEvent(10, 0.5, 0.9, 4)));
    feed(s, event(stepEvent(20, 0.25, null, 6)));
    expect(s.step).toBe(20);
    expect(s.stepsPerSecond).toBe(6);
    expect(s.loss('pixel')).toEqual({ value: 0.25, step: 20 });
    // JEPA reported no loss at step 20: its last readout is step 10's.
    expect(s.loss('jepa')).toEqual({ value: 0.9, step: 10 });

    feed(s, event({ type: 'progress', phase: 'evaluating', fraction: 0.25, step: 20, steps: 100 }));
    expect(s.phase).toBe('evaluating');
    expect(s.fraction).toBe(0.25);

    feed(s, event(samples(20)));
    expect(s.record.lastSamples?.step).toBe(20);
    expect(s.record.steps.map((e) => e.step)).toEqual([10, 20]);

    // Leaving 'running' clears the phase.
    feed(s, state('paused', 20));
    expect(s.phase).toBeNull();
  });

  test('figures: the latest evaluation of the learner with the standard labelled-clip count', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    feed(s, event(evaluation(0, 'jepa', LABELLED, { 'probe.r2': 0.1 })));
    feed(s, event(evaluation(0, 'pixel', LABELLED, { 'probe.r2': 0.05 })));
    feed(s, event(evaluation(50, 'jepa', LABELLED, { 'probe.r2': 0.4, 'collapse.rank': 12 })));
    // The probe-vs-labels points at the end use other label counts: not the card's figures.
    feed(s, event(evaluation(100, 'jepa', 16, { 'probe.r2': -1 })));
    feed(s, event(evaluation(100, 'jepa', 1024, { 'probe.r2': 0.99 })));
    expect(s.figures('jepa')).toEqual({ 'probe.r2': 0.4, 'collapse.rank': 12 });
    expect(s.figures('pixel')).toEqual({ 'probe.r2': 0.05 });
    feed(s, event(evaluation(100, 'jepa', LABELLED, { 'probe.r2': 0.7 })));
    expect(s.figures('jepa')).toEqual({ 'probe.r2': 0.7 });
  });

  test('diverged events and worker errors are collected; checkpoints are kept', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    feed(s, event({ type: 'diverged', step: 40, learner: 'pixel', message: 'pixel learner diverged at step 40: loss is NaN' }));
    expect(s.record.outcome).toBe('diverged');
    feed(s, { type: 'error', message: 'worker: out of memory' });
    feed(s, event({ type: 'error', message: 'evaluation failed' }));
    expect(s.errors).toEqual(['pixel learner diverged at step 40: loss is NaN', 'worker: out of memory', 'evaluation failed']);
    const cp = checkpoint(30, 1200);
    feed(s, { type: 'checkpoint', checkpoint: cp });
    expect(s.checkpoint).toBe(cp);
  });

  test('device lost: the run is interrupted with the message, elapsed time kept', () => {
    const c = clock();
    const s = new PlaygroundSession(CONFIG, c.now);
    feed(s, state('running'));
    feed(s, event({ type: 'progress', phase: 'training', fraction: 0.1, step: 10, steps: 100 }));
    c.advance(700);
    feed(s, { type: 'device-lost', message: 'GPU device lost: destroyed' });
    expect(s.state).toBe('interrupted');
    expect(s.interruption).toBe('GPU device lost: destroyed');
    expect(s.phase).toBeNull();
    expect(s.elapsedMs).toBe(700);
    c.advance(5000);
    expect(s.elapsedNow()).toBe(700);
  });

  test('reset: a fresh record and run state on the new config', () => {
    const c = clock();
    const s = new PlaygroundSession(CONFIG, c.now);
    feed(s, state('running'));
    feed(s, event(stepEvent(10, 1, 1)));
    feed(s, { type: 'checkpoint', checkpoint: checkpoint(10, 100) });
    feed(s, { type: 'device-lost', message: 'lost' });
    const run = s.runId;
    const next = { ...CONFIG, seed: 9 };
    s.reset(next);
    expect(s.runId).toBeGreaterThan(run);
    expect(s.config).toBe(next);
    expect(s.record.steps).toEqual([]);
    expect(s.state).toBe('starting');
    expect(s.checkpoint).toBeNull();
    expect(s.interruption).toBeNull();
    expect(s.elapsedMs).toBe(0);
    expect(s.stepsPerSecond).toBeNull();
    expect(s.step).toBe(0);
  });

  test('resume: drops what came after the checkpoint and keeps its elapsed time', () => {
    const c = clock();
    const record = newRunRecord({}, CONFIG);
    recordEvent(record, started());
    for (const step of [10, 20, 30, 40]) recordEvent(record, stepEvent(step, step / 100, step / 50));
    for (const step of [0, 25, 50]) recordEvent(record, evaluation(step, 'jepa', LABELLED, { 'probe.r2': step / 100 }));
    recordEvent(record, samples(50));
    recordEvent(record, { type: 'done', step: 40, runtimeMs: 9999 });

    const s = new PlaygroundSession(CONFIG, c.now);
    const cp = checkpoint(25, 4200);
    s.resume(record, cp);
    expect(s.record.steps.map((e) => e.step)).toEqual([10, 20]);
    expect(s.record.evaluations.map((e) => e.step)).toEqual([0, 25]);
    expect(s.record.lastSamples).toBeNull();
    expect(s.record.outcome).toBe('paused');
    expect(s.record.started).toBe(record.started);
    expect(s.checkpoint).toBe(cp);
    expect(s.elapsedMs).toBe(4200);
    expect(s.loss('pixel')).toEqual({ value: 0.2, step: 20 });
    expect(s.figures('jepa')).toEqual({ 'probe.r2': 0.25 });
    // The input record is not changed.
    expect(record.steps).toHaveLength(4);

    // Running again adds to the checkpoint's time.
    feed(s, state('paused', 25));
    feed(s, state('running', 25));
    c.advance(800);
    feed(s, state('paused', 30));
    expect(s.elapsedMs).toBe(5000);
    expect(s.step).toBe(30);
  });

  test('resume without a checkpoint starts over from step 0', () => {
    const record = newRunRecord({}, CONFIG);
    recordEvent(record, stepEvent(10, 1, 1));
    recordEvent(record, evaluation(0, 'pixel', LABELLED, { 'probe.r2': 0 }));
    const s = new PlaygroundSession(CONFIG, clock().now);
    s.resume(record, null);
    expect(s.record.steps).toEqual([]);
    expect(s.record.evaluations.map((e) => e.step)).toEqual([0]);
    expect(s.checkpoint).toBeNull();
    expect(s.elapsedMs).toBe(0);
  });

  test('a sweep: tagged events fill one record per run; record follows the current run', () => {
    const c = clock();
    const s = new PlaygroundSession(CONFIG, c.now);
    s.startSweep('collapse');
    expect(s.sweep).toEqual({ preset: 'collapse', records: [], count: 0, current: null });
    const base = PRESETS.collapse.base;
    const runs: RunTag[] = [
      { index: 0, count: 2, variant: { 'jepa.antiCollapse': 'none' }, seed: 1 },
      { index: 1, count: 2, variant: { 'jepa.antiCollapse': 'sigreg' }, seed: 1 },
    ];
    const configs = [
      { ...base, seed: 1, jepa: { ...base.jepa, antiCollapse: 'none' as const } },
      { ...base, seed: 1, jepa: { ...base.jepa, antiCollapse: 'sigreg' as const } },
    ];

    feed(s, state('running'));
    feed(s, event(started(configs[0]!), runs[0]!));
    const first = s.record;
    expect(s.sweep!.records[0]).toBe(first);
    expect(first.variant).toEqual(runs[0]!.variant);
    expect(first.config).toBe(configs[0]);
    expect(s.sweep!.current).toBe(runs[0]);
    feed(s, event(stepEvent(10, null, 0.8), runs[0]!));
    feed(s, event(evaluation(10, 'jepa', base.evaluation.probe.trainClips, { 'collapse.rank': 2 }), runs[0]!));
    feed(s, event({ type: 'done', step: 10, runtimeMs: 50 }, runs[0]!));
    expect(s.record).toBe(first);
    expect(s.loss('jepa')).toEqual({ value: 0.8, step: 10 });

    feed(s, event(started(configs[1]!), runs[1]!));
    const second = s.record;
    expect(second).not.toBe(first);
    expect(s.sweep!.records[1]).toBe(second);
    expect(second.variant).toEqual(runs[1]!.variant);
    expect(second.config).toBe(configs[1]);
    expect(s.sweep!.current).toBe(runs[1]);
    expect(s.loss('jepa')).toBeNull();
    feed(s, event(stepEvent(5, null, 0.3), runs[1]!));
    feed(s, event(evaluation(5, 'jepa', base.evaluation.probe.trainClips, { 'collapse.rank': 30 }), runs[1]!));

    expect(s.sweep!.records).toHaveLength(2);
    expect(first.steps.map((e) => e.step)).toEqual([10]);
    expect(first.outcome).toBe('done');
    expect(first.runtimeMs).toBe(50);
    expect(second.steps.map((e) => e.step)).toEqual([5]);
    expect(second.outcome).toBe('running');
    expect(s.sweep!.count).toBe(2);
    expect(s.figures('jepa')).toEqual({ 'collapse.rank': 30 });
    // Stopped mid-run: the cut-short run is paused, and no run is current.
    feed(s, { type: 'state', state: 'paused', step: 5 });
    expect(second.outcome).toBe('paused');
    expect(s.sweep!.current).toBeNull();
    expect(first.evaluations.map((e) => e.metrics['collapse.rank'])).toEqual([2]);
  });

  test('a sweep run whose first event is not started keeps the previous config', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    s.startSweep('collapse');
    const tag: RunTag = { index: 0, count: 1, variant: { 'jepa.antiCollapse': 'ema' }, seed: 3 };
    feed(s, event(stepEvent(1, 1, 1), tag));
    expect(s.sweep!.records[0]).toBe(s.record);
    expect(s.record.config).toBe(CONFIG);
    expect(s.record.variant).toEqual(tag.variant);
    expect(s.record.steps).toHaveLength(1);
  });

  test('untagged events outside a sweep go to the live record', () => {
    const s = new PlaygroundSession(CONFIG, clock().now);
    const live = s.record;
    feed(s, event(stepEvent(2, 1, 1)));
    expect(s.record).toBe(live);
    expect(s.sweep).toBeNull();
    expect(live.steps).toHaveLength(1);
  });
});
