/**
 * The page's handle on the training worker: starts it, sends typed commands and hands its
 * messages to the page. One worker per backend request; a new backend means a new worker.
 */
import type { FromWorker, ToWorker } from './protocol';

export class TrainingClient {
  private worker: Worker;

  constructor(onMessage: (message: FromWorker) => void, onFailure: (message: string) => void) {
    this.worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    this.worker.onerror = (e: ErrorEvent) => onFailure(`Training worker failed: ${e.message || 'could not start'}`);
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
