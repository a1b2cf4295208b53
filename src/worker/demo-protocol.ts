/** Messages between the page and the training worker (placeholder task of the foundation slice). */
import type { BackendSelection } from '../../models/backend';
import type { DemoRunConfig } from '../lab/demo-run';

export type ToWorker =
  | { type: 'init'; backend: string | null; config: Partial<DemoRunConfig> }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'reset' };

export type FromWorker =
  | { type: 'backend'; selection: BackendSelection }
  | { type: 'metrics'; step: number; loss: number; stepsPerSecond: number }
  | { type: 'state'; state: 'ready' | 'running' | 'paused' | 'done' | 'stopped'; step: number; totalSteps: number }
  | { type: 'error'; message: string };
