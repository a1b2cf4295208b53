/**
 * The scene interface: a seeded generator of clips [T, H, W] (one channel, row-major Float32Array,
 * values in [0, 1]) with ground-truth labels described by a label schema. Pure TypeScript: no
 * tfjs, no DOM, so the same bytes come out in the page, a worker, Node and the tests.
 */
import { buildLabelSchema, type LabelField, type LabelFieldSpec } from './labels';
import { SceneParamError } from './params';
import { checkClipIndex, checkSplit, clipSeed, type Split } from './splits';

export interface SceneShape {
  readonly T: number;
  readonly H: number;
  readonly W: number;
}

export interface Clip {
  /** [T, H, W], row-major, values in [0, 1]. */
  frames: Float32Array;
  /** Flat label vector, laid out by the scene's labelSchema. */
  labels: Float32Array;
}

export type SceneParamValues = Readonly<Record<string, number | readonly number[]>>;

export interface Scene {
  readonly name: string;
  readonly seed: number;
  /** Every parameter, defaults filled in. */
  readonly params: SceneParamValues;
  readonly shape: SceneShape;
  /** T · H · W: floats per clip. */
  readonly clipSize: number;
  readonly labelSchema: readonly LabelField[];
  /** Floats per clip's label vector. */
  readonly labelSize: number;
  /** Clip `index` of `split`, freshly allocated. */
  clip(split: Split, index: number): Clip;
  /** Writes clip `index` of `split` into caller buffers at the given offsets (allocates nothing). */
  clipInto(split: Split, index: number, frames: Float32Array, frameOffset: number, labels: Float32Array, labelOffset: number): void;
  /**
   * The pixels of the objects that matter in clip `index` [T, H, W]: the clip itself, unless the
   * scene lays irrelevant detail over them (`distractors`: the balls alone, without background,
   * flicker or noise). Prediction skill counts a hidden token as content from these pixels.
   */
  contentClip(split: Split, index: number): Float32Array;
}

/** Largest seed accepted: scene seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;

/** Throws unless `seed` is an integer in [0, MAX_SEED]. */
export function checkSeed(scene: string, seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new SceneParamError(scene, 'seed', seed, `an integer from 0 to ${MAX_SEED}`);
  }
}

/** Throws unless `buffer` has room for `size` floats from `offset`. */
export function checkBuffer(scene: string, name: string, buffer: Float32Array, offset: number, size: number): void {
  if (!(buffer instanceof Float32Array)) throw new SceneParamError(scene, name, typeof buffer, 'a Float32Array');
  if (!Number.isInteger(offset) || offset < 0 || offset + size > buffer.length) {
    throw new SceneParamError(scene, `${name} offset`, offset, `an integer from 0 to ${buffer.length - size} (buffer of ${buffer.length} floats, ${size} needed)`);
  }
}

/** Shared plumbing: argument checks, buffer zeroing and the clip's seed; subclasses draw. */
export abstract class BaseScene<P extends SceneParamValues & { frames: number; height: number; width: number }> implements Scene {
  readonly shape: SceneShape;
  readonly clipSize: number;
  readonly labelSchema: readonly LabelField[];
  readonly labelSize: number;
  /** Offset of each label field by name, for the subclasses writing labels. */
  protected readonly labelOffset: Readonly<Record<string, number>>;

  constructor(
    readonly name: string,
    readonly params: P,
    readonly seed: number,
    labelSpecs: readonly LabelFieldSpec[],
  ) {
    checkSeed(name, seed);
    this.shape = { T: params.frames, H: params.height, W: params.width };
    this.clipSize = params.frames * params.height * params.width;
    const schema = buildLabelSchema(labelSpecs, params.frames);
    this.labelSchema = schema.fields;
    this.labelSize = schema.size;
    this.labelOffset = Object.fromEntries(schema.fields.map((f) => [f.name, f.offset]));
  }

  clip(split: Split, index: number): Clip {
    const clip = { frames: new Float32Array(this.clipSize), labels: new Float32Array(this.labelSize) };
    this.clipInto(split, index, clip.frames, 0, clip.labels, 0);
    return clip;
  }

  clipInto(split: Split, index: number, frames: Float32Array, frameOffset: number, labels: Float32Array, labelOffset: number): void {
    this.checkClipArgs(split, index, frames, frameOffset, labels, labelOffset);
    frames.fill(0, frameOffset, frameOffset + this.clipSize);
    this.render(clipSeed(this.seed, split, index), split, frames, frameOffset, labels, labelOffset);
  }

  contentClip(split: Split, index: number): Float32Array {
    checkSplit(this.name, split);
    checkClipIndex(this.name, index);
    const frames = new Float32Array(this.clipSize);
    this.renderContent(clipSeed(this.seed, split, index), split, frames, 0, new Float32Array(this.labelSize), 0);
    return frames;
  }

  protected checkClipArgs(split: Split, index: number, frames: Float32Array, frameOffset: number, labels: Float32Array, labelOffset: number): void {
    checkSplit(this.name, split);
    checkClipIndex(this.name, index);
    checkBuffer(this.name, 'frames', frames, frameOffset, this.clipSize);
    checkBuffer(this.name, 'labels', labels, labelOffset, this.labelSize);
  }

  /** Draws the clip with seed `seed` of `split` into zeroed `frames` from `off` and fills its labels from `labelOff`. */
  /** Draws only what `contentClip` returns; by default the whole clip. */
  protected renderContent(seed: number, split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void {
    this.render(seed, split, frames, off, labels, labelOff);
  }

  protected abstract render(seed: number, split: Split, frames: Float32Array, off: number, labels: Float32Array, labelOff: number): void;
}
