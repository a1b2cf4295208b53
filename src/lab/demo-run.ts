/**
 * Run loop for the placeholder task: steps the model, reads the loss from the device only
 * every `readEvery` steps, stops itself when the loss is NaN/Inf, and can be paused between
 * readouts. No DOM: the worker and the command line both drive it.
 */
import type * as tf from '@tensorflow/tfjs';
import { DEMO_REGRESSOR_DEFAULTS, DemoRegressor, type DemoRegressorConfig } from '../../models/demo-regressor';

/** What the loop needs from a model: one training step, optionally keeping the loss. */
export interface SteppableModel {
  trainStep(step: number, keepLoss: boolean): tf.Scalar | null;
  dispose(): void;
}

export interface DemoRunConfig extends DemoRegressorConfig {
  steps: number;
  readEvery: number;
}

export const DEMO_RUN_DEFAULTS: DemoRunConfig = { ...DEMO_REGRESSOR_DEFAULTS, steps: 300, readEvery: 10 };

const LIMITS: Record<keyof DemoRunConfig, [number, number]> = {
  hidden: [1, 1024],
  batch: [1, 4096],
  learningRate: [1e-8, 1e3],
  seed: [0, 2 ** 31 - 1],
  steps: [1, 1_000_000],
  readEvery: [1, 10_000],
};

/** Rejects a config value outside its range, naming the field and the allowed range. */
export function validateDemoRunConfig(config: DemoRunConfig): void {
  for (const [field, [min, max]] of Object.entries(LIMITS) as [keyof DemoRunConfig, [number, number]][]) {
    const value = config[field];
    const integer = field !== 'learningRate';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new RangeError(`${field}: ${String(value)} is out of range; allowed ${integer ? 'integers' : 'numbers'} from ${min} to ${max}`);
    }
  }
}

export type DemoRunEvent =
  | { type: 'metrics'; step: number; loss: number; stepsPerSecond: number }
  | { type: 'done'; step: number }
  | { type: 'diverged'; step: number; message: string };

export type DemoRunOutcome = 'paused' | 'done' | 'diverged';

export class DemoRun {
  readonly config: DemoRunConfig;
  private readonly model: SteppableModel;
  private stepsDone = 0;
  private finished = false;

  constructor(
    config: Partial<DemoRunConfig>,
    private readonly emit: (event: DemoRunEvent) => void,
    createModel: (config: DemoRunConfig) => SteppableModel = (c) => new DemoRegressor(c),
  ) {
    this.config = { ...DEMO_RUN_DEFAULTS, ...config };
    validateDemoRunConfig(this.config);
    this.model = createModel(this.config);
  }

  get step(): number {
    return this.stepsDone;
  }

  /**
   * Trains until the run is done, diverges, or `keepGoing()` turns false (checked after each
   * readout, which is also where the loop yields so messages such as "pause" get through).
   */
  async run(keepGoing: () => boolean): Promise<DemoRunOutcome> {
    if (this.finished) return 'done';
    const { steps, readEvery } = this.config;
    let windowStart = performance.now();
    let windowSteps = 0;
    while (this.stepsDone < steps) {
      const step = this.stepsDone + 1;
      const readout = step % readEvery === 0 || step === steps;
      const loss = this.model.trainStep(step, readout);
      this.stepsDone = step;
      windowSteps += 1;
      if (loss) {
        const value = (await loss.data())[0]!;
        loss.dispose();
        if (!Number.isFinite(value)) {
          this.finished = true;
          const message = `Loss became ${value} at step ${step}; the run stopped itself.`;
          this.emit({ type: 'diverged', step, message });
          return 'diverged';
        }
        const now = performance.now();
        this.emit({ type: 'metrics', step, loss: value, stepsPerSecond: (windowSteps * 1000) / Math.max(now - windowStart, 1e-3) });
        windowStart = now;
        windowSteps = 0;
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (!keepGoing()) return 'paused';
      }
    }
    this.finished = true;
    this.emit({ type: 'done', step: this.stepsDone });
    return 'done';
  }

  dispose(): void {
    this.model.dispose();
  }
}
