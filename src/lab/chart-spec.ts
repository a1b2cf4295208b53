/**
 * A line chart as data: curves with optional spread, axis scales and reference lines. The command
 * line draws it as SVG (src/cli/svg-chart.ts), the page with chart.js (src/ui/metric-chart.ts).
 */

/** Okabe–Ito colours: the first two (pixel learner orange, JEPA blue) stay distinct for colour-blind readers. */
export const SERIES_PALETTE = ['#E69F00', '#0072B2', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export type AxisScale = 'linear' | 'log';

/** One point of a curve; `low`/`high` (both or neither) bound its spread, e.g. min and max over seeds. */
export interface ChartPoint {
  x: number;
  y: number;
  low?: number;
  high?: number;
}

export interface LineSeries {
  name: string;
  /** Drawn in the given order; a non-finite point (or one ≤ 0 on a log axis) breaks the line. */
  points: readonly ChartPoint[];
  dashed?: boolean;
  /** Overrides the palette colour. */
  color?: string;
  /** How `low`/`high` are drawn: a shaded band (default; an isolated point gets an error bar) or error bars. */
  spread?: 'band' | 'errorBars';
}

export interface LineChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  xScale?: AxisScale;
  yScale?: AxisScale;
  /** Fixed ends of the y axis; by default the data range rounded out to tick values. */
  yMin?: number;
  yMax?: number;
  width?: number;
  height?: number;
  /** Labelled reference levels across the plot, e.g. chance accuracy. */
  horizontalLines?: readonly { y: number; label: string }[];
}

