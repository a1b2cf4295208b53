/**
 * Pure pixel helpers for drawing clips [T, H, W] (values in [0, 1]) in the page: which pixels a
 * mask hides, one frame as RGBA with the hidden pixels tinted, and a short signature of what is
 * drawn (so tests can see a frame change). No DOM.
 */
import { sampleMask, type Mask, type MaskSpec } from '../../models/masking';
import { tokenCoordinates, tokenGrid, type TubeletSize } from '../../models/tubelets';

/** A clip's shape: frames, rows, columns. */
export interface ClipShape {
  T: number;
  H: number;
  W: number;
}

/** Tint of hidden pixels (#7c3aed, purple: distinct from both learners' colours) and its weight. */
export const HIDDEN_TINT = { r: 0x7c, g: 0x3a, b: 0xed, weight: 0.45 } as const;

/** Per pixel [T, H, W]: 1 where it belongs to a hidden (target) token of `mask`; all 0 when the mask hides nothing. */
export function hiddenPixels(mask: Mask, tubelet: TubeletSize, shape: ClipShape): Uint8Array {
  const grid = tokenGrid(shape, tubelet);
  const { nt, nh, nw } = mask.grid;
  if (nt !== grid.nt || nh !== grid.nh || nw !== grid.nw) {
    throw new RangeError(`mask.grid: ${nt}×${nh}×${nw} is not allowed; allowed: ${grid.nt}×${grid.nh}×${grid.nw} (clip ${shape.T}×${shape.H}×${shape.W} in ${tubelet.t}×${tubelet.h}×${tubelet.w} tubelets)`);
  }
  const { H, W } = shape;
  const hidden = new Uint8Array(shape.T * H * W);
  if (mask.ratio === 0) return hidden;
  for (const index of mask.target) {
    const { ti, hi, wi } = tokenCoordinates(grid, index);
    for (let dt = 0; dt < tubelet.t; dt++) {
      for (let dy = 0; dy < tubelet.h; dy++) {
        const start = ((ti * tubelet.t + dt) * H + hi * tubelet.h + dy) * W + wi * tubelet.w;
        hidden.fill(1, start, start + tubelet.w);
      }
    }
  }
  return hidden;
}

/** A mask's hidden pixels, or why they cannot be computed (its grid does not fit the clip and tubelet). */
export interface MaskShading {
  hidden: Uint8Array | null;
  problem: string;
}

/** `hiddenPixels` with its RangeError caught into `problem` (for elements that must not throw while rendering). */
export function shadeMask(mask: Mask, tubelet: TubeletSize, shape: ClipShape): MaskShading {
  try {
    return { hidden: hiddenPixels(mask, tubelet, shape), problem: '' };
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { hidden: null, problem: e.message };
  }
}

function checkLengths(clip: Float32Array, shape: ClipShape, hidden: Uint8Array | null): void {
  const size = shape.T * shape.H * shape.W;
  if (clip.length !== size) throw new RangeError(`clip: length ${clip.length} is not allowed; allowed: ${size} (${shape.T}×${shape.H}×${shape.W})`);
  if (hidden && hidden.length !== size) throw new RangeError(`hidden: length ${hidden.length} is not allowed; allowed: ${size} (${shape.T}×${shape.H}×${shape.W})`);
}

/** The grey level 0…255 of a finite value (clamped to [0, 1]). */
function grey(v: number): number {
  return Math.round(Math.min(1, Math.max(0, v)) * 255);
}

/**
 * RGBA bytes [H, W, 4] of frame `t`: grey = clamp(v, 0, 1)·255, hidden pixels blended
 * HIDDEN_TINT.weight of the way towards the tint (the content stays visible), non-finite values
 * red (255, 0, 0) so a broken prediction shows. Alpha is 255.
 */
export function frameRgba(clip: Float32Array, shape: ClipShape, t: number, hidden: Uint8Array | null): Uint8ClampedArray<ArrayBuffer> {
  checkLengths(clip, shape, hidden);
  if (!Number.isInteger(t) || t < 0 || t >= shape.T) throw new RangeError(`t: ${t} is not allowed; allowed: an integer from 0 to ${shape.T - 1}`);
  const frameSize = shape.H * shape.W;
  const rgba = new Uint8ClampedArray(frameSize * 4);
  const keep = 1 - HIDDEN_TINT.weight;
  for (let i = 0; i < frameSize; i++) {
    const p = t * frameSize + i;
    const v = clip[p]!;
    const o = i * 4;
    rgba[o + 3] = 255;
    if (!Number.isFinite(v)) {
      rgba[o] = 255;
      continue;
    }
    const g = grey(v);
    if (hidden?.[p]) {
      rgba[o] = g * keep + HIDDEN_TINT.r * HIDDEN_TINT.weight;
      rgba[o + 1] = g * keep + HIDDEN_TINT.g * HIDDEN_TINT.weight;
      rgba[o + 2] = g * keep + HIDDEN_TINT.b * HIDDEN_TINT.weight;
    } else {
      rgba[o] = rgba[o + 1] = rgba[o + 2] = g;
    }
  }
  return rgba;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Eight hex digits: the FNV-1a hash of what would be drawn — per pixel the grey byte (256 for a
 * non-finite value) and whether it is hidden. Equal clips give equal signatures.
 */
export function clipSignature(clip: Float32Array, hidden: Uint8Array | null): string {
  if (hidden && hidden.length !== clip.length) throw new RangeError(`hidden: length ${hidden.length} is not allowed; allowed: ${clip.length}`);
  let h = FNV_OFFSET;
  const mix = (byte: number) => {
    h = Math.imul(h ^ byte, FNV_PRIME);
  };
  for (let i = 0; i < clip.length; i++) {
    const v = clip[i]!;
    const code = Number.isFinite(v) ? grey(v) : 256;
    mix(code & 0xff);
    mix((code >> 8) | (hidden?.[i] ? 2 : 0));
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The mask `sampleMask` draws for a clip of `shape` cut into `tubelet` tokens; the RangeError of
 * tokenGrid or sampleMask propagates unchanged.
 */
export function previewMask(spec: MaskSpec, shape: ClipShape, tubelet: TubeletSize, seed: number): Mask {
  return sampleMask(spec, tokenGrid(shape, tubelet), seed);
}

/** CSS pixels per clip pixel so a frame shows about 32–40 px wide (small scenes are enlarged, large ones are not shrunk). */
export function frameScale(width: number): number {
  return Math.max(1, Math.floor(40 / width));
}
