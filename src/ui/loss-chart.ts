import { LitElement, css, html } from 'lit';
import { Chart, LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

/**
 * A live chart.js line chart of training loss against step (log-scale y).
 *
 * @property label - the legend label of the series.
 * Public methods: `addPoint(step, loss)`, `clear()`; `pointCount` and `values` say what is drawn.
 */
export class LossChart extends LitElement {
  static override properties = { label: { type: String } };

  declare label: string;
  private chart: Chart<'line', { x: number; y: number }[]> | null = null;
  private readonly points: { x: number; y: number }[] = [];

  constructor() {
    super();
    this.label = 'loss';
  }

  static override styles = css`
    :host { display: block; position: relative; min-height: 240px; }
    canvas { width: 100% !important; height: 240px !important; }
  `;

  get pointCount(): number {
    return this.points.length;
  }

  /** The plotted loss values, oldest first. */
  get values(): number[] {
    return this.points.map((p) => p.y);
  }

  addPoint(step: number, loss: number): void {
    this.points.push({ x: step, y: loss });
    this.dataset.points = String(this.points.length);
    this.chart?.update('none');
  }

  clear(): void {
    this.points.length = 0;
    this.dataset.points = '0';
    this.chart?.update('none');
  }

  override render() {
    return html`<canvas aria-label="${this.label} against training step" role="img"></canvas>`;
  }

  override firstUpdated(): void {
    this.createChart();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.chart) this.createChart();
  }

  private createChart(): void {
    const canvas = this.renderRoot.querySelector('canvas')!;
    this.chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ label: this.label, data: this.points, borderColor: '#2563eb', backgroundColor: '#2563eb', pointRadius: 0, borderWidth: 2 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: { type: 'logarithmic', title: { display: true, text: 'MSE (log)' } },
        },
        plugins: { legend: { display: true }, tooltip: { mode: 'nearest', intersect: false } },
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }
}

customElements.define('loss-chart', LossChart);

declare global {
  interface HTMLElementTagNameMap {
    'loss-chart': LossChart;
  }
}
