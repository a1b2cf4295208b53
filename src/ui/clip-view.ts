import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { clipSignature, frameRgba, type ClipShape } from './clip-pixels';

/**
 * A clip [T, H, W] drawn as a wrapping row of frames, one `<canvas width=W height=H>` each, hidden
 * tokens tinted. Without a clip: a grey placeholder "waiting for the first evaluation". The host's
 * `data-signature` is `clipSignature(clip, hiddenPixels)` (absent without a clip), so a redraw is visible.
 *
 * @property clip - the clip, values in [0, 1] (non-finite values draw red), or null.
 * @property shape - its shape {T, H, W}, or null.
 * @property hiddenPixels - per pixel 1 = hidden (from `hiddenPixels`), or null for none. (Not
 *   `hidden`: that is HTMLElement's boolean.)
 * @property label - the caption.
 * @property note - small text under the caption (e.g. what a retrieved clip is).
 * @property accent - border colour (CSS).
 * @property scale - CSS pixels per clip pixel.
 */
export class ClipView extends LitElement {
  static override properties = {
    clip: { attribute: false },
    shape: { attribute: false },
    hiddenPixels: { attribute: false },
    label: { type: String },
    note: { type: String },
    accent: { type: String },
    scale: { type: Number },
  };

  declare clip: Float32Array | null;
  declare shape: ClipShape | null;
  declare hiddenPixels: Uint8Array | null;
  declare label: string;
  declare note: string;
  declare accent: string;
  declare scale: number;

  constructor() {
    super();
    this.clip = null;
    this.shape = null;
    this.hiddenPixels = null;
    this.label = '';
    this.note = '';
    this.accent = '#cbd5e1';
    this.scale = 3;
  }

  static override styles = css`
    :host { display: block; font: 12px/1.4 system-ui, sans-serif; color: #334155; }
    figure { margin: 0; padding: 0.4em 0.5em; border: 2px solid; border-radius: 6px; background: #fff; }
    figcaption { font-weight: 600; }
    .note { margin: 0 0 0.3em; color: #64748b; }
    .frames { display: flex; flex-wrap: wrap; gap: 4px; }
    .frame { display: flex; flex-direction: column; align-items: center; }
    canvas { image-rendering: pixelated; display: block; }
    .t { font-size: 10px; color: #64748b; }
    .placeholder { display: flex; align-items: center; justify-content: center; min-height: 48px; padding: 0.5em; background: #e2e8f0; color: #475569; border-radius: 4px; text-align: center; }
  `;

  /** Why the clip cannot be drawn ('' when it can). */
  private problem(): string {
    const { clip, shape, hiddenPixels: hidden } = this;
    if (!clip || !shape) return 'waiting for the first evaluation';
    const size = shape.T * shape.H * shape.W;
    if (clip.length !== size) return `clip has ${clip.length} values; shape ${shape.T}×${shape.H}×${shape.W} needs ${size}`;
    if (hidden && hidden.length !== size) return `hiddenPixels has ${hidden.length} values; shape ${shape.T}×${shape.H}×${shape.W} needs ${size}`;
    return '';
  }

  override willUpdate(): void {
    if (this.clip && !this.problem()) this.dataset.signature = clipSignature(this.clip, this.hiddenPixels);
    else delete this.dataset.signature;
  }

  override render() {
    const problem = this.problem();
    return html`<figure style="border-color: ${this.accent}">
      <figcaption>${this.label}</figcaption>
      ${this.note ? html`<p class="note">${this.note}</p>` : nothing}
      ${problem ? html`<div class="placeholder">${problem}</div>` : this.renderFrames(this.shape!)}
    </figure>`;
  }

  private renderFrames(shape: ClipShape) {
    const size = `width: ${shape.W * this.scale}px; height: ${shape.H * this.scale}px`;
    const shaded = this.hiddenPixels?.includes(1) ? ', hidden tokens shaded' : '';
    return html`<div class="frames" role="img" aria-label="${this.label}: ${shape.T} frames${shaded}">
      ${Array.from({ length: shape.T }, (_, t) => html`<div class="frame">
        <canvas width=${shape.W} height=${shape.H} style=${size}></canvas>
        <span class="t">t=${t}</span>
      </div>`)}
    </div>`;
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('clip') && !changed.has('shape') && !changed.has('hiddenPixels')) return;
    const { clip, shape, hiddenPixels: hidden } = this;
    if (!clip || !shape || this.problem()) return;
    this.renderRoot.querySelectorAll('canvas').forEach((canvas, t) => {
      canvas.getContext('2d')!.putImageData(new ImageData(frameRgba(clip, shape, t, hidden), shape.W, shape.H), 0, 0);
    });
  }
}

customElements.define('clip-view', ClipView);

declare global {
  interface HTMLElementTagNameMap {
    'clip-view': ClipView;
  }
}
