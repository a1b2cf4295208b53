/**
 * Sweeps: a base config, axes of variants (each value a URL-style fragment such as
 * `jepa.antiCollapse=none` or `hypotheses=2&learners=pixel`), and seeds. The grid is the product
 * of the axes, run once per seed, one run after another, each through the ExperimentRunner.
 */
import { decodeExperimentQuery } from './config-url';
import type { ExperimentConfig } from './experiment-config';
import type { ExperimentEvent } from './experiment-events';
import { ExperimentRunner } from './experiment-runner';
import { newRunRecord, recordEvent, type RunRecord } from './run-record';

export interface AxisValue {
  /** How the value is shown (e.g. '0.5', 'K = 2, pixel only'). */
  label: string;
  /** The settings it changes, as a query fragment. */
  query: string;
}

export interface SweepAxis {
  /** The axis name shown in tables (usually the field it varies). */
  key: string;
  values: AxisValue[];
}

export interface SweepPlan {
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number[];
}

/** An axis from `--sweep key=v1,v2,…`: each value sets `key`. */
export function axisFromFlag(key: string, values: readonly string[]): SweepAxis {
  return { key, values: values.map((v) => ({ label: v, query: `${key}=${v}` })) };
}

/** Every combination of one value per axis, in order (the first axis varies slowest). */
export function sweepVariants(axes: readonly SweepAxis[]): { labels: Record<string, string>; query: string }[] {
  let out: { labels: Record<string, string>; query: string }[] = [{ labels: {}, query: '' }];
  for (const axis of axes) {
    out = out.flatMap((v) => axis.values.map((value) => ({ labels: { ...v.labels, [axis.key]: value.label }, query: v.query ? `${v.query}&${value.query}` : value.query })));
  }
  return out;
}

/** `base` with a variant's settings and `seed`; a bad setting throws a RangeError naming it. */
export function variantConfig(base: ExperimentConfig, query: string, seed: number): ExperimentConfig {
  const { config, errors } = decodeExperimentQuery(query, { ...base, seed });
  if (errors.length > 0) throw new RangeError(errors.join('; '));
  return config;
}

export interface PlannedRun {
  labels: Record<string, string>;
  config: ExperimentConfig;
}

/** Every run's config, checked before any run starts (so a bad sweep value fails in a second, not after an hour). */
export function plannedRuns(plan: SweepPlan): PlannedRun[] {
  return sweepVariants(plan.axes).flatMap((variant) => plan.seeds.map((seed) => ({ labels: variant.labels, config: variantConfig(plan.base, variant.query, seed) })));
}

export interface SweepCallbacks {
  onEvent?: (record: RunRecord, event: ExperimentEvent, runIndex: number, runCount: number) => void;
  /** Checked at each readout; when it turns false the current run is recorded as paused and the sweep stops. */
  keepGoing?: () => boolean;
}

/** Runs the planned grid × seeds; returns one record per run (a failed run is recorded, and the sweep goes on; a stopped sweep returns the runs so far). */
export async function runSweep(runs: readonly PlannedRun[], callbacks: SweepCallbacks = {}): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  for (const [index, run] of runs.entries()) {
    const record = newRunRecord(run.labels, run.config);
    const runner = new ExperimentRunner(run.config, (event) => {
      recordEvent(record, event);
      callbacks.onEvent?.(record, event, index, runs.length);
    });
    let outcome;
    try {
      outcome = await runner.run(callbacks.keepGoing);
    } finally {
      runner.dispose();
    }
    if (outcome === 'paused') record.outcome = 'paused';
    records.push(record);
    if (outcome === 'paused') break;
  }
  return records;
}
