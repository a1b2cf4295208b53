import { LitElement, css, html, nothing } from 'lit';
import type { SamplesEvent } from '../lab/experiment-events';
import { LEARNER_COLOR } from '../lab/preset-chart-data';
import { frameScale } from './clip-pixels';
import './clip-view';

/**
 * The "ghost" figure on `fork`: the pixel learner's prediction beside the analytic mean of the
 * futures (what MSE is minimised by when the future is uncertain) and the true future. A pixel
 * prediction that looks like the mean — two faint balls — is the blurry average.
 *
 * @property samples - the latest samples of the run (null before the first evaluation).
 */
export class GhostPanel extends LitElement {
  static override properties = { samples: { attribute: false } };

  declare samples: SamplesEvent | null;

  constructor() {
    super();
    this.samples = null;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.45 system-ui, sans-serif; }
    h3 { font-size: 1rem; margin: 0 0 0.3rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.8rem; }
    p { color: #475569; margin: 0.3rem 0 0; }
  `;

  override render() {
    const s = this.samples;
    const heading = html`<h3>Ghost panel: prediction vs the mean of the futures</h3>`;
    if (!s || !s.futuresMean) {
      return html`${heading}<p class="empty">Shown on the <code>fork</code> scene, where the future is uncertain (pick the blurry-average preset).</p>`;
    }
    return html`
      ${heading}
      <div class="row">
        ${s.pixelPredictions.length
          ? html`<clip-view id="ghost-prediction" .scale=${frameScale(s.shape.W)} .clip=${s.pixelPredictions[0]} .shape=${s.shape} label="pixel prediction" accent=${LEARNER_COLOR.pixel}></clip-view>`
          : nothing}
        <clip-view id="ghost-mean" .scale=${frameScale(s.shape.W)} .clip=${s.futuresMean} .shape=${s.shape} label="analytic mean of the futures"></clip-view>
        <clip-view id="ghost-truth" .scale=${frameScale(s.shape.W)} .clip=${s.clip} .shape=${s.shape} label="true future"></clip-view>
      </div>
      <p>Context frames are real in all three; the hidden frames show what each predicts. MSE is minimised by the mean of the possible futures, so a pixel learner that cannot know the branch draws both, faintly.</p>
    `;
  }
}

customElements.define('ghost-panel', GhostPanel);

declare global {
  interface HTMLElementTagNameMap {
    'ghost-panel': GhostPanel;
  }
}
