/** Controls as rows and lines: the sample-efficiency headline (ratios vs pixel and vs SIGReg-only), chart series, the probe table and its Markdown, run files. */
import { describe, expect, test } from 'vitest';
import { probeTableSection } from '../../src/cli/experiment-report';
import type { EvaluatedKind } from '../../src/lab/experiment-events';
import { LEARNER_COLOR, presetChartSpec } from '../../src/lab/preset-chart-data';
import { PRESETS, probeMetric } from '../../src/lab/presets';
import { probeTable } from '../../src/lab/probe-table';
import { parseResultsFile, runFileJson } from '../../src/lab/run-file';
import { newRunRecord, recordEvent, type RunRecord } from '../../src/lab/run-record';

const preset = PRESETS['sample-efficiency'];
const base = preset.base;
const trainClips = base.evaluation.probe.trainClips;
const framesPerStep = base.batch * 8;
const STEPS = [0, 100, 200, 400];
const MOST_LABELS = Math.max(...base.evaluation.probe.labelCounts);

/**
 * A finished sample-efficiency run: each row's probe R² at steps 0, 100, 200, 400 (raw pixels the
 * same at every step), velocity and future R², and the labels curve's largest point at the end.
 */
function run(seed: number, curves: Partial<Record<EvaluatedKind, number[]>>, variant: Record<string, string> = {}): RunRecord {
  const record = newRunRecord(variant, { ...base, seed, steps: 400 });
  recordEvent(record, { type: 'started', config: record.config, backend: 'wasm', parameterCounts: { pixel: 1, jepa: 1 }, evaluationSteps: STEPS, framesPerStep });
  STEPS.forEach((step, i) => {
    for (const [learner, values] of Object.entries(curves) as [EvaluatedKind, number[]][]) {
      const r2 = values[i]!;
      recordEvent(record, { type: 'evaluation', step, framesSeen: step * framesPerStep, learner, labelledClips: trainClips, metrics: { 'probe.r2': r2, 'probe.r2.velocity': r2 / 10, 'probe.r2.future': r2 / 2 } });
      if (step === 400) recordEvent(record, { type: 'evaluation', step, framesSeen: step * framesPerStep, learner, labelledClips: MOST_LABELS, metrics: { 'probe.r2': r2 + 0.2 } });
    }
  });
  recordEvent(record, { type: 'done', step: 400, runtimeMs: 1 });
  return record;
}

const CURVES = {
  pixel: [0.2, 0.25, 0.3, 0.3],
  jepa: [0.2, 0.3, 0.5, 0.6], // reaches 0.4 at step 150
  'sigreg-only': [0.2, 0.25, 0.35, 0.5], // reaches 0.4 at step 200 + (0.05 / 0.15)·200 = 800/3
  'raw-pixels': [0.27, 0.27, 0.27, 0.27],
};

describe('sample-efficiency headline with controls', () => {
  test('frames ratios JEPA vs pixel and vs SIGReg-only, and every row’s final scores', () => {
    const h = preset.headline([run(1, CURVES), run(2, { ...CURVES, 'sigreg-only': [0.2, 0.25, 0.3, 0.35] })]);
    const mean = (key: string) => (h[key] as { mean: number }).mean;
    expect(mean('framesToTargetJepa')).toBeCloseTo(150 * framesPerStep, 6);
    expect(h.framesToTargetSigregOnly).toMatchObject({ n: 1, nonFinite: 1 });
    expect(mean('framesToTargetSigregOnly')).toBeCloseTo((800 / 3) * framesPerStep, 6);
    expect(h.framesRatioSigregOnlyOverJepa).toMatchObject({ n: 1 });
    expect(mean('framesRatioSigregOnlyOverJepa')).toBeCloseTo(800 / 3 / 150, 10);
    expect(h.seedsWhereSigregOnlyNeverReached).toBe(1);
    expect(mean('ratioLowerBoundWhereSigregOnlyNeverReached')).toBeCloseTo(400 / 150, 10);
    expect(mean('finalProbeSigregOnly')).toBeCloseTo((0.5 + 0.35) / 2, 10);
    expect(mean('finalProbeRawPixels')).toBeCloseTo(0.27, 10);
    expect(mean('probeWithLargestLabelCountRawPixels')).toBeCloseTo(0.47, 10);
    expect(mean('velocityR2.randomInit')).toBeCloseTo(0.02, 10);
    expect(mean('futureR2.jepa')).toBeCloseTo(0.3, 10);
    expect(mean('futureR2.sigregOnly')).toBeCloseTo((0.25 + 0.175) / 2, 10);
    expect(mean('futureR2.rawPixels')).toBeCloseTo(0.135, 10);
    expect(Object.keys(h)).toEqual(expect.arrayContaining(['framesRatioPixelOverJepa', 'velocityR2.pixel', 'futureR2.pixel']));
  });

  test('without the controls their keys are absent, not NaN', () => {
    const h = preset.headline([run(1, { pixel: CURVES.pixel, jepa: CURVES.jepa })]);
    expect(Object.keys(h).filter((k) => /SigregOnly|RawPixels|sigregOnly|rawPixels/.test(k))).toEqual([]);
    expect(h).toHaveProperty('futureR2.jepa');
  });

  test('class labels: the attentive accuracy is the probe score', () => {
    const record = newRunRecord({}, base);
    recordEvent(record, { type: 'evaluation', step: 0, framesSeen: 0, learner: 'jepa', labelledClips: trainClips, metrics: { 'probe.accuracy.digit': 0.2, 'probe.attentive.digit': 0.5 } });
    expect(probeMetric([record])).toBe('probe.attentive.digit');
  });
});

