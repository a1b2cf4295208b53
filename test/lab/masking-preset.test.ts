/** The masking preset: paired seeds across cells, its 8 × 8 grid and probes, and its headline on hand-made runs. */
import { describe, expect, test } from 'vitest';
import { experimentTokenGrid } from '../../src/lab/experiment-config';
import type { PairedDifference } from '../../src/lab/paired-difference';
import { presetChartSpec } from '../../src/lab/preset-chart-data';
import { PRESETS } from '../../src/lab/presets';
import { newRunRecord, recordEvent, type RunRecord } from '../../src/lab/run-record';
import type { SeedSummary } from '../../src/lab/seed-stats';
import { axisFromFlag, plannedRuns } from '../../src/lab/sweep';

const preset = PRESETS.masking;

describe('masking preset plan', () => {
  const runs = plannedRuns({ base: preset.base, axes: preset.axes, seeds: [1, 2, 3] });

  test('4 strategies × ratios 0.5, 0.75, 0.9 × 3 seeds on 2 × 8 × 8 tokens, probing x, y, vx, vy', () => {
    expect(runs).toHaveLength(36);
    expect(preset.seeds).toBe(3);
    const grid = experimentTokenGrid(preset.base);
    expect([grid.nt, grid.nh, grid.nw]).toEqual([2, 8, 8]);
    expect(preset.base.evaluation.probe.fields).toEqual(['x', 'y', 'vx', 'vy']);
    expect(new Set(runs.map((r) => `${r.config.mask.strategy} ${r.config.mask.ratio}`)).size).toBe(12);
  });

  test('paired: every cell runs the same seeds, and within a seed the configs differ only in the mask', () => {
    const cells = new Map<string, number[]>();
    for (const r of runs) cells.set(JSON.stringify(r.labels), [...(cells.get(JSON.stringify(r.labels)) ?? []), r.config.seed]);
    for (const seeds of cells.values()) expect(seeds).toEqual([1, 2, 3]);
    for (const seed of [1, 2, 3]) {
      const configs = runs.filter((r) => r.config.seed === seed).map((r) => JSON.stringify({ ...r.config, mask: null }));
      expect(new Set(configs).size).toBe(1);
    }
  });
});

describe('masking preset headline', () => {
  const steps = preset.base.steps;
  const trainClips = preset.base.evaluation.probe.trainClips;
  /** A finished run whose probes score `init` at step 0 and position / velocity R² at the last step. */
  function run(strategy: string, seed: number, init: number, position: number, velocity: number, finished = true): RunRecord {
    const [planned] = plannedRuns({ base: preset.base, axes: [axisFromFlag('mask.strategy', [strategy]), axisFromFlag('mask.ratio', ['0.5'])], seeds: [seed] });
    const record = newRunRecord(planned!.labels, planned!.config);
    const metrics = (p: number, v: number) => ({ 'probe.r2': (p + v) / 2, 'probe.r2.x': p, 'probe.r2.y': p, 'probe.r2.vx': v, 'probe.r2.vy': v });
    const evaluation = (step: number, m: Record<string, number>) => recordEvent(record, { type: 'evaluation', step, framesSeen: step * 64, learner: 'jepa', labelledClips: trainClips, metrics: m });
    evaluation(0, metrics(init, init));
    if (finished) {
      evaluation(steps, metrics(position, velocity));
      recordEvent(record, { type: 'done', step: steps, runtimeMs: 1 });
    }
    return record;
  }
  // Random patches vary a lot across seeds; multi-block beats them by 0.1, 0.2, 0.3 on position in seeds 1, 2, 3.
  const patches = [1, 2, 3].map((s) => run('random-patches', s, 0.2 + 0.01 * s, 0.1 * s, 0.05));
  const blocks = [1, 2, 3].map((s) => run('multi-block', s, 0.2 + 0.01 * s, 0.2 * s, 0.05));

  test('differences are paired by seed, whatever the record order: mean 0.2, sd 0.1, t(2) interval ± 0.2484', () => {
    const headline = preset.headline([...patches, ...blocks.slice().reverse()]);
    const position = headline['positionR2MinusRandomPatches.multi-block.0.5'] as PairedDifference;
    expect(position.mean).toBeCloseTo(0.2, 12);
    expect(position.std).toBeCloseTo(0.1, 12); // paired by order it would be 0.3
    expect(position.low95).toBeCloseTo(0.2 - 0.248414, 5);
    expect(position.high95).toBeCloseTo(0.2 + 0.248414, 5);
    const velocity = headline['velocityR2MinusRandomPatches.multi-block.0.5'] as PairedDifference;
    expect([velocity.mean, velocity.low95, velocity.high95]).toEqual([0, 0, 0]);
    expect(headline).not.toHaveProperty('positionR2MinusRandomPatches.random-patches.0.5');
    expect((headline['positionR2.multi-block.0.5'] as SeedSummary).mean).toBeCloseTo(0.4, 12);
  });

  test('the random-init floor counts each seed once (it is the same in every cell of a seed)', () => {
    const floor = preset.headline([...patches, ...blocks])['randomInit.positionR2'] as SeedSummary;
    expect(floor.n).toBe(3);
    expect(floor.mean).toBeCloseTo(0.22, 12);
  });

  test('a run that stopped before its last step is a non-finite pair, not its random-init score', () => {
    const stopped = [blocks[0]!, blocks[1]!, run('multi-block', 3, 0.23, 0, 0, false)];
    const position = preset.headline([...patches, ...stopped])['positionR2MinusRandomPatches.multi-block.0.5'] as PairedDifference;
    expect(position).toMatchObject({ n: 2, nonFinite: 1 });
  });

  test("the IoU of the strategy's hidden sets with random patches' on the preset's grid, beside its chance value", () => {
    const headline = preset.headline([...patches, ...blocks]);
    const iou = headline['hiddenIouWithRandomPatches.multi-block.0.5'] as number;
    const chance = headline['chanceIou.multi-block.0.5'] as number;
    expect(chance).toBeCloseTo(0.335, 2);
    expect(Math.abs(iou - chance)).toBeLessThan(0.01);
  });

  test("the page's probe-vs-ratio chart: one series per strategy over the ratios, mean and range over seeds, the random-init floor", () => {
    const [chart] = preset.charts;
    expect(chart).toMatchObject({ kind: 'by-axis', axis: 'mask.ratio', seriesAxis: 'mask.strategy', metric: 'probe.r2' });
    const spec = presetChartSpec(chart!, [...patches, ...blocks]);
    expect(spec.series.map((s) => s.name)).toEqual(['random-patches', 'multi-block']);
    const [point] = spec.series[0]!.points;
    expect(point!.x).toBe(0.5);
    expect(point!.y).toBeCloseTo(0.125, 12); // probe.r2 = (position + velocity) / 2 = 0.075, 0.125, 0.175
    expect([point!.low, point!.high].map((v) => Number(v!.toFixed(12)))).toEqual([0.075, 0.175]);
    expect(spec.horizontalLines![0]!.y).toBeCloseTo(0.22, 12);
  });
});
