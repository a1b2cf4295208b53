import { LitElement, css, html } from 'lit';

/**
 * Saving and loading results: export the run (config, curves, samples, checkpoint) as JSON;
 * import a saved run (it can continue training) or a `summary.json` / results folder written by
 * `npm run experiment` (charted with its preset's charts).
 *
 * @property disabled - disables export (nothing to save yet).
 * @fires export-run - the user asked to save the run.
 * @fires import-text - detail `{ name, text }`: the text of the picked file (a folder: its summary.json).
 * @fires import-failed - detail `{ message }`: the picked folder has no summary.json, or reading failed.
 */
export class RunFiles extends LitElement {
  static override properties = { disabled: { type: Boolean } };

  declare disabled: boolean;

  constructor() {
    super();
    this.disabled = false;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.45 system-ui, sans-serif; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    button, label.file { font: inherit; padding: 0.3em 0.9em; border-radius: 6px; border: 1px solid #94a3b8; background: #f8fafc; cursor: pointer; }
    button:focus-visible, label.file:focus-within { outline: 3px solid #2563eb; outline-offset: 2px; }
    button:disabled { opacity: 0.5; cursor: default; }
    input[type='file'] { position: absolute; width: 1px; height: 1px; opacity: 0; }
  `;

  private async read(files: FileList | null, folder: boolean): Promise<void> {
    const list = [...(files ?? [])];
    const file = folder ? list.find((f) => f.name === 'summary.json') : list[0];
    if (!folder && !file) return; // the picker was cancelled
    if (!file) {
      this.dispatchEvent(new CustomEvent('import-failed', { detail: { message: 'file: the folder has no summary.json; pick a results folder written by npm run experiment' }, bubbles: true, composed: true }));
      return;
    }
    try {
      const text = await file.text();
      this.dispatchEvent(new CustomEvent('import-text', { detail: { name: file.name, text }, bubbles: true, composed: true }));
    } catch (e) {
      this.dispatchEvent(new CustomEvent('import-failed', { detail: { message: `file: could not read ${file.name} (${(e as Error).message})` }, bubbles: true, composed: true }));
    }
  }

  private onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    void this.read(input.files, input.id === 'import-folder').finally(() => (input.value = ''));
  }

  override render() {
    return html`
      <div class="row">
        <button id="export-run" ?disabled=${this.disabled} @click=${() => this.dispatchEvent(new CustomEvent('export-run', { bubbles: true, composed: true }))}>Export run (JSON)</button>
        <label class="file" for="import-file">Import run or summary.json…<input id="import-file" type="file" accept=".json,application/json" @change=${this.onPick} /></label>
        <label class="file" for="import-folder">Load results folder…<input id="import-folder" type="file" webkitdirectory @change=${this.onPick} /></label>
      </div>
    `;
  }
}

customElements.define('run-files', RunFiles);

declare global {
  interface HTMLElementTagNameMap {
    'run-files': RunFiles;
  }
}
