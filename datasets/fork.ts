/**
 * `fork`: a ball travels right to a fork and, at a known frame, takes one of K branches (K = 2:
 * up or down at ±45°) with given probabilities. The context frames (before `forkFrame`) are
 * drawn from a random stream that never sees the branch, so they carry no information about it,
 * and `futures(i)` enumerates every continuation of clip i's context with its probability: the
 * MSE-optimal pixel prediction, the probability-weighted mean of the futures, is exact.
 */
import { frameParams, resolveParams, type ParamSpecs, type ResolvedParams, type ResolvedSoFar } from './params';
import { deriveSeed, Random } from './random';
import { drawDisc, type Frame } from './render';
import { BaseScene } from './scene';
import { clipSeed, type Split } from './splits';

/** Share of the per-scene speed below which no clip's speed falls. */
const MIN_SPEED_SHARE = 0.7;
const CONTEXT_STREAM = 1;
const BRANCH_STREAM = 2;

/** Directions of the K branches: angles evenly spread over [−spread, +spread] degrees (0 if K = 1). */
export function branchAngles(branches: number, spread: number): number[] {
  if (branches === 1) return [0];
  return Array.from({ length: branches }, (_, k) => spread * ((2 * k) / (branches - 1) - 1));
}

/**
 * Largest ball speed (px/frame) for which every branch stays inside the frame whatever the clip:
 * the context run (forkFrame − 1 steps) plus the longest horizontal future run must fit the
 * width, and the steepest branch must fit half the height on either side of the fork.
 */
export function forkMaxSpeed(p: ResolvedSoFar): number {
  const angles = branchAngles(p.branches, p.spread);
  const cosMax = Math.max(...angles.map((a) => Math.cos((a * Math.PI) / 180)));
  const sinMax = Math.max(...angles.map((a) => Math.abs(Math.sin((a * Math.PI) / 180))));
  const before = p.forkFrame - 1;
  const after = p.frames - p.forkFrame;
  const horizontal = (p.width - 2 * p.radius) / (before + cosMax * after);
  return sinMax > 0 ? Math.min(horizontal, (p.height - 2 * p.radius) / (2 * sinMax * after)) : horizontal;
}

export const FORK_PARAMS = {
  ...frameParams(),
  branches: { kind: 'integer', default: 2, min: 1, max: 8, description: 'number of branches K' },
  probabilities: { kind: 'probabilities', lengthParam: 'branches', default: null, description: 'probability of each branch (null: uniform)' },
  forkFrame: {
    kind: 'integer', default: (p) => Math.floor(p.frames / 2), min: 1, max: (p) => p.frames - 1,
    rangeNote: 'between the first and the last frame', description: 'first frame after the fork (frames before it are the context)',
  },
  spread: { kind: 'number', default: 45, min: 10, max: 80, description: 'angle of the outermost branches from the horizontal, in degrees' },
  radius: {
    kind: 'number', default: (p) => Math.min(3, Math.min(p.width, p.height) / 6), min: 1, max: (p) => Math.min(p.width, p.height) / 6,
    rangeNote: 'at most a sixth of the smaller frame side', description: 'ball radius in pixels',
  },
  speed: {
    kind: 'number', default: (p) => Math.min(3, forkMaxSpeed(p)), min: 0.1, max: forkMaxSpeed,
    rangeNote: 'the fastest speed at which every branch stays in the frame', description: `largest ball speed in px/frame (each clip: uniform in [${MIN_SPEED_SHARE}·speed, speed])`,
  },
} as const satisfies ParamSpecs;

export type ForkParams = ResolvedParams<typeof FORK_PARAMS>;

/** One continuation of a fork clip's context: the whole clip with branch `branch`. */
export interface Future {
  branch: number;
  probability: number;
  frames: Float32Array;
  labels: Float32Array;
}

export class ForkScene extends BaseScene<ForkParams> {
  /** Index of the first frame after the fork; frames before it are the shared context. */
  readonly forkFrame: number;
  readonly branches: number;
  readonly probabilities: readonly number[];
  private readonly dirX: Float64Array;
  private readonly dirY: Float64Array;
  private readonly cosMax: number;
  private readonly sinMax: number;
  private readonly rng = new Random(0);
  private readonly frame: Frame;

