/**
 * The charts under the learner cards, as preset chart specs drawn from the live run's record
 * (the same code draws a preset's report): losses, blur, collapse, sample efficiency. The masking
 * sweep chart needs a sweep (the masking preset run in the page, or its summary.json loaded).
 */
import { CONTROL_KINDS } from '../lab/experiment-events';
import { PROBE_SCORE, PRESETS, type PresetChart } from '../lab/presets';

/** The controls drawn beside the learners in the probe charts (when the run scores them). */
const CONTROLS = [...CONTROL_KINDS];

export interface LiveChart {
  id: string;
  chart: PresetChart;
  /** Shown until the chart has points: what produces them. */
  emptyText: string;
}

export const LIVE_CHARTS: readonly LiveChart[] = [
  { id: 'loss', chart: { kind: 'loss', title: 'Training loss' }, emptyText: 'Press Play: losses are read every few steps.' },
  {
    id: 'blur',
    chart: { kind: 'frames', title: 'Sharpness ratio of the pixel prediction (1 = as sharp as the truth)', metric: 'blur.sharpness', yLabel: 'Σ|∇Ŷ|² / Σ|∇Y|²', learners: ['pixel'] },
    emptyText: 'Measured at each evaluation when evaluation.blur is on (future-frames masking shows the future alone).',
  },
  {
    id: 'rank',
    chart: { kind: 'frames', title: 'Effective rank of held-out token embeddings', metric: 'collapse.rank', yLabel: 'RankMe effective rank', learners: ['pixel', 'jepa'], lines: 'embedding-width' },
    emptyText: 'Measured at each evaluation when evaluation.collapse is on.',
  },
  {
    id: 'std',
    chart: { kind: 'frames', title: 'Mean per-dimension std of token embeddings', metric: 'collapse.std', yLabel: 'std', learners: ['pixel', 'jepa'], logY: true },
    emptyText: 'Measured at each evaluation when evaluation.collapse is on.',
  },
  {
    id: 'sigreg',
    chart: { kind: 'frames', title: 'SIGReg statistic of held-out embeddings (≈ 1 for an isotropic Gaussian)', metric: 'collapse.sigreg', yLabel: 'SIGReg', learners: ['pixel', 'jepa'], logY: true },
    emptyText: 'Measured at each evaluation when evaluation.collapse is on.',
  },
  {
    id: 'probe-frames',
    chart: { kind: 'frames', title: 'Probe on frozen encoders vs pre-training frames seen', metric: PROBE_SCORE, yLabel: 'probe score (R², or attentive accuracy)', learners: ['pixel', 'jepa', ...CONTROLS], lines: 'probe-target' },
    emptyText: 'Probes run at each evaluation when evaluation.probes is on (step 0 is the random-init floor; controls under evaluation.controls).',
  },
  {
    id: 'probe-labels',
    chart: { kind: 'labels', title: 'Probe vs number of labelled clips (trained and random init)', metric: PROBE_SCORE, yLabel: 'probe score', learners: ['pixel', 'jepa', ...CONTROLS] },
    emptyText: 'Drawn at step 0 and at the last step of the run.',
  },
  {
    id: 'probe-future',
    chart: { kind: 'frames', title: 'Future position from the context frames only (R²)', metric: 'probe.r2.future', yLabel: 'test R²', learners: ['pixel', 'jepa', ...CONTROLS] },
    emptyText: 'Measured at each evaluation when evaluation.probe.dynamics is on and the scene labels positions.',
  },
  {
    id: 'probe-velocity',
    chart: { kind: 'frames', title: 'Velocity probe (R²)', metric: 'probe.r2.velocity', yLabel: 'test R²', learners: ['pixel', 'jepa', ...CONTROLS] },
    emptyText: 'Measured at each evaluation when evaluation.probe.dynamics is on and the scene labels velocities.',
  },
];

/** The masking preset's probe-vs-ratio chart, per strategy. */
export const MASKING_SWEEP_CHART: PresetChart = PRESETS.masking.charts.find((c) => c.kind === 'by-axis')!;
