/**
 * Attentive probe on frozen token features (V-JEPA, Bardes et al. 2024, "Revisiting Feature
 * Prediction for Learning Visual Representations from Video", arXiv 2404.08471, §4 and App. C:
 * "a cross-attention block with a learnable query token" pools the frozen encoder's output tokens,
 * then a linear classifier). A linear readout of concatenated, position-specific token features
 * cannot classify an object that moves: it needs one set of weights per position the object can
 * take. One learned query q per head scores every token, score_n = q · (W_k x_n) / √d_h, a
 * softmax over the N tokens pools their values W_v x_n + b_v, and a linear layer maps the pooled
 * heads to the classes — the same weights read the object wherever it is.
 *
 * Frozen evaluation: the features are plain arrays (read back from the encoder beforehand), so no
 * gradient can reach the encoder. Token features are standardised per dimension with the train
 * tokens' statistics (or centred with one shared scale, for pixels). Trained with AdamW (decoupled weight decay on the key, value and output
 * matrices) on mini-batches of clips, seeded; the learning rate and weight decay are chosen from
 * a small grid, and the stopping step from evaluations every `evaluateEvery` steps, by
 * validation accuracy (the earlier one on a tie); the score is that model's test accuracy. Ours
 * is smaller than V-JEPA's (no MLP after the attention, few heads) and trained for a few hundred
 * steps: sized for a probe that runs at every evaluation of a run.
 */
import * as tf from '@tensorflow/tfjs';
import { Random } from '../datasets/random';
import { AdamW } from './adamw';
import { addLinear, linear } from './layers';
import { majorityAccuracy } from './linear-classifier';
import { ParamSet } from './params';
import { softmax } from './softmax';
import { standardisationOf, standardise, type Scaling, type Standardisation } from './standardise';

/** One split: token features x [n, tokens, width] row-major, integer class labels [n]. */
export interface TokenClassificationSet {
  x: ArrayLike<number>;
  labels: ArrayLike<number>;
  n: number;
}

export interface AttentiveProbeData {
  /** Tokens per clip (N). */
  tokens: number;
  /** Values per token (D). */
  width: number;
  train: TokenClassificationSet;
  validation: TokenClassificationSet;
  test: TokenClassificationSet;
}

export interface AttentiveProbeOptions {
  /** Attention heads, each with its own query (default 2). */
  heads?: number;
  /** Key/value width per head (default 16). */
  headWidth?: number;
  /** AdamW steps per hyper-parameter setting (default 300). */
  steps?: number;
  /** Clips per step (default 32; all of them when there are fewer). */
  batch?: number;
  /** Validation accuracy is measured every this many steps, and after the last (default 25). */
  evaluateEvery?: number;
  /** Grid of learning rates (default [1e-2]). */
  learningRates?: readonly number[];
  /** Grid of decoupled weight decays (default [0.01, 0.3]). */
  weightDecays?: readonly number[];
  /** Seeds the initial weights and the order of the mini-batches (default 1). */
  seed?: number;
  /** Token-dimension scaling from the train tokens (default 'columns'; 'shared' for pixels, see standardise.ts). */
  scaling?: Scaling;
}

export interface AttentiveProbeResult {
  /** Test accuracy of the model with the best validation accuracy. */
  accuracy: number;
  validationAccuracy: number;
  learningRate: number;
  weightDecay: number;
  /** Training steps of the chosen model (early stopping on validation). */
  steps: number;
  /** Test accuracy of always answering the train set's most frequent class. */
  chance: number;
}

export const ATTENTIVE_PROBE_DEFAULTS: Required<AttentiveProbeOptions> = {
  heads: 2,
  headWidth: 16,
  steps: 300,
  batch: 32,
  evaluateEvery: 25,
  learningRates: [1e-2],
  weightDecays: [0.01, 0.3],
  seed: 1,
  scaling: 'columns',
};

/** Clips per forward pass when scoring a split (bounds device memory). */
const SCORE_CHUNK = 256;

function checkCount(argument: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`attentiveProbe: ${argument} must be an integer ≥ ${minimum}, got ${value}`);
}

