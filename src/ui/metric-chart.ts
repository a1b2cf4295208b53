import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import {
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
  type Plugin,
} from 'chart.js';
import { color as parseColor } from 'chart.js/helpers';
import { SERIES_PALETTE, type AxisScale, type ChartPoint, type LineChartSpec } from '../lab/chart-spec';
import { chartCsv } from './chart-csv';
import { safeFileName, saveBlob } from './download';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Filler, Tooltip, Legend);

/** A chart.js point; a gap (y null at x NaN, so that tooltips never pick it) breaks the line. */
type XY = { x: number; y: number | null };
const gap = (): XY => ({ x: NaN, y: null });
type LineDataset = ChartDataset<'line', XY[]>;
/** What a chart.js dataset draws: a spec series, one edge of a series' spread band, or a reference line. */
type DatasetKind = 'series' | 'band' | 'reference';

/** The chart.js datasets for a spec under given axes, and what the page reports about them. */
interface ChartContent {
  datasets: LineDataset[];
  kinds: DatasetKind[];
  /** Points drawn over the spec's series (bands and reference lines not counted). */
  points: number;
  /** The x range of those points, or null when there are none. */
  xRange: { min: number; max: number } | null;
}

const REFERENCE_COLOR = '#64748b';
const BAND_ALPHA = 0.15;

/** Whether `value` can be placed on an axis of this scale: finite, and positive on a log axis. */
function fits(value: number | undefined, scale: AxisScale): value is number {
  return value !== undefined && Number.isFinite(value) && (scale === 'linear' || value > 0);
}

