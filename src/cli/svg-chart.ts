/**
 * Dependency-free SVG charts for the command-line report: `lineChartSvg` (curves, linear or log axes,
 * optional spread over seeds as a band or error bars) and `barChartSvg` (grouped bars). Pure string
 * building, no DOM and no Node APIs. All text is XML-escaped and non-finite numbers never reach the markup.
 */
import { SERIES_PALETTE, type AxisScale, type LineChartSpec, type LineSeries } from '../lab/chart-spec';

export interface BarSeries {
  name: string;
  /** One value per group; a non-finite one is marked "n/a". */
  values: readonly number[];
  /** Per-group spread (both or neither), drawn as error bars. */
  low?: readonly number[];
  high?: readonly number[];
  color?: string;
}

export interface BarChartSpec {
  title: string;
  yLabel: string;
  groups: readonly string[];
  series: readonly BarSeries[];
  width?: number;
  height?: number;
}

const FONT_SIZE = 12;
const CHAR_WIDTH = 0.6 * FONT_SIZE;
const TICK_TARGET = 5;
const MARKER_LIMIT = 40;
/** Room around the plot area so that markers on its edge are not cut in half. */
const CLIP_MARGIN = 4;
const TEXT_COLOR = '#222';
const GRID_COLOR = '#e4e4e4';
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(text: string): string {
  // Control characters other than tab and line breaks are not allowed in XML 1.0: dropped.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}

/** A coordinate with two decimals; callers only pass finite numbers. */
function px(value: number): string {
  return String(Math.round(value * 100) / 100 || 0);
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

function line(x1: number, y1: number, x2: number, y2: number, attributes: string): string {
  return `<line x1="${px(x1)}" y1="${px(y1)}" x2="${px(x2)}" y2="${px(y2)}" ${attributes}/>`;
}

/** A value on an axis's internal scale: itself (linear) or its log10 (log; NaN unless positive). */
function transform(scale: AxisScale, value: number): number {
  if (scale === 'linear') return value;
  return value > 0 ? Math.log10(value) : NaN;
}

interface Tick {
  at: number;
  label: string;
}

/** An axis range and its ticks, both on the internal (possibly log10) scale. */
interface Axis {
  lo: number;
  hi: number;
  ticks: Tick[];
}

/** How many multiples of `step` lie in [lo, hi]. */
function tickCount(lo: number, hi: number, step: number): number {
  return Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1;
}

/** [lo, hi] with the ends that are to be rounded moved out to multiples of `step`. */
function roundedRange(lo: number, hi: number, step: number, roundLo: boolean, roundHi: boolean): [number, number] {
  return [roundLo ? Math.floor(lo / step + 1e-9) * step : lo, roundHi ? Math.ceil(hi / step - 1e-9) * step : hi];
}

/** The step of 1, 2 or 5 times a power of ten whose ticks number closest to TICK_TARGET (fewer on a tie). */
function niceStep(lo: number, hi: number, roundLo: boolean, roundHi: boolean): number {
  const exponent = Math.floor(Math.log10(hi - lo));
  let best = NaN;
  let bestMiss = Infinity;
  for (const e of [exponent + 1, exponent, exponent - 1]) {
    for (const mantissa of [5, 2, 1]) {
      const step = mantissa * 10 ** e;
      const miss = Math.abs(tickCount(...roundedRange(lo, hi, step, roundLo, roundHi), step) - TICK_TARGET);
      if (miss < bestMiss) [best, bestMiss] = [step, miss];
    }
  }
  return best;
}

/** A linear tick label with as many decimals as the step needs; exponent form for very large or small steps. */
function formatLinearTick(value: number, step: number): string {
  if (step >= 1e6 || step < 1e-4) return value === 0 ? '0' : Number(value.toPrecision(6)).toExponential();
  return value.toFixed(Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
}

/** The label of mantissa × 10^exponent: plain digits from 0.0001 to 500000, else e.g. "2e-6". */
function formatLogTick(exponent: number, mantissa: number): string {
  const value = mantissa * 10 ** exponent;
  return exponent >= -4 && exponent <= 5 ? String(Number(value.toPrecision(2))) : `${mantissa}e${exponent}`;
}

/** Ensures lo < hi: a single value gets room on the sides that are not fixed. */
function widen(lo: number, hi: number, fixedLo: boolean, fixedHi: boolean, pad: number): [number, number] {
  if (hi > lo) return [lo, hi];
  if (fixedLo && !fixedHi) return [lo, lo + pad];
  if (fixedHi && !fixedLo) return [hi - pad, hi];
  return [lo - pad, hi + pad];
}

/**
 * An axis over the (already transformed, finite) `values`. `min`/`max` (untransformed) fix its ends;
 * otherwise, with `roundOut`, the ends move out to the next tick value.
 */
function buildAxis(scale: AxisScale, values: readonly number[], roundOut: boolean, min?: number, max?: number): Axis {
  const fixedLo = min === undefined ? undefined : transform(scale, min);
  const fixedHi = max === undefined ? undefined : transform(scale, max);
  if (fixedLo !== undefined && !Number.isFinite(fixedLo)) throw new RangeError(`chart: axis minimum ${min} does not fit a ${scale} axis`);
  if (fixedHi !== undefined && !Number.isFinite(fixedHi)) throw new RangeError(`chart: axis maximum ${max} does not fit a ${scale} axis`);
  if (fixedLo !== undefined && fixedHi !== undefined && !(fixedLo < fixedHi)) throw new RangeError(`chart: axis minimum ${min} must be below maximum ${max}`);
  const fallback = fixedLo ?? fixedHi ?? 0;
  const dataLo = values.length ? values.reduce((a, b) => Math.min(a, b)) : fallback;
  const dataHi = values.length ? values.reduce((a, b) => Math.max(a, b)) : fallback;
  const anchor = fixedLo ?? fixedHi ?? dataLo;
  const pad = scale === 'log' ? 0.5 : anchor === 0 ? 1 : Math.abs(anchor) * 0.1;
  const [lo, hi] = widen(fixedLo ?? dataLo, fixedHi ?? dataHi, fixedLo !== undefined, fixedHi !== undefined, pad);
  const roundLo = roundOut && fixedLo === undefined;
  const roundHi = roundOut && fixedHi === undefined;
  return scale === 'log' ? logAxis(lo, hi, roundLo, roundHi) : linearAxis(lo, hi, roundLo, roundHi);
}

function linearAxis(lo: number, hi: number, roundLo: boolean, roundHi: boolean): Axis {
  const step = niceStep(lo, hi, roundLo, roundHi);
  [lo, hi] = roundedRange(lo, hi, step, roundLo, roundHi);
  const ticks: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) ticks.push({ at: k * step, label: formatLinearTick(k * step, step) });
  return { lo, hi, ticks };
}

/** Log axis on the log10 scale: ticks at powers of ten (thinned to ~5), with 2× and 5× when fewer than 3 fit. */
function logAxis(lo: number, hi: number, roundLo: boolean, roundHi: boolean): Axis {
  if (roundLo) lo = Math.floor(lo + 1e-9);
  if (roundHi) hi = Math.ceil(hi - 1e-9);
  const first = Math.ceil(lo - 1e-9);
  const last = Math.floor(hi + 1e-9);
  const inRange = (at: number) => at >= lo - 1e-9 && at <= hi + 1e-9;
  if (last - first + 1 >= 3) {
    const stride = Math.ceil((last - first + 1) / (TICK_TARGET + 1));
    const ticks: Tick[] = [];
    for (let e = first; e <= last; e++) if (e % stride === 0) ticks.push({ at: e, label: formatLogTick(e, 1) });
    return { lo, hi, ticks };
  }
  const ticks: Tick[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const mantissa of [1, 2, 5]) {
      const at = e + Math.log10(mantissa);
      if (inRange(at)) ticks.push({ at, label: formatLogTick(e, mantissa) });
    }
  }
  return { lo, hi, ticks };
}

/** Pixel placement of the plot area inside the picture. */
interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
}

