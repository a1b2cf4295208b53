import { LitElement, css, html, nothing } from 'lit';
import { loadScene } from '../../datasets/registry';
import type { BackendName } from '../../models/backend';
import type { Mask } from '../../models/masking';
import type { ExperimentConfig } from '../lab/experiment-config';
import { LEARNER_COLOR, presetChartSpec } from '../lab/preset-chart-data';
import { PRESETS, type PresetName } from '../lab/presets';
import { parseResultsFile, runFileJson, type LoadedResults } from '../lab/run-file';
import type { RunRecord } from '../lab/run-record';
import { plannedRuns } from '../lab/sweep';
import type { FromWorker } from '../worker/protocol';
import { TrainingClient } from '../worker/training-client';
import { previewMask } from './clip-pixels';
import { LIVE_CHARTS, MASKING_SWEEP_CHART } from './live-charts';
import { pageQuery, PAGE_DEFAULTS, readPageQuery } from './page-config';
import { PlaygroundSession } from './playground-session';
import { saveBlob } from './download';
import { PLAY_PAUSE_KEY, type RunCommand } from './run-controls';
import './backend-badge';
import './control-panel';
import './error-panel';
import './ghost-panel';
import './interruption-panel';
import './learner-card';
import './mask-preview';
import './metric-chart';
import './preset-picker';
import './preset-results';
import './probe-table';
import './run-controls';
import './run-files';
import './run-progress';


interface Preview {
  clip: Float32Array;
  shape: { T: number; H: number; W: number };
  mask: Mask;
}

/**
 * The playground page: the two learners side by side, the shared controls, the charts, presets,
 * and results files. Training runs in a Web Worker (TrainingClient); this element only renders
 * the session the worker's messages build, at most once per animation frame.
 *
 * @property initialQuery - the page's query string (settings, `preset=`); read once when connected.
 */
export class JepaPlayground extends LitElement {
  static override properties = {
    initialQuery: { attribute: false },
    edited: { state: true },
    preset: { state: true },
    linkErrors: { state: true },
    notices: { state: true },
    preview: { state: true },
    loaded: { state: true },
    frame: { state: true },
  };

  declare initialQuery: string;
  declare edited: ExperimentConfig;
  declare preset: PresetName | null;
  declare linkErrors: string[];
  declare notices: string[];
  declare preview: Preview | null;
  declare loaded: (LoadedResults & { name: string }) | null;
  /** Bumped once per animation frame with news from the worker, to re-render. */
  declare frame: number;
  private session: PlaygroundSession;
  private client: TrainingClient | null = null;
  private clientBackend: string | null = null;
  private renderScheduled = false;
  private previewRequest = 0;
  /** Each live chart's spec and what it was drawn from, so an unchanged chart keeps its object (and chart.js does no work). */
  private liveSpecs: { record: RunRecord; count: number; spec: ReturnType<typeof presetChartSpec> }[] = [];
  private readonly onKey = (e: KeyboardEvent) => this.shortcut(e);

