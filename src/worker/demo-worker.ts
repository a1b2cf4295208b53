/**
 * Dedicated Web Worker that owns tfjs: selects the backend, trains the placeholder task and
 * posts metrics. The page never trains on its main thread.
 */
import { selectBackend } from '../../models/backend';
import { DemoRun, type DemoRunConfig } from '../lab/demo-run';
import { WASM_ASSET_URLS } from '../wasm-asset-urls';
import type { FromWorker, ToWorker } from './demo-protocol';

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };

let config: Partial<DemoRunConfig> = {};
let run: DemoRun | null = null;
let running = false;
let backendReady: Promise<void> | null = null;
/** The training loop in flight, so reset waits for it before disposing the model. */
let loop: Promise<void> = Promise.resolve();

function post(message: FromWorker): void {
  scope.postMessage(message);
}

function postState(state: 'ready' | 'running' | 'paused' | 'done' | 'stopped'): void {
  post({ type: 'state', state, step: run?.step ?? 0, totalSteps: run?.config.steps ?? 0 });
}

function fail(e: unknown): void {
  running = false;
  post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}

function replaceRun(): void {
  run?.dispose();
  run = new DemoRun(config, (event) => {
    if (event.type === 'metrics') post(event);
    else if (event.type === 'diverged') post({ type: 'error', message: event.message });
  });
  postState('ready');
}

async function trainUntilPaused(): Promise<void> {
  if (!run || !running) return;
  postState('running');
  const outcome = await run.run(() => running);
  running = false;
  postState(outcome === 'done' ? 'done' : outcome === 'diverged' ? 'stopped' : 'paused');
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const message = e.data;
  switch (message.type) {
    case 'init':
      config = message.config;
      backendReady = selectBackend({ requested: message.backend, wasmPaths: WASM_ASSET_URLS }).then((selection) => {
        post({ type: 'backend', selection });
        replaceRun();
      });
      backendReady.catch(fail);
      break;
    case 'play':
      if (running || !backendReady) return;
      running = true;
      loop = loop.then(() => backendReady).then(trainUntilPaused).catch(fail);
      break;
    case 'pause':
      running = false;
      break;
    case 'reset':
      running = false;
      loop = loop.then(() => backendReady).then(replaceRun).catch(fail);
      break;
  }
};
