/**
 * Linear classification probe on frozen features: multinomial logistic regression (softmax
 * cross-entropy with an L2 penalty on the weights, the bias unpenalised), trained full-batch with
 * tfjs by Nesterov's accelerated gradient (Nesterov 1983) with step 1/L and momentum
 * (k − 1)/(k + 2), in the form of Su, Boyd & Candès 2016, "A differential equation for modeling
 * Nesterov's accelerated gradient method", JMLR 17. The gradient is written out (no autodiff),
 * so only matMul, softmax and elementwise kernels run: the same on every backend, and wasm, which
 * has no tf.gather gradient, needs none. The problem is convex and starts from zero weights, so
 * the result is deterministic.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from '../datasets/random';
import { standardisationOf, standardise, type Scaling, type Standardisation } from './standardise';

/** One split of a classification probe: features x [n, p] row-major, integer labels [n]. */
export interface ClassificationSet {
  x: ArrayLike<number>;
  labels: ArrayLike<number>;
  n: number;
}

export interface ClassifierProbeData {
  p: number;
  train: ClassificationSet;
  validation: ClassificationSet;
  test: ClassificationSet;
  /** Feature scaling from the train set (default 'columns'; 'shared' for pixels, see standardise.ts). */
  scaling?: Scaling;
}

export interface ClassifierProbeOptions {
  /** L2 weights to try, in this order, each run warm-started from the previous one's solution. */
  l2Grid?: readonly number[];
  /** Accelerated-gradient steps per L2 weight. */
  iterations?: number;
}

export interface ClassifierProbeResult {
  /** Test accuracy with the L2 weight chosen on the validation set. */
  accuracy: number;
  l2: number;
  /** Test accuracy of always answering the train set's most frequent class (the lowest label on a tie). */
  chance: number;
}

/**
 * Default L2 weights λ of mean cross-entropy + (λ/2)‖W‖², strongest first: on standardised
 * features the path from a heavily shrunk to a nearly free fit, each warm start close to the next
 * solution. On a tie in validation accuracy the stronger penalty (earlier) wins.
 */
export const CLASSIFIER_L2_GRID: readonly number[] = [1e-1, 1e-2, 1e-3, 1e-4];
/** Steps per L2 weight: 4 × 40 steps take under 1 s on wasm in Node for n = 1024, p = 2048, 10 classes. */
export const CLASSIFIER_ITERATIONS = 40;
/** Power-iteration steps for the largest eigenvalue of XᵀX/n. */
const POWER_ITERATIONS = 30;
/**
 * Power iteration approaches λ_max from below; the step uses this much more than the estimate
 * (the softmax curvature bound ½ it multiplies is itself loose, so the margin is rarely needed).
 */
const CURVATURE_MARGIN = 1.1;
/** Seed of the power iteration's start vector. */
const POWER_ITERATION_SEED = 1;

function checkCount(argument: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`classifierProbe: ${argument} must be an integer ≥ ${minimum}, got ${value}`);
}

function checkSet(argument: string, set: ClassificationSet, p: number, classes: number): void {
  checkCount(`${argument}.n`, set.n, 1);
  if (set.x.length !== set.n * p) throw new RangeError(`classifierProbe: ${argument}.x has ${set.x.length} values, not a [${set.n}, ${p}] matrix`);
  if (set.labels.length !== set.n) throw new RangeError(`classifierProbe: ${argument}.labels has ${set.labels.length} values, not ${set.n}`);
  for (let r = 0; r < set.n; r++) {
    const label = set.labels[r]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`classifierProbe: ${argument}.labels[${r}] = ${label} is not a class in [0, ${classes})`);
    }
  }
}

/** Standardised features of a set as a [n, p] float32 tensor. */
function featureTensor(set: ClassificationSet, p: number, standardisation: Standardisation): tf.Tensor2D {
  return tf.tensor2d(standardise(set.x, set.n, standardisation, new Float32Array(set.n * p)), [set.n, p]);
}

/** One-hot rows [n, classes] of integer labels. */
function oneHot(labels: ArrayLike<number>, n: number, classes: number): tf.Tensor2D {
  const values = new Float32Array(n * classes);
  for (let r = 0; r < n; r++) values[r * classes + labels[r]!] = 1;
  return tf.tensor2d(values, [n, classes]);
}

/**
 * Largest eigenvalue of XᵀX/n for x [n, p] (xt = Xᵀ), by power iteration (Golub & Van Loan,
 * Matrix Computations, §8.2) from a seeded Gaussian start: the Rayleigh quotient ‖Xv‖²/n of the
 * last unit vector v.
 */
async function largestEigenvalue(x: tf.Tensor2D, xt: tf.Tensor2D): Promise<number> {
  const [n, p] = x.shape;
  const rng = new Random(POWER_ITERATION_SEED);
  let v: tf.Tensor2D = tf.tensor2d(Float32Array.from({ length: p }, () => rng.normal()), [p, 1]);
  for (let i = 0; i < POWER_ITERATIONS; i++) {
    const next = tf.tidy(() => {
      const w = tf.matMul(xt, tf.matMul(x, v));
      return tf.div(w, tf.norm(w)) as tf.Tensor2D;
    });
    v.dispose();
    v = next;
  }
  const quotient = tf.tidy(() => tf.div(tf.sum(tf.square(tf.matMul(x, v))), n));
  const value = (await quotient.data())[0]!;
  tf.dispose([v, quotient]);
  return value;
}

