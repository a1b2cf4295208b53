/**
 * `bouncing`: 1 to 3 white balls moving at constant speed and reflecting elastically off the
 * walls (balls pass through each other). Fully deterministic given the clip's seed: the sanity
 * baseline. Labels: each ball's position and velocity in every frame.
 */
import { motionLabelSpecs } from './labels';
import { boxFor, maxBounceSpeed, Movers, OBJECT_STREAM, type Box } from './motion';
import { frameParams, resolveParams, type ParamSpecs, type ResolvedParams } from './params';
import { deriveSeed, Random } from './random';
import { drawDisc, type Frame } from './render';
import { BaseScene } from './scene';
import type { Split } from './splits';

export const BOUNCING_PARAMS = {
  ...frameParams(),
  balls: { kind: 'integer', default: 2, min: 1, max: 3, description: 'number of balls' },
  radius: {
    kind: 'number', default: 3, min: 1, max: (p) => Math.min(p.width, p.height) / 4,
    rangeNote: 'at most a quarter of the smaller frame side', description: 'ball radius in pixels',
  },
  speed: {
    kind: 'number', default: 2, min: 0, max: (p) => maxBounceSpeed(p.width, p.height, p.radius),
    rangeNote: 'at most the smaller side of the box the centres move in', description: 'largest ball speed in px/frame (each ball: uniform in [speed/2, speed])',
  },
} as const satisfies ParamSpecs;

export type BallsParams = ResolvedParams<typeof BOUNCING_PARAMS>;

/** Labels of a balls clip: x, y, vx, vy of each ball in each frame. */
export function ballLabelSpecs(p: BallsParams) {
  const r = p.radius;
  return motionLabelSpecs(p.balls, 'ball', [r, p.width - r], [r, p.height - r], p.speed);
}

/**
 * Draws the balls of the clip with seed `seed` into `frames` at `off` and writes their labels at
 * `labelOff`; the `bouncing` clip itself, and the objects under the `distractors`.
 */
export class BallsRenderer {
  private readonly rng = new Random(0);
  private readonly movers: Movers;
  private readonly box: Box;
  private readonly frame: Frame;
  private readonly labelField: number;

  constructor(private readonly p: BallsParams) {
    this.movers = new Movers(p.balls);
    this.box = boxFor(p.width, p.height, p.radius);
    this.frame = { off: 0, W: p.width, H: p.height };
    this.labelField = p.frames * p.balls;
  }

  render(seed: number, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    const { p, movers, frame } = this;
    movers.init(this.rng.reset(deriveSeed(seed, OBJECT_STREAM)), p.balls, this.box, p.speed);
    const frameSize = p.width * p.height;
    for (let t = 0; t < p.frames; t++) {
      if (t > 0) movers.step(this.box);
      frame.off = off + t * frameSize;
      for (let b = 0; b < p.balls; b++) drawDisc(frames, frame, movers.x[b]!, movers.y[b]!, p.radius);
      movers.writeLabels(labels, labelOff, this.labelField, t);
    }
  }
}

export class BouncingScene extends BaseScene<BallsParams> {
  private readonly balls: BallsRenderer;

  constructor(params?: Record<string, unknown>, seed = 0) {
    const p = resolveParams('bouncing', BOUNCING_PARAMS, params);
    super('bouncing', p, seed, ballLabelSpecs(p));
    this.balls = new BallsRenderer(p);
  }

  protected render(seed: number, _split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    this.balls.render(seed, frames, off, labels, labelOff);
  }
}
