/**
 * MNIST digits resampled to S × S sprites (grey levels in [0, 1]) by area averaging: each sprite
 * pixel is the mean of the 28 × 28 source over the square it covers. Sprites are computed on first
 * use and kept, one cache per size shared by every scene.
 */
import { MNIST_SIDE, type MnistDigits } from './mnist';

/** weights[o · 28 + s]: share of source pixel s in the span of output pixel o (rows sum to 1). */
function areaWeights(size: number): Float64Array {
  const weights = new Float64Array(size * MNIST_SIDE);
  const span = MNIST_SIDE / size;
  for (let o = 0; o < size; o++) {
    for (let s = 0; s < MNIST_SIDE; s++) {
      const covered = Math.min(s + 1, (o + 1) * span) - Math.max(s, o * span);
      if (covered > 0) weights[o * MNIST_SIDE + s] = covered / span;
    }
  }
  return weights;
}

export class DigitSprites {
  /** count × size × size. */
  readonly pixels: Float32Array;
  private readonly ready: Uint8Array;
  private readonly weights: Float64Array;
  private readonly rows: Float64Array;

  constructor(private readonly digits: MnistDigits, readonly size: number) {
    this.pixels = new Float32Array(digits.count * size * size);
    this.ready = new Uint8Array(digits.count);
    this.weights = areaWeights(size);
    this.rows = new Float64Array(MNIST_SIDE * size);
  }

  /** Offset of sample `id`'s sprite in `pixels`, resampling it first if needed. */
  sprite(id: number): number {
    const { size } = this;
    const off = id * size * size;
    if (this.ready[id]) return off;
    const { weights, rows } = this;
    const src = id * MNIST_SIDE * MNIST_SIDE;
    const px = this.digits.pixels;
    for (let r = 0; r < MNIST_SIDE; r++) {
      for (let o = 0; o < size; o++) {
        let sum = 0;
        for (let s = 0; s < MNIST_SIDE; s++) sum += weights[o * MNIST_SIDE + s]! * px[src + r * MNIST_SIDE + s]!;
        rows[r * size + o] = sum;
      }
    }
    for (let o = 0; o < size; o++) {
      for (let c = 0; c < size; c++) {
        let sum = 0;
        for (let r = 0; r < MNIST_SIDE; r++) sum += weights[o * MNIST_SIDE + r]! * rows[r * size + c]!;
        this.pixels[off + o * size + c] = sum / 255;
      }
    }
    this.ready[id] = 1;
    return off;
  }
}

const caches = new Map<number, DigitSprites>();

/** The shared sprite cache of `digits` at `size` px. */
export function digitSprites(digits: MnistDigits, size: number): DigitSprites {
  let cache = caches.get(size);
  if (!cache) {
    cache = new DigitSprites(digits, size);
    caches.set(size, cache);
  }
  return cache;
}