describe('chart series of the controls', () => {
  test('one line per row in the control colours; raw pixels dashed; the labels chart has no random-init line for controls', () => {
    const records = [run(1, CURVES), run(2, CURVES)];
    const frames = presetChartSpec(preset.charts[0]!, records);
    expect(frames.series.map((s) => [s.name, s.color, s.dashed])).toEqual([
      ['pixel', LEARNER_COLOR.pixel, false],
      ['JEPA', LEARNER_COLOR.jepa, false],
      ['SIGReg-only', LEARNER_COLOR['sigreg-only'], false],
      ['raw pixels', LEARNER_COLOR['raw-pixels'], true],
    ]);
    expect(frames.series[2]!.points.map((p) => p.y)).toEqual(CURVES['sigreg-only']);
    const labels = presetChartSpec(preset.charts[1]!, records);
    expect(labels.series.map((s) => s.name)).toEqual(['pixel, trained', 'pixel, random init', 'JEPA, trained', 'JEPA, random init', 'SIGReg-only, trained', 'raw pixels']);
    const future = presetChartSpec(preset.charts.find((c) => 'metric' in c && c.metric === 'probe.r2.future')!, records);
    expect(future.series[1]!.points.map((p) => p.y)).toEqual(CURVES.jepa.map((v) => v / 2));
  });

  test('with several variants a reference is one horizontal line, not a series per variant; a run without controls draws none', () => {
    const records = [run(1, CURVES, { lr: 'a' }), run(1, CURVES, { lr: 'b' })];
    const spec = presetChartSpec(preset.charts[0]!, records);
    expect(spec.series.some((s) => s.name.startsWith('raw pixels'))).toBe(false);
    expect(spec.horizontalLines).toContainEqual({ y: 0.27, label: 'raw pixels' });
    expect(presetChartSpec(preset.charts[0]!, [run(1, { pixel: CURVES.pixel, jepa: CURVES.jepa })]).series.map((s) => s.name)).toEqual(['pixel', 'JEPA']);
  });
});

describe('probe table', () => {
  test('random init, the learners and the controls as rows; probe metrics as columns (mean over seeds of the last evaluation)', () => {
    const table = probeTable([run(1, CURVES), run(2, { ...CURVES, jepa: [0.2, 0.3, 0.5, 0.8] })]);
    expect(table.columns).toEqual(['probe.r2', 'probe.r2.velocity', 'probe.r2.future']);
    expect(table.rows.map((r) => r.encoder)).toEqual(['random init', 'pixel', 'JEPA', 'SIGReg-only', 'raw pixels']);
    expect(table.rows[0]!.values['probe.r2']!.mean).toBeCloseTo(0.2, 10);
    expect(table.rows[2]!.values['probe.r2']).toMatchObject({ n: 2, min: 0.6, max: 0.8 });
    expect(table.rows[2]!.values['probe.r2']!.mean).toBeCloseTo(0.7, 10);
    const markdown = probeTableSection([run(1, CURVES)]).join('\n');
    expect(markdown).toContain('## Probes (last evaluation, 256 labelled clips');
    expect(markdown).toMatch(/\| SIGReg-only +\| 0\.500 +\| 0\.050 +\| 0\.250 +\|/);
    expect(probeTableSection([newRunRecord({}, base)])).toEqual([]);
  });

  test('with a sweep, rows repeat per variant', () => {
    const table = probeTable([run(1, { jepa: CURVES.jepa }, { lr: 'a' }), run(1, { jepa: CURVES.jepa }, { lr: 'b' })]);
    expect(table.rows.map((r) => `${r.variant}: ${r.encoder}`)).toEqual(['lr = a: random init', 'lr = a: JEPA', 'lr = b: random init', 'lr = b: JEPA']);
  });
});

describe('run files', () => {
  test('control rows round-trip through a run file', () => {
    const record = run(1, CURVES);
    const loaded = parseResultsFile(runFileJson({ preset: 'sample-efficiency', config: record.config, records: [record], checkpoint: null }));
    expect(loaded.records[0]!.evaluations.filter((e) => e.learner === 'sigreg-only')).toEqual(record.evaluations.filter((e) => e.learner === 'sigreg-only'));
  });
});