function hasFinitePoint(spec: LineChartSpec | null): boolean {
  return !!spec && spec.series.some((s) => s.points.some((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
}

/** `value` rounded to 3 significant digits, without trailing zeros (0.1235 → "0.124", 1234 → "1230"). */
function threeSignificant(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function withAlpha(cssColor: string, alpha: number): string {
  const parsed = parseColor(cssColor);
  return parsed.valid ? parsed.alpha(alpha).rgbString() : cssColor;
}

/** One dataset per series, two more (low, then high filled down to low) per series with a spread, one per reference line. */
function chartContent(spec: LineChartSpec | null, xScale: AxisScale, yScale: AxisScale): ChartContent {
  const content: ChartContent = { datasets: [], kinds: [], points: 0, xRange: null };
  if (!spec) return content;
  const add = (kind: DatasetKind, dataset: LineDataset) => {
    content.kinds.push(kind);
    content.datasets.push(dataset);
  };
  const xs: number[] = [];
  spec.series.forEach((s, i) => {
    const color = s.color ?? SERIES_PALETTE[i % SERIES_PALETTE.length]!;
    const plotted = (p: ChartPoint) => fits(p.x, xScale) && fits(p.y, yScale);
    const data = s.points.map((p) => (plotted(p) ? { x: p.x, y: p.y } : gap()));
    for (const p of data) if (p.y !== null) xs.push(p.x);
    add('series', {
      label: s.name,
      data,
      borderColor: color,
      backgroundColor: color,
      borderDash: s.dashed ? [6, 4] : [],
      borderWidth: 2,
      pointRadius: 2,
      spanGaps: false,
    });
    const banded = s.points.map((p) => plotted(p) && fits(p.low, yScale) && fits(p.high, yScale));
    if (!banded.some(Boolean)) return;
    const fill = withAlpha(color, BAND_ALPHA);
    const edge = (bound: 'low' | 'high'): LineDataset => ({
      label: `${s.name} (${bound})`,
      data: s.points.map((p, k) => (banded[k] ? { x: p.x, y: p[bound]! } : gap())),
      borderWidth: 0,
      pointRadius: 0,
      pointHoverRadius: 0,
      backgroundColor: fill,
      fill: bound === 'high' ? '-1' : false,
      spanGaps: false,
    });
    add('band', edge('low'));
    add('band', edge('high'));
  });
  content.points = xs.length;
  if (xs.length === 0) return content;
  const range = { min: Math.min(...xs), max: Math.max(...xs) };
  content.xRange = range;
  for (const h of spec.horizontalLines ?? []) {
    add('reference', {
      label: h.label,
      data: fits(h.y, yScale) ? [{ x: range.min, y: h.y }, { x: range.max, y: h.y }] : [gap(), gap()],
      borderColor: REFERENCE_COLOR,
      backgroundColor: REFERENCE_COLOR,
      borderDash: [4, 3],
      borderWidth: 1.5,
      pointRadius: 0,
      pointHoverRadius: 0,
    });
  }
  return content;
}

/** Fills the canvas white under the chart so that an exported PNG is readable. */
const whiteBackground: Plugin<'line'> = {
  id: 'metricChartWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** What a `chart-export` event tells. */
export interface ChartExportDetail {
  format: 'png' | 'csv';
  /** The downloaded file's name, extension included. */
  fileName: string;
  /** The file's size in bytes. */
  size: number;
}

/**
 * A chart.js line chart of a `LineChartSpec` (the data model that `lineChartSvg` draws on the command
 * line): series with optional spread bands, linear or log axes, labelled reference lines, a log-scale
 * toggle for y, and PNG/CSV downloads.
 *
 * @property spec - what to draw, or null (attribute: none). A new spec updates the chart in place.
 * @property fileName - base name of downloaded files (attribute `file-name`); empty means one made from the title.
 * @property emptyText - shown instead of the chart when there is no spec or no finite point (attribute `empty-text`).
 * @fires chart-export - after a download is offered; detail `ChartExportDetail`. Bubbles, composed.
 *
 * Host attributes: `data-points` (points drawn over the series under the current axes; non-finite,
 * and ≤ 0 on a log axis, not counted), `data-series` (number of series), `data-scale` (`linear` | `log`, the y axis).
 * The log-scale choice starts from `spec.yScale` and survives new specs until their `yScale` changes.
 */
export class MetricChart extends LitElement {
  static override properties = {
    spec: { attribute: false },
    fileName: { attribute: 'file-name' },
    emptyText: { attribute: 'empty-text' },
    logScale: { state: true },
  };

  declare spec: LineChartSpec | null;
  declare fileName: string;
  declare emptyText: string;
  private declare logScale: boolean;
  /** The `yScale` of the spec that last set `logScale`. */
  private specYScale: AxisScale | null = null;
  private content: ChartContent = chartContent(null, 'linear', 'linear');
  private chart: Chart<'line', XY[]> | null = null;

  constructor() {
    super();
    this.spec = null;
    this.fileName = '';
    this.emptyText = 'No data yet';
    this.logScale = false;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #0f172a; }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em; margin-bottom: 0.4em; }
    h3 { flex: 1 1 auto; margin: 0; font-size: 1em; }
    label { display: inline-flex; align-items: center; gap: 0.3em; cursor: pointer; }
    button { font: inherit; padding: 0.15em 0.7em; border: 1px solid #94a3b8; border-radius: 4px; background: #f8fafc; color: inherit; cursor: pointer; }
    button:disabled { cursor: default; opacity: 0.5; }
    button:focus-visible, input:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    .plot { position: relative; height: 260px; }
    .plot[hidden] { display: none; }
    .empty { margin: 0; padding: 2em 0; text-align: center; color: #475569; }
  `;

  /** The chart.js chart while the element is connected and rendered, else null. */
  get chartInstance(): Chart<'line', XY[]> | null {
    return this.chart;
  }

  private get yScale(): AxisScale {
    return this.logScale ? 'log' : 'linear';
  }

  private get baseName(): string {
    return this.fileName || safeFileName(this.spec?.title ?? '');
  }

  override willUpdate(changed: PropertyValues): void {
    const specScale = this.spec ? (this.spec.yScale ?? 'linear') : this.specYScale;
    if (specScale !== this.specYScale) {
      this.specYScale = specScale;
      this.logScale = specScale === 'log';
    }
    if (changed.has('spec') || changed.has('logScale')) {
      this.content = chartContent(this.spec, this.spec?.xScale ?? 'linear', this.yScale);
      this.dataset.points = String(this.content.points);
      this.dataset.series = String(this.spec?.series.length ?? 0);
      this.dataset.scale = this.yScale;
    }
  }

  override render() {
    const spec = this.spec;
    const empty = !hasFinitePoint(spec);
    return html`
      ${spec
        ? html`<header>
            <h3>${spec.title}</h3>
            <label><input type="checkbox" .checked=${this.logScale} ?disabled=${empty} @change=${this.onScaleChange} />log scale</label>
            <button type="button" aria-label="Download ${spec.title} as PNG" ?disabled=${empty} @click=${this.exportPng}>PNG</button>
            <button type="button" aria-label="Download ${spec.title} as CSV" ?disabled=${empty} @click=${this.exportCsv}>CSV</button>
          </header>`
        : nothing}
      <div class="plot" ?hidden=${empty}><canvas role="img" aria-label=${spec?.title ?? ''}></canvas></div>
      ${empty ? html`<p class="empty">${this.emptyText}</p>` : nothing}
    `;
  }

  override updated(changed: PropertyValues): void {
    if (!this.isConnected) return;
    if (!this.chart) this.createChart();
    else if (changed.has('spec') || changed.has('logScale')) this.syncChart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.chart) this.createChart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  private onScaleChange(event: Event): void {
    this.logScale = (event.target as HTMLInputElement).checked;
  }

  private scales(): ChartOptions<'line'>['scales'] {
    const spec = this.spec;
    const y = this.yScale;
    const range = this.content.xRange;
    const [yMin, yMax] = [spec?.yMin, spec?.yMax];
    return {
      // Suggested bounds: chart.js takes unparsed data as sorted by x and would otherwise read only its ends.
      x: {
        type: spec?.xScale === 'log' ? 'logarithmic' : 'linear',
        title: { display: true, text: spec?.xLabel ?? '' },
        suggestedMin: range?.min,
        suggestedMax: range?.max,
      },
      y: {
        type: y === 'log' ? 'logarithmic' : 'linear',
        title: { display: true, text: spec?.yLabel ?? '' },
        min: fits(yMin, y) ? yMin : undefined,
        max: fits(yMax, y) ? yMax : undefined,
      },
    };
  }

  private createChart(): void {
    const canvas = this.renderRoot.querySelector('canvas')!;
    const isBand = (datasetIndex: number | undefined) => datasetIndex !== undefined && this.content.kinds[datasetIndex] === 'band';
    this.chart = new Chart<'line', XY[]>(canvas, {
      type: 'line',
      data: { datasets: this.content.datasets },
      plugins: [whiteBackground],
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: this.scales(),
        plugins: {
          legend: { display: true, labels: { usePointStyle: true, pointStyle: 'line', filter: (item) => !isBand(item.datasetIndex) } },
          tooltip: {
            mode: 'nearest',
            intersect: false,
            filter: (item) => !isBand(item.datasetIndex),
            callbacks: { label: (item) => `${item.dataset.label}: ${threeSignificant(item.parsed.y ?? NaN)}` },
          },
        },
      },
    });
  }

  private syncChart(): void {
    const chart = this.chart!;
    chart.data.datasets = this.content.datasets;
    chart.options.scales = this.scales();
    chart.update('none');
  }

  private async exportPng(): Promise<void> {
    const canvas = this.renderRoot.querySelector('canvas')!;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) this.offer('png', blob);
  }

  private exportCsv(): void {
    if (this.spec) this.offer('csv', new Blob([chartCsv(this.spec)], { type: 'text/csv' }));
  }

  private offer(format: ChartExportDetail['format'], blob: Blob): void {
    const fileName = `${this.baseName}.${format}`;
    saveBlob(fileName, blob);
    const detail: ChartExportDetail = { format, fileName, size: blob.size };
    this.dispatchEvent(new CustomEvent('chart-export', { detail, bubbles: true, composed: true }));
  }
}

customElements.define('metric-chart', MetricChart);

declare global {
  interface HTMLElementTagNameMap {
    'metric-chart': MetricChart;
  }
  interface HTMLElementEventMap {
    'chart-export': CustomEvent<ChartExportDetail>;
  }
}
