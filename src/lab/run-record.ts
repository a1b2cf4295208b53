/**
 * Everything one run reported, gathered from its event stream: the loss readouts, the
 * evaluations, the last samples and how it ended. Sweeps and reports read runs through this.
 */
import type { EvaluatedKind, EvaluationEvent, ExperimentEvent, SamplesEvent, StartedEvent, StepEvent } from './experiment-events';
import type { ExperimentConfig } from './experiment-config';

export interface RunRecord {
  /** The sweep point, e.g. { 'jepa.antiCollapse': 'none' } ({} without a sweep). */
  variant: Record<string, string>;
  seed: number;
  config: ExperimentConfig;
  started: StartedEvent | null;
  steps: StepEvent[];
  evaluations: EvaluationEvent[];
  lastSamples: SamplesEvent | null;
  outcome: 'done' | 'diverged' | 'failed' | 'running' | 'paused';
  /** The diverged or error message, if any. */
  message: string | null;
  runtimeMs: number;
}

export function newRunRecord(variant: Record<string, string>, config: ExperimentConfig): RunRecord {
  return { variant, seed: config.seed, config, started: null, steps: [], evaluations: [], lastSamples: null, outcome: 'running', message: null, runtimeMs: 0 };
}

/** Folds one event into the record. */
export function recordEvent(record: RunRecord, event: ExperimentEvent): void {
  switch (event.type) {
    case 'started':
      record.started = event;
      break;
    case 'step':
      record.steps.push(event);
      break;
    case 'evaluation':
      record.evaluations.push(event);
      break;
    case 'samples':
      record.lastSamples = event;
      break;
    case 'diverged':
      record.outcome = 'diverged';
      record.message = event.message;
      break;
    case 'error':
      record.outcome = 'failed';
      record.message = event.message;
      break;
    case 'done':
      record.outcome = 'done';
      record.runtimeMs = event.runtimeMs;
      break;
    case 'progress':
      break;
  }
}

/** The record as it was at `step` (a run continuing from a checkpoint at `step` redoes what came after). */
export function recordUpTo(record: RunRecord, step: number): RunRecord {
  return {
    ...record,
    steps: record.steps.filter((s) => s.step <= step),
    evaluations: record.evaluations.filter((e) => e.step <= step),
    lastSamples: record.lastSamples && record.lastSamples.step <= step ? record.lastSamples : null,
    outcome: 'paused',
    message: null,
  };
}

/** The probe-vs-frames curve of a learner (or a control): evaluations with the run's standard labelled-clip count. */
export function framesCurve(record: RunRecord, learner: EvaluatedKind, metric: string): { framesSeen: number; step: number; value: number }[] {
  const labelled = record.config.evaluation.probe.trainClips;
  return record.evaluations
    .filter((e) => e.learner === learner && e.labelledClips === labelled && metric in e.metrics)
    .map((e) => ({ framesSeen: e.framesSeen, step: e.step, value: e.metrics[metric]! }));
}

/** The probe-vs-labels curve of a learner at `step` (0 = random init; the last step = trained). */
export function labelsCurve(record: RunRecord, learner: EvaluatedKind, metric: string, step: number): { labelled: number; value: number }[] {
  return record.evaluations
    .filter((e) => e.learner === learner && e.step === step && metric in e.metrics)
    .map((e) => ({ labelled: e.labelledClips, value: e.metrics[metric]! }))
    .sort((a, b) => a.labelled - b.labelled);
}

/** A metric of a learner at the run's last evaluation (NaN when absent). */
export function finalMetric(record: RunRecord, learner: EvaluatedKind, metric: string): number {
  const curve = framesCurve(record, learner, metric);
  return curve.length ? curve[curve.length - 1]!.value : Number.NaN;
}

/**
 * Frames seen from which the curve reaches `target` and stays there: the crossing into the final
 * run of evaluations at or above it, linearly interpolated between the two evaluations around it
 * (probe curves are noisy; an early bump that falls back does not count). The first point when the
 * whole curve is at or above it; null when the last evaluation is below it.
 */
export function framesToTarget(curve: readonly { framesSeen: number; value: number }[], target: number): number | null {
  let i = curve.length;
  while (i > 0 && curve[i - 1]!.value >= target) i--;
  if (i === curve.length) return null;
  if (i === 0) return curve[0]!.framesSeen;
  const before = curve[i - 1]!;
  const point = curve[i]!;
  const share = (target - before.value) / (point.value - before.value);
  return before.framesSeen + share * (point.framesSeen - before.framesSeen);
}
