/**
 * Narrow transformer predictor shared by both learners (MAE decoder / I-JEPA predictor shape):
 * context embeddings projected to the predictor width (optionally through a bottleneck) plus one
 * learned mask token per target position (with that position's embedding), a transformer, and a
 * head giving K hypotheses per target token (K = 1: a single deterministic prediction).
 */
import * as tf from '@tensorflow/tfjs';
import { addLinear, linear } from './layers';
import { VIT_INIT_STD, type ParamSet } from './params';
import { addTransformer, transformer, type TransformerSize } from './transformer';

export const PREDICTOR = 'predictor';

export interface PredictorShape {
  size: TransformerSize;
  /** Width of the embeddings coming in (the encoder width). */
  inWidth: number;
  /** Values predicted per target token: pixels per token, or the encoder width for a JEPA. */
  outDim: number;
  /** Hypotheses per target (latent variable, trained winner-takes-all). */
  hypotheses: number;
  /** Optional information bottleneck width between encoder and predictor, or null. */
  bottleneck: number | null;
}

export function addPredictor(params: ParamSet, shape: PredictorShape): void {
  let width = shape.inWidth;
  if (shape.bottleneck !== null) {
    addLinear(params, `${PREDICTOR}/bottleneck`, width, shape.bottleneck);
    width = shape.bottleneck;
  }
  addLinear(params, `${PREDICTOR}/in`, width, shape.size.width);
  params.add(`${PREDICTOR}/mask-token`, [shape.size.width], { kind: 'normal', std: VIT_INIT_STD });
  addTransformer(params, PREDICTOR, shape.size);
  addLinear(params, `${PREDICTOR}/head`, shape.size.width, shape.hypotheses * shape.outDim);
}

/**
 * context: [B, nc, inWidth]; contextPositions: [nc, width]; targetPositions: [nt, width]
 * → predictions [B, nt, K, outDim].
 */
export function predict(
  params: ParamSet,
  shape: PredictorShape,
  context: tf.Tensor3D,
  contextPositions: tf.Tensor2D,
  targetPositions: tf.Tensor2D,
): tf.Tensor4D {
  const batch = context.shape[0];
  const nt = targetPositions.shape[0];
  let c: tf.Tensor = context;
  if (shape.bottleneck !== null) c = linear(params, `${PREDICTOR}/bottleneck`, c);
  c = linear(params, `${PREDICTOR}/in`, c).add(contextPositions);
  // A broadcasting add gives every clip the same queries; tf.broadcastTo (Tile) is ~10× slower on wasm.
  const queries = tf.add(tf.zeros([batch, nt, shape.size.width]), tf.add(targetPositions, params.get(`${PREDICTOR}/mask-token`)));
  const sequence = tf.concat([c, queries], 1) as tf.Tensor3D;
  const out = transformer(params, PREDICTOR, shape.size, sequence);
  const targets = out.slice([0, context.shape[1], 0], [batch, nt, shape.size.width]);
  return linear(params, `${PREDICTOR}/head`, targets).reshape([batch, nt, shape.hypotheses, shape.outDim]) as tf.Tensor4D;
}
