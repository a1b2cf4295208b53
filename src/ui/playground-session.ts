/**
 * What the page knows about its run, folded from the worker's messages: the live run's record
 * (losses, evaluations, last samples), where it stands, its speed, the latest checkpoint, the
 * backend, and a preset's sweep when one runs. No DOM and no worker: the page renders it.
 */
import type { BackendSelection } from '../../models/backend';
import type { LearnerKind } from '../../models/learner';
import type { ExperimentConfig } from '../lab/experiment-config';
import type { PresetName } from '../lab/presets';
import type { RunCheckpoint } from '../lab/run-checkpoint';
import { newRunRecord, recordEvent, recordUpTo, type RunRecord } from '../lab/run-record';
import type { FromWorker, RunId, RunState, RunTag } from '../worker/protocol';

export interface SweepView {
  preset: PresetName;
  records: RunRecord[];
  /** Runs in the sweep (0 until its first event). */
  count: number;
  /** The run in progress (null once the sweep ended or was stopped). */
  current: RunTag | null;
}

export class PlaygroundSession {
  record: RunRecord;
  /** The run this session shows: the worker's messages about any other run are ignored. */
  runId: RunId = 0;
  state: RunState = 'starting';
  phase: 'training' | 'evaluating' | null = null;
  fraction = 0;
  stepsPerSecond: number | null = null;
  /** Wall time spent running (training and evaluating). */
  elapsedMs = 0;
  checkpoint: RunCheckpoint | null = null;
  selection: BackendSelection | null = null;
  sweep: SweepView | null = null;
  /** Why the run was interrupted (device lost), or null. */
  interruption: string | null = null;
  errors: string[] = [];
  private runningSince: number | null = null;
  /** The step the worker last reported (a run continued from a checkpoint starts there). */
  private reportedStep = 0;

  constructor(
    config: ExperimentConfig,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.record = newRunRecord({}, config);
  }

  get config(): ExperimentConfig {
    return this.record.config;
  }

  get step(): number {
    return Math.max(this.record.steps.at(-1)?.step ?? 0, this.reportedStep);
  }

  /** A fresh live run of `config` (the worker is told separately). */
  reset(config: ExperimentConfig): void {
    this.record = newRunRecord({}, config);
    this.sweep = null;
    this.clearRunState();
  }

  /** Continues `record` from `checkpoint`: what came after the checkpoint's step is dropped (it will be redone). */
  resume(record: RunRecord, checkpoint: RunCheckpoint | null): void {
    this.record = recordUpTo(record, checkpoint?.step ?? 0);
    this.sweep = null;
    this.clearRunState();
    this.checkpoint = checkpoint;
    this.elapsedMs = checkpoint?.runtimeMs ?? 0;
  }

  /** A preset's sweep starts: its records fill in as the runs go. */
  startSweep(preset: PresetName): void {
    this.sweep = { preset, records: [], count: 0, current: null };
    this.clearRunState();
  }

  private clearRunState(): void {
    this.runId += 1;
    this.state = 'starting';
    this.phase = null;
    this.fraction = 0;
    this.stepsPerSecond = null;
    this.elapsedMs = 0;
    this.checkpoint = null;
    this.interruption = null;
    this.errors = [];
    this.runningSince = null;
    this.reportedStep = 0;
  }

  /** Folds one worker message in (a message about a run this session has replaced changes nothing). */
  apply(message: FromWorker): void {
    if ('runId' in message && message.runId !== this.runId) return;
    switch (message.type) {
      case 'backend':
        this.selection = message.selection;
        break;
      case 'state':
        this.reportedStep = message.step;
        this.setState(message.state);
        break;
      case 'checkpoint':
        this.checkpoint = message.checkpoint;
        break;
      case 'device-lost':
        this.setState('interrupted');
        this.interruption = message.message;
        break;
      case 'error':
        this.errors = [...this.errors, message.message];
        break;
      case 'event':
        this.applyEvent(message);
        break;
    }
  }

  private setState(state: RunState): void {
    const now = this.now();
    if (this.runningSince !== null) this.elapsedMs += now - this.runningSince;
    this.runningSince = state === 'running' ? now : null;
    this.state = state;
    if (state !== 'running') this.phase = null;
    if (this.sweep && state !== 'running' && state !== 'starting') {
      // The sweep ended or was stopped: a run cut short is paused, not running.
      if (this.record.outcome === 'running') this.record.outcome = 'paused';
      this.sweep.current = null;
    }
  }

  private applyEvent(message: Extract<FromWorker, { type: 'event' }>): void {
    const { event, run } = message;
    if (run && this.sweep) {
      if (this.sweep.current?.index !== run.index) {
        this.record = newRunRecord(run.variant, event.type === 'started' ? event.config : this.record.config);
        this.sweep.records.push(this.record);
      }
      this.sweep.current = run;
      this.sweep.count = run.count;
    }
    recordEvent(this.record, event);
    if (event.type === 'step') this.stepsPerSecond = event.stepsPerSecond;
    if (event.type === 'progress') {
      this.phase = event.phase;
      this.fraction = event.fraction;
    }
    if (event.type === 'diverged' || event.type === 'error') this.errors = [...this.errors, event.message];
  }

  /** Elapsed running time up to now (for time left). */
  elapsedNow(): number {
    return this.elapsedMs + (this.runningSince !== null ? this.now() - this.runningSince : 0);
  }

  /** The learner's latest loss readout and its step, or null. */
  loss(kind: LearnerKind): { value: number; step: number } | null {
    for (let i = this.record.steps.length - 1; i >= 0; i--) {
      const s = this.record.steps[i]!;
      if (s.losses[kind].loss !== undefined) return { value: s.losses[kind].loss, step: s.step };
    }
    return null;
  }

  /** The learner's metrics at its latest evaluation (probes with the standard number of labelled clips). */
  figures(kind: LearnerKind): Record<string, number> {
    const labelled = this.record.config.evaluation.probe.trainClips;
    for (let i = this.record.evaluations.length - 1; i >= 0; i--) {
      const e = this.record.evaluations[i]!;
      if (e.learner === kind && e.labelledClips === labelled) return e.metrics;
    }
    return {};
  }

  parameterCount(kind: LearnerKind): number | null {
    return this.record.started?.parameterCounts[kind] ?? null;
  }
}
