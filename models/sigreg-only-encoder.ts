/**
 * The SIGReg-only control (DESIGN §1): an encoder of the learners' shape trained on the race's
 * batches with LeJEPA's loss at λ = 1 — (1 − λ)·prediction + λ·SIGReg with λ = 1 is SIGReg alone
 * (Balestriero & LeCun 2025, arXiv 2511.08544) — and no predictor at all (its term has weight 0,
 * so it is not computed). It starts from exactly the JEPA's initial encoder (same seed, same
 * parameter names), regularises what the JEPA regularises (per position across the batch, or the
 * same strided token subset; the same targets) with the same random directions at each step, and uses the same optimiser settings: the only difference from the JEPA is the
 * missing prediction term. Whatever a probe finds in it, SIGReg alone put there.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../datasets/random';
import { AdamW } from './adamw';
import { addEncoder, encode, encodeEachToken } from './encoder';
import { SIGREG_STREAM, strideTokens, tokenStride } from './jepa-learner';
import { ParamSet } from './params';
import type { RaceConfig } from './race-config';
import type { BatchSource } from './race-trainer';
import { sigreg, sigregAcrossBatch, sigregDirections } from './sigreg';
import { tokenize, type TokenGrid } from './tubelets';

/** Seed of the JEPA's parameters in a race (RaceTrainer derives it the same way). */
export function jepaParameterSeed(raceSeed: number): number {
  return deriveSeed(raceSeed, 2);
}

export class SigregOnlyEncoder {
  /** The encoder's parameters (names under `encoder/`, as the learners'). */
  readonly params: ParamSet;
  readonly optimizer: AdamW;
  stepsDone = 0;
  private readonly seed: number;
  private readonly tokenBuffer: Float32Array;

  constructor(readonly config: RaceConfig, readonly source: BatchSource, readonly grid: TokenGrid, private readonly positions: tf.Tensor2D) {
    this.seed = jepaParameterSeed(config.seed);
    this.params = new ParamSet(this.seed);
    addEncoder(this.params, grid.patchSize, config.encoder);
    this.optimizer = new AdamW(config.optimizer, this.params);
    this.tokenBuffer = new Float32Array(config.batch * grid.count * grid.patchSize);
  }

  /** SIGReg of the step's embeddings as the JEPA computes it (same scope, targets, directions and subset). */
  loss(tokens: tf.Tensor3D, step: number): tf.Scalar {
    return tf.tidy(() => {
      const { jepa, encoder } = this.config;
      const z = jepa.targets === 'token' ? encodeEachToken(this.params, encoder, tokens, this.positions) : encode(this.params, encoder, tokens, this.positions);
      const directions = tf.tensor2d(sigregDirections(encoder.width, jepa.slices, deriveSeed(this.seed, SIGREG_STREAM, step)), [encoder.width, jepa.slices]);
      if (jepa.sigregScope === 'per-position') return sigregAcrossBatch(z, directions);
      return sigreg(strideTokens(z, tokenStride(z.shape[0], z.shape[1], jepa.regularizedTokens), step), directions);
    });
  }

  /** Trains step `stepsDone + 1` on the source's batch of that step. */
  step(): void {
    const step = this.stepsDone + 1;
    tokenize(this.source.sample(step), this.config.batch, this.grid, this.tokenBuffer);
    const tokens = tf.tensor3d(this.tokenBuffer, [this.config.batch, this.grid.count, this.grid.patchSize]);
    try {
      const names = new Map(this.params.entries().map(([logical, v]) => [v.name, logical]));
      const { value, grads } = tf.variableGrads(() => this.loss(tokens, step), this.params.variables());
      this.optimizer.step(new Map(Object.entries(grads).map(([name, g]) => [names.get(name)!, g])));
      tf.dispose([value, ...Object.values(grads)]);
    } finally {
      tokens.dispose();
    }
    this.stepsDone = step;
  }

  /** Trains until `step` (e.g. after a race restored from a checkpoint: same batches, same result). */
  catchUp(step: number): void {
    while (this.stepsDone < step) this.step();
  }

  dispose(): void {
    this.params.dispose();
    this.optimizer.dispose();
  }
}
