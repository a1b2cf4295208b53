import type { LineChartSpec } from '../lab/chart-spec';
import { toCsv, type CsvValue } from '../lab/csv';

const COLUMNS = ['series', 'x', 'y', 'low', 'high'] as const;

/** A number cell: empty when absent or non-finite. */
function cell(value: number | undefined): CsvValue {
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * The data behind a line chart as CSV: header `series,x,y,low,high`, one row per point of each series in
 * order (absent or non-finite numbers as empty cells), then one row per horizontal line with series
 * `reference: <label>`, an empty x and its level as y.
 */
export function chartCsv(spec: LineChartSpec): string {
  const points = spec.series.flatMap((s) =>
    s.points.map((p) => ({ series: s.name, x: cell(p.x), y: cell(p.y), low: cell(p.low), high: cell(p.high) })),
  );
  const references = (spec.horizontalLines ?? []).map((h) => ({ series: `reference: ${h.label}`, y: cell(h.y) }));
  return toCsv(COLUMNS, [...points, ...references]);
}
