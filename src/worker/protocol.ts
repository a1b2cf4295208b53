/**
 * Messages between the page and the training worker. The worker owns tfjs and the run; the page
 * only renders what it is told. Plain, structured-clone-safe data only.
 */
import type { BackendSelection } from '../../models/backend';
import type { ExperimentConfig } from '../lab/experiment-config';
import type { ExperimentEvent } from '../lab/experiment-events';
import type { RunCheckpoint } from '../lab/run-checkpoint';
import type { PlannedRun } from '../lab/sweep';

/** Where a run stands. 'stopped': diverged or failed; 'interrupted': the GPU device was lost. */
export type RunState = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'stopped' | 'interrupted';

/** Which run of a sweep an event belongs to (null for the single live run). */
export interface RunTag {
  index: number;
  count: number;
  variant: Record<string, string>;
  seed: number;
}

/**
 * Runs are numbered by the page. The worker tags what a run reports with its number, so a message
 * from a run the page has already replaced (sent before the worker saw the new start) is ignored.
 */
export type RunId = number;

export type ToWorker =
  /** Prepares a run (from `checkpoint` when given: it continues from there). The first start also selects the backend. */
  | { type: 'start'; runId: RunId; config: ExperimentConfig; checkpoint: RunCheckpoint | null }
  | { type: 'play' }
  | { type: 'pause' }
  /** Trains exactly one step, reads it out and pauses. */
  | { type: 'step' }
  /** Steps between loss readouts, applied to the running run. */
  | { type: 'read-every'; value: number }
  /** Asks for a checkpoint of the current (paused) run. */
  | { type: 'checkpoint' }
  /** Runs these runs one after the other (a preset's sweep × seeds); 'pause' stops the sweep. */
  | { type: 'sweep'; runId: RunId; runs: PlannedRun[] }
  /** Destroys the WebGPU device, as a driver reset would (to try the device-lost path). */
  | { type: 'lose-device' };

export type FromWorker =
  | { type: 'backend'; selection: BackendSelection }
  | { type: 'event'; runId: RunId; event: ExperimentEvent; run: RunTag | null }
  | { type: 'state'; runId: RunId; state: RunState; step: number }
  | { type: 'checkpoint'; runId: RunId; checkpoint: RunCheckpoint }
  | { type: 'device-lost'; message: string }
  | { type: 'error'; message: string };
