/**
 * The named experiments (names are fixed: links and docs point at them). Each is a base config,
 * sweep axes, a default number of seeds, a headline (the key numbers, as mean and spread over
 * seeds) and the charts its report draws. Default runs are sized to finish in about 5 minutes on
 * wasm on a 2-core machine; `--steps` and `--seeds` scale them.
 */
import type { LearnerKind } from '../../models/learner';
import { MASK_STRATEGIES, type MaskStrategy } from '../../models/masking';
import { EXPERIMENT_DEFAULTS, experimentTokenGrid, type ExperimentConfig } from './experiment-config';
import { overlapTable } from './mask-overlap-table';
import { pairedDifference } from './paired-difference';
import type { EvaluatedKind } from './experiment-events';
import { finalMetric, framesCurve, framesToTarget, type RunRecord } from './run-record';
import { summarize, type SeedSummary } from './seed-stats';
import type { SweepAxis } from './sweep';

export type HeadlineValue = SeedSummary | number | string;
export type Headline = Record<string, HeadlineValue>;

/** A chart of a report, as data (the command line draws SVG, the page chart.js). */
export type PresetChart =
  | { kind: 'frames'; title: string; metric: string; yLabel: string; learners: EvaluatedKind[]; logY?: boolean; lines?: 'embedding-width' | 'probe-target' }
  | { kind: 'labels'; title: string; metric: string; yLabel: string; learners: EvaluatedKind[] }
  | { kind: 'by-axis'; title: string; metric: string; yLabel: string; learner: EvaluatedKind; axis: string; seriesAxis?: string }
  | { kind: 'loss'; title: string };

export interface Preset {
  name: PresetName;
  title: string;
  /** What the user should see and why (two or three sentences). */
  summary: string;
  /** What the issue asks the design to reach, in words (reported against, never tuned to). */
  targets: string;
  base: ExperimentConfig;
  axes: SweepAxis[];
  seeds: number;
  headline(records: readonly RunRecord[]): Headline;
  charts: PresetChart[];
  /** Samples worth drawing (the ghost figure on fork). */
  ghost: boolean;
}

