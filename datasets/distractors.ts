/**
 * `distractors`: the balls of `bouncing` (same parameters, same seed → same trajectories and
 * labels) seen through detail that does not matter, each kind with a strength in [0, 1]:
 *  - background: a high-contrast random checker of 4-px cells drifting at a constant integer
 *    velocity (predictable but irrelevant);
 *  - flicker: two patches of a fine checker texture whose brightness is redrawn every frame
 *    (unpredictable);
 *  - noise: independent per-pixel uniform noise, redrawn every frame.
 * pixel = (1 − noise) · (ball + (1 − ball) · max(background, flicker)) + noise · u, u ~ U[0, 1):
 * balls cover the distractors and every term is a convex mix, so pixels stay in [0, 1] without
 * clipping. Each distractor draws from its own random stream, so a strength only scales its
 * layer: labels never depend on it, and strength 0 everywhere gives exactly the clean
 * `bouncing` frame.
 */
import { BallsRenderer, ballLabelSpecs, BOUNCING_PARAMS } from './bouncing';
import { resolveParams, type ParamSpecs, type ResolvedParams } from './params';
import { deriveSeed, Random } from './random';
import { BaseScene } from './scene';
import type { Split } from './splits';

export const DISTRACTORS_PARAMS = {
  ...BOUNCING_PARAMS,
  noise: { kind: 'number', default: 0.25, min: 0, max: 1, description: 'share of each pixel replaced by uniform noise (1: pure noise)' },
  flicker: { kind: 'number', default: 0.5, min: 0, max: 1, description: 'brightness of the flickering texture patches' },
  background: { kind: 'number', default: 0.5, min: 0, max: 1, description: 'brightness of the drifting checker background' },
} as const satisfies ParamSpecs;

export type DistractorsParams = ResolvedParams<typeof DISTRACTORS_PARAMS>;

const LAYOUT_STREAM = 2;
const NOISE_STREAM = 3;
/** Background tile: 16 × 16 random cells of 4 × 4 px (64 px, wraps with & 63). */
const TILE_CELLS = 16;
const TILE_MASK = 63;
const CELL_SHIFT = 2;
const MAX_DRIFT = 2;
const PATCHES = 2;

export class DistractorsScene extends BaseScene<DistractorsParams> {
  private readonly balls: BallsRenderer;
  private readonly layout = new Random(0);
  private readonly noiseRng = new Random(0);
  private readonly cells = new Uint8Array(TILE_CELLS * TILE_CELLS);
  /** Per patch: left, top, right (exclusive), bottom (exclusive). */
  private readonly patches = new Int32Array(PATCHES * 4);
  private readonly gains = new Float64Array(PATCHES);
  /** One row of max(background, flicker). */
  private readonly layer: Float64Array;
  /** One frame of noise uniforms (zeros while noise is 0). */
  private readonly noiseValues: Float64Array;

  constructor(params?: Record<string, unknown>, seed = 0) {
    const p = resolveParams('distractors', DISTRACTORS_PARAMS, params);
    super('distractors', p, seed, ballLabelSpecs(p));
    this.balls = new BallsRenderer(p);
    this.layer = new Float64Array(p.width);
    this.noiseValues = new Float64Array(p.width * p.height);
  }

  /** The balls alone: the objects that matter, without the distractors. */
  protected override renderContent(seed: number, _split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    this.balls.render(seed, frames, off, labels, labelOff);
  }

  protected render(seed: number, _split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    this.balls.render(seed, frames, off, labels, labelOff);
    const { noise, flicker, background } = this.params;
    if (noise === 0 && flicker === 0 && background === 0) return;
    const { T, H, W } = this.shape;
    const layout = this.layout.reset(deriveSeed(seed, LAYOUT_STREAM));
    const noiseRng = this.noiseRng.reset(deriveSeed(seed, NOISE_STREAM));
    const { cells, patches, gains } = this;
    for (let c = 0; c < cells.length; c++) cells[c] = layout.next() < 0.5 ? 1 : 0;
    let driftX: number;
    let driftY: number;
    do {
      driftX = layout.int(2 * MAX_DRIFT + 1) - MAX_DRIFT;
      driftY = layout.int(2 * MAX_DRIFT + 1) - MAX_DRIFT;
    } while (driftX === 0 && driftY === 0);
    const originX = layout.int(TILE_MASK + 1);
    const originY = layout.int(TILE_MASK + 1);
    for (let q = 0; q < PATCHES; q++) {
      const w = (W >> 2) + layout.int((W >> 2) + 1);
      const h = (H >> 2) + layout.int((H >> 2) + 1);
      const left = layout.int(W - w + 1);
      const top = layout.int(H - h + 1);
      patches[q * 4] = left;
      patches[q * 4 + 1] = top;
      patches[q * 4 + 2] = left + w;
      patches[q * 4 + 3] = top + h;
    }
    for (let t = 0; t < T; t++) {
      for (let q = 0; q < PATCHES; q++) gains[q] = flicker * layout.next();
      if (noise > 0) noiseRng.fill(this.noiseValues);
      this.composite(frames, off + t * H * W, originX + driftX * t, originY + driftY * t);
    }
  }

  /** Lays the distractors of one frame (background shifted by shiftX, shiftY) under its balls and mixes in the noise. */
  private composite(frames: Float32Array, frameOff: number, shiftX: number, shiftY: number): void {
    const { noise, background } = this.params;
    const keep = 1 - noise;
    const { H, W } = this.shape;
    const { cells, patches, gains, layer, noiseValues } = this;
    for (let i = 0; i < H; i++) {
      const cellRow = (((i + shiftY) & TILE_MASK) >> CELL_SHIFT) * TILE_CELLS;
      for (let j = 0; j < W; j++) layer[j] = background * cells[cellRow + (((j + shiftX) & TILE_MASK) >> CELL_SHIFT)]!;
      for (let q = 0; q < PATCHES; q++) {
        const b = q * 4;
        const gain = gains[q]!;
        if (i < patches[b + 1]! || i >= patches[b + 3]!) continue;
        // Fine checker of 2-px cells: only its lit cells flicker.
        for (let j = patches[b]!; j < patches[b + 2]!; j++) {
          if (((i >> 1) + (j >> 1)) & 1 && gain > layer[j]!) layer[j] = gain;
        }
      }
      const row = frameOff + i * W;
      const noiseRow = i * W;
      for (let j = 0; j < W; j++) {
        const ball = frames[row + j]!;
        frames[row + j] = keep * (ball + (1 - ball) * layer[j]!) + noise * noiseValues[noiseRow + j]!;
      }
    }
  }
}
