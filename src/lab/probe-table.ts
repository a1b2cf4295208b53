/**
 * The probe table of a set of runs (the report's and the page's): one row per evaluated encoder —
 * random init (step 0), each trained learner, and the controls (SIGReg-only, raw pixels, aligned
 * crop) — and one column per probe metric, each cell the mean and spread over seeds of the last
 * evaluation with the run's standard number of labelled clips. With a sweep, rows repeat per
 * variant. Pure data: the command line writes it as Markdown, the page as an HTML table.
 */
import type { EvaluatedKind } from './experiment-events';
import { groupByVariant, LEARNER_NAME } from './preset-chart-data';
import type { RunRecord } from './run-record';
import { summarize, type SeedSummary } from './seed-stats';

export interface ProbeTableRow {
  /** The variant's label ('' without a sweep). */
  variant: string;
  /** 'random init', 'pixel', 'JEPA', 'SIGReg-only', 'raw pixels', 'aligned crop'. */
  encoder: string;
  /** By metric (a column); absent when the row has no such metric. */
  values: Record<string, SeedSummary>;
}

export interface ProbeTable {
  /** Probe metric names, in display order. */
  columns: string[];
  rows: ProbeTableRow[];
}

const ROW_ORDER: readonly EvaluatedKind[] = ['pixel', 'jepa', 'sigreg-only', 'raw-pixels', 'aligned-crop'];

/** Display order of the columns: position, its fields, dynamics, then class probes (linear before attentive). */
function columnRank(metric: string): number {
  if (metric === 'probe.r2') return 0;
  if (metric === 'probe.r2.velocity') return 2;
  if (metric === 'probe.r2.contextEnd') return 3;
  if (metric === 'probe.r2.future') return 4;
  if (metric.startsWith('probe.accuracy.')) return 5;
  if (metric.startsWith('probe.attentive.')) return 6;
  return 1;
}

/** Short column heading: the metric without `probe.` (`r2`, `r2.future`, `attentive.digit`). */
export function probeColumnName(metric: string): string {
  return metric.replace(/^probe\./, '');
}

/** The last evaluation at the run's standard labelled-clip count (or its first, `atStart`) of `kind`, its probe metrics. */
function probeValues(record: RunRecord, kind: EvaluatedKind, atStart: boolean): Record<string, number> | null {
  const labelled = record.config.evaluation.probe.trainClips;
  const evaluations = record.evaluations.filter((e) => e.learner === kind && e.labelledClips === labelled);
  const chosen = atStart ? evaluations.find((e) => e.step === 0) : evaluations.at(-1);
  return chosen ? Object.fromEntries(Object.entries(chosen.metrics).filter(([k]) => k.startsWith('probe.'))) : null;
}

export function probeTable(records: readonly RunRecord[]): ProbeTable {
  const columns = new Set<string>();
  const rows: ProbeTableRow[] = [];
  for (const group of groupByVariant(records)) {
    const row = (encoder: string, per: (r: RunRecord) => Record<string, number> | null) => {
      const values = group.runs.map(per).filter((v): v is Record<string, number> => v !== null && Object.keys(v).length > 0);
      if (values.length === 0) return;
      const metrics = [...new Set(values.flatMap((v) => Object.keys(v)))];
      metrics.forEach((m) => columns.add(m));
      rows.push({ variant: group.label, encoder, values: Object.fromEntries(metrics.map((m) => [m, summarize(values.map((v) => v[m] ?? Number.NaN))])) });
    };
    const initial: EvaluatedKind = group.runs.some((r) => r.evaluations.some((e) => e.learner === 'jepa')) ? 'jepa' : 'pixel';
    row('random init', (r) => probeValues(r, initial, true));
    for (const kind of ROW_ORDER) row(LEARNER_NAME[kind], (r) => probeValues(r, kind, false));
  }
  return { columns: [...columns].sort((a, b) => columnRank(a) - columnRank(b) || a.localeCompare(b)), rows };
}
