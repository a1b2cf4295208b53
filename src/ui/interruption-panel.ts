import { LitElement, css, html } from 'lit';
import { BACKEND_ORDER, type BackendName } from '../../models/backend';

/**
 * Says that the run stopped because the GPU device was lost, and offers to continue it on another
 * backend from its last checkpoint (nothing before the checkpoint is lost; the steps after it are
 * trained again).
 *
 * @property message - why the run stopped.
 * @property checkpointStep - the step of the last checkpoint, or null when there is none yet (continuing starts over).
 * @property lostBackend - the backend that was lost (not offered again first).
 * @fires continue-on - detail `{ backend }` when the user picks a backend.
 */
export class InterruptionPanel extends LitElement {
  static override properties = {
    message: { type: String },
    checkpointStep: { attribute: false },
    lostBackend: { attribute: false },
  };

  declare message: string;
  declare checkpointStep: number | null;
  declare lostBackend: BackendName | null;

  constructor() {
    super();
    this.message = '';
    this.checkpointStep = null;
    this.lostBackend = null;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.45 system-ui, sans-serif; }
    .panel { border: 2px solid #b91c1c; background: #fef2f2; color: #450a0a; border-radius: 10px; padding: 0.7rem 0.9rem; }
    h2 { font-size: 1rem; margin: 0 0 0.3rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.5rem; }
    button { font: inherit; padding: 0.3em 0.9em; border-radius: 6px; border: 1px solid #7f1d1d; background: #fff; cursor: pointer; }
    button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
  `;

  private continueOn(backend: BackendName): void {
    this.dispatchEvent(new CustomEvent('continue-on', { detail: { backend }, bubbles: true, composed: true }));
  }

  override render() {
    const where = this.checkpointStep === null ? 'No checkpoint was taken yet: the run starts again from step 0.' : `The last checkpoint is at step ${this.checkpointStep}; the run continues from there.`;
    const backends = BACKEND_ORDER.filter((b) => b !== this.lostBackend);
    return html`
      <div class="panel" role="alert">
        <h2>The run is paused</h2>
        <p>${this.message} ${where}</p>
        <div class="actions">
          ${backends.map((b) => html`<button id="continue-${b}" @click=${() => this.continueOn(b)}>Continue on ${b}</button>`)}
        </div>
      </div>
    `;
  }
}

customElements.define('interruption-panel', InterruptionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'interruption-panel': InterruptionPanel;
  }
}