function checkSet(argument: string, set: TokenClassificationSet, tokens: number, width: number, classes: number): void {
  checkCount(`${argument}.n`, set.n, 1);
  if (set.x.length !== set.n * tokens * width) throw new RangeError(`attentiveProbe: ${argument}.x has ${set.x.length} values, not a [${set.n}, ${tokens}, ${width}] array`);
  if (set.labels.length !== set.n) throw new RangeError(`attentiveProbe: ${argument}.labels has ${set.labels.length} values, not ${set.n}`);
  for (let r = 0; r < set.n; r++) {
    const label = set.labels[r]!;
    if (!Number.isInteger(label) || label < 0 || label >= classes) throw new RangeError(`attentiveProbe: ${argument}.labels[${r}] = ${label} is not a class in [0, ${classes})`);
  }
}

function checkGrid(argument: string, values: readonly number[], positive: boolean): void {
  if (values.length === 0) throw new RangeError(`attentiveProbe: ${argument} is empty, needs at least one value`);
  for (const v of values) {
    if (!Number.isFinite(v) || v < 0 || (positive && v === 0)) throw new RangeError(`attentiveProbe: ${argument} values must be finite numbers ${positive ? '> 0' : '≥ 0'}, got ${v}`);
  }
}

interface Shape {
  tokens: number;
  width: number;
  heads: number;
  headWidth: number;
  classes: number;
}

function addProbe(params: ParamSet, s: Shape): void {
  params.add('query', [s.heads, s.headWidth], { kind: 'normal', std: 0.02 });
  // No key bias: q·(k + b) adds the same q·b to every token's score, which the softmax ignores.
  addLinear(params, 'key', s.width, s.heads * s.headWidth, false);
  addLinear(params, 'value', s.width, s.heads * s.headWidth);
  addLinear(params, 'out', s.heads * s.headWidth, s.classes);
}

/** Class logits [b, classes] of token features x [b, tokens, width]. */
export function attentiveLogits(params: ParamSet, s: Shape, x: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const b = x.shape[0];
    const keys = linear(params, 'key', x).reshape([b, s.tokens, s.heads, s.headWidth]);
    const query = params.get('query').reshape([1, 1, s.heads, s.headWidth]);
    const scores = tf.mul(keys, query).sum(3).mul(1 / Math.sqrt(s.headWidth)); // [b, tokens, heads]
    const weights = softmax(scores.transpose([0, 2, 1])).transpose([0, 2, 1]); // over the tokens
    const values = linear(params, 'value', x).reshape([b, s.tokens, s.heads, s.headWidth]);
    const pooled = tf.mul(values, weights.expandDims(3)).sum(1).reshape([b, s.heads * s.headWidth]);
    return linear(params, 'out', pooled) as tf.Tensor2D;
  });
}

/** Mean softmax cross-entropy of logits [b, classes] against one-hot rows. */
function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.sub(logits, tf.logSumExp(logits, 1, true))), 1))) as tf.Scalar);
}

/** Rows `rows` of the standardised tokens [n, tokens·width] as one [b, tokens, width] tensor. */
function gatherClips(x: Float32Array, rows: ArrayLike<number>, s: Shape): tf.Tensor3D {
  const per = s.tokens * s.width;
  const out = new Float32Array(rows.length * per);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i]! * per, (rows[i]! + 1) * per), i * per);
  return tf.tensor3d(out, [rows.length, s.tokens, s.width]);
}

function oneHotRows(labels: ArrayLike<number>, rows: ArrayLike<number>, classes: number): tf.Tensor2D {
  const values = new Float32Array(rows.length * classes);
  for (let i = 0; i < rows.length; i++) values[i * classes + labels[rows[i]!]!] = 1;
  return tf.tensor2d(values, [rows.length, classes]);
}

/** Fraction of the clips whose highest logit is their label (forward passes in chunks). */
async function accuracyOf(params: ParamSet, s: Shape, x: Float32Array, labels: ArrayLike<number>, n: number): Promise<number> {
  let correct = 0;
  for (let start = 0; start < n; start += SCORE_CHUNK) {
    const rows = Array.from({ length: Math.min(SCORE_CHUNK, n - start) }, (_, i) => start + i);
    const predicted = tf.tidy(() => tf.argMax(attentiveLogits(params, s, gatherClips(x, rows, s)), 1));
    const values = await predicted.data();
    predicted.dispose();
    for (let i = 0; i < rows.length; i++) if (values[i] === labels[rows[i]!]) correct++;
  }
  return correct / n;
}