  constructor(params?: Record<string, unknown>, seed = 0) {
    const p = resolveParams('fork', FORK_PARAMS, params);
    const angles = branchAngles(p.branches, p.spread);
    const names = angles.map((a) => (a === 0 ? 'straight' : `${a < 0 ? 'up' : 'down'} ${Math.round(Math.abs(a))}°`));
    super('fork', p, seed, [
      { name: 'branch', kind: 'class', per: 'clip', width: 1, classes: p.branches, classNames: names, description: 'branch taken at the fork' },
      { name: 'speed', kind: 'regression', per: 'clip', width: 1, range: [MIN_SPEED_SHARE * p.speed, p.speed], unit: 'px/frame', description: 'ball speed' },
      { name: 'x', kind: 'regression', per: 'frame', width: 1, range: [p.radius, p.width - p.radius], unit: 'px', description: 'ball centre, column' },
      { name: 'y', kind: 'regression', per: 'frame', width: 1, range: [p.radius, p.height - p.radius], unit: 'px', description: 'ball centre, row' },
    ]);
    this.forkFrame = p.forkFrame;
    this.branches = p.branches;
    this.probabilities = p.probabilities;
    this.dirX = Float64Array.from(angles, (a) => Math.cos((a * Math.PI) / 180));
    this.dirY = Float64Array.from(angles, (a) => Math.sin((a * Math.PI) / 180));
    this.cosMax = Math.max(...this.dirX);
    this.sinMax = Math.max(...this.dirY.map(Math.abs));
    this.frame = { off: 0, W: p.width, H: p.height };
  }

  /** Every continuation of clip `index`'s context, branch by branch (probabilities may be 0). */
  futures(split: Split, index: number): Future[] {
    return this.probabilities.map((probability, branch) => {
      const future = { branch, probability, frames: new Float32Array(this.clipSize), labels: new Float32Array(this.labelSize) };
      this.checkClipArgs(split, index, future.frames, 0, future.labels, 0);
      this.draw(clipSeed(this.seed, split, index), branch, future.frames, 0, future.labels, 0);
      return future;
    });
  }

  /**
   * The MSE-optimal pixel prediction of clip `index` given its context: Σ_k p_k · future_k, summed
   * in float64 and rounded once to float32. Context frames are identical in every future and are
   * copied as they are. `futures` may be given when the caller already has them.
   */
  meanClip(split: Split, index: number, futures: readonly Future[] = this.futures(split, index)): Float32Array {
    const mean = new Float32Array(this.clipSize);
    const contextEnd = this.forkFrame * this.shape.H * this.shape.W;
    mean.set(futures[0]!.frames.subarray(0, contextEnd));
    for (let i = contextEnd; i < this.clipSize; i++) {
      let sum = 0;
      for (const f of futures) sum += f.probability * f.frames[i]!;
      mean[i] = sum;
    }
    return mean;
  }

  protected render(seed: number, _split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    const branch = this.rng.reset(deriveSeed(seed, BRANCH_STREAM)).categorical(this.probabilities);
    this.draw(seed, branch, frames, off, labels, labelOff);
  }

  /** The clip with seed `seed` continued along `branch`. */
  private draw(seed: number, branch: number, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    const p = this.params;
    const rng = this.rng.reset(deriveSeed(seed, CONTEXT_STREAM));
    const before = p.forkFrame - 1;
    const after = p.frames - p.forkFrame;
    const speed = p.speed * rng.uniform(MIN_SPEED_SHARE, 1);
    const forkX = rng.uniform(p.radius + speed * before, p.width - p.radius - speed * this.cosMax * after);
    const rise = speed * this.sinMax * after;
    const forkY = rng.uniform(p.radius + rise, p.height - p.radius - rise);
    const { x: xAt, y: yAt } = this.labelOffset;
    labels[labelOff + this.labelOffset.branch!] = branch;
    labels[labelOff + this.labelOffset.speed!] = speed;
    const frameSize = p.width * p.height;
    for (let t = 0; t < p.frames; t++) {
      const steps = t - before;
      const x = steps <= 0 ? forkX + speed * steps : forkX + speed * this.dirX[branch]! * steps;
      const y = steps <= 0 ? forkY : forkY + speed * this.dirY[branch]! * steps;
      this.frame.off = off + t * frameSize;
      drawDisc(frames, this.frame, x, y, p.radius);
      labels[labelOff + xAt! + t] = x;
      labels[labelOff + yAt! + t] = y;
    }
  }
}
