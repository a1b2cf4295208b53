/**
 * The files an experiment writes: summary.json (config, seeds, runtime, headline as mean and
 * spread over seeds), metrics.csv (every logged value, one per row), report.md with the headline
 * table and the charts (SVG), and ghost.png on `fork` (truth, pixel prediction, mean of the
 * futures, the JEPA's retrieved clip).
 */
import type { Headline, Preset } from '../lab/presets';
import type { RunRecord } from '../lab/run-record';
import { formatSummary } from '../lab/paired-difference';
import { formatMeanSpread } from '../lab/seed-stats';
import { toCsv } from '../lab/csv';
import { markdownTable } from './markdown';
import { groupByVariant, presetChartSpec, variantLabel } from '../lab/preset-chart-data';
import { probeColumnName, probeTable } from '../lab/probe-table';
import { Sheet } from './sheet';
import { lineChartSvg } from './svg-chart';

export const CSV_COLUMNS = ['variant', 'seed', 'step', 'frames_seen', 'learner', 'labelled_clips', 'metric', 'value'];

/** Every loss readout and evaluation value of every run, one row each. */
export function metricsCsv(records: readonly RunRecord[]): string {
  const rows: Record<string, string | number>[] = [];
  for (const r of records) {
    const variant = variantLabel(r.variant);
    for (const s of r.steps) {
      for (const learner of ['pixel', 'jepa'] as const) {
        for (const [metric, value] of Object.entries(s.losses[learner])) {
          rows.push({ variant, seed: r.seed, step: s.step, frames_seen: s.framesSeen, learner, labelled_clips: '', metric: `train.${metric}`, value });
        }
      }
    }
    for (const e of r.evaluations) {
      for (const [metric, value] of Object.entries(e.metrics)) {
        rows.push({ variant, seed: r.seed, step: e.step, frames_seen: e.framesSeen, learner: e.learner, labelled_clips: e.labelledClips, metric, value });
      }
    }
  }
  return toCsv(CSV_COLUMNS, rows);
}

export interface ReportChart {
  file: string;
  title: string;
  svg: string;
}

export function reportCharts(preset: Preset, records: readonly RunRecord[]): ReportChart[] {
  return preset.charts.map((chart, i) => ({ file: `chart-${i + 1}.svg`, title: chart.title, svg: lineChartSvg(presetChartSpec(chart, records)) }));
}

const GHOST_SCALE = 6;
const GAP = 2;
const MARGIN = 8;
const BACKGROUND = [30, 41, 59] as const;

/** Rows (one per variant, first seed): true clip, each pixel hypothesis, mean of the futures, JEPA's retrieved clip. */
export function ghostPng(records: readonly RunRecord[]): { png: Uint8Array; rows: string[] } | null {
  const rows: { label: string; clip: Float32Array }[] = [];
  let shape: { T: number; H: number; W: number } | null = null;
  for (const group of groupByVariant(records)) {
    const s = group.runs[0]!.lastSamples;
    if (!s) continue;
    shape = s.shape;
    const prefix = group.label ? `${group.label}: ` : '';
    rows.push({ label: `${prefix}true clip`, clip: s.clip });
    s.pixelPredictions.forEach((clip, k) => rows.push({ label: `${prefix}pixel prediction${s.pixelPredictions.length > 1 ? `, hypothesis ${k + 1}` : ''}`, clip }));
    if (s.futuresMean) rows.push({ label: `${prefix}mean of the futures (MSE-optimal)`, clip: s.futuresMean });
    if (s.retrieved) rows.push({ label: `${prefix}JEPA: nearest real clip (retrieval${s.retrieved.isOwnClip ? ', its own clip' : ''})`, clip: s.retrieved.clip });
  }
  if (!shape || rows.length === 0) return null;
  const { T, H, W } = shape;
  const cell = W * GHOST_SCALE + GAP;
  const sheet = new Sheet(MARGIN * 2 + T * cell - GAP, MARGIN * 2 + rows.length * (H * GHOST_SCALE + GAP * 3) - GAP * 3, BACKGROUND);
  rows.forEach((row, r) => {
    for (let t = 0; t < T; t++) sheet.frame(row.clip, t, H, W, MARGIN + t * cell, MARGIN + r * (H * GHOST_SCALE + GAP * 3), GHOST_SCALE);
  });
  return { png: sheet.png(), rows: rows.map((r) => r.label) };
}

function formatHeadlineValue(value: Headline[string]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(4))) : String(value);
  return formatSummary(value, 3);
}