/** Token rows standardised with the train tokens' statistics, as float32 [n, tokens·width]. */
function standardisedTokens(set: TokenClassificationSet, tokens: number, standardisation: Standardisation): Float32Array {
  return standardise(set.x, set.n * tokens, standardisation, new Float32Array(set.n * tokens * standardisation.mean.length));
}

/**
 * Trains the attentive probe for every (learning rate, weight decay) of the grid and returns the
 * test accuracy of the model (setting and step) with the best validation accuracy.
 */
export async function attentiveProbe(data: AttentiveProbeData, classes: number, options: AttentiveProbeOptions = {}): Promise<AttentiveProbeResult> {
  const o = { ...ATTENTIVE_PROBE_DEFAULTS, ...options };
  const { tokens, width, train, validation, test } = data;
  checkCount('tokens', tokens, 1);
  checkCount('width', width, 1);
  checkCount('classes', classes, 2);
  checkCount('heads', o.heads, 1);
  checkCount('headWidth', o.headWidth, 1);
  checkCount('steps', o.steps, 1);
  checkCount('batch', o.batch, 1);
  checkCount('evaluateEvery', o.evaluateEvery, 1);
  checkGrid('learningRates', o.learningRates, true);
  checkGrid('weightDecays', o.weightDecays, false);
  checkSet('train', train, tokens, width, classes);
  checkSet('validation', validation, tokens, width, classes);
  checkSet('test', test, tokens, width, classes);

  const s: Shape = { tokens, width, heads: o.heads, headWidth: o.headWidth, classes };
  const standardisation = standardisationOf(o.scaling, train.x, train.n * tokens, width);
  const trainX = standardisedTokens(train, tokens, standardisation);
  const validationX = standardisedTokens(validation, tokens, standardisation);
  const testX = standardisedTokens(test, tokens, standardisation);
  const batch = Math.min(o.batch, train.n);
  let best: AttentiveProbeResult = { accuracy: 0, validationAccuracy: Number.NEGATIVE_INFINITY, learningRate: o.learningRates[0]!, weightDecay: o.weightDecays[0]!, steps: 0, chance: majorityAccuracy(train, test, classes) };
  for (const learningRate of o.learningRates) {
    for (const weightDecay of o.weightDecays) {
      const params = new ParamSet(o.seed);
      addProbe(params, s);
      const optimizer = new AdamW({ kind: 'adamw', learningRate, weightDecay, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }, params);
      const names = new Map(params.entries().map(([logical, v]) => [v.name, logical]));
      const rng = new Random(o.seed);
      const order = Int32Array.from({ length: train.n }, (_, i) => i);
      let cursor = train.n;
      try {
        for (let step = 1; step <= o.steps; step++) {
          if (cursor + batch > train.n) {
            for (let i = train.n - 1; i > 0; i--) {
              const j = rng.int(i + 1);
              [order[i], order[j]] = [order[j]!, order[i]!];
            }
            cursor = 0;
          }
          const rows = order.subarray(cursor, cursor + batch);
          cursor += batch;
          const x = gatherClips(trainX, rows, s);
          const targets = oneHotRows(train.labels, rows, classes);
          const { value, grads } = tf.variableGrads(() => crossEntropy(attentiveLogits(params, s, x), targets), params.variables());
          const byName = new Map<string, tf.Tensor>(Object.entries(grads).map(([name, g]) => [names.get(name)!, g]));
          optimizer.step(byName);
          tf.dispose([value, x, targets, ...Object.values(grads)]);
          if (step % o.evaluateEvery === 0 || step === o.steps) {
            const score = await accuracyOf(params, s, validationX, validation.labels, validation.n);
            if (score > best.validationAccuracy) {
              best = { ...best, validationAccuracy: score, accuracy: await accuracyOf(params, s, testX, test.labels, test.n), learningRate, weightDecay, steps: step };
            }
          }
        }
      } finally {
        optimizer.dispose();
        params.dispose();
      }
    }
  }
  return best;
}
