/**
 * Seeing what a JEPA predicts (DESIGN §5): its predicted embeddings of a clip's hidden tokens are
 * matched to real embeddings (target encoder, same hidden positions) and the nearest real clip is
 * shown as frames. Two banks:
 * - held-out clips, the queries' own clips among them: top-1 is the fraction of clips whose
 *   prediction lands nearest their own clip (chance 1/bank). The target encoder sees the whole
 *   clip, so this rewards knowing the context as much as the future;
 * - on `fork`, each clip's own futures (same context, one per branch): branch top-1 is the
 *   fraction whose best hypothesis is nearest the branch the clip really took (chance 1/branches),
 *   and branch coverage the fraction whose K hypotheses between them land on every branch.
 * With K hypotheses each is a query; the one nearest the clip's true embedding is its best.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask } from '../../models/masking';
import type { RaceTrainer } from '../../models/race-trainer';
import { nearestNeighbours } from '../../models/retrieval';
import { selectTokens } from '../../models/select-tokens';
import { disposeStepInputs, StepInputBuilder, type StepInputs } from '../../models/step-inputs';
import type { ForkReference } from './blur-evaluation';

interface Embeddings {
  /** Queries [count·K, nt·D]: hypothesis h of clip b at row b·K + h, token-major like `targets`. */
  queries: Float32Array;
  /** Real hidden-token embeddings [count, nt·D]. */
  targets: Float32Array;
  hypotheses: number;
  width: number;
}

/** The target encoder's embeddings of the hidden tokens [count, nt, D] (a tensor to dispose). */
function realTensor(trainer: RaceTrainer, inputs: StepInputs): tf.Tensor3D {
  const jepa = trainer.jepa;
  return tf.tidy(() => selectTokens(jepa.targetEmbeddings(inputs.tokens), inputs.targetSelector));
}

/** Real hidden-token embeddings [count, nt·D] of `count` clips under `mask`. */
async function realEmbeddings(trainer: RaceTrainer, frames: Float32Array, count: number, mask: Mask): Promise<Float32Array> {
  const inputs = new StepInputBuilder(trainer.tables, count).build(frames, mask);
  const real = realTensor(trainer, inputs);
  const values = (await real.data()) as Float32Array;
  real.dispose();
  disposeStepInputs(inputs);
  return values;
}

/** The JEPA's predictions for `count` clips under `mask`, and the clips' real hidden-token embeddings. */
async function predictedAndReal(trainer: RaceTrainer, frames: Float32Array, count: number, mask: Mask): Promise<Embeddings> {
  const inputs = new StepInputBuilder(trainer.tables, count).build(frames, mask);
  const predicted = trainer.jepa.predictEmbeddings(inputs);
  const real = realTensor(trainer, inputs);
  const [, nt, k, d] = predicted.shape as [number, number, number, number];
  const predictedValues = await predicted.data();
  const targets = (await real.data()) as Float32Array;
  tf.dispose([predicted, real]);
  disposeStepInputs(inputs);
  const width = nt * d;
  const queries = new Float32Array(count * k * width);
  for (let b = 0; b < count; b++) {
    for (let h = 0; h < k; h++) {
      for (let i = 0; i < nt; i++) {
        const from = ((b * nt + i) * k + h) * d;
        queries.set(predictedValues.subarray(from, from + d), (b * k + h) * width + i * d);
      }
    }
  }
  return { queries, targets, hypotheses: k, width };
}

function squaredDistance(a: Float32Array, aRow: number, b: Float32Array, bRow: number, width: number): number {
  let sum = 0;
  for (let i = 0; i < width; i++) sum += (a[aRow * width + i]! - b[bRow * width + i]!) ** 2;
  return sum;
}

/** Each clip's best hypothesis: the one nearest its own real embedding (row `truthRow(b)` of `truth`). */
function bestHypotheses(e: Embeddings, count: number, truth: Float32Array, truthRow: (b: number) => number): Int32Array {
  const best = new Int32Array(count);
  for (let b = 0; b < count; b++) {
    let bestDistance = Infinity;
    for (let h = 0; h < e.hypotheses; h++) {
      const distance = squaredDistance(e.queries, b * e.hypotheses + h, truth, truthRow(b), e.width);
      if (distance < bestDistance) {
        bestDistance = distance;
        best[b] = h;
      }
    }
  }
  return best;
}

export interface RetrievalResult {
  /** Bank clip nearest each clip's best hypothesis. */
  nearest: Int32Array;
  metrics: Record<string, number>;
}

/** On `fork`: the scene the clips come from and their label vectors [count, labelSize] (for the branch taken). */
export interface ForkClips {
  reference: ForkReference;
  labels: Float32Array;
}

/**
 * Retrieval among `count` held-out clips `frames` [count, T, H, W] under `mask`; with `fork`, also
 * among each clip's own futures (see the file comment). The clips' embeddings are computed once.
 */
export async function jepaRetrieval(trainer: RaceTrainer, frames: Float32Array, count: number, mask: Mask, fork: ForkClips | null = null): Promise<RetrievalResult> {
  const e = await predictedAndReal(trainer, frames, count, mask);
  const { indices } = nearestNeighbours(e.queries, e.targets, count * e.hypotheses, count, e.width, 1, 'euclidean');
  const best = bestHypotheses(e, count, e.targets, (b) => b);
  const nearest = Int32Array.from({ length: count }, (_, b) => indices[b * e.hypotheses + best[b]!]!);
  const hits = nearest.filter((n, b) => n === b).length;
  const metrics: Record<string, number> = { 'retrieval.top1': hits / count, 'retrieval.chance': 1 / count };
  if (fork) Object.assign(metrics, await branchRetrieval(trainer, e, best, count, mask, fork));
  return { nearest, metrics };
}

/** Each clip's hypotheses against the real embeddings of its own futures, one per branch. */
async function branchRetrieval(trainer: RaceTrainer, e: Embeddings, best: Int32Array, count: number, mask: Mask, fork: ForkClips): Promise<Record<string, number>> {
  const { scene, split, firstIndex } = fork.reference;
  const branches = scene.probabilities.map((p, branch) => ({ p, branch })).filter((b) => b.p > 0).map((b) => b.branch);
  const branchLabel = scene.labelSchema.find((f) => f.name === 'branch')!.offset;
  const futureFrames = new Float32Array(count * branches.length * scene.clipSize);
  for (let b = 0; b < count; b++) {
    const futures = scene.futures(split, firstIndex + b);
    branches.forEach((branch, f) => futureFrames.set(futures[branch]!.frames, (b * branches.length + f) * scene.clipSize));
  }
  const real = await realEmbeddings(trainer, futureFrames, count * branches.length, mask);
  let top1 = 0;
  let covered = 0;
  for (let b = 0; b < count; b++) {
    const bank = real.subarray(b * branches.length * e.width, (b + 1) * branches.length * e.width);
    const { indices } = nearestNeighbours(e.queries.subarray(b * e.hypotheses * e.width, (b + 1) * e.hypotheses * e.width), bank, e.hypotheses, branches.length, e.width, 1, 'euclidean');
    const taken = branches.indexOf(fork.labels[b * scene.labelSize + branchLabel]!);
    if (indices[best[b]!] === taken) top1 += 1;
    if (new Set(indices).size === branches.length) covered += 1;
  }
  return { 'retrieval.branchTop1': top1 / count, 'retrieval.branchCoverage': covered / count, 'retrieval.branchChance': 1 / branches.length };
}
