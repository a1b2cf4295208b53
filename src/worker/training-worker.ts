/**
 * Dedicated Web Worker that owns tfjs: selects the backend once, runs one experiment (or a
 * preset's sweep) and posts its events. Losses are read from the device only every `readEvery`
 * steps (the runner's readouts); a checkpoint is read back every CHECKPOINT_INTERVAL_MS so a lost
 * GPU device costs at most that much training. The page never trains on its main thread.
 */
import { selectBackend, type BackendSelection } from '../../models/backend';
import { ExperimentRunner } from '../lab/experiment-runner';
import type { ExperimentConfig } from '../lab/experiment-config';
import type { RunCheckpoint } from '../lab/run-checkpoint';
import { runSweep, type PlannedRun } from '../lab/sweep';
import { WASM_ASSET_URLS } from '../wasm-asset-urls';
import { watchDeviceLoss, destroyDevice } from './device-loss';
import type { FromWorker, RunId, RunState, ToWorker } from './protocol';

/** How often a running run's state is copied to the page (ms of training). */
const CHECKPOINT_INTERVAL_MS = 10_000;

const scope = self as unknown as { postMessage(message: FromWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

let selection: Promise<BackendSelection> | null = null;
let runner: ExperimentRunner | null = null;
/** The run the current runner (or sweep) belongs to. */
let runId: RunId = -1;
let running = false;
let deviceLost = false;
let lastCheckpointAt = 0;
/** Commands run one at a time, in order (a start waits for the loop before it to pause). */
let queue: Promise<void> = Promise.resolve();

function post(message: FromWorker): void {
  if (message.type === 'checkpoint') scope.postMessage(message, [message.checkpoint.weightData]);
  else scope.postMessage(message);
}

function postState(state: RunState): void {
  post({ type: 'state', runId, state, step: runner?.step ?? 0 });
}

function fail(e: unknown): void {
  running = false;
  if (!deviceLost) post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

function backendFor(config: ExperimentConfig): Promise<BackendSelection> {
  selection ??= selectBackend({ requested: config.backend === 'auto' ? null : config.backend, wasmPaths: WASM_ASSET_URLS }).then((s) => {
    post({ type: 'backend', selection: s });
    if (s.backend === 'webgpu') {
      watchDeviceLoss((message) => {
        deviceLost = true;
        running = false;
        post({ type: 'device-lost', message });
      });
    }
    return s;
  });
  return selection;
}

async function start(id: RunId, config: ExperimentConfig, checkpoint: RunCheckpoint | null): Promise<void> {
  await backendFor(config);
  runner?.dispose();
  runId = id;
  runner = new ExperimentRunner(config, (event) => post({ type: 'event', runId: id, event, run: null }));
  if (checkpoint) await runner.restore(checkpoint);
  // The first checkpoint comes at the first readout, then every CHECKPOINT_INTERVAL_MS.
  lastCheckpointAt = Number.NEGATIVE_INFINITY;
  postState(checkpoint ? 'paused' : 'ready');
}

async function sendCheckpoint(): Promise<void> {
  if (!runner?.race || deviceLost) return;
  post({ type: 'checkpoint', runId, checkpoint: await runner.checkpoint() });
  lastCheckpointAt = performance.now();
}

function endState(outcome: string): RunState {
  return outcome === 'done' ? 'done' : outcome === 'paused' ? 'paused' : 'stopped';
}

/** Trains until paused or finished, stopping every CHECKPOINT_INTERVAL_MS to copy a checkpoint out. */
async function play(): Promise<void> {
  if (!runner) return;
  postState('running');
  const checkpointDue = () => performance.now() - lastCheckpointAt > CHECKPOINT_INTERVAL_MS;
  let outcome = await runner.run(() => running && !checkpointDue());
  while (outcome === 'paused' && running) {
    await sendCheckpoint();
    outcome = await runner.run(() => running && !checkpointDue());
  }
  running = false;
  if (outcome === 'paused' || outcome === 'done') await sendCheckpoint();
  if (!deviceLost) postState(endState(outcome));
}

async function step(): Promise<void> {
  if (!runner) return;
  postState('running');
  const outcome = await runner.run(() => true, runner.step + 1);
  if (outcome === 'paused') await sendCheckpoint();
  if (!deviceLost) postState(endState(outcome));
}

async function sweep(id: RunId, runs: PlannedRun[]): Promise<void> {
  if (runs.length === 0) return;
  await backendFor(runs[0]!.config);
  runner?.dispose();
  runner = null;
  runId = id;
  postState('running');
  const records = await runSweep(runs, {
    keepGoing: () => running,
    onEvent: (record, event, index, count) => post({ type: 'event', runId: id, event, run: { index, count, variant: record.variant, seed: record.seed } }),
  });
  const stopped = running === false && records.at(-1)?.outcome === 'paused';
  running = false;
  if (!deviceLost) postState(stopped ? 'paused' : 'done');
}

function enqueue(task: () => Promise<void>): void {
  queue = queue.then(task).catch(fail);
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const message = e.data;
  switch (message.type) {
    case 'start':
      running = false;
      enqueue(() => start(message.runId, message.config, message.checkpoint));
      break;
    case 'play':
      if (running) return;
      running = true;
      enqueue(play);
      break;
    case 'pause':
      running = false;
      break;
    case 'step':
      if (running) return;
      enqueue(step);
      break;
    case 'read-every':
      try {
        runner?.setReadEvery(message.value);
      } catch (error) {
        fail(error);
      }
      break;
    case 'checkpoint':
      enqueue(sendCheckpoint);
      break;
    case 'sweep':
      running = true;
      enqueue(() => sweep(message.runId, message.runs));
      break;
    case 'lose-device':
      destroyDevice();
      break;
  }
};
