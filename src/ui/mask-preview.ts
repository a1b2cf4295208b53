import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Mask } from '../../models/masking';
import { DEFAULT_TUBELET, type TubeletSize } from '../../models/tubelets';
import { frameScale, shadeMask, type ClipShape, type MaskShading } from './clip-pixels';
import './clip-view';

/** "hides 48% of 64 tokens (multi-block)", or for ratio 0 "hides nothing: plain autoencoding". */
function maskSummary(mask: Mask): string {
  if (mask.ratio === 0) return 'hides nothing: plain autoencoding';
  const { nt, nh, nw } = mask.grid;
  return `hides ${Math.round(mask.ratio * 100)}% of ${nt * nh * nw} tokens (${mask.strategy})`;
}

/**
 * A clip with a mask's hidden tokens shaded and what the mask hides, in words. A mask whose grid
 * does not fit the clip and tubelet shows the reason instead of the shading.
 *
 * @property clip - the clip [T, H, W], values in [0, 1], or null.
 * @property shape - its shape, or null.
 * @property mask - the mask to show (e.g. from `previewMask`), or null.
 * @property tubelet - the tubelet size the mask's tokens are cut with.
 */
export class MaskPreview extends LitElement {
  static override properties = {
    clip: { attribute: false },
    shape: { attribute: false },
    mask: { attribute: false },
    tubelet: { attribute: false },
  };

  declare clip: Float32Array | null;
  declare shape: ClipShape | null;
  declare mask: Mask | null;
  declare tubelet: TubeletSize;
  private shading: MaskShading = { hidden: null, problem: '' };

  constructor() {
    super();
    this.clip = null;
    this.shape = null;
    this.mask = null;
    this.tubelet = DEFAULT_TUBELET;
  }

  static override styles = css`
    :host { display: block; font: 13px/1.4 system-ui, sans-serif; color: #334155; }
    .summary { margin: 0.3em 0 0; }
    .alert { margin: 0.3em 0 0; color: #7f1d1d; }
  `;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mask') || changed.has('shape') || changed.has('tubelet')) {
      const { mask, shape } = this;
      this.shading = mask && shape ? shadeMask(mask, this.tubelet, shape) : { hidden: null, problem: '' };
    }
  }

  override render() {
    const { hidden, problem } = this.shading;
    return html`<clip-view label="mask preview" .clip=${this.clip} .shape=${this.shape} .scale=${this.shape ? frameScale(this.shape.W) : 1} .hiddenPixels=${hidden}></clip-view>
      ${this.mask ? html`<p class="summary">${maskSummary(this.mask)}</p>` : nothing}
      ${problem ? html`<p class="alert" role="alert">${problem}</p>` : nothing}`;
  }
}

customElements.define('mask-preview', MaskPreview);

declare global {
  interface HTMLElementTagNameMap {
    'mask-preview': MaskPreview;
  }
}
