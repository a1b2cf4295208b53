/**
 * `digits`: Moving MNIST. 1 or 2 real handwritten digits (drawn from the split's own pool, see
 * mnist.ts) bounce around a 32–64 px frame; overlapping digits combine by max. Sprites are the
 * 28 × 28 digits area-resampled to `digitSize` px (default: 28 px in a 64 px frame, scaled with
 * the frame) and placed at sub-pixel positions with bilinear interpolation.
 * Labels: each digit's class, and its position (sprite centre) and velocity in every frame.
 *
 * The digits must be loaded first (`await loadMnist()`, or `await loadScene('digits', …)`).
 */
import { digitSprites, type DigitSprites } from './digit-sprites';
import { motionLabelSpecs } from './labels';
import { loadedMnist, MNIST_SIDE, type MnistDigits } from './mnist';
import { boxFor, maxBounceSpeed, Movers, OBJECT_STREAM, type Box } from './motion';
import { frameParams, resolveParams, type ParamSpecs, type ResolvedParams } from './params';
import { deriveSeed, Random } from './random';
import { drawSprite, type Frame } from './render';
import { BaseScene } from './scene';
import { checkClipIndex, checkSplit, clipSeed, type Split } from './splits';

export const DIGITS_PARAMS = {
  ...frameParams(32, 64),
  digits: { kind: 'integer', default: 2, min: 1, max: 2, description: 'number of digits' },
  digitSize: {
    kind: 'integer', default: (p) => Math.round((Math.min(p.width, p.height) * MNIST_SIDE) / 64), min: 8,
    max: (p) => Math.min(MNIST_SIDE, Math.min(p.width, p.height) - 4),
    rangeNote: 'at most 28 and at most the smaller frame side minus 4', description: 'digit sprite side in pixels',
  },
  speed: {
    kind: 'number', default: (p) => Math.min(p.width, p.height) / 16, min: 0, max: (p) => maxBounceSpeed(p.width, p.height, p.digitSize / 2),
    rangeNote: 'at most the room the sprites move in', description: 'largest digit speed in px/frame (each digit: uniform in [speed/2, speed])',
  },
} as const satisfies ParamSpecs;

export type DigitsParams = ResolvedParams<typeof DIGITS_PARAMS>;

/** Where a clip's digit comes from: its sample id in the MnistDigits pool and its class. */
export interface DigitSource {
  sample: number;
  digit: number;
}

export const DIGITS_NOT_LOADED =
  'digits: the MNIST digits are not loaded yet; use `await loadScene("digits", params, seed)` or `await loadMnist()` before createScene("digits", …)';

export class DigitsScene extends BaseScene<DigitsParams> {
  private readonly mnist: MnistDigits;
  private readonly sprites: DigitSprites;
  private readonly rng = new Random(0);
  private readonly movers: Movers;
  private readonly samples: Uint32Array;
  private readonly box: Box;
  private readonly frame: Frame;

  constructor(params?: Record<string, unknown>, seed = 0) {
    const p = resolveParams('digits', DIGITS_PARAMS, params);
    const half = p.digitSize / 2;
    super('digits', p, seed, [
      {
        name: 'digit', kind: 'class', per: 'clip', width: p.digits, classes: 10,
        classNames: Array.from({ length: 10 }, (_, d) => String(d)), description: 'digit class',
      },
      ...motionLabelSpecs(p.digits, 'digit', [half, p.width - half], [half, p.height - half], p.speed),
    ]);
    const mnist = loadedMnist();
    if (!mnist) throw new Error(DIGITS_NOT_LOADED);
    this.mnist = mnist;
    this.sprites = digitSprites(mnist, p.digitSize);
    this.movers = new Movers(p.digits);
    this.samples = new Uint32Array(p.digits);
    this.box = boxFor(p.width, p.height, half);
    this.frame = { off: 0, W: p.width, H: p.height };
  }

  /** The MNIST samples drawn in clip `index` of `split` (for provenance checks). */
  sources(split: Split, index: number): DigitSource[] {
    checkSplit(this.name, split);
    checkClipIndex(this.name, index);
    this.launch(clipSeed(this.seed, split, index), split);
    return Array.from(this.samples, (sample) => ({ sample, digit: this.mnist.classes[sample]! }));
  }

  protected render(seed: number, split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    this.launch(seed, split);
    const p = this.params;
    const { movers, samples, frame, sprites } = this;
    for (let d = 0; d < p.digits; d++) labels[labelOff + this.labelOffset.digit! + d] = this.mnist.classes[samples[d]!]!;
    const half = p.digitSize / 2;
    const frameSize = p.width * p.height;
    for (let t = 0; t < p.frames; t++) {
      if (t > 0) movers.step(this.box);
      frame.off = off + t * frameSize;
      for (let d = 0; d < p.digits; d++) {
        drawSprite(frames, frame, sprites.pixels, sprites.sprite(samples[d]!), p.digitSize, movers.x[d]! - half, movers.y[d]! - half);
      }
      movers.writeLabels(labels, labelOff + this.labelOffset.x!, p.frames * p.digits, t);
    }
  }

  /** Places and launches the digits of the clip with seed `seed` and picks them from `split`'s pool. */
  private launch(seed: number, split: Split): void {
    const p = this.params;
    const rng = this.rng.reset(deriveSeed(seed, OBJECT_STREAM));
    this.movers.init(rng, p.digits, this.box, p.speed);
    const pool = this.mnist.pools[split];
    for (let d = 0; d < p.digits; d++) this.samples[d] = pool[rng.int(pool.length)]!;
  }
}
