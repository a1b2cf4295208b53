/**
 * A preset's charts as data (the command line draws them as SVG, the page with chart.js): each curve is the mean over seeds with the min–max range as a band.
 * Series are one per sweep variant and learner (or control); with no sweep the learners keep their
 * colours (pixel orange, JEPA blue) and so do the controls (SIGReg-only green; the references that
 * do not train, raw pixels and the aligned crop, dashed).
 */
import type { LearnerKind } from '../../models/learner';
import { SERIES_PALETTE, type ChartPoint, type LineChartSpec, type LineSeries } from './chart-spec';
import type { EvaluatedKind } from './experiment-events';
import { PROBE_SCORE, probeMetric, type PresetChart } from './presets';
import { framesCurve, labelsCurve, type RunRecord } from './run-record';
import { summarize } from './seed-stats';

export const LEARNER_NAME: Record<EvaluatedKind, string> = { pixel: 'pixel', jepa: 'JEPA', 'sigreg-only': 'SIGReg-only', 'raw-pixels': 'raw pixels', 'aligned-crop': 'aligned crop' };
/** Each learner's colour everywhere (charts, cards, SVG reports): pixel orange, JEPA blue; the controls green, pink, black. */
export const LEARNER_COLOR: Record<EvaluatedKind, string> = {
  pixel: SERIES_PALETTE[0],
  jepa: SERIES_PALETTE[1],
  'sigreg-only': SERIES_PALETTE[2],
  'raw-pixels': SERIES_PALETTE[3],
  'aligned-crop': SERIES_PALETTE[7],
};

/** Controls that do not train: one value for the whole run, drawn dashed. */
function isReference(kind: EvaluatedKind): boolean {
  return kind === 'raw-pixels' || kind === 'aligned-crop';
}

/** Whether a run trains this learner, or scored this control. */
function scoredIn(run: RunRecord, kind: EvaluatedKind): boolean {
  return kind === 'pixel' || kind === 'jepa' ? run.config.learners.includes(kind as LearnerKind) : run.evaluations.some((e) => e.learner === kind);
}

