/**
 * The tensors one training step needs, built once per step from one batch of clips and one mask
 * and shared by both learners (a race: same data, same mask). Pixel patches are gathered on the
 * CPU (they need no gradient); position tables are fixed sin-cos rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask } from './masking';
import type { EncoderPositions } from './race-config';
import { sincosPositions, tableRows } from './positional';
import { oneHotSelector } from './select-tokens';
import { gatherTokens, tokenize, type TokenGrid } from './tubelets';

export interface StepInputs {
  batch: number;
  mask: Mask;
  /** All tokens [B, N, P] (the JEPA target encoder sees the whole clip). */
  tokens: tf.Tensor3D;
  /** Visible tokens [B, nc, P]. */
  context: tf.Tensor3D;
  /** Pixels of the hidden tokens [B, nt, P]. */
  targetPixels: tf.Tensor3D;
  encoderContextPositions: tf.Tensor2D;
  predictorContextPositions: tf.Tensor2D;
  predictorTargetPositions: tf.Tensor2D;
  /** One-hot [nt, N] picking target tokens out of the full sequence. */
  targetSelector: tf.Tensor2D;
}

/** Fixed per-model tables, computed once. */
export class PositionTables {
  readonly encoder: Float32Array;
  readonly predictor: Float32Array;
  /** Encoder positions of every token [N, D], kept on the device. */
  readonly encoderAll: tf.Tensor2D;

  /** `encoderPositions` 'none': the encoder's table is all zeros (a position-free encoder); the predictor's is always sin-cos. */
  constructor(readonly grid: TokenGrid, readonly encoderWidth: number, readonly predictorWidth: number, encoderPositions: EncoderPositions = 'sincos') {
    this.encoder = encoderPositions === 'sincos' ? sincosPositions(grid, encoderWidth) : new Float32Array(grid.count * encoderWidth);
    this.predictor = sincosPositions(grid, predictorWidth);
    this.encoderAll = tf.tensor2d(this.encoder, [grid.count, encoderWidth]);
  }

  dispose(): void {
    this.encoderAll.dispose();
  }
}

/** Reusable CPU buffers so a step allocates no per-clip arrays. */
export class StepInputBuilder {
  private tokenBuffer: Float32Array;

  constructor(readonly tables: PositionTables, readonly batch: number) {
    this.tokenBuffer = new Float32Array(batch * tables.grid.count * tables.grid.patchSize);
  }

  /** frames: [B, T, H, W] clips; the caller disposes the result with `disposeStepInputs`. */
  build(frames: Float32Array, mask: Mask): StepInputs {
    const { grid, encoderWidth, predictorWidth } = this.tables;
    const b = this.batch;
    const p = grid.patchSize;
    tokenize(frames, b, grid, this.tokenBuffer);
    const nc = mask.context.length;
    const nt = mask.target.length;
    return {
      batch: b,
      mask,
      tokens: tf.tensor3d(this.tokenBuffer, [b, grid.count, p]),
      context: tf.tensor3d(gatherTokens(this.tokenBuffer, b, grid, mask.context), [b, nc, p]),
      targetPixels: tf.tensor3d(gatherTokens(this.tokenBuffer, b, grid, mask.target), [b, nt, p]),
      encoderContextPositions: tf.tensor2d(tableRows(this.tables.encoder, encoderWidth, mask.context), [nc, encoderWidth]),
      predictorContextPositions: tf.tensor2d(tableRows(this.tables.predictor, predictorWidth, mask.context), [nc, predictorWidth]),
      predictorTargetPositions: tf.tensor2d(tableRows(this.tables.predictor, predictorWidth, mask.target), [nt, predictorWidth]),
      targetSelector: oneHotSelector(mask.target, grid.count),
    };
  }
}

export function disposeStepInputs(inputs: StepInputs): void {
  tf.dispose([
    inputs.tokens,
    inputs.context,
    inputs.targetPixels,
    inputs.encoderContextPositions,
    inputs.predictorContextPositions,
    inputs.predictorTargetPositions,
    inputs.targetSelector,
  ]);
}
