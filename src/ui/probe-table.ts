import { LitElement, css, html, nothing } from 'lit';
import { probeColumnName, probeTable } from '../lab/probe-table';
import type { RunRecord } from '../lab/run-record';
import { formatMeanSpread } from '../lab/seed-stats';

/**
 * The probe table of one or more runs (src/lab/probe-table.ts): a row per evaluated encoder —
 * random init, the trained learners, the controls (SIGReg-only, raw pixels, aligned crop) — and a
 * column per probe metric at the latest evaluation, mean ± std over seeds. An encoder learned
 * something only where it beats the rows below it.
 *
 * @property records - the runs (a live run's record, or a preset's runs).
 * @property caption - the heading above the table.
 */
export class ProbeTable extends LitElement {
  static override properties = {
    records: { attribute: false },
    caption: { type: String },
  };

  declare records: RunRecord[];
  declare caption: string;

  constructor() {
    super();
    this.records = [];
    this.caption = 'Probes at the latest evaluation';
  }

  static override styles = css`
    :host { display: block; font: 13px/1.4 system-ui, sans-serif; overflow-x: auto; }
    h3 { font-size: 1rem; margin: 0 0 0.3rem; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
    th, td { text-align: right; padding: 0.15rem 0.6rem; border-bottom: 1px solid #e2e8f0; white-space: nowrap; }
    th[scope='row'], th.variant { text-align: left; font-weight: 600; }
    thead th { color: #334155; }
    .empty { color: #475569; margin: 0; }
  `;

  override render() {
    const table = probeTable(this.records.filter((r) => r !== undefined));
    if (table.rows.length === 0) return html`<h3>${this.caption}</h3><p class="empty">Probe scores appear after the first evaluation (evaluation.probes on; controls under evaluation.controls).</p>`;
    const variants = table.rows.some((r) => r.variant !== '');
    return html`
      <h3>${this.caption}</h3>
      <table id="probes">
        <thead><tr>${variants ? html`<th class="variant" scope="col">configuration</th>` : nothing}<th scope="col">encoder</th>${table.columns.map((c) => html`<th scope="col" title=${c}>${probeColumnName(c)}</th>`)}</tr></thead>
        <tbody>
          ${table.rows.map(
            (r) => html`<tr>${variants ? html`<td class="variant">${r.variant}</td>` : nothing}<th scope="row">${r.encoder}</th>${table.columns.map((c) => html`<td>${r.values[c] ? formatMeanSpread(r.values[c]!, 3).replace(/ \(n = \d+\)$/, '') : '—'}</td>`)}</tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

customElements.define('probe-table', ProbeTable);

declare global {
  interface HTMLElementTagNameMap {
    'probe-table': ProbeTable;
  }
}
