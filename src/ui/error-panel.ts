import { LitElement, css, html, nothing } from 'lit';

/**
 * Lists failures (worker errors, diverged runs, uncaught page errors) until dismissed.
 *
 * @property messages - the messages to show, newest last.
 * @fires dismiss - when the user clears the panel.
 */
export class ErrorPanel extends LitElement {
  static override properties = { messages: { attribute: false } };

  declare messages: string[];

  constructor() {
    super();
    this.messages = [];
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; }
    .panel { border: 1px solid #fca5a5; background: #fef2f2; color: #7f1d1d; border-radius: 8px; padding: 0.6em 0.9em; }
    ul { margin: 0.3em 0; padding-left: 1.2em; }
    button { font: inherit; }
  `;

  override render() {
    if (this.messages.length === 0) return nothing;
    return html`<div class="panel" role="alert">
      <strong>Something went wrong</strong>
      <ul>${this.messages.map((m) => html`<li>${m}</li>`)}</ul>
      <button @click=${this.onDismiss}>Dismiss</button>
    </div>`;
  }

  private onDismiss(): void {
    this.dispatchEvent(new CustomEvent('dismiss', { bubbles: true, composed: true }));
  }
}

customElements.define('error-panel', ErrorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'error-panel': ErrorPanel;
  }
}
