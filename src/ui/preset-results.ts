import { LitElement, css, html, nothing } from 'lit';
import { presetChartSpec } from '../lab/preset-chart-data';
import { PRESETS, type HeadlineValue, type PresetName } from '../lab/presets';
import type { RunRecord } from '../lab/run-record';
import { formatSummary } from '../lab/paired-difference';
import './metric-chart';
import './probe-table';

/**
 * A preset's results over several runs (its sweep × seeds, run in the page or loaded from a
 * summary.json): the headline as mean ± sample std over seeds, and the preset's own charts (mean
 * over seeds with the min–max band), the same ones `npm run experiment` draws.
 *
 * @property preset - which preset the runs belong to.
 * @property records - the runs (finished ones count in the headline).
 * @property source - a line saying where the results come from.
 */
export class PresetResults extends LitElement {
  static override properties = {
    preset: { attribute: false },
    records: { attribute: false },
    source: { type: String },
  };

  declare preset: PresetName | null;
  declare records: RunRecord[];
  declare source: string;

  constructor() {
    super();
    this.preset = null;
    this.records = [];
    this.source = '';
  }

  static override styles = css`
    :host { display: block; font: 14px/1.45 system-ui, sans-serif; }
    h2 { font-size: 1.1rem; margin: 0 0 0.2rem; }
    .source { color: #475569; margin: 0 0 0.5rem; }
    table { border-collapse: collapse; margin-bottom: 0.8rem; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 0.15rem 0.8rem 0.15rem 0; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
    th { font-weight: 600; color: #334155; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 1rem; }
  `;

  private headlineRows(): [string, string][] {
    const finished = this.records.filter((r) => r && r.outcome === 'done');
    if (!this.preset || finished.length === 0) return [];
    const format = (v: HeadlineValue): string => (typeof v === 'object' ? formatSummary(v) : typeof v === 'number' ? v.toPrecision(3) : v);
    return Object.entries(PRESETS[this.preset].headline(finished)).map(([key, value]) => [key, format(value)]);
  }

  override render() {
    if (!this.preset) return nothing;
    const preset = PRESETS[this.preset];
    const records = this.records.filter((r) => r !== undefined);
    const rows = this.headlineRows();
    return html`
      <h2>${preset.title}</h2>
      <p class="source">${this.source}</p>
      ${rows.length
        ? html`<table id="headline"><caption hidden>Headline</caption><tr><th scope="col">headline</th><th scope="col">mean ± std over seeds</th></tr>
            ${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table>`
        : html`<p>The headline appears when runs finish.</p>`}
      <probe-table .records=${records.filter((r) => r.outcome === 'done')} caption="Probes after pre-training (mean ± std over seeds)"></probe-table>
      <div class="charts">
        ${preset.charts.map((chart, i) => html`<metric-chart .spec=${records.length ? presetChartSpec(chart, records) : null} file-name=${`${preset.name}-chart-${i + 1}`} empty-text="No finished evaluations yet."></metric-chart>`)}
      </div>
    `;
  }
}

customElements.define('preset-results', PresetResults);

declare global {
  interface HTMLElementTagNameMap {
    'preset-results': PresetResults;
  }
}
