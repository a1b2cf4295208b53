import { LitElement, css, html, nothing } from 'lit';
import type { RunState } from '../worker/protocol';
import { formatDuration, formatRate, timeLeftMs } from './time-left';

/** Where a sweep stands: `index` is the current run, counted from 0, of `count`. */
export interface SweepPosition {
  index: number;
  count: number;
  label: string;
}

const SUMMARY: Record<RunState, string> = {
  starting: 'Starting…',
  ready: 'Ready',
  running: 'Training',
  paused: 'Paused',
  done: 'Done',
  stopped: 'Stopped',
  interrupted: 'Interrupted',
};

const count = (n: number): string => n.toLocaleString('en-US');
const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * How far a run is: "step 120 / 2,000 · 12.3 steps/s · 2 min 40 s left", a progress bar of the whole
 * run (evaluations included), a note while the frozen encoders are evaluated, and a second bar for a sweep.
 * Only a short summary (state and phase) is a polite live region, so screen readers are not told every tick.
 *
 * @property step - training steps done (host attribute `data-step`, reflected).
 * @property steps - training steps in the run.
 * @property stepsPerSecond - the recent training rate, or null before it is known.
 * @property phase - what the run is doing (`ProgressEvent.phase`), or null before the first progress event.
 * @property fraction - the run's work done, 0…1 (`ProgressEvent.fraction`).
 * @property elapsedMs - time spent on the run so far; with `fraction` it gives the time left.
 * @property sweep - the sweep's current run, or null outside a sweep.
 * @property state - where the run stands (host attribute `data-state`, reflected).
 */
export class RunProgress extends LitElement {
  static override properties = {
    step: { type: Number, attribute: 'data-step', reflect: true },
    steps: { attribute: false },
    stepsPerSecond: { attribute: false },
    phase: { attribute: false },
    fraction: { attribute: false },
    elapsedMs: { attribute: false },
    sweep: { attribute: false },
    state: { attribute: 'data-state', reflect: true },
  };

  declare step: number;
  declare steps: number;
  declare stepsPerSecond: number | null;
  declare phase: 'training' | 'evaluating' | null;
  declare fraction: number;
  declare elapsedMs: number;
  declare sweep: SweepPosition | null;
  declare state: RunState;

  constructor() {
    super();
    this.step = 0;
    this.steps = 0;
    this.stepsPerSecond = null;
    this.phase = null;
    this.fraction = 0;
    this.elapsedMs = 0;
    this.sweep = null;
    this.state = 'starting';
  }

  static override styles = css`
    :host { display: block; font: 14px/1.4 system-ui, sans-serif; color: #0f172a; }
    .line { display: flex; flex-wrap: wrap; gap: 0.6em; align-items: baseline; margin: 0 0 0.3em; }
    .summary { font-weight: 700; }
    .details { font-variant-numeric: tabular-nums; }
    .evaluating { margin: 0.3em 0 0; color: #475569; font-style: italic; }
    .sweep { margin: 0.6em 0 0.3em; }
    progress { display: block; width: 100%; height: 0.7em; appearance: none; border: none; border-radius: 999px; overflow: hidden; background: #e2e8f0; }
    progress::-webkit-progress-bar { background: #e2e8f0; }
    progress::-webkit-progress-value { background: #2563eb; transition: width 0.2s; }
    progress::-moz-progress-bar { background: #2563eb; }
    progress.indeterminate::-webkit-progress-value {
      background: repeating-linear-gradient(-45deg, #2563eb 0 0.6em, #93c5fd 0.6em 1.2em);
      background-size: 1.7em 100%;
      animation: stripes 1s linear infinite;
    }
    progress.indeterminate::-moz-progress-bar { background: repeating-linear-gradient(-45deg, #2563eb 0 0.6em, #93c5fd 0.6em 1.2em); }
    @keyframes stripes { to { background-position: 1.7em 0; } }
    @media (prefers-reduced-motion: reduce) { progress.indeterminate::-webkit-progress-value { animation: none; } }
  `;

  override render() {
    const evaluating = this.phase === 'evaluating';
    const left = formatDuration(timeLeftMs(this.fraction, this.elapsedMs));
    const summary = evaluating && this.state === 'running' ? 'Evaluating' : SUMMARY[this.state];
    return html`
      <p class="line">
        <span class="summary" role="status" aria-live="polite">${summary}</span>
        <span class="details">step ${count(this.step)} / ${count(this.steps)} · ${formatRate(this.stepsPerSecond)} · ${left} left</span>
      </p>
      <progress id="run" class=${evaluating ? 'indeterminate' : ''} max="1" .value=${clamp01(this.fraction)} aria-label="run progress"></progress>
      ${evaluating ? html`<p class="evaluating">evaluating the frozen encoders (probes, collapse, blur)…</p>` : nothing}
      ${this.sweep ? this.renderSweep(this.sweep) : nothing}
    `;
  }

  private renderSweep(sweep: SweepPosition) {
    const label = `run ${count(sweep.index + 1)} of ${count(sweep.count)}: ${sweep.label}`;
    return html`
      <p class="line sweep"><span class="sweep-label">${label}</span></p>
      <progress id="sweep" max=${sweep.count} .value=${sweep.index + clamp01(this.fraction)} aria-label="sweep progress"></progress>
    `;
  }
}

customElements.define('run-progress', RunProgress);

declare global {
  interface HTMLElementTagNameMap {
    'run-progress': RunProgress;
  }
}
