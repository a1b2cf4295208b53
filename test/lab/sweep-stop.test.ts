/** runSweep with keepGoing: a sweep stops at a readout (the run in progress recorded as paused) or runs to the end. */
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import type { ExperimentConfig } from '../../src/lab/experiment-config';
import type { ExperimentEvent } from '../../src/lab/experiment-events';
import { runSweep, type PlannedRun } from '../../src/lab/sweep';
import { TINY_EXPERIMENT } from './tiny-experiment';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

/** Collapse only: probes, blur and retrieval are not what a stopped sweep is about. */
const TINY: ExperimentConfig = {
  ...TINY_EXPERIMENT,
  evaluation: { ...TINY_EXPERIMENT.evaluation, probes: false, blur: false, retrieval: false },
};

const RUNS: PlannedRun[] = [
  { labels: { seed: '1' }, config: { ...TINY, seed: 1 } },
  { labels: { seed: '2' }, config: { ...TINY, seed: 2 } },
];

interface Seen {
  event: ExperimentEvent;
  runIndex: number;
  runCount: number;
}

describe('runSweep and keepGoing', () => {
  test('keepGoing turning false after the first readout stops the sweep: one paused record, the second run never starts', async () => {
    const seen: Seen[] = [];
    let going = true;
    const records = await runSweep(RUNS, {
      onEvent: (record, event, runIndex, runCount) => {
        seen.push({ event, runIndex, runCount });
        expect(record.variant).toEqual(RUNS[runIndex]!.labels);
        if (event.type === 'step') going = false;
      },
      keepGoing: () => going,
    });
    expect(records).toHaveLength(1);
    const [first] = records;
    expect(first!.outcome).toBe('paused');
    expect(first!.variant).toEqual({ seed: '1' });
    expect(first!.seed).toBe(1);
    expect(first!.started).not.toBeNull();
    // Paused at the first readout: one step event, before the last step.
    expect(first!.steps.map((s) => s.step)).toEqual([TINY.readEvery]);
    expect(seen.every((s) => s.runIndex === 0 && s.runCount === 2)).toBe(true);
    expect(seen.some((s) => s.event.type === 'done')).toBe(false);
    expect(seen.filter((s) => s.event.type === 'started')).toHaveLength(1);
  });

  test('keepGoing always true runs every run to the end', async () => {
    const seen: Seen[] = [];
    let asked = 0;
    const records = await runSweep(RUNS, {
      onEvent: (_record, event, runIndex, runCount) => seen.push({ event, runIndex, runCount }),
      keepGoing: () => {
        asked += 1;
        return true;
      },
    });
    expect(asked).toBeGreaterThan(0);
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.outcome)).toEqual(['done', 'done']);
    expect(records.map((r) => r.variant)).toEqual([{ seed: '1' }, { seed: '2' }]);
    expect(records.map((r) => r.seed)).toEqual([1, 2]);
    for (const r of records) {
      expect(r.steps.at(-1)!.step).toBe(TINY.steps);
      expect(r.evaluations.length).toBeGreaterThan(0);
    }
    // Each run's events carry its index, in order: all of run 0, then all of run 1.
    const indices = seen.map((s) => s.runIndex);
    expect(indices.indexOf(1)).toBeGreaterThan(indices.lastIndexOf(0));
    expect(seen.filter((s) => s.event.type === 'done').map((s) => s.runIndex)).toEqual([0, 1]);
  });

  test('without callbacks the sweep runs to the end', async () => {
    const records = await runSweep(RUNS.slice(0, 1));
    expect(records.map((r) => r.outcome)).toEqual(['done']);
  });
});