  constructor() {
    super();
    this.initialQuery = '';
    this.edited = PAGE_DEFAULTS;
    this.preset = null;
    this.linkErrors = [];
    this.notices = [];
    this.preview = null;
    this.loaded = null;
    this.frame = 0;
    this.session = new PlaygroundSession(PAGE_DEFAULTS);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const settings = readPageQuery(this.initialQuery);
    this.edited = settings.config;
    this.preset = settings.preset;
    this.linkErrors = settings.errors;
    window.addEventListener('keydown', this.onKey);
    this.startRun(settings.config);
    void this.updatePreview();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKey);
    this.client?.terminate();
    this.client = null;
  }

  /** Adds a message to the error panel (also used for uncaught page errors). */
  reportError(message: string): void {
    this.notices = [...this.notices, message];
  }

  /** Destroys the WebGPU device under the running worker, as a driver reset would: the device-lost path. */
  simulateDeviceLoss(): void {
    this.client?.send({ type: 'lose-device' });
  }

  // ---- worker ----

  /** The worker for `backend`, started anew when the backend changes or the old one was lost. */
  private clientFor(backend: string): TrainingClient {
    if (this.client && this.clientBackend === backend) return this.client;
    this.client?.terminate();
    this.session.selection = null;
    this.client = new TrainingClient(
      (m) => this.onWorkerMessage(m),
      (message) => this.reportError(message),
    );
    this.clientBackend = backend;
    return this.client;
  }

  private onWorkerMessage(message: FromWorker): void {
    this.session.apply(message);
    if (message.type === 'device-lost') {
      // The worker may be stuck on the dead device: drop it; the page keeps the record and checkpoint.
      this.client?.terminate();
      this.client = null;
    }
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (this.renderScheduled) return;
    this.renderScheduled = true;
    requestAnimationFrame(() => {
      this.renderScheduled = false;
      this.frame += 1;
    });
  }

  private startRun(config: ExperimentConfig): void {
    this.loaded = null;
    this.session.reset(config);
    this.clientFor(config.backend).send({ type: 'start', runId: this.session.runId, config, checkpoint: null });
    this.scheduleRender();
  }

  private continueRun(config: ExperimentConfig, loaded: LoadedResults): void {
    const record = { ...loaded.records[0]!, config };
    this.session.resume(record, loaded.checkpoint);
    this.clientFor(config.backend).send({ type: 'start', runId: this.session.runId, config, checkpoint: loaded.checkpoint });
    this.scheduleRender();
  }

  // ---- settings and the URL ----

  private setEdited(config: ExperimentConfig, preset: PresetName | null): void {
    this.edited = config;
    this.preset = preset;
    history.replaceState(null, '', `${location.pathname}${pageQuery(config, preset)}`);
    void this.updatePreview();
  }

  private onConfigChange(e: CustomEvent<{ config: ExperimentConfig; path: string }>): void {
    const { config, path } = e.detail;
    this.setEdited(config, this.preset);
    if (this.canApplyAtOnce()) this.startRun(config);
    else if (path === 'readEvery' && !this.session.sweep) {
      this.session.config.readEvery = config.readEvery;
      this.client?.send({ type: 'read-every', value: config.readEvery });
    }
    this.scheduleRender();
  }

  private onPresetSelect(name: PresetName): void {
    const config = { ...structuredClone(PRESETS[name].base), backend: this.edited.backend };
    this.setEdited(config, name);
    if (this.canApplyAtOnce()) this.startRun(config);
  }

  /**
   * New settings (or a preset) start a new run at once only when nothing has been trained yet;
   * otherwise the control panel says what changed and Reset applies it, so no run is discarded
   * by a click on a setting.
   */
  private canApplyAtOnce(): boolean {
    return this.session.step === 0 && !this.session.sweep && this.session.state !== 'running';
  }

  /** Runs the preset's sweep × seeds around the current settings when they came from this preset (as `--steps` does on the command line), else around the preset's own. */
  private onPresetSweep(name: PresetName): void {
    const preset = PRESETS[name];
    const base = this.preset === name ? structuredClone(this.edited) : { ...structuredClone(preset.base), backend: this.edited.backend };
    const runs = plannedRuns({ base, axes: preset.axes, seeds: Array.from({ length: preset.seeds }, (_, i) => this.edited.seed + i) });
    this.setEdited(base, name);
    this.loaded = null;
    this.session.reset(base);
    this.session.startSweep(name);
    this.clientFor(base.backend).send({ type: 'sweep', runId: this.session.runId, runs });
    this.scheduleRender();
  }

  /** The mask preview: a real validation clip of the edited scene with a mask drawn by the edited settings. */
  private async updatePreview(): Promise<void> {
    const request = ++this.previewRequest;
    const c = this.edited;
    try {
      const scene = await loadScene(c.scene.name, c.scene.params, c.seed);
      if (request !== this.previewRequest) return;
      const mask = previewMask(c.mask, scene.shape, c.tubelet, c.seed);
      this.preview = { clip: scene.clip('validation', 0).frames, shape: { ...scene.shape }, mask };
    } catch {
      // The settings are invalid only transiently (the panel names the field); keep the last preview.
    }
  }

  // ---- run commands ----

  private onRunCommand(command: RunCommand): void {
    switch (command) {
      case 'play':
        this.loaded = null;
        this.client?.send({ type: 'play' });
        break;
      case 'pause':
        this.client?.send({ type: 'pause' });
        break;
      case 'step':
        this.client?.send({ type: 'step' });
        break;
      case 'reset':
        this.startRun(this.edited);
        break;
    }
  }

  private shortcut(e: KeyboardEvent): void {
    if (e.key !== PLAY_PAUSE_KEY || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
    const state = this.session.state;
    if (state === 'running') this.onRunCommand('pause');
    else if (state === 'ready' || state === 'paused') this.onRunCommand('play');
  }

  private onContinue(backend: BackendName): void {
    const config = { ...this.session.config, backend };
    const loaded: LoadedResults = { source: 'run', preset: this.preset, config, records: [this.session.record], checkpoint: this.session.checkpoint };
    this.setEdited(config, this.preset);
    this.continueRun(config, loaded);
  }

  // ---- files ----

  private onExport(): void {
    const s = this.session;
    const records = s.sweep ? s.sweep.records : [s.record];
    const text = runFileJson({ preset: s.sweep?.preset ?? this.preset, config: s.config, records, checkpoint: s.sweep ? null : s.checkpoint });
    const name = `jepa-playground-${s.sweep?.preset ?? this.preset ?? 'run'}-seed${s.config.seed}-step${s.step}.json`;
    saveBlob(name, new Blob([text], { type: 'application/json' }));
  }

  /**
   * A saved single run with a checkpoint continues where it was saved; anything else (a sweep, a
   * summary.json, a run without a checkpoint) is shown as loaded results beside a fresh run of
   * its settings. The file's backend is not imposed: the page keeps the one it runs on.
   */
  private onImport(name: string, text: string): void {
    let loaded: LoadedResults;
    try {
      loaded = parseResultsFile(text);
    } catch (e) {
      this.reportError(`Could not load ${name}: ${(e as Error).message}`);
      return;
    }
    const config = { ...loaded.config, backend: this.edited.backend };
    this.setEdited(config, loaded.preset);
    if (loaded.source === 'run' && loaded.records.length === 1 && loaded.checkpoint) {
      this.loaded = null;
      this.continueRun(config, loaded);
    } else {
      this.startRun(config);
      this.loaded = { ...loaded, name };
    }
  }

  // ---- rendering ----

  static override styles = css`
    :host { display: block; max-width: 1500px; margin: 0 auto; padding: 0.8rem 1.2rem 2rem; font: 15px/1.5 system-ui, sans-serif; color: #0f172a; }
    header { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; justify-content: space-between; }
    h1 { font-size: 1.45rem; margin: 0; }
    .tagline { margin: 0.1rem 0 0.6rem; color: #475569; max-width: 95ch; }
    .swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; vertical-align: -0.05em; }
    section { margin: 0.8rem 0; }
    /* Wide screens: settings in a sidebar, the race and its charts beside them. */
    .layout { display: grid; grid-template-columns: minmax(300px, 360px) minmax(0, 1fr); gap: 1.2rem; align-items: start; }
    aside { display: flex; flex-direction: column; gap: 0.8rem; position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow-y: auto; padding-right: 0.3rem; }
    .runbar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; position: sticky; top: 0; z-index: 2; background: #fff; padding: 0.4rem 0; border-bottom: 1px solid #e2e8f0; }
    .runbar run-progress { flex: 1 1 280px; }
    .learners { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1rem; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 380px), 1fr)); gap: 1rem; }
    .card { border: 1px solid #e2e8f0; border-radius: 10px; padding: 0.7rem; background: #fff; }
    h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
    .loaded-note { color: #334155; }
    @media (max-width: 1000px) {
      .layout { grid-template-columns: minmax(0, 1fr); }
      aside { position: static; max-height: none; overflow: visible; }
    }
    @media (max-width: 700px) {
      :host { padding: 0.6rem; }
      .learners { grid-template-columns: minmax(0, 1fr); }
    }
  `;

  private chartSpecs(): ReturnType<typeof presetChartSpec>[] {
    const record = this.session.record;
    this.liveSpecs = LIVE_CHARTS.map((c, i) => {
      // The loss chart follows the readouts; the others change only with evaluations.
      const count = c.chart.kind === 'loss' ? record.steps.length : record.evaluations.length;
      const cached = this.liveSpecs[i];
      return cached && cached.record === record && cached.count === count ? cached : { record, count, spec: presetChartSpec(c.chart, [record]) };
    });
    return this.liveSpecs.map((c) => c.spec);
  }

  private maskingSweep() {
    const source = this.session.sweep?.preset === 'masking' ? this.session.sweep.records.filter((r) => r.outcome === 'done') : this.loaded?.preset === 'masking' ? this.loaded.records : [];
    return source.length ? presetChartSpec(MASKING_SWEEP_CHART, source) : null;
  }

  private renderLearners() {
    const s = this.session;
    const diverged = (kind: 'pixel' | 'jepa') => (s.record.outcome === 'diverged' && s.record.message?.includes(`${kind} learner`) ? s.record.message : null);
    return html`
      <section class="learners" aria-label="the two learners">
        ${(['pixel', 'jepa'] as const).map((kind) => {
          const loss = s.loss(kind);
          return html`<learner-card id="card-${kind}" kind=${kind} .parameterCount=${s.parameterCount(kind)} .loss=${loss?.value ?? null} .lossStep=${loss?.step ?? null}
            .figures=${s.figures(kind)} .samples=${s.record.lastSamples} .tubelet=${s.config.tubelet}
            .message=${s.config.learners.includes(kind) ? diverged(kind) : 'This learner is not trained in this run (see learners in the settings).'}></learner-card>`;
        })}
      </section>`;
  }

  private renderCharts() {
    const specs = this.chartSpecs();
    const chart = (i: number) => html`<metric-chart id="chart-${LIVE_CHARTS[i]!.id}" class="card" .spec=${specs[i]} file-name=${`jepa-playground-${LIVE_CHARTS[i]!.id}`} empty-text=${LIVE_CHARTS[i]!.emptyText}></metric-chart>`;
    return html`
      <section aria-label="charts">
        <h2>Charts <small>(<span class="swatch" style="background:${LEARNER_COLOR.pixel}"></span> pixel, <span class="swatch" style="background:${LEARNER_COLOR.jepa}"></span> JEPA;
          controls when on: <span class="swatch" style="background:${LEARNER_COLOR['sigreg-only']}"></span> SIGReg-only, <span class="swatch" style="background:${LEARNER_COLOR['raw-pixels']}"></span> raw pixels)</small></h2>
        <div class="charts">
          ${chart(0)}
          ${chart(1)}
          <ghost-panel class="card" .samples=${this.session.record.lastSamples}></ghost-panel>
          ${chart(2)} ${chart(3)} ${chart(4)} ${chart(5)} ${chart(6)}
          ${chart(7)} ${chart(8)}
          <probe-table id="probe-table" class="card" .records=${[this.session.record]}></probe-table>
          <metric-chart id="chart-masking-sweep" class="card" .spec=${this.maskingSweep()} file-name="jepa-playground-masking-sweep"
            empty-text="Probe score vs masking ratio per strategy: run the masking preset's full sweep (Run the full preset) or load its summary.json."></metric-chart>
        </div>
      </section>`;
  }

  private renderResults() {
    const s = this.session;
    if (s.sweep) {
      const done = s.sweep.records.filter((r) => r.outcome === 'done').length;
      return html`<section class="card"><preset-results .preset=${s.sweep.preset} .records=${s.sweep.records}
        source=${`Full preset run in this page on ${s.selection?.backend ?? '…'}: ${done} of ${s.sweep.count} runs finished.`}></preset-results></section>`;
    }
    if (this.loaded && this.loaded.preset && this.loaded.records.length > 1) {
      return html`<section class="card"><preset-results .preset=${this.loaded.preset} .records=${this.loaded.records}
        source=${`Loaded from ${this.loaded.name} (${this.loaded.source === 'summary' ? 'npm run experiment' : 'a page export'}): ${this.loaded.records.length} runs.`}></preset-results></section>`;
    }
    if (this.loaded) {
      const specs = LIVE_CHARTS.map((c) => presetChartSpec(c.chart, this.loaded!.records));
      return html`<section class="card"><h2>Loaded: ${this.loaded.name}</h2><p class="loaded-note">A saved run without a checkpoint: its curves, as saved (the run above starts fresh with its settings).</p>
        <div class="charts">${specs.map((spec, i) => html`<metric-chart .spec=${spec} file-name=${`loaded-${LIVE_CHARTS[i]!.id}`} empty-text="Not in this file."></metric-chart>`)}</div></section>`;
    }
    return nothing;
  }

  override render() {
    const s = this.session;
    const sweep = s.sweep?.current ? { index: s.sweep.current.index, count: s.sweep.current.count, label: [Object.values(s.sweep.current.variant).join(', '), `seed ${s.sweep.current.seed}`].filter(Boolean).join(', ') } : null;
    return html`
      <header>
        <h1>JEPA Playground</h1>
        <backend-badge .selection=${s.selection}></backend-badge>
      </header>
      <p class="tagline">Two small learners train side by side on toy video in your browser:
        <span class="swatch" style="background:${LEARNER_COLOR.pixel}"></span> a <b>pixel learner</b> reconstructs the hidden pixels (MSE);
        <span class="swatch" style="background:${LEARNER_COLOR.jepa}"></span> a <b>JEPA</b> predicts their embeddings, kept from collapsing by SIGReg.</p>
      <error-panel id="link-errors" .messages=${this.linkErrors.map((m) => `Link: ${m}`)} @dismiss=${() => (this.linkErrors = [])}></error-panel>
      <section><preset-picker .selected=${this.preset} .steps=${this.edited.steps} @preset-select=${(e: CustomEvent<{ name: PresetName }>) => this.onPresetSelect(e.detail.name)}
        @preset-sweep=${(e: CustomEvent<{ name: PresetName }>) => this.onPresetSweep(e.detail.name)}></preset-picker></section>
      <div class="layout">
        <aside aria-label="settings">
          <mask-preview class="card" .clip=${this.preview?.clip ?? null} .shape=${this.preview?.shape ?? null} .mask=${this.preview?.mask ?? null} .tubelet=${this.edited.tubelet}></mask-preview>
          <control-panel .config=${this.edited} .applied=${s.sweep ? null : s.config} @config-change=${this.onConfigChange}></control-panel>
        </aside>
        <main>
          <div class="runbar">
            <run-controls state=${s.state} @run-command=${(e: CustomEvent<{ command: RunCommand }>) => this.onRunCommand(e.detail.command)}></run-controls>
            <run-progress id="progress" .state=${s.state} .step=${s.step} .steps=${s.config.steps} .stepsPerSecond=${s.stepsPerSecond} .phase=${s.phase}
              .fraction=${s.fraction} .elapsedMs=${s.elapsedNow()} .sweep=${sweep}></run-progress>
            <run-files ?disabled=${s.record.steps.length === 0 && !s.sweep} @export-run=${this.onExport}
              @import-text=${(e: CustomEvent<{ name: string; text: string }>) => this.onImport(e.detail.name, e.detail.text)}
              @import-failed=${(e: CustomEvent<{ message: string }>) => this.reportError(e.detail.message)}></run-files>
          </div>
          ${s.state === 'interrupted'
            ? html`<interruption-panel .message=${s.interruption ?? ''} .checkpointStep=${s.checkpoint?.step ?? null} .lostBackend=${s.selection?.backend ?? null}
                @continue-on=${(e: CustomEvent<{ backend: BackendName }>) => this.onContinue(e.detail.backend)}></interruption-panel>`
            : nothing}
          <error-panel id="errors" .messages=${[...s.errors, ...this.notices]} @dismiss=${() => { s.errors = []; this.notices = []; }}></error-panel>
          ${this.renderLearners()}
          ${this.renderCharts()}
          ${this.renderResults()}
        </main>
      </div>
    `;
  }
}

customElements.define('jepa-playground', JepaPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'jepa-playground': JepaPlayground;
  }
}