export const PRESET_NAMES = ['blurry-average', 'collapse', 'sample-efficiency', 'masking', 'sharp-futures'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

function matching(records: readonly RunRecord[], axis: string, label: string): RunRecord[] {
  return records.filter((r) => r.variant[axis] === label);
}

/** The values an axis took in these runs, in first-seen order (a --sweep may have replaced the preset's). */
function labelsOf(records: readonly RunRecord[], axis: string): string[] {
  return [...new Set(records.map((r) => r.variant[axis]).filter((v): v is string => v !== undefined))];
}

function over(records: readonly RunRecord[], value: (r: RunRecord) => number): SeedSummary {
  return summarize(records.map(value));
}

/** Chance level of retrieval top-1: one clip among the bank of held-out clips. */
function retrievalChance(records: readonly RunRecord[]): number {
  return records.length ? 1 / records[0]!.config.evaluation.heldOutClips : Number.NaN;
}

/** A chart metric meaning "the run's probe score" (see probeMetric). */
export const PROBE_SCORE = 'probe';

/**
 * The probe score a sample-efficiency headline reads: mean R² when regression labels are probed,
 * else the first class label's attentive-probe accuracy (a linear readout cannot classify a moving
 * object), else its linear accuracy.
 */
export function probeMetric(records: readonly RunRecord[]): string {
  const keys = Object.keys(records[0]?.evaluations[0]?.metrics ?? {});
  if (keys.includes('probe.r2')) return 'probe.r2';
  return keys.find((k) => k.startsWith('probe.attentive.')) ?? keys.find((k) => k.startsWith('probe.accuracy.')) ?? 'probe.r2';
}

/** Headline names of the evaluated encoders (random init is step 0 of the JEPA, or of the pixel learner without one). */
const HEADLINE_NAME: Record<EvaluatedKind, string> = { pixel: 'Pixel', jepa: 'Jepa', 'sigreg-only': 'SigregOnly', 'raw-pixels': 'RawPixels', 'aligned-crop': 'AlignedCrop' };

function scored(records: readonly RunRecord[], kind: EvaluatedKind): boolean {
  return records.some((r) => r.evaluations.some((e) => e.learner === kind));
}

/** One run per seed (controls that do not depend on the swept setting repeat in every variant). */
function onePerSeed(records: readonly RunRecord[]): RunRecord[] {
  return [...new Map(records.map((r) => [r.seed, r])).values()];
}

/** A metric at random init: step 0 of the JEPA (or of the pixel learner in a run without one). */
function atRandomInit(r: RunRecord, metric: string): number {
  const first = (kind: LearnerKind) => framesCurve(r, kind, metric)[0];
  return (first('jepa') ?? first('pixel'))?.value ?? Number.NaN;
}

/**
 * Sample-efficiency keys of the controls (present when the runs scored them): SIGReg-only frames to
 * target and its frames ratio over the JEPA (with the seeds where it never reached and a lower
 * bound there), and the final probe score of every row — random init, pixel, JEPA, SIGReg-only, raw
 * pixels — on the main probe, velocity and future position.
 */
function controlsHeadline(records: readonly RunRecord[], metric: string, target: number, mostLabels: number): Headline {
  const out: Headline = {};
  const reach = (r: RunRecord, kind: EvaluatedKind) => framesToTarget(framesCurve(r, kind, metric), target);
  const lastFrames = (r: RunRecord) => r.config.steps * (r.started?.framesPerStep ?? Number.NaN);
  if (scored(records, 'sigreg-only')) {
    out.framesToTargetSigregOnly = over(records, (r) => reach(r, 'sigreg-only') ?? Number.NaN);
    out.framesRatioSigregOnlyOverJepa = summarize(
      records.map((r) => {
        const control = reach(r, 'sigreg-only');
        const jepa = reach(r, 'jepa');
        return control !== null && jepa !== null && jepa > 0 ? control / jepa : Number.NaN;
      }),
    );
    out.seedsWhereSigregOnlyNeverReached = records.filter((r) => reach(r, 'sigreg-only') === null).length;
    const lowerBounds = records.flatMap((r) => {
      const jepa = reach(r, 'jepa');
      return reach(r, 'sigreg-only') === null && jepa !== null && jepa > 0 ? [lastFrames(r) / jepa] : [];
    });
    if (lowerBounds.length) out.ratioLowerBoundWhereSigregOnlyNeverReached = summarize(lowerBounds);
  }
  const rows = (['pixel', 'jepa', 'sigreg-only', 'raw-pixels'] as const).filter((k) => scored(records, k));
  const atMostLabels = (r: RunRecord, kind: EvaluatedKind) => r.evaluations.find((e) => e.learner === kind && e.step === r.config.steps && e.labelledClips === mostLabels)?.metrics[metric] ?? Number.NaN;
  for (const kind of rows.filter((k) => k === 'sigreg-only' || k === 'raw-pixels')) {
    out[`finalProbe${HEADLINE_NAME[kind]}`] = over(records, (r) => finalMetric(r, kind, metric));
    out[`probeWithLargestLabelCount${HEADLINE_NAME[kind]}`] = over(records, (r) => atMostLabels(r, kind));
  }
  for (const [prefix, key] of [['velocityR2', 'probe.r2.velocity'], ['futureR2', 'probe.r2.future']] as const) {
    if (!records.some((r) => r.evaluations.some((e) => key in e.metrics))) continue;
    out[`${prefix}.randomInit`] = over(records, (r) => atRandomInit(r, key));
    for (const kind of rows) out[`${prefix}.${HEADLINE_NAME[kind].charAt(0).toLowerCase()}${HEADLINE_NAME[kind].slice(1)}`] = over(records, (r) => finalMetric(r, kind, key));
  }
  return out;
}

const SKILL_READINGS = ['all', 'content', 'debiased'] as const;

/**
 * The learner's final held-out prediction skill, three ways (models/prediction-skill.ts), as
 * headline entries `<prefix>.all`, `.content`, `.debiased`: ≤ 0 means no better than the mean
 * target at each token position.
 */
function skillHeadline(records: readonly RunRecord[], learner: LearnerKind, prefix: string): Headline {
  return Object.fromEntries(SKILL_READINGS.map((reading) => [`${prefix}.${reading}`, over(records, (r) => finalMetric(r, learner, `skill.${reading}`))]));
}

function withConfig(change: (c: ExperimentConfig) => ExperimentConfig): ExperimentConfig {
  return change(structuredClone(EXPERIMENT_DEFAULTS));
}

/** Small `fork` (16 × 16, 16 tokens): the ball's future is up or down, hidden by future-frames masking. */
const FORK_BASE = withConfig((c) => ({
  ...c,
  scene: { name: 'fork', params: { width: 16, height: 16 } },
  batch: 16,
  steps: 1000,
  mask: { strategy: 'future-frames', ratio: 0.5 },
  optimizer: { ...c.optimizer, learningRate: 3e-3 },
  evaluation: { ...c.evaluation, points: 4, probes: false, blur: true, retrieval: true, collapse: true, heldOutClips: 64 },
}));

const K_AXIS: SweepAxis = {
  key: 'hypotheses',
  values: [
    { label: '1', query: 'hypotheses=1' },
    { label: '2', query: 'hypotheses=2' },
  ],
};

const blurryAverage: Preset = {
  name: 'blurry-average',
  title: 'Blurry average: pixel prediction of an uncertain future',
  summary:
    'On `fork` the ball goes up or down with p = 0.5 after the fork. A pixel predictor trained with MSE cannot know which, so it predicts the average of the two futures: two half-intensity ghosts instead of one sharp ball. A latent-variable predictor (K = 2 hypotheses, winner-takes-all) can commit to one sharp future per hypothesis.',
  targets: 'pixel (K = 1) mean-of-futures distance ratio ≤ 0.1 and sharpness ratio < 0.5; latent-variable best hypothesis sharpness ratio > 0.8',
  base: { ...FORK_BASE, steps: 2000 },
  axes: [
    {
      key: 'predictor',
      values: [
        { label: 'single head (K = 1)', query: 'hypotheses=1' },
        { label: 'latent variable (K = 2), pixel only', query: 'hypotheses=2&learners=pixel' },
      ],
    },
  ],
  seeds: 3,
  headline(records) {
    const single = matching(records, 'predictor', 'single head (K = 1)');
    const latent = matching(records, 'predictor', 'latent variable (K = 2), pixel only');
    return {
      pixelSharpnessRatio: over(single, (r) => finalMetric(r, 'pixel', 'blur.sharpness')),
      pixelMeanOfFuturesDistanceRatio: over(single, (r) => finalMetric(r, 'pixel', 'blur.meanDistanceRatio')),
      pixelLaplacianVarianceRatio: over(single, (r) => finalMetric(r, 'pixel', 'blur.laplacian')),
      pixelExcessMse: over(single, (r) => finalMetric(r, 'pixel', 'blur.excessMse')),
      pixelExcessRatio: over(single, (r) => finalMetric(r, 'pixel', 'blur.excessRatio')),
      unavoidableMse: over(single, (r) => finalMetric(r, 'pixel', 'blur.unavoidableMse')),
      latentBestHypothesisSharpness: over(latent, (r) => finalMetric(r, 'pixel', 'blur.sharpness')),
      latentSharpnessCeiling: over(latent, (r) => finalMetric(r, 'pixel', 'blur.sharpnessCeiling')),
      latentMeanOfFuturesDistanceRatio: over(latent, (r) => finalMetric(r, 'pixel', 'blur.meanDistanceRatio')),
      latentExcessMse: over(latent, (r) => finalMetric(r, 'pixel', 'blur.excessMse')),
      latentExcessRatio: over(latent, (r) => finalMetric(r, 'pixel', 'blur.excessRatio')),
      jepaRetrievalTop1: over(single, (r) => finalMetric(r, 'jepa', 'retrieval.top1')),
      retrievalChance: retrievalChance(records),
      jepaBranchTop1: over(single, (r) => finalMetric(r, 'jepa', 'retrieval.branchTop1')),
      ...skillHeadline(single, 'pixel', 'pixelSkill'),
      ...skillHeadline(single, 'jepa', 'jepaSkill'),
      ...skillHeadline(latent, 'pixel', 'latentPixelSkill'),
    };
  },
  charts: [
    { kind: 'frames', title: 'Sharpness ratio of the pixel prediction (1 = as sharp as the truth)', metric: 'blur.sharpness', yLabel: 'Σ|∇Ŷ|² / Σ|∇Y|²', learners: ['pixel'] },
    { kind: 'frames', title: 'Distance to the mean of the futures ÷ distance to the nearest future', metric: 'blur.meanDistanceRatio', yLabel: 'ratio (0 = the blurry mean)', learners: ['pixel'] },
    { kind: 'loss', title: 'Training losses' },
  ],
  ghost: true,
};

const COLLAPSE_METHODS = ['none', 'ema', 'vicreg', 'sigreg'] as const;

const collapse: Preset = {
  name: 'collapse',
  title: 'Collapse: a JEPA with and without an anti-collapse term',
  summary:
    'Predicting embeddings has a trivial solution: map every clip to the same point and the prediction error is zero. Without a regulariser (none, λ = 0) the JEPA finds it and the effective rank of its embeddings falls towards 1; an EMA target, VICReg or SIGReg keep the embeddings spread out (SIGReg pushes them towards an isotropic Gaussian, full rank).',
  targets: 'λ = 0 ends with effective rank < 2; SIGReg stays ≥ D/2 at every evaluation',
  base: withConfig((c) => ({
    ...c,
    scene: { name: 'bouncing', params: { balls: 1 } },
    learners: ['jepa'],
    batch: 16,
    // 300 steps keep the 12 runs within 5 minutes; the JEPA's content skill needs about 600
    // (`--steps 600`, 0.53 ± 0.17 in the README's ablation; ≈ 0 at 300).
    steps: 300,
    // Random patches at 0.5 leave each hidden token's neighbours in time visible, so the ball can be
    // predicted from the context; I-JEPA blocks through all frames hide a cell's whole history
    // (content skill 0.06 ± 0.15 vs 0.53 ± 0.17 at 600 steps: README, "Does it predict?").
    mask: { strategy: 'random-patches', ratio: 0.5 },
    optimizer: { ...c.optimizer, learningRate: 3e-3 },
    evaluation: { ...c.evaluation, points: 6, probe: { ...c.evaluation.probe, fields: ['x', 'y'], labelCounts: [256], dynamics: false }, controls: { sigregOnly: false, rawPixels: true } },
  })),
  axes: [{ key: 'jepa.antiCollapse', values: COLLAPSE_METHODS.map((m) => ({ label: m, query: `jepa.antiCollapse=${m}` })) }],
  seeds: 3,
  headline(records) {
    const out: Headline = { embeddingWidth: records[0]?.config.encoder.width ?? Number.NaN };
    for (const method of labelsOf(records, 'jepa.antiCollapse')) {
      const runs = matching(records, 'jepa.antiCollapse', method);
      out[`finalEffectiveRank.${method}`] = over(runs, (r) => finalMetric(r, 'jepa', 'collapse.rank'));
      out[`lowestEffectiveRankAfterStart.${method}`] = over(runs, (r) => Math.min(...framesCurve(r, 'jepa', 'collapse.rank').filter((p) => p.step > 0).map((p) => p.value)));
      out[`finalProbeR2.${method}`] = over(runs, (r) => finalMetric(r, 'jepa', 'probe.r2'));
      Object.assign(out, skillHeadline(runs, 'jepa', `jepaSkill.${method}`));
    }
    out['probeR2.randomInit'] = over(onePerSeed(records), (r) => atRandomInit(r, 'probe.r2'));
    if (scored(records, 'raw-pixels')) out['probeR2.rawPixels'] = over(onePerSeed(records), (r) => finalMetric(r, 'raw-pixels', 'probe.r2'));
    return out;
  },
  charts: [
    { kind: 'frames', title: 'Effective rank of held-out token embeddings', metric: 'collapse.rank', yLabel: 'RankMe effective rank', learners: ['jepa'], lines: 'embedding-width' },
    { kind: 'frames', title: 'Mean per-dimension std of token embeddings', metric: 'collapse.std', yLabel: 'std', learners: ['jepa'], logY: true },
    { kind: 'frames', title: 'SIGReg statistic of held-out embeddings', metric: 'collapse.sigreg', yLabel: 'SIGReg (≈ 1 for a Gaussian)', learners: ['jepa'], logY: true },
    { kind: 'frames', title: 'Linear probe of ball position (R², 256 labelled clips; dashed: raw pixels)', metric: 'probe.r2', yLabel: 'test R²', learners: ['jepa', 'raw-pixels'] },
  ],
  ghost: false,
};

const sampleEfficiency: Preset = {
  name: 'sample-efficiency',
  title: 'Sample efficiency: frozen linear probes on `distractors`',
  summary:
    'The ball that matters moves over a drifting checkerboard, flickering patches and per-pixel noise. A pixel learner must spend capacity on reproducing the unpredictable detail; a JEPA can leave it out of its embeddings. Both encoders are frozen and probed linearly for the ball position as pre-training goes on, and with more or fewer labelled clips; beside them the controls: an encoder trained on the same batches with SIGReg alone (no prediction term), and the raw pixels. Velocity and the position two frames after the context (from the context frames only) are probed too.',
  targets: 'frames-to-target ratios pixel / JEPA and SIGReg-only / JEPA reported with spread over ≥ 3 seeds, aiming ≥ 1.5 against pixel (the SIGReg-only ratio says how much of the JEPA’s gain the prediction term adds). The probe target is R² 0.4, set after the first 3-seed run: its random-init floor was 0.27 ± 0.04, and the first guess, 0.3, lay inside that spread',
  base: withConfig((c) => ({
    ...c,
    scene: { name: 'distractors', params: { balls: 1 } },
    steps: 400,
    // SIGReg over all tokens, not per position: on `distractors` per-position SIGReg spends the
    // Gaussian budget on the checker, flicker and noise and halves the ball probe (0.29 vs 0.57 at
    // 600 steps; neither design predicts content there: README, "Does it predict?").
    jepa: { ...c.jepa, sigregScope: 'tokens' },
    // Re-sized for the controls (the SIGReg-only encoder adds a third to each step) to stay under 5 minutes:
    // 4 evaluation points after step 0 (was 6: steps 13 and 25 go; the JEPA crosses the target between
    // 100 and 200, as before) and at most 512 labelled clips (was 1,024, whose ridge fits cost 5× more).
    evaluation: { ...c.evaluation, points: 4, probe: { ...c.evaluation.probe, fields: ['x', 'y'], labelCounts: [16, 64, 256, 512], target: 0.4 }, controls: { sigregOnly: true, rawPixels: true } },
  })),
  axes: [],
  seeds: 3,
  headline(records) {
    const target = records[0]?.config.evaluation.probe.target ?? Number.NaN;
    const metric = probeMetric(records);
    const reach = (r: RunRecord, learner: LearnerKind) => framesToTarget(framesCurve(r, learner, metric), target);
    const lastFrames = (r: RunRecord) => r.config.steps * (r.started?.framesPerStep ?? Number.NaN);
    const ratios = records.map((r) => {
      const pixel = reach(r, 'pixel');
      const jepa = reach(r, 'jepa');
      return pixel !== null && jepa !== null && jepa > 0 ? pixel / jepa : Number.NaN;
    });
    const lowerBounds = records.flatMap((r) => {
      const jepa = reach(r, 'jepa');
      return reach(r, 'pixel') === null && jepa !== null && jepa > 0 ? [lastFrames(r) / jepa] : [];
    });
    const mostLabels = Math.max(...(records[0]?.config.evaluation.probe.labelCounts ?? [Number.NaN]));
    const finalAt = (learner: LearnerKind) => over(records, (r) => r.evaluations.find((e) => e.learner === learner && e.step === r.config.steps && e.labelledClips === mostLabels)?.metrics[metric] ?? Number.NaN);
    return {
      probeMetric: metric,
      probeTarget: target,
      framesToTargetPixel: over(records, (r) => reach(r, 'pixel') ?? Number.NaN),
      framesToTargetJepa: over(records, (r) => reach(r, 'jepa') ?? Number.NaN),
      framesRatioPixelOverJepa: summarize(ratios),
      seedsWherePixelNeverReached: records.filter((r) => reach(r, 'pixel') === null).length,
      seedsWhereJepaNeverReached: records.filter((r) => reach(r, 'jepa') === null).length,
      ...(lowerBounds.length ? { ratioLowerBoundWherePixelNeverReached: summarize(lowerBounds) } : {}),
      finalProbePixel: over(records, (r) => finalMetric(r, 'pixel', metric)),
      finalProbeJepa: over(records, (r) => finalMetric(r, 'jepa', metric)),
      randomInitProbe: over(records, (r) => framesCurve(r, 'jepa', metric)[0]?.value ?? Number.NaN),
      largestLabelCount: mostLabels,
      probeWithLargestLabelCountPixel: finalAt('pixel'),
      probeWithLargestLabelCountJepa: finalAt('jepa'),
      ...skillHeadline(records, 'pixel', 'pixelSkill'),
      ...skillHeadline(records, 'jepa', 'jepaSkill'),
      ...controlsHeadline(records, metric, target, mostLabels),
    };
  },
  charts: [
    { kind: 'frames', title: 'Probe vs pre-training frames (256 labelled clips), with the SIGReg-only and raw-pixel controls', metric: PROBE_SCORE, yLabel: 'test R² (attentive accuracy for a class label)', learners: ['pixel', 'jepa', 'sigreg-only', 'raw-pixels'], lines: 'probe-target' },
    { kind: 'labels', title: 'Probe vs labelled clips (after pre-training; dashed: random init, raw pixels)', metric: PROBE_SCORE, yLabel: 'test R² (attentive accuracy for a class label)', learners: ['pixel', 'jepa', 'sigreg-only', 'raw-pixels'] },
    { kind: 'frames', title: 'Future position from the context frames only (k frames after the context)', metric: 'probe.r2.future', yLabel: 'test R²', learners: ['pixel', 'jepa', 'sigreg-only', 'raw-pixels'] },
    { kind: 'frames', title: 'Velocity probe (vx, vy in every frame)', metric: 'probe.r2.velocity', yLabel: 'test R²', learners: ['pixel', 'jepa', 'sigreg-only', 'raw-pixels'] },
    { kind: 'loss', title: 'Training losses' },
  ],
  ghost: false,
};

const MASK_RATIOS = ['0.5', '0.75', '0.9'];
const MASKING_STRATEGIES = ['random-patches', 'random-tubes', 'multi-block', 'vjepa-tubes'] as const satisfies readonly MaskStrategy[];
/** The masking preset's probe groups: each is the mean R² of its fields (per frame, all frames). */
const MASKING_PROBES = { position: ['x', 'y'], velocity: ['vx', 'vy'] } as const;

/** Mean R² of the probe `fields` at step 0 (the random-init encoder) or at the run's last step (NaN if it stopped before). */
function fieldsR2(r: RunRecord, fields: readonly string[], at: 'init' | 'final'): number {
  const step = at === 'init' ? 0 : r.config.steps;
  const value = (f: string) => framesCurve(r, 'jepa', `probe.r2.${f}`).find((p) => p.step === step)?.value ?? Number.NaN;
  return fields.reduce((sum, f) => sum + value(f), 0) / fields.length;
}

const masking: Preset = {
  name: 'masking',
  title: 'Masking: strategy × ratio, paired seeds',
  summary:
    'What the JEPA has to predict decides what it learns. Scattered random patches are easy to fill in from their neighbours; large spatio-temporal blocks or tubes at a high ratio force it to model the scene. Each cell is one short JEPA run on `distractors` (one ball) on an 8 × 8 spatial token grid (4 × 4 × 4 tubelets, 2 × 8 × 8 tokens), scored by frozen linear probes of the ball position (x, y) and velocity (vx, vy); every cell uses the same seeds (same clips, initial weights and probe sets), and the headline is each strategy\'s paired difference to random patches at the same ratio with a 95 % t interval, beside the IoU of its hidden sets with random patches\' and the IoU expected by chance.',
  targets: 'none fixed by the issue for the probes: the paired differences are the result. The issue asked for a mean IoU ≤ 0.5 between random patches and each block/tube strategy; for independent draws that IoU equals chance, ≈ r / (2 − r), on any grid (0.33, 0.60, 0.82 at 0.5, 0.75, 0.9)',
  base: withConfig((c) => ({
    ...c,
    scene: { name: 'distractors', params: { balls: 1 } },
    learners: ['jepa'],
    tubelet: { t: 4, h: 4, w: 4 },
    batch: 8,
    steps: 60,
    evaluation: {
      ...c.evaluation,
      points: 1,
      collapse: false,
      probe: { ...c.evaluation.probe, fields: [...MASKING_PROBES.position, ...MASKING_PROBES.velocity], trainClips: 128, labelCounts: [128], validationClips: 128, testClips: 256 },
    },
  })),
  axes: [
    { key: 'mask.strategy', values: MASKING_STRATEGIES.map((s) => ({ label: s, query: `mask.strategy=${s}` })) },
    { key: 'mask.ratio', values: MASK_RATIOS.map((r) => ({ label: r, query: `mask.ratio=${r}` })) },
  ],
  seeds: 3,
  headline(records) {
    const out: Headline = {};
    for (const [probe, fields] of Object.entries(MASKING_PROBES)) out[`randomInit.${probe}R2`] = over(onePerSeed(records), (r) => fieldsR2(r, fields, 'init'));
    const cell = (strategy: string, ratio: string) => records.filter((r) => r.variant['mask.strategy'] === strategy && r.variant['mask.ratio'] === ratio);
    const strategies = labelsOf(records, 'mask.strategy');
    const ratios = labelsOf(records, 'mask.ratio');
    for (const strategy of strategies) {
      for (const ratio of ratios) {
        for (const [probe, fields] of Object.entries(MASKING_PROBES)) out[`${probe}R2.${strategy}.${ratio}`] = over(cell(strategy, ratio), (r) => fieldsR2(r, fields, 'final'));
        Object.assign(out, skillHeadline(cell(strategy, ratio), 'jepa', `jepaSkill.${strategy}.${ratio}`));
      }
    }
    for (const strategy of strategies.filter((s) => s !== 'random-patches')) {
      for (const ratio of ratios) {
        const reference = cell('random-patches', ratio);
        const runs = cell(strategy, ratio).filter((r) => reference.some((p) => p.seed === r.seed));
        if (runs.length === 0) continue;
        const paired = runs.map((r) => reference.find((p) => p.seed === r.seed)!);
        for (const [probe, fields] of Object.entries(MASKING_PROBES)) {
          const score = (r: RunRecord) => fieldsR2(r, fields, 'final');
          out[`${probe}R2MinusRandomPatches.${strategy}.${ratio}`] = pairedDifference(runs.map(score), paired.map(score));
        }
      }
    }
    if (records.length > 0) {
      const known = strategies.filter((s): s is MaskStrategy => (MASK_STRATEGIES as readonly string[]).includes(s) && s !== 'random-patches');
      for (const row of overlapTable(experimentTokenGrid(records[0]!.config), known, ratios.map(Number))) {
        out[`hiddenIouWithRandomPatches.${row.strategy}.${row.ratio}`] = row.iouWithRandomPatches;
        out[`chanceIou.${row.strategy}.${row.ratio}`] = row.chanceIou;
      }
    }
    return out;
  },
  charts: [{ kind: 'by-axis', title: 'Linear probe of ball position and velocity after pre-training (mean R² of x, y, vx, vy), by masking ratio', metric: 'probe.r2', yLabel: 'test R²', learner: 'jepa', axis: 'mask.ratio', seriesAxis: 'mask.strategy' }],
  ghost: false,
};

const sharpFutures: Preset = {
  name: 'sharp-futures',
  title: 'Sharp futures: single-head vs latent-variable predictors',
  summary:
    'Both learners get K hypotheses per hidden token, trained winner-takes-all. With K = 1 the pixel learner blurs the two futures together; with K = 2 its best hypothesis is one sharp future. The JEPA predicts embeddings; retrieval shows which real clip its prediction is nearest to.',
  targets: 'none fixed by the issue beyond blurry-average: the best hypothesis should be sharper with K = 2 than with K = 1',
  base: { ...FORK_BASE, steps: 1200 },
  axes: [K_AXIS],
  seeds: 3,
  headline(records) {
    const out: Headline = { retrievalChance: retrievalChance(records), unavoidableMse: over(records, (r) => finalMetric(r, 'pixel', 'blur.unavoidableMse')) };
    for (const k of labelsOf(records, 'hypotheses')) {
      const runs = matching(records, 'hypotheses', k);
      out[`pixelBestHypothesisSharpness.K${k}`] = over(runs, (r) => finalMetric(r, 'pixel', 'blur.sharpness'));
      out[`pixelSharpnessCeiling.K${k}`] = over(runs, (r) => finalMetric(r, 'pixel', 'blur.sharpnessCeiling'));
      out[`pixelExcessMse.K${k}`] = over(runs, (r) => finalMetric(r, 'pixel', 'blur.excessMse'));
      out[`pixelExcessRatio.K${k}`] = over(runs, (r) => finalMetric(r, 'pixel', 'blur.excessRatio'));
      out[`pixelMeanOfFuturesDistanceRatio.K${k}`] = over(runs, (r) => finalMetric(r, 'pixel', 'blur.meanDistanceRatio'));
      out[`jepaRetrievalTop1.K${k}`] = over(runs, (r) => finalMetric(r, 'jepa', 'retrieval.top1'));
      out[`jepaBranchTop1.K${k}`] = over(runs, (r) => finalMetric(r, 'jepa', 'retrieval.branchTop1'));
      out[`jepaBranchCoverage.K${k}`] = over(runs, (r) => finalMetric(r, 'jepa', 'retrieval.branchCoverage'));
      Object.assign(out, skillHeadline(runs, 'pixel', `pixelSkill.K${k}`), skillHeadline(runs, 'jepa', `jepaSkill.K${k}`));
    }
    return out;
  },
  charts: [
    { kind: 'frames', title: 'Best-hypothesis sharpness ratio (pixel)', metric: 'blur.sharpness', yLabel: 'Σ|∇Ŷ|² / Σ|∇Y|²', learners: ['pixel'] },
    { kind: 'frames', title: 'JEPA retrieval: prediction nearest its own clip (top-1)', metric: 'retrieval.top1', yLabel: 'top-1 among 64 clips', learners: ['jepa'] },
    { kind: 'frames', title: "JEPA: the K hypotheses land on both of the clip's futures (branch coverage)", metric: 'retrieval.branchCoverage', yLabel: 'fraction of clips', learners: ['jepa'] },
    { kind: 'loss', title: 'Training losses' },
  ],
  ghost: true,
};

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'blurry-average': blurryAverage,
  collapse,
  'sample-efficiency': sampleEfficiency,
  masking,
  'sharp-futures': sharpFutures,
};
