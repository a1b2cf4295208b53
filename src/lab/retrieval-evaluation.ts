/**
 * Seeing what a JEPA predicts (DESIGN §5): its predicted embeddings of a clip's hidden tokens are
 * matched to the real embeddings (target encoder, same hidden positions) of a bank of held-out
 * clips, the queries' own clips among them; the nearest bank clip is shown as real frames. Top-1
 * is the fraction of clips whose prediction lands nearest their own clip (chance 1/bank). With K
 * hypotheses each is a query and the one nearest its own clip counts (best hypothesis).
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask } from '../../models/masking';
import type { RaceTrainer } from '../../models/race-trainer';
import { nearestNeighbours } from '../../models/retrieval';
import { selectTokens } from '../../models/select-tokens';
import { disposeStepInputs, StepInputBuilder } from '../../models/step-inputs';

export interface RetrievalResult {
  /** Bank clip nearest each clip's best hypothesis. */
  nearest: Int32Array;
  metrics: Record<string, number>;
}

/** Retrieval among `count` clips `frames` [count, T, H, W] under `mask`. */
export async function jepaRetrieval(trainer: RaceTrainer, frames: Float32Array, count: number, mask: Mask): Promise<RetrievalResult> {
  const jepa = trainer.jepa;
  const inputs = new StepInputBuilder(trainer.tables, count).build(frames, mask);
  const [predicted, targets] = tf.tidy(() => {
    const z = jepa.encodeAll(inputs.tokens, jepa.target ?? jepa.params);
    return [jepa.predictEmbeddings(inputs), selectTokens(z, inputs.targetSelector)];
  });
  const [, nt, k, d] = predicted.shape as [number, number, number, number];
  const predictedValues = await predicted.data();
  const bank = await targets!.data();
  tf.dispose([predicted, targets!]);
  disposeStepInputs(inputs);
  const width = nt * d;
  // Queries [count·K, nt·D]: hypothesis h of clip b, token-major like the bank.
  const queries = new Float32Array(count * k * width);
  for (let b = 0; b < count; b++) {
    for (let h = 0; h < k; h++) {
      for (let i = 0; i < nt; i++) {
        const from = ((b * nt + i) * k + h) * d;
        queries.set(predictedValues.subarray(from, from + d), (b * k + h) * width + i * d);
      }
    }
  }
  const { indices } = nearestNeighbours(queries, bank, count * k, count, width, 1, 'euclidean');
  const nearest = new Int32Array(count);
  let hits = 0;
  for (let b = 0; b < count; b++) {
    let bestDistance = Infinity;
    for (let h = 0; h < k; h++) {
      const query = queries.subarray((b * k + h) * width, (b * k + h + 1) * width);
      const own = bank.subarray(b * width, (b + 1) * width);
      let distance = 0;
      for (let i = 0; i < width; i++) distance += (query[i]! - own[i]!) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        nearest[b] = indices[b * k + h]!;
      }
    }
    if (nearest[b] === b) hits += 1;
  }
  return { nearest, metrics: { 'retrieval.top1': hits / count, 'retrieval.chance': 1 / count } };
}