/** A value of a headline is a summary, number or string; an object of such objects is per-group. */
function headlineGroups(headline: Headline | Record<string, Headline>): [string, Headline][] {
  const isGrouped = Object.values(headline).every((v) => typeof v === 'object' && v !== null && !('mean' in v));
  return isGrouped ? Object.entries(headline as Record<string, Headline>) : [['', headline as Headline]];
}

/** The probe table (every evaluated encoder and control × probe metric, last evaluation), as Markdown lines; none without probes. */
export function probeTableSection(records: readonly RunRecord[]): string[] {
  const table = probeTable(records.filter((r) => r.outcome === 'done'));
  if (table.rows.length === 0) return [];
  const variants = table.rows.some((r) => r.variant !== '');
  const labelled = records[0]!.config.evaluation.probe.trainClips;
  const headers = [...(variants ? ['configuration'] : []), 'encoder', ...table.columns.map(probeColumnName)];
  const rows = table.rows.map((r) => [...(variants ? [r.variant] : []), r.encoder, ...table.columns.map((c) => (r.values[c] ? formatMeanSpread(r.values[c]!, 3).replace(/ \(n = \d+\)$/, '') : '—'))]);
  return [
    `## Probes (last evaluation, ${labelled} labelled clips; mean ± std over seeds)`,
    '',
    'Rows: random init (step 0), the trained learners and the controls (SIGReg-only: same batches, no prediction term; raw pixels: no encoder; aligned crop: a crop centred on the object, for class labels). Columns: `r2` position (the probed fields), `r2.velocity`, `r2.contextEnd` and `r2.future` (from the context frames only: the position in their last frame and k frames later), `accuracy.*` linear and `attentive.*` attentive classifiers.',
    '',
    markdownTable(headers, rows),
    '',
  ];
}

export interface ReportInput {
  preset: Preset;
  command: string;
  backend: string;
  runtimeMs: number;
  /** One headline, or one per combination of the axes --sweep added. */
  headline: Headline | Record<string, Headline>;
  records: readonly RunRecord[];
  charts: readonly ReportChart[];
  ghostRows: string[] | null;
}

export function reportMarkdown(input: ReportInput): string {
  const { preset, records } = input;
  const seeds = [...new Set(records.map((r) => r.seed))];
  const lines = [
    `# ${preset.title}`,
    '',
    preset.summary,
    '',
    `- command: \`${input.command}\``,
    `- backend: ${input.backend}; runs: ${records.length} (${groupByVariant(records).length} configuration(s) × seeds ${seeds.join(', ')}); runtime ${(input.runtimeMs / 1000).toFixed(0)} s`,
    `- targets named by the issue (reported, not tuned to): ${preset.targets}`,
    '',
    '## Headline (mean ± sample std over seeds; a paired difference with its 95 % t interval)',
    '',
  ];
  for (const [group, headline] of headlineGroups(input.headline)) {
    if (group) lines.push(`### ${group}`, '');
    lines.push(markdownTable(['key', 'value'], Object.entries(headline).map(([k, v]) => [k, formatHeadlineValue(v)])), '');
  }
  lines.push(...probeTableSection(records));
  const failed = records.filter((r) => r.outcome !== 'done');
  if (failed.length) {
    lines.push('## Runs that did not finish', '', ...failed.map((r) => `- ${variantLabel(r.variant) || 'run'}, seed ${r.seed}: ${r.outcome} — ${r.message ?? ''}`), '');
  }
  lines.push('## Charts', '');
  for (const chart of input.charts) lines.push(`![${chart.title}](${chart.file})`, '');
  if (input.ghostRows) {
    lines.push('## Predictions on one held-out clip (last evaluation, first seed)', '', `Rows, top to bottom: ${input.ghostRows.join('; ')}.`, '', '![predictions](ghost.png)', '');
  }
  lines.push(
    '## Runs',
    '',
    markdownTable(
      ['configuration', 'seed', 'outcome', 'runtime (s)', 'parameters'],
      records.map((r) => [variantLabel(r.variant) || '—', r.seed, r.outcome, (r.runtimeMs / 1000).toFixed(1), r.started ? r.config.learners.map((l) => `${l} ${r.started!.parameterCounts[l]}`).join(', ') : '—']),
    ),
    '',
    'Every logged value is in `metrics.csv`; the full configuration of each run in `summary.json`.',
    '',
  );
  return lines.join('\n');
}