function frameFor(width: number, height: number, legendNames: readonly string[]): Frame {
  const longest = Math.max(0, ...legendNames.map((name) => name.length));
  const legendWidth = legendNames.length ? Math.min(240, 40 + longest * CHAR_WIDTH) : 0;
  const left = 72;
  const top = 40;
  return { width, height, left, top, plotWidth: Math.max(40, width - left - 16 - legendWidth), plotHeight: Math.max(40, height - top - 56) };
}

function xPixel(frame: Frame, axis: Axis, at: number): number {
  return frame.left + ((at - axis.lo) / (axis.hi - axis.lo)) * frame.plotWidth;
}

function yPixel(frame: Frame, axis: Axis, at: number): number {
  return frame.top + frame.plotHeight - ((at - axis.lo) / (axis.hi - axis.lo)) * frame.plotHeight;
}

function svgDocument(frame: Frame, title: string, body: readonly string[]): string {
  const { width, height } = frame;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="system-ui, sans-serif" font-size="${FONT_SIZE}" fill="${TEXT_COLOR}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${px(width)}" height="${px(height)}" fill="#fff"/>`,
    text(width / 2, 24, title, 'text-anchor="middle" font-size="15" font-weight="bold"'),
    ...body,
    '</svg>',
  ].join('\n');
}

function noDataNote(frame: Frame): string {
  return text(frame.left + frame.plotWidth / 2, frame.top + frame.plotHeight / 2, 'no data', 'text-anchor="middle" fill="#777" font-style="italic"');
}

function yAxisMarkup(frame: Frame, axis: Axis, label: string): string[] {
  const out: string[] = [];
  for (const tick of axis.ticks) {
    const y = yPixel(frame, axis, tick.at);
    out.push(line(frame.left, y, frame.left + frame.plotWidth, y, `stroke="${GRID_COLOR}"`));
    out.push(text(frame.left - 6, y + 4, tick.label, 'text-anchor="end"'));
  }
  const middle = frame.top + frame.plotHeight / 2;
  out.push(text(18, middle, label, `text-anchor="middle" transform="rotate(-90 18 ${px(middle)})"`));
  return out;
}

function xAxisMarkup(frame: Frame, axis: Axis, label: string): string[] {
  const out: string[] = [];
  const bottom = frame.top + frame.plotHeight;
  for (const tick of axis.ticks) {
    const x = xPixel(frame, axis, tick.at);
    out.push(line(x, frame.top, x, bottom, `stroke="${GRID_COLOR}"`));
    out.push(text(x, bottom + 16, tick.label, 'text-anchor="middle"'));
  }
  out.push(text(frame.left + frame.plotWidth / 2, bottom + 40, label, 'text-anchor="middle"'));
  return out;
}

function plotBorder(frame: Frame): string {
  return `<rect x="${px(frame.left)}" y="${px(frame.top)}" width="${px(frame.plotWidth)}" height="${px(frame.plotHeight)}" fill="none" stroke="#999"/>`;
}

interface LegendEntry {
  name: string;
  color: string;
  shape: 'line' | 'dashedLine' | 'box';
}

function legendMarkup(frame: Frame, entries: readonly LegendEntry[]): string[] {
  const x = frame.left + frame.plotWidth + 16;
  return entries.flatMap((entry, i) => {
    const y = frame.top + 8 + i * 20;
    const swatch =
      entry.shape === 'box'
        ? `<rect x="${px(x)}" y="${px(y - 6)}" width="20" height="12" fill="${entry.color}"/>`
        : line(x, y, x + 20, y, `stroke="${entry.color}" stroke-width="2"${entry.shape === 'dashedLine' ? ' stroke-dasharray="6 4"' : ''}`) +
          `<circle cx="${px(x + 10)}" cy="${px(y)}" r="3" fill="${entry.color}"/>`;
    return [swatch, text(x + 26, y + 4, entry.name)];
  });
}

function seriesColor(index: number, override: string | undefined): string {
  return escapeXml(override ?? SERIES_PALETTE[index % SERIES_PALETTE.length]!);
}

function errorBar(x: number, yLow: number, yHigh: number, color: string): string {
  return `<path d="M${px(x)},${px(yLow)}V${px(yHigh)}M${px(x - 4)},${px(yLow)}H${px(x + 4)}M${px(x - 4)},${px(yHigh)}H${px(x + 4)}" stroke="${color}" stroke-width="1.5" fill="none"/>`;
}

/** A point on the internal scales, with its spread when both ends fit the axis. */
interface PlottedPoint {
  x: number;
  y: number;
  spread: { low: number; high: number } | null;
}

/** Runs of consecutive plottable points; every unplottable point ends a run. */
function plottableRuns(series: LineSeries, xScale: AxisScale, yScale: AxisScale): PlottedPoint[][] {
  const runs: PlottedPoint[][] = [];
  let run: PlottedPoint[] = [];
  for (const p of series.points) {
    const x = transform(xScale, p.x);
    const y = transform(yScale, p.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const low = p.low === undefined ? NaN : transform(yScale, p.low);
    const high = p.high === undefined ? NaN : transform(yScale, p.high);
    run.push({ x, y, spread: Number.isFinite(low) && Number.isFinite(high) ? { low, high } : null });
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Spread drawn as bands over consecutive points that have one; points with a spread but no neighbour get error bars. */
function spreadMarkup(run: readonly PlottedPoint[], toX: (at: number) => number, toY: (at: number) => number, color: string, style: 'band' | 'errorBars'): string[] {
  const out: string[] = [];
  let stretch: PlottedPoint[] = [];
  const flush = () => {
    if (style === 'band' && stretch.length > 1) {
      const upper = stretch.map((p) => `${px(toX(p.x))},${px(toY(p.spread!.high))}`);
      const lower = stretch.map((p) => `${px(toX(p.x))},${px(toY(p.spread!.low))}`).reverse();
      out.push(`<path d="M${[...upper, ...lower].join('L')}Z" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    } else {
      for (const p of stretch) out.push(errorBar(toX(p.x), toY(p.spread!.low), toY(p.spread!.high), color));
    }
    stretch = [];
  };
  for (const p of run) {
    if (p.spread) stretch.push(p);
    else flush();
  }
  flush();
  return out;
}