/** Fraction of rows of x whose highest logit x·W + b is their label. */
async function accuracy(x: tf.Tensor2D, labels: ArrayLike<number>, weights: tf.Tensor2D, bias: tf.Tensor1D): Promise<number> {
  const predicted = tf.tidy(() => tf.argMax(tf.add(tf.matMul(x, weights), bias), 1));
  const values = await predicted.data();
  predicted.dispose();
  let correct = 0;
  for (let r = 0; r < values.length; r++) if (values[r] === labels[r]) correct++;
  return correct / values.length;
}

interface Parameters {
  weights: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/**
 * `iterations` accelerated-gradient steps on mean cross-entropy + (λ/2)‖W‖² from `start`
 * (disposed): look-ahead v = w_k + (k − 1)/(k + 2)·(w_k − w_{k−1}), then w_{k+1} = v − ∇(v)/L with
 * the softmax cross-entropy gradient in closed form, ∂/∂Z = (softmax(Z) − Y)/n for logits
 * Z = XW + b (Bishop, PRML eq. 4.109): ∇_W = Xᵀ(softmax(Z) − Y)/n + λW, ∇_b = Σ_rows (softmax(Z) − Y)/n.
 */
function descend(x: tf.Tensor2D, xt: tf.Tensor2D, targets: tf.Tensor2D, l2: number, lipschitz: number, iterations: number, start: Parameters): Parameters {
  const n = x.shape[0];
  let current = start;
  let previous: Parameters = { weights: tf.clone(start.weights), bias: tf.clone(start.bias) };
  for (let k = 1; k <= iterations; k++) {
    const momentum = (k - 1) / (k + 2);
    const next = tf.tidy(() => {
      const weights = tf.add(current.weights, tf.mul(tf.sub(current.weights, previous.weights), momentum));
      const bias = tf.add(current.bias, tf.mul(tf.sub(current.bias, previous.bias), momentum));
      const residual = tf.div(tf.sub(tf.softmax(tf.add(tf.matMul(x, weights), bias)), targets), n);
      const weightGradient = tf.add(tf.matMul(xt, residual), tf.mul(weights, l2));
      return {
        weights: tf.sub(weights, tf.div(weightGradient, lipschitz)) as tf.Tensor2D,
        bias: tf.sub(bias, tf.div(tf.sum(residual, 0), lipschitz)) as tf.Tensor1D,
      };
    });
    tf.dispose([previous.weights, previous.bias]);
    previous = current;
    current = next;
  }
  tf.dispose([previous.weights, previous.bias]);
  return current;
}

/** Test accuracy of always answering the train set's most frequent class (lowest label on a tie). */
export function majorityAccuracy(train: Pick<ClassificationSet, 'labels' | 'n'>, test: Pick<ClassificationSet, 'labels' | 'n'>, classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (let r = 0; r < train.n; r++) counts[train.labels[r]!]!++;
  const majority = counts.indexOf(Math.max(...counts));
  let hits = 0;
  for (let r = 0; r < test.n; r++) if (test.labels[r] === majority) hits++;
  return hits / test.n;
}

/**
 * Linear classification probe: standardises features with the train statistics, fits the
 * softmax regression for each L2 weight of the grid in turn (warm-started along the path,
 * `iterations` steps of size 1/L each, L = margin·λ_max(XᵀX/n)/2 + λ bounding the loss's
 * curvature: the softmax Hessian diag(p) − ppᵀ has norm ≤ ½, and λ_max(XᵀX/n) is floored at 1
 * for the bias), and reports the test accuracy of the weight with the best validation accuracy.
 */
export async function classifierProbe(data: ClassifierProbeData, classes: number, options: ClassifierProbeOptions = {}): Promise<ClassifierProbeResult> {
  const { p, train, validation, test } = data;
  const l2Grid = options.l2Grid ?? CLASSIFIER_L2_GRID;
  const iterations = options.iterations ?? CLASSIFIER_ITERATIONS;
  checkCount('p', p, 1);
  checkCount('classes', classes, 2);
  checkCount('iterations', iterations, 1);
  if (l2Grid.length === 0) throw new RangeError('classifierProbe: l2Grid is empty, needs at least one value');
  for (const l2 of l2Grid) {
    if (!(l2 >= 0) || !Number.isFinite(l2)) throw new RangeError(`classifierProbe: l2Grid values must be finite numbers ≥ 0, got ${l2}`);
  }
  checkSet('train', train, p, classes);
  checkSet('validation', validation, p, classes);
  checkSet('test', test, p, classes);

  const standardisation = standardisationOf(data.scaling ?? 'columns', train.x, train.n, p);
  const x = featureTensor(train, p, standardisation);
  const xt = tf.transpose(x); // tfjs-wasm's matMul with transposeA is ~9× slower than on a copy
  const targets = oneHot(train.labels, train.n, classes);
  const validationX = featureTensor(validation, p, standardisation);
  const testX = featureTensor(test, p, standardisation);
  try {
    const curvature = (CURVATURE_MARGIN * Math.max(await largestEigenvalue(x, xt), 1)) / 2;
    let parameters: Parameters = { weights: tf.zeros([p, classes]), bias: tf.zeros([classes]) };
    let best = { validation: Number.NEGATIVE_INFINITY, accuracy: 0, l2: l2Grid[0]! };
    try {
      for (const l2 of l2Grid) {
        parameters = descend(x, xt, targets, l2, curvature + l2, iterations, parameters);
        const score = await accuracy(validationX, validation.labels, parameters.weights, parameters.bias);
        if (score > best.validation) best = { validation: score, accuracy: await accuracy(testX, test.labels, parameters.weights, parameters.bias), l2 };
      }
    } finally {
      tf.dispose([parameters.weights, parameters.bias]);
    }
    return { accuracy: best.accuracy, l2: best.l2, chance: majorityAccuracy(train, test, classes) };
  } finally {
    tf.dispose([x, xt, targets, validationX, testX]);
  }
}
