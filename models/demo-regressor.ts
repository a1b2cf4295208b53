/**
 * Placeholder task for the foundation slice: a two-layer tanh MLP fits y = sin(3x) on
 * x ∈ [-1, 1] with MSE and Adam. It proves the chain page → worker → tfjs → chart; the real
 * learners (pixel predictor and JEPA) replace it.
 */
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './params';

export interface DemoRegressorConfig {
  hidden: number;
  batch: number;
  learningRate: number;
  seed: number;
}

export const DEMO_REGRESSOR_DEFAULTS: DemoRegressorConfig = { hidden: 32, batch: 64, learningRate: 0.03, seed: 1 };

export class DemoRegressor {
  readonly config: DemoRegressorConfig;
  private readonly w1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly w2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly optimizer: tf.AdamOptimizer;

  constructor(config: Partial<DemoRegressorConfig> = {}) {
    this.config = { ...DEMO_REGRESSOR_DEFAULTS, ...config };
    const { hidden, seed, learningRate } = this.config;
    // Glorot-normal initialisation, seeded: same seed → same weights on every backend.
    this.w1 = variableFrom(tf.randomNormal([1, hidden], 0, Math.sqrt(2 / (1 + hidden)), 'float32', seed));
    this.b1 = variableFrom(tf.zeros([hidden]));
    this.w2 = variableFrom(tf.randomNormal([hidden, 1], 0, Math.sqrt(2 / (hidden + 1)), 'float32', seed + 1));
    this.b2 = variableFrom(tf.zeros([1]));
    this.optimizer = tf.train.adam(learningRate);
  }

  /** Inputs and targets for one step, seeded by (seed, step). */
  batchFor(step: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
    return tf.tidy(() => {
      const x = tf.randomUniform([this.config.batch, 1], -1, 1, 'float32', this.config.seed * 100003 + step) as tf.Tensor2D;
      return { x, y: tf.sin(tf.mul(x, 3)) as tf.Tensor2D };
    });
  }

  predict(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, this.w1), this.b1)), this.w2), this.b2) as tf.Tensor2D);
  }

  /**
   * One Adam step on the batch for `step`. Returns the loss scalar only when `keepLoss`
   * (the caller reads and disposes it), so most steps never read from the GPU.
   */
  trainStep(step: number, keepLoss: boolean): tf.Scalar | null {
    const { x, y } = this.batchFor(step);
    try {
      const loss = this.optimizer.minimize(() => tf.losses.meanSquaredError(y, this.predict(x)) as tf.Scalar, keepLoss);
      return keepLoss ? loss : null;
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  dispose(): void {
    this.optimizer.dispose();
    for (const v of [this.w1, this.b1, this.w2, this.b2]) v.dispose();
  }
}