/** FNV-1a of `text` in hex: a stable id so several charts can share one HTML page. */
function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/**
 * An SVG line chart: axes with ~5 "nice" tick labels (powers of ten on log axes), gridlines, one line per
 * series with point markers (every point up to 40 per series, else isolated points only), the low/high
 * spread as a band or error bars, optional labelled horizontal lines, a legend, title and axis labels.
 * With nothing plottable it shows a "no data" note instead of axes.
 */
export function lineChartSvg(spec: LineChartSpec): string {
  const xScale = spec.xScale ?? 'linear';
  const yScale = spec.yScale ?? 'linear';
  const frame = frameFor(spec.width ?? 720, spec.height ?? 440, spec.series.map((s) => s.name));
  const legend = legendMarkup(
    frame,
    spec.series.map((s, i) => ({ name: s.name, color: seriesColor(i, s.color), shape: s.dashed ? 'dashedLine' : 'line' })),
  );
  const runsBySeries = spec.series.map((s) => plottableRuns(s, xScale, yScale));
  const allPoints = runsBySeries.flat(2);
  if (allPoints.length === 0) return svgDocument(frame, spec.title, [plotBorder(frame), noDataNote(frame), ...legend]);

  const levels = (spec.horizontalLines ?? []).map((h) => ({ at: transform(yScale, h.y), label: h.label })).filter((h) => Number.isFinite(h.at));
  const yValues = [...allPoints.flatMap((p) => (p.spread ? [p.y, p.spread.low, p.spread.high] : [p.y])), ...levels.map((h) => h.at)];
  const xAxis = buildAxis(xScale, allPoints.map((p) => p.x), false);
  const yAxis = buildAxis(yScale, yValues, true, spec.yMin, spec.yMax);
  const toX = (at: number) => xPixel(frame, xAxis, at);
  const toY = (at: number) => yPixel(frame, yAxis, at);

  const clipId = `plot-${hashText(JSON.stringify(spec))}`;
  const plotted: string[] = [];
  spec.series.forEach((s, i) => {
    const color = seriesColor(i, s.color);
    const runs = runsBySeries[i]!;
    for (const run of runs) plotted.push(...spreadMarkup(run, toX, toY, color, s.spread ?? 'band'));
    const lines = runs.filter((run) => run.length > 1).map((run) => `M${run.map((p) => `${px(toX(p.x))},${px(toY(p.y))}`).join('L')}`);
    if (lines.length) plotted.push(`<path d="${lines.join('')}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    const markAll = runs.reduce((count, run) => count + run.length, 0) <= MARKER_LIMIT;
    for (const run of runs) {
      if (!markAll && run.length > 1) continue;
      for (const p of run) plotted.push(`<circle cx="${px(toX(p.x))}" cy="${px(toY(p.y))}" r="3" fill="${color}"/>`);
    }
  });

  const references = levels
    .filter((h) => h.at >= yAxis.lo && h.at <= yAxis.hi)
    .flatMap((h) => {
      const y = toY(h.at);
      const right = frame.left + frame.plotWidth;
      return [line(frame.left, y, right, y, 'stroke="#555" stroke-dasharray="4 3"'), text(right - 4, y - 4, h.label, 'text-anchor="end" fill="#555"')];
    });

  return svgDocument(frame, spec.title, [
    ...yAxisMarkup(frame, yAxis, spec.yLabel),
    ...xAxisMarkup(frame, xAxis, spec.xLabel),
    plotBorder(frame),
    `<defs><clipPath id="${clipId}"><rect x="${px(frame.left - CLIP_MARGIN)}" y="${px(frame.top - CLIP_MARGIN)}" width="${px(frame.plotWidth + 2 * CLIP_MARGIN)}" height="${px(frame.plotHeight + 2 * CLIP_MARGIN)}"/></clipPath></defs>`,
    `<g clip-path="url(#${clipId})">`,
    ...plotted,
    '</g>',
    ...references,
    ...legend,
  ]);
}

/**
 * An SVG grouped bar chart: one cluster per group, one bar per series from zero, optional low/high error
 * bars, "n/a" for non-finite values, a y axis with ~5 "nice" ticks, a legend and a title. Every series needs
 * one value (and low/high entry, if given) per group. With no finite value it shows a "no data" note.
 */
export function barChartSvg(spec: BarChartSpec): string {
  for (const s of spec.series) {
    for (const [field, list] of [['values', s.values], ['low', s.low], ['high', s.high]] as const) {
      if (list && list.length !== spec.groups.length) {
        throw new RangeError(`barChartSvg: series '${s.name}' has ${list.length} ${field}, ${spec.groups.length} groups given`);
      }
    }
  }
  const frame = frameFor(spec.width ?? 720, spec.height ?? 440, spec.series.map((s) => s.name));
  const colors = spec.series.map((s, i) => seriesColor(i, s.color));
  const legend = legendMarkup(frame, spec.series.map((s, i) => ({ name: s.name, color: colors[i]!, shape: 'box' })));
  const values = spec.series.flatMap((s) => [...s.values, ...(s.low && s.high ? [...s.low, ...s.high] : [])]).filter((v) => Number.isFinite(v));
  if (spec.groups.length === 0 || !spec.series.some((s) => s.values.some((v) => Number.isFinite(v)))) {
    return svgDocument(frame, spec.title, [plotBorder(frame), noDataNote(frame), ...legend]);
  }

  const yAxis = buildAxis('linear', [0, ...values], true);
  const toY = (value: number) => yPixel(frame, yAxis, value);
  const baseline = toY(0);
  const bottom = frame.top + frame.plotHeight;
  const groupWidth = frame.plotWidth / spec.groups.length;
  const barWidth = (groupWidth * 0.8) / Math.max(1, spec.series.length);
  const bars: string[] = [];
  spec.groups.forEach((group, g) => {
    const groupLeft = frame.left + g * groupWidth + groupWidth * 0.1;
    bars.push(text(groupLeft + groupWidth * 0.4, bottom + 16, group, 'text-anchor="middle"'));
    spec.series.forEach((s, i) => {
      const x = groupLeft + i * barWidth;
      const value = s.values[g]!;
      if (!Number.isFinite(value)) {
        bars.push(text(x + barWidth / 2, baseline - 4, 'n/a', 'text-anchor="middle" font-size="10" fill="#777"'));
        return;
      }
      const top = Math.min(baseline, toY(value));
      bars.push(`<rect x="${px(x + 1)}" y="${px(top)}" width="${px(Math.max(1, barWidth - 2))}" height="${px(Math.abs(toY(value) - baseline))}" fill="${colors[i]}"/>`);
      const low = s.low?.[g];
      const high = s.high?.[g];
      if (low !== undefined && high !== undefined && Number.isFinite(low) && Number.isFinite(high)) bars.push(errorBar(x + barWidth / 2, toY(low), toY(high), TEXT_COLOR));
    });
  });

  return svgDocument(frame, spec.title, [
    ...yAxisMarkup(frame, yAxis, spec.yLabel),
    plotBorder(frame),
    ...bars,
    line(frame.left, baseline, frame.left + frame.plotWidth, baseline, 'stroke="#555"'),
    ...legend,
  ]);
}
