import { LitElement, css, html, nothing } from 'lit';
import type { BackendSelection } from '../../models/backend';

/**
 * Shows which tfjs backend the training worker runs on, the WebGPU adapter, a visible note
 * when the app fell back, and (folded) why each better backend was skipped.
 *
 * @property selection - what `selectBackend` returned in the worker, or null while starting.
 */
export class BackendBadge extends LitElement {
  static override properties = { selection: { attribute: false } };

  declare selection: BackendSelection | null;

  constructor() {
    super();
    this.selection = null;
  }

  static override styles = css`
    :host { display: inline-block; font: 13px/1.4 system-ui, sans-serif; }
    .badge { display: inline-flex; gap: 0.5em; align-items: center; padding: 0.25em 0.7em; border-radius: 999px; background: #eef2ff; color: #1e1b4b; border: 1px solid #c7d2fe; }
    .badge.emulated, .badge.fallback { background: #fff7ed; border-color: #fdba74; color: #7c2d12; }
    .name { font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
    .note { margin: 0.4em 0 0; color: #7c2d12; }
    details { margin-top: 0.3em; color: #334155; }
    ul { margin: 0.2em 0; padding-left: 1.2em; }
  `;

  override render() {
    const s = this.selection;
    if (!s) return html`<span class="badge" role="status">Choosing a backend…</span>`;
    const classes = ['badge', s.adapter?.cpuEmulated ? 'emulated' : '', s.fellBack ? 'fallback' : ''].join(' ');
    return html`
      <span class=${classes} role="status" data-backend=${s.backend}>
        <span class="name">${s.backend}</span>
        ${s.adapter ? html`<span class="adapter">${s.adapter.label}</span>` : nothing}
        ${s.backend === 'wasm' ? html`<span class="adapter">${s.wasmThreads ? 'threaded' : 'single-threaded'}</span>` : nothing}
      </span>
      ${s.messages.map((m) => html`<p class="note">${m}</p>`)}
      ${s.adapter?.cpuEmulated
        ? html`<p class="note emulation">This WebGPU adapter emulates a GPU on the CPU: training is much slower than on the wasm backend here. Choose wasm under Runtime → backend.</p>`
        : nothing}
      ${s.skipped.length > 0
        ? html`<details><summary>Why not a faster backend?</summary>
            <ul>${s.skipped.map((k) => html`<li><b>${k.backend}</b>: ${k.reason}</li>`)}</ul></details>`
        : nothing}
    `;
  }
}

customElements.define('backend-badge', BackendBadge);

declare global {
  interface HTMLElementTagNameMap {
    'backend-badge': BackendBadge;
  }
}
