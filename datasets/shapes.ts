/**
 * `shapes`: 1 to 3 white shapes, each a circle, a square or a triangle (uniformly drawn), moving
 * and bouncing like the balls of `bouncing`. The three classes have equal areas, so brightness
 * alone does not give the class away. Labels: each shape's class, and its position (centre of
 * its bounding square) and velocity in every frame.
 */
import { motionLabelSpecs } from './labels';
import { boxFor, maxBounceSpeed, Movers, OBJECT_STREAM, type Box } from './motion';
import { frameParams, resolveParams, type ParamSpecs, type ResolvedParams } from './params';
import { deriveSeed, Random } from './random';
import { drawDisc, drawSquare, drawTriangle, type Frame } from './render';
import { BaseScene } from './scene';
import type { Split } from './splits';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle'] as const;
/** Square half-side and triangle half-extent per unit circle radius, for equal areas (π r²). */
const SQUARE_HALF = Math.sqrt(Math.PI) / 2;
const TRIANGLE_HALF = Math.sqrt(Math.PI / 2);

export const SHAPES_PARAMS = {
  ...frameParams(),
  shapes: { kind: 'integer', default: 2, min: 1, max: 3, description: 'number of shapes' },
  size: {
    kind: 'number', default: (p) => Math.min(4, Math.min(p.width, p.height) / 5), min: 2, max: (p) => Math.min(p.width, p.height) / 5,
    rangeNote: 'at most a fifth of the smaller frame side', description: 'circle radius in pixels; squares and triangles have the same area',
  },
  speed: {
    kind: 'number', default: 2, min: 0, max: (p) => maxBounceSpeed(p.width, p.height, p.size * TRIANGLE_HALF),
    rangeNote: 'at most the smaller side of the box the centres move in', description: 'largest shape speed in px/frame (each shape: uniform in [speed/2, speed])',
  },
} as const satisfies ParamSpecs;

export type ShapesParams = ResolvedParams<typeof SHAPES_PARAMS>;

export class ShapesScene extends BaseScene<ShapesParams> {
  private readonly rng = new Random(0);
  private readonly movers: Movers;
  private readonly classes: Uint8Array;
  private readonly box: Box;
  private readonly frame: Frame;

  constructor(params?: Record<string, unknown>, seed = 0) {
    const p = resolveParams('shapes', SHAPES_PARAMS, params);
    const margin = p.size * TRIANGLE_HALF;
    super('shapes', p, seed, [
      { name: 'class', kind: 'class', per: 'clip', width: p.shapes, classes: SHAPE_CLASSES.length, classNames: SHAPE_CLASSES, description: 'shape class' },
      ...motionLabelSpecs(p.shapes, 'shape', [margin, p.width - margin], [margin, p.height - margin], p.speed),
    ]);
    this.movers = new Movers(p.shapes);
    this.classes = new Uint8Array(p.shapes);
    this.box = boxFor(p.width, p.height, margin);
    this.frame = { off: 0, W: p.width, H: p.height };
  }

  protected render(seed: number, _split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    const p = this.params;
    const { movers, classes, frame } = this;
    const rng = this.rng.reset(deriveSeed(seed, OBJECT_STREAM));
    movers.init(rng, p.shapes, this.box, p.speed);
    const classBase = labelOff + this.labelOffset.class!;
    for (let s = 0; s < p.shapes; s++) {
      classes[s] = rng.int(SHAPE_CLASSES.length);
      labels[classBase + s] = classes[s]!;
    }
    const motionBase = labelOff + this.labelOffset.x!;
    const frameSize = p.width * p.height;
    for (let t = 0; t < p.frames; t++) {
      if (t > 0) movers.step(this.box);
      frame.off = off + t * frameSize;
      for (let s = 0; s < p.shapes; s++) {
        const x = movers.x[s]!;
        const y = movers.y[s]!;
        if (classes[s] === 0) drawDisc(frames, frame, x, y, p.size);
        else if (classes[s] === 1) drawSquare(frames, frame, x, y, p.size * SQUARE_HALF);
        else drawTriangle(frames, frame, x, y, p.size * TRIANGLE_HALF);
      }
      movers.writeLabels(labels, motionBase, p.frames * p.shapes, t);
    }
  }
}
