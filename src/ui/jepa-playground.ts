import { LitElement, css, html } from 'lit';
import type { BackendSelection } from '../../models/backend';
import type { FromWorker, ToWorker } from '../worker/demo-protocol';
import './backend-badge';
import './error-panel';
import './loss-chart';
import type { LossChart } from './loss-chart';

type RunState = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'stopped';

/**
 * The playground page. Foundation slice: shows the worker's backend and trains the placeholder
 * task in a Web Worker with a live loss curve, play/pause/reset and an error panel.
 *
 * @property backendRequest - backend asked for (from `?backend=`), or null for the default order.
 */
export class JepaPlayground extends LitElement {
  static override properties = {
    backendRequest: { attribute: 'backend-request' },
    selection: { state: true },
    runState: { state: true },
    step: { state: true },
    totalSteps: { state: true },
    lastLoss: { state: true },
    stepsPerSecond: { state: true },
    errors: { state: true },
  };

  declare backendRequest: string | null;
  declare selection: BackendSelection | null;
  declare runState: RunState;
  declare step: number;
  declare totalSteps: number;
  declare lastLoss: number | null;
  declare stepsPerSecond: number | null;
  declare errors: string[];
  private worker: Worker | null = null;

  constructor() {
    super();
    this.backendRequest = null;
    this.selection = null;
    this.runState = 'starting';
    this.step = 0;
    this.totalSteps = 0;
    this.lastLoss = null;
    this.stepsPerSecond = null;
    this.errors = [];
  }

  static override styles = css`
    :host { display: block; max-width: 960px; margin: 0 auto; padding: 1.2rem; font: 15px/1.5 system-ui, sans-serif; color: #0f172a; }
    header { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: baseline; justify-content: space-between; }
    h1 { font-size: 1.4rem; margin: 0; }
    .controls { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; margin: 1rem 0; }
    button { font: inherit; padding: 0.35em 1em; border-radius: 6px; border: 1px solid #94a3b8; background: #f8fafc; cursor: pointer; }
    button:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
    button:disabled { opacity: 0.5; cursor: default; }
    .progress { color: #334155; font-variant-numeric: tabular-nums; }
    .card { border: 1px solid #e2e8f0; border-radius: 10px; padding: 0.8rem; }
    p.task { color: #475569; margin: 0.3rem 0 0; }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.startWorker();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.worker?.terminate();
    this.worker = null;
  }

  /** Adds a failure to the error panel (also used for uncaught page errors). */
  reportError(message: string): void {
    this.errors = [...this.errors, message];
  }

  private startWorker(): void {
    this.worker = new Worker(new URL('../worker/demo-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onWorkerMessage(e.data);
    this.worker.onerror = (e: ErrorEvent) => this.reportError(`Training worker failed: ${e.message || 'could not start'}`);
    this.send({ type: 'init', backend: this.backendRequest, config: {} });
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private onWorkerMessage(message: FromWorker): void {
    switch (message.type) {
      case 'backend':
        this.selection = message.selection;
        break;
      case 'metrics':
        this.step = message.step;
        this.lastLoss = message.loss;
        this.stepsPerSecond = message.stepsPerSecond;
        this.chart?.addPoint(message.step, message.loss);
        break;
      case 'state':
        this.runState = message.state;
        this.step = message.step;
        this.totalSteps = message.totalSteps;
        if (message.state === 'ready') this.chart?.clear();
        break;
      case 'error':
        this.reportError(message.message);
        break;
    }
  }

  private get chart(): LossChart | null {
    return this.renderRoot.querySelector('loss-chart');
  }

  private onPlayPause(): void {
    this.send({ type: this.runState === 'running' ? 'pause' : 'play' });
  }

  private onReset(): void {
    this.send({ type: 'reset' });
  }

  override render() {
    const canPlay = this.runState === 'ready' || this.runState === 'paused' || this.runState === 'running';
    const progress = this.totalSteps > 0 ? `step ${this.step} / ${this.totalSteps}` : '';
    return html`
      <header>
        <h1>JEPA Playground</h1>
        <backend-badge .selection=${this.selection}></backend-badge>
      </header>
      <p class="task">Foundation check: a tiny MLP learns y = sin(3x) in a Web Worker; the real learners come next.</p>
      <div class="controls">
        <button id="play" ?disabled=${!canPlay} @click=${this.onPlayPause}>${this.runState === 'running' ? 'Pause' : 'Play'}</button>
        <button id="reset" ?disabled=${this.runState === 'starting'} @click=${this.onReset}>Reset</button>
        <span class="progress" id="progress" data-state=${this.runState} data-step=${this.step}>
          ${this.runState} ${progress}
          ${this.lastLoss !== null ? html` · loss ${this.lastLoss.toExponential(3)}` : ''}
          ${this.stepsPerSecond !== null ? html` · ${this.stepsPerSecond.toFixed(0)} steps/s` : ''}
        </span>
      </div>
      <error-panel .messages=${this.errors} @dismiss=${() => (this.errors = [])}></error-panel>
      <div class="card"><loss-chart label="training loss (MSE)"></loss-chart></div>
    `;
  }
}

customElements.define('jepa-playground', JepaPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'jepa-playground': JepaPlayground;
  }
}