export function variantLabel(variant: Record<string, string>): string {
  return Object.entries(variant).map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** Runs grouped by sweep variant, in first-seen order. */
export function groupByVariant(records: readonly RunRecord[]): { label: string; variant: Record<string, string>; runs: RunRecord[] }[] {
  const groups = new Map<string, { label: string; variant: Record<string, string>; runs: RunRecord[] }>();
  for (const r of records) {
    const label = variantLabel(r.variant);
    if (!groups.has(label)) groups.set(label, { label, variant: r.variant, runs: [] });
    groups.get(label)!.runs.push(r);
  }
  return [...groups.values()];
}

/** Mean and range over seeds of curves sampled at the same x values. */
function meanPoints(curves: readonly { x: number; y: number }[][]): ChartPoint[] {
  const xs = [...new Set(curves.flatMap((c) => c.map((p) => p.x)))].sort((a, b) => a - b);
  return xs.map((x) => {
    const s = summarize(curves.map((c) => c.find((p) => p.x === x)?.y ?? Number.NaN));
    return s.n > 1 ? { x, y: s.mean, low: s.min, high: s.max } : { x, y: s.mean };
  });
}

function seriesStyle(groupIndex: number, groups: number, learner: EvaluatedKind, learners: number): { color: string; dashed: boolean } {
  if (groups === 1) return { color: LEARNER_COLOR[learner], dashed: isReference(learner) };
  return { color: SERIES_PALETTE[(groupIndex + 2) % SERIES_PALETTE.length]!, dashed: learners > 1 && learner !== 'jepa' };
}

function name(groupLabel: string, groups: number, learner: EvaluatedKind): string {
  return groups === 1 ? LEARNER_NAME[learner] : `${LEARNER_NAME[learner]}, ${groupLabel}`;
}

/** One chart of a preset, drawn from the runs' records (one record: a single live run). */
export function presetChartSpec(spec: PresetChart, records: readonly RunRecord[]): LineChartSpec {
  const chart = 'metric' in spec && spec.metric === PROBE_SCORE ? { ...spec, metric: probeMetric(records) } : spec;
  const groups = groupByVariant(records);
  const trained = (learner: EvaluatedKind) => records.some((r) => scoredIn(r, learner));
  switch (chart.kind) {
    case 'frames': {
      // With several variants a reference (raw pixels, aligned crop) is one horizontal line, not a copy per variant.
      const references = groups.length > 1 ? chart.learners.filter((l) => isReference(l) && trained(l)) : [];
      const learners = chart.learners.filter((l) => trained(l) && !references.includes(l));
      const series: LineSeries[] = groups.flatMap((g, i) =>
        learners.filter((l) => scoredIn(g.runs[0]!, l)).map((l) => ({
          name: name(g.label, groups.length, l),
          ...seriesStyle(i, groups.length, l, learners.length),
          points: meanPoints(g.runs.map((r) => framesCurve(r, l, chart.metric).map((p) => ({ x: p.framesSeen, y: p.value })))),
        })),
      );
      const first = records[0];
      const lines =
        chart.lines === 'embedding-width' && first
          ? [{ y: first.config.encoder.width, label: `D = ${first.config.encoder.width}` }, { y: first.config.encoder.width / 2, label: 'D/2' }]
          : chart.lines === 'probe-target' && first
            ? [{ y: first.config.evaluation.probe.target, label: `target ${first.config.evaluation.probe.target}` }]
            : [];
      for (const l of references) {
        const values = records.map((r) => framesCurve(r, l, chart.metric).at(-1)?.value).filter((v): v is number => v !== undefined && Number.isFinite(v));
        if (values.length) lines.push({ y: values.reduce((a, b) => a + b, 0) / values.length, label: LEARNER_NAME[l] });
      }
      return { title: chart.title, xLabel: 'pre-training frames seen', yLabel: chart.yLabel, series, yScale: chart.logY ? 'log' : 'linear', horizontalLines: lines };
    }
    case 'labels': {
      const learners = chart.learners.filter(trained);
      const series: LineSeries[] = groups.flatMap((g, i) =>
        learners.flatMap((l) => {
          const style = seriesStyle(i, groups.length, l, learners.length);
          const curve = (step: (r: RunRecord) => number) => meanPoints(g.runs.map((r) => labelsCurve(r, l, chart.metric, step(r)).map((p) => ({ x: p.labelled, y: p.value }))));
          // References do not train (one line); SIGReg-only starts from the JEPA's initial encoder (the JEPA's random-init line).
          if (isReference(l)) return [{ name: name(g.label, groups.length, l), ...style, points: curve((r) => r.config.steps) }];
          if (l === 'sigreg-only') return [{ name: `${name(g.label, groups.length, l)}, trained`, ...style, points: curve((r) => r.config.steps) }];
          return [
            { name: `${name(g.label, groups.length, l)}, trained`, ...style, points: curve((r) => r.config.steps) },
            { name: `${name(g.label, groups.length, l)}, random init`, color: style.color, dashed: true, points: curve(() => 0) },
          ];
        }),
      );
      return { title: chart.title, xLabel: 'labelled clips', yLabel: chart.yLabel, series, xScale: 'log' };
    }
    case 'by-axis': {
      const seriesLabels = chart.seriesAxis ? [...new Set(records.map((r) => r.variant[chart.seriesAxis!] ?? ''))] : [''];
      const series: LineSeries[] = seriesLabels.map((label, i) => {
        const runs = records.filter((r) => !chart.seriesAxis || r.variant[chart.seriesAxis] === label);
        const xs = [...new Set(runs.map((r) => Number(r.variant[chart.axis])))].sort((a, b) => a - b);
        const curves = [...new Set(runs.map((r) => r.seed))].map((seed) =>
          xs.map((x) => {
            const run = runs.find((r) => r.seed === seed && Number(r.variant[chart.axis]) === x);
            const curve = run ? framesCurve(run, chart.learner, chart.metric) : [];
            return { x, y: curve.length ? curve[curve.length - 1]!.value : Number.NaN };
          }),
        );
        return { name: label || LEARNER_NAME[chart.learner], color: SERIES_PALETTE[(i + 2) % SERIES_PALETTE.length]!, points: meanPoints(curves) };
      });
      // The untrained encoders' score (step 0) as the floor, so small differences are seen at scale.
      const floors = records.map((r) => framesCurve(r, chart.learner, chart.metric)[0]?.value).filter((v): v is number => v !== undefined && Number.isFinite(v));
      const floor = floors.length ? [{ y: floors.reduce((a, b) => a + b, 0) / floors.length, label: 'random init' }] : [];
      return { title: chart.title, xLabel: chart.axis, yLabel: chart.yLabel, series, horizontalLines: floor };
    }
    case 'loss': {
      const learners = (['pixel', 'jepa'] as const).filter(trained);
      const series: LineSeries[] = groups.flatMap((g, i) =>
        learners.filter((l) => g.runs[0]!.config.learners.includes(l)).map((l) => ({
          name: name(g.label, groups.length, l),
          ...seriesStyle(i, groups.length, l, learners.length),
          points: meanPoints(g.runs.map((r) => r.steps.filter((s) => 'loss' in s.losses[l]).map((s) => ({ x: s.step, y: s.losses[l].loss! })))),
        })),
      );
      return { title: chart.title, xLabel: 'step', yLabel: 'training loss (each learner its own objective)', series, yScale: 'log' };
    }
  }
}
