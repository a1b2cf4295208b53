/**
 * Deterministic bouncing motion shared by the moving-object scenes: objects move at constant
 * velocity and reflect elastically off the walls of a box (the positions their centres may take).
 * Only +, −, ×, ÷ and sqrt are used, so trajectories are bit-identical on every engine.
 */
import type { Random } from './random';

/** Random stream (of a clip's seed) that places and launches the moving objects. */
export const OBJECT_STREAM = 1;

/** The box a centre stays in: [min, maxX] × [min, maxY] (the same margin on every side). */
export interface Box {
  readonly min: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** The box of an object of half-extent `margin` in an H × W frame. */
export function boxFor(width: number, height: number, margin: number): Box {
  return { min: margin, maxX: width - margin, maxY: height - margin };
}

/** Largest speed for which one reflection per frame suffices: the box's smaller side. */
export function maxBounceSpeed(width: number, height: number, margin: number): number {
  return Math.min(width, height) - 2 * margin;
}

/** Position and velocity of up to `capacity` objects, in reusable typed arrays. */
export class Movers {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  count = 0;

  constructor(capacity: number) {
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.vx = new Float64Array(capacity);
    this.vy = new Float64Array(capacity);
  }

  /**
   * Places `count` objects uniformly in `box`, each with speed uniform in [speed/2, speed] and a
   * uniformly random direction (rejection-sampled in the unit disc, so no trigonometry).
   */
  init(rng: Random, count: number, box: Box, speed: number): void {
    this.count = count;
    for (let i = 0; i < count; i++) {
      this.x[i] = rng.uniform(box.min, box.maxX);
      this.y[i] = rng.uniform(box.min, box.maxY);
      let a: number;
      let b: number;
      let r2: number;
      do {
        a = rng.uniform(-1, 1);
        b = rng.uniform(-1, 1);
        r2 = a * a + b * b;
      } while (r2 > 1 || r2 < 0.01);
      const s = rng.uniform(speed / 2, speed) / Math.sqrt(r2);
      this.vx[i] = a * s;
      this.vy[i] = b * s;
    }
  }

  /** Advances every object by one frame, reflecting off the walls of `box` (speed ≤ box side). */
  step(box: Box): void {
    for (let i = 0; i < this.count; i++) {
      let x = this.x[i]! + this.vx[i]!;
      if (x < box.min) {
        x = 2 * box.min - x;
        this.vx[i] = -this.vx[i]!;
      } else if (x > box.maxX) {
        x = 2 * box.maxX - x;
        this.vx[i] = -this.vx[i]!;
      }
      let y = this.y[i]! + this.vy[i]!;
      if (y < box.min) {
        y = 2 * box.min - y;
        this.vy[i] = -this.vy[i]!;
      } else if (y > box.maxY) {
        y = 2 * box.maxY - y;
        this.vy[i] = -this.vy[i]!;
      }
      this.x[i] = x;
      this.y[i] = y;
    }
  }

  /** Writes frame `t`'s x, y, vx, vy into the per-frame fields that start at `base`, `fieldSize` apart. */
  writeLabels(labels: Float32Array, base: number, fieldSize: number, t: number): void {
    const at = base + t * this.count;
    for (let i = 0; i < this.count; i++) {
      labels[at + i] = this.x[i]!;
      labels[at + fieldSize + i] = this.y[i]!;
      labels[at + 2 * fieldSize + i] = this.vx[i]!;
      labels[at + 3 * fieldSize + i] = this.vy[i]!;
    }
  }
}
