import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { LearnerKind } from '../../models/learner';
import { DEFAULT_TUBELET, type TubeletSize } from '../../models/tubelets';
import type { SamplesEvent } from '../lab/experiment-events';
import { LEARNER_COLOR } from '../lab/preset-chart-data';
import { frameScale, shadeMask, type MaskShading } from './clip-pixels';
import './clip-view';

const TITLE: Record<LearnerKind, { name: string; objective: string }> = {
  pixel: { name: 'Pixel learner', objective: 'predicts the hidden pixels (MSE)' },
  jepa: { name: 'JEPA', objective: "predicts the hidden tokens' embeddings (SIGReg keeps them spread)" },
};

/** One evaluation figure of a learner, ready to show. */
interface FigureRow {
  metric: string;
  name: string;
  help: string;
  value: string;
}

const SIGNIFICANT_3 = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Three significant digits; tiny values in exponent form; NaN as 'n/a' (a ratio can be +∞). */
function formatFigure(v: number): string {
  if (Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(2);
  return SIGNIFICANT_3.format(v);
}

/** The figures shown per learner, in order, with human names and tooltips. */
const FIGURES: readonly { metric: string; learners: readonly LearnerKind[]; name: string; help: string }[] = [
  { metric: 'skill.all', learners: ['pixel', 'jepa'], name: 'prediction skill (all hidden)', help: '1 − MSE(prediction) / MSE(mean target at each token position), held-out clips — ≤ 0: no better than knowing the position, the context is not used' },
  { metric: 'skill.content', learners: ['pixel', 'jepa'], name: 'prediction skill (content)', help: 'the same over the hidden tokens that show an object only — empty background can be "predicted" from a clip-wide summary' },
  { metric: 'skill.debiased', learners: ['pixel', 'jepa'], name: 'prediction skill (debiased)', help: 'prediction and target each minus their own per-position mean — exactly 0 for any prediction that ignores the clip' },
  { metric: 'blur.sharpness', learners: ['pixel'], name: 'sharpness ratio', help: 'Σ|∇Ŷ|²/Σ|∇Y|² over the hidden frames — 1 = as sharp as the truth, below 1 = blurred' },
  { metric: 'blur.meanDistanceRatio', learners: ['pixel'], name: 'distance to the mean of the futures', help: 'distance to the mean of the possible futures ÷ distance to the nearest single future — ≈ 0: the blurry average (MSE-optimal), large: committed to one future' },
  { metric: 'blur.mse', learners: ['pixel'], name: 'MSE (hidden pixels)', help: 'mean squared error of the best hypothesis on held-out clips — the quantity the pixel learner minimises' },
  { metric: 'collapse.rank', learners: ['pixel', 'jepa'], name: 'effective rank', help: 'RankMe effective rank of the token embeddings, out of D dimensions — low = collapsed' },
  { metric: 'collapse.std', learners: ['pixel', 'jepa'], name: 'per-dim std', help: 'mean per-dimension standard deviation of the token embeddings — near 0 = collapsed to a point' },
  { metric: 'collapse.sigreg', learners: ['pixel', 'jepa'], name: 'SIGReg', help: "distance of held-out token embeddings from an isotropic Gaussian (the JEPA's regulariser, same scale) — lower = better spread" },
  { metric: 'probe.r2', learners: ['pixel', 'jepa'], name: 'probe R²', help: 'test R² of a linear (ridge) probe from frozen embeddings to the labels — 1 = perfect, 0 = no better than the mean' },
  { metric: 'retrieval.top1', learners: ['jepa'], name: 'retrieval top-1', help: "fraction of held-out clips whose predicted embeddings are nearest their own clip's real ones (chance: 1 / clips)" },
  { metric: 'retrieval.branchTop1', learners: ['jepa'], name: 'branch top-1', help: 'fork: fraction of clips whose best hypothesis is nearest the branch the clip really took (chance: 1 / branches)' },
  { metric: 'retrieval.branchCoverage', learners: ['jepa'], name: 'branch coverage', help: 'fork: fraction of clips whose hypotheses between them land on every branch' },
];

const ACCURACY_PREFIX = 'probe.accuracy.';

/** The figures of `kind` present in `figures`, in FIGURES order, probe accuracies after probe R². */
function figureRows(kind: LearnerKind, figures: Record<string, number>): FigureRow[] {
  const width = figures['collapse.width'];
  const rows: FigureRow[] = [];
  for (const f of FIGURES) {
    if (!f.learners.includes(kind)) continue;
    if (f.metric in figures) {
      const name = f.metric === 'collapse.rank' && width !== undefined ? `${f.name} (of D = ${formatFigure(width)})` : f.name;
      rows.push({ metric: f.metric, name, help: f.help, value: formatFigure(figures[f.metric]!) });
    }
    if (f.metric === 'probe.r2') {
      for (const metric of Object.keys(figures).filter((k) => k.startsWith(ACCURACY_PREFIX)).sort()) {
        const field = metric.slice(ACCURACY_PREFIX.length);
        rows.push({ metric, name: `probe accuracy (${field})`, help: `test accuracy of a linear classifier from frozen embeddings to the label '${field}'`, value: formatFigure(figures[metric]!) });
      }
    }
  }
  return rows;
}

/** Skill readings at or below 0, named: the learner does not beat the context-free baseline there (n/a — nothing to score — is no warning). */
export function skillWarning(figures: Record<string, number>): string | null {
  const readings: [string, string][] = [
    ['skill.all', 'all hidden tokens'],
    ['skill.content', 'content tokens'],
    ['skill.debiased', 'debiased'],
  ];
  const failing = readings.filter(([metric]) => figures[metric] !== undefined && figures[metric] <= 0).map(([metric, name]) => `${name} ${formatFigure(figures[metric]!)}`);
  if (failing.length === 0) return null;
  return `Does not predict: prediction skill ≤ 0 (${failing.join(', ')}) — no better than the mean target at each token position; its context is not used there.`;
}

/**
 * One learner at a glance: name and objective in the learner's colour, latest loss, parameter
 * count, the held-out clip (context with hidden tokens shaded, the true clip, and what the learner
 * predicts: pixel hypotheses, or for JEPA the nearest real clip — retrieval, not a decoder) and its
 * latest evaluation figures, with a warning when its prediction skill is ≤ 0 (it does not beat
 * the context-free baseline).
 *
 * @property kind - 'pixel' or 'jepa'.
 * @property parameterCount - trainable parameters, or null before the run starts.
 * @property loss - latest training loss, or null.
 * @property lossStep - the step of `loss`, or null.
 * @property figures - the learner's latest evaluation metrics by name (e.g. 'collapse.rank').
 * @property samples - the latest samples event, or null.
 * @property tubelet - the run's tubelet size (to shade the mask's hidden tokens).
 * @property message - a problem to show (e.g. the learner diverged), or null.
 */
export class LearnerCard extends LitElement {
  static override properties = {
    kind: { type: String },
    parameterCount: { attribute: false },
    loss: { attribute: false },
    lossStep: { attribute: false },
    figures: { attribute: false },
    samples: { attribute: false },
    tubelet: { attribute: false },
    message: { attribute: false },
  };

  declare kind: LearnerKind;
  declare parameterCount: number | null;
  declare loss: number | null;
  declare lossStep: number | null;
  declare figures: Record<string, number>;
  declare samples: SamplesEvent | null;
  declare tubelet: TubeletSize;
  declare message: string | null;
  /** The mask's hidden pixels, recomputed only when the samples or the tubelet change. */
  private shading: MaskShading = { hidden: null, problem: '' };

  constructor() {
    super();
    this.kind = 'pixel';
    this.parameterCount = null;
    this.loss = null;
    this.lossStep = null;
    this.figures = {};
    this.samples = null;
    this.tubelet = DEFAULT_TUBELET;
    this.message = null;
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #0f172a; min-width: 0; }
    article { border: 1px solid #e2e8f0; border-top: 6px solid; border-radius: 8px; padding: 0.6em 0.8em; background: #f8fafc; }
    header { display: flex; gap: 0.5em; align-items: baseline; flex-wrap: wrap; }
    .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; align-self: center; }
    h3 { margin: 0; font-size: 1.1em; }
    .objective { margin: 0.1em 0 0.4em; color: #475569; font-size: 0.9em; }
    .stats { display: flex; gap: 1.2em; flex-wrap: wrap; margin: 0 0 0.5em; }
    .alert { margin: 0 0 0.5em; padding: 0.3em 0.6em; border: 1px solid #fca5a5; background: #fef2f2; color: #7f1d1d; border-radius: 6px; }
    .clips { display: flex; flex-wrap: wrap; gap: 0.5em; }
    .clips > * { max-width: 100%; }
    .decoder { margin: 0.3em 0 0; font-size: 0.85em; color: #475569; }
    .off { padding: 0.5em; background: #e2e8f0; color: #475569; border-radius: 6px; font-size: 12px; }
    dl { display: grid; grid-template-columns: max-content auto; gap: 0.15em 0.8em; margin: 0.6em 0 0; font-size: 0.9em; }
    dt { color: #475569; cursor: help; text-decoration: underline dotted; }
    dd { margin: 0; font-variant-numeric: tabular-nums; }
  `;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('samples') || changed.has('tubelet')) {
      const s = this.samples;
      this.shading = s ? shadeMask(s.mask, this.tubelet, s.shape) : { hidden: null, problem: '' };
    }
  }

  override render() {
    const color = LEARNER_COLOR[this.kind];
    const title = TITLE[this.kind];
    const rows = figureRows(this.kind, this.figures);
    const warning = skillWarning(this.figures);
    return html`<article style="border-top-color: ${color}" aria-labelledby="name">
      <header>
        <span class="swatch" style="background: ${color}" aria-hidden="true"></span>
        <h3 id="name">${title.name}</h3>
      </header>
      <p class="objective">${title.objective}</p>
      ${this.message ? html`<p class="alert" role="alert">${this.message}</p>` : nothing}
      ${warning ? html`<p class="alert skill-warning" role="status">${warning}</p>` : nothing}
      <p class="stats">
        <span class="loss">loss ${this.loss === null ? '—' : this.loss.toExponential(3)}${this.lossStep === null ? '' : ` at step ${this.lossStep.toLocaleString('en-US')}`}</span>
        <span class="params">${this.parameterCount === null ? '—' : this.parameterCount.toLocaleString('en-US')} parameters</span>
      </p>
      ${this.renderClips()}
      ${rows.length > 0
        ? html`<dl>${rows.map((r) => html`<dt title=${r.help}>${r.name}</dt><dd data-metric=${r.metric} title=${r.help}>${r.value}</dd>`)}</dl>`
        : nothing}
    </article>`;
  }

  private renderClips() {
    const s = this.samples;
    if (!s) return html`<div class="clips"><clip-view label="held-out clip"></clip-view></div>`;
    const { hidden, problem } = this.shading;
    return html`${problem ? html`<p class="alert" role="alert">cannot shade the mask: ${problem}</p>` : nothing}
      <div class="clips">
        <clip-view class="context" label="context (hidden tokens shaded)" .clip=${s.clip} .shape=${s.shape} .scale=${frameScale(s.shape.W)} .hiddenPixels=${hidden}></clip-view>
        <clip-view class="target" label="target (true clip)" .clip=${s.clip} .shape=${s.shape} .scale=${frameScale(s.shape.W)}></clip-view>
        ${this.kind === 'pixel' ? this.renderPixelPredictions(s) : this.renderRetrieval(s)}
      </div>`;
  }

  private renderPixelPredictions(s: SamplesEvent) {
    const accent = LEARNER_COLOR.pixel;
    const count = s.pixelPredictions.length;
    if (count === 0) return html`<div class="off">no pixel prediction in this evaluation</div>`;
    return s.pixelPredictions.map((clip, k) => {
      const label = count === 1 ? 'prediction (pixels)' : `hypothesis ${k + 1} of ${count}`;
      return html`<clip-view class="prediction" label=${label} accent=${accent} .clip=${clip} .shape=${s.shape} .scale=${frameScale(s.shape.W)}></clip-view>`;
    });
  }

  private renderRetrieval(s: SamplesEvent) {
    const r = s.retrieved;
    if (!r) return html`<div class="off">retrieval is off for this run: JEPA predicts embeddings, not pixels, so there is no clip to show</div>`;
    return html`<div>
      <clip-view class="retrieval" label="retrieval: nearest real clip" note="#${r.index} (${r.isOwnClip ? 'its own clip' : 'another clip'})"
        accent=${LEARNER_COLOR.jepa} .clip=${r.clip} .shape=${s.shape} .scale=${frameScale(s.shape.W)}></clip-view>
      <p class="decoder">not a decoder: JEPA predicts embeddings; this is the real clip whose embeddings are nearest</p>
    </div>`;
  }
}

customElements.define('learner-card', LearnerCard);

declare global {
  interface HTMLElementTagNameMap {
    'learner-card': LearnerCard;
  }
}
