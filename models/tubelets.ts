/**
 * Tubelet tokens: a clip [T, H, W] is cut into non-overlapping t × h × w tubes, each flattened
 * into one token of t·h·w pixels (ViViT's tubelet embedding; VideoMAE arXiv 2203.12602 and
 * V-JEPA arXiv 2404.08471 use 2 × 16 × 16). Pure typed-array code: it runs every training step.
 *
 * Token index order: `index = (ti * nh + hi) * nw + wi`.
 * Pixel order inside a token: `(dt * h + dy) * w + dx`.
 */

export interface TubeletSize {
  t: number;
  h: number;
  w: number;
}

export const DEFAULT_TUBELET: TubeletSize = { t: 2, h: 8, w: 8 };

export interface TokenGrid {
  /** Clip shape. */
  T: number;
  H: number;
  W: number;
  tubelet: TubeletSize;
  /** Tokens along time, height, width. */
  nt: number;
  nh: number;
  nw: number;
  /** nt · nh · nw. */
  count: number;
  /** t · h · w: pixels per token. */
  patchSize: number;
}

/** The token grid of a clip shape; throws a RangeError naming the field when a size does not divide. */
export function tokenGrid(
  clip: { T: number; H: number; W: number },
  tubelet: TubeletSize = DEFAULT_TUBELET,
): TokenGrid {
  for (const key of ['t', 'h', 'w'] as const) {
    const v = tubelet[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`tubelet.${key}: ${v} is not allowed; allowed: a positive integer`);
    }
  }
  const pairs = [
    ['T', clip.T, tubelet.t, 't'],
    ['H', clip.H, tubelet.h, 'h'],
    ['W', clip.W, tubelet.w, 'w'],
  ] as const;
  for (const [field, size, step, key] of pairs) {
    if (!Number.isInteger(size) || size < step || size % step !== 0) {
      const examples = `${step}, ${2 * step}, ${3 * step}, …`;
      throw new RangeError(`${field}: ${size} is not allowed; allowed: a positive multiple of tubelet.${key} = ${step} (${examples})`);
    }
  }
  const nt = clip.T / tubelet.t;
  const nh = clip.H / tubelet.h;
  const nw = clip.W / tubelet.w;
  return {
    T: clip.T,
    H: clip.H,
    W: clip.W,
    tubelet: { t: tubelet.t, h: tubelet.h, w: tubelet.w },
    nt,
    nh,
    nw,
    count: nt * nh * nw,
    patchSize: tubelet.t * tubelet.h * tubelet.w,
  };
}

/** Checks that `batch` is a positive integer and `data` holds exactly `batch · perItem` values. */
function checkBuffer(name: string, data: Float32Array, batch: number, perItem: number): void {
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`batch: ${batch} is not allowed; allowed: a positive integer`);
  }
  if (data.length !== batch * perItem) {
    const allowed = `${batch * perItem} (batch ${batch} × ${perItem})`;
    throw new RangeError(`${name}: length ${data.length} is not allowed; allowed: ${allowed}`);
  }
}

/** Returns `out` after checking its length, or a new buffer of that length. */
function outputBuffer(out: Float32Array | undefined, length: number): Float32Array {
  if (out === undefined) return new Float32Array(length);
  if (out.length !== length) throw new RangeError(`out: length ${out.length} is not allowed; allowed: ${length}`);
  return out;
}

/**
 * Copies pixels between a clip batch [B, T, H, W] and its tokens [B, N, P], in either direction.
 * Tokens are walked in order, so the token side is read or written sequentially.
 */
function copyTubelets(
  frames: Float32Array,
  tokens: Float32Array,
  batch: number,
  grid: TokenGrid,
  toTokens: boolean,
): void {
  const { H, W, nt, nh, nw } = grid;
  const { t, h, w } = grid.tubelet;
  const frameSize = grid.T * H * W;
  let k = 0;
  for (let b = 0; b < batch; b++) {
    const clipBase = b * frameSize;
    for (let ti = 0; ti < nt; ti++) {
      for (let hi = 0; hi < nh; hi++) {
        for (let wi = 0; wi < nw; wi++) {
          for (let dt = 0; dt < t; dt++) {
            const frameBase = clipBase + (ti * t + dt) * H * W;
            for (let dy = 0; dy < h; dy++) {
              let p = frameBase + (hi * h + dy) * W + wi * w;
              const end = k + w;
              if (toTokens) while (k < end) tokens[k++] = frames[p++]!;
              else while (k < end) frames[p++] = tokens[k++]!;
            }
          }
        }
      }
    }
  }
}

/** Cuts a clip batch [B, T, H, W] (row-major) into tokens [B, N, P]; reuses `out` when given. */
export function tokenize(frames: Float32Array, batch: number, grid: TokenGrid, out?: Float32Array): Float32Array {
  checkBuffer('frames', frames, batch, grid.T * grid.H * grid.W);
  const tokens = outputBuffer(out, batch * grid.count * grid.patchSize);
  copyTubelets(frames, tokens, batch, grid, true);
  return tokens;
}

/** Reassembles tokens [B, N, P] into a clip batch [B, T, H, W]; the exact inverse of `tokenize`. */
export function untokenize(tokens: Float32Array, batch: number, grid: TokenGrid, out?: Float32Array): Float32Array {
  checkBuffer('tokens', tokens, batch, grid.count * grid.patchSize);
  const frames = outputBuffer(out, batch * grid.T * grid.H * grid.W);
  copyTubelets(frames, tokens, batch, grid, false);
  return frames;
}

/** Picks the tokens at `indices` from every clip: [B, N, P] → [B, indices.length, P]. */
export function gatherTokens(
  tokens: Float32Array,
  batch: number,
  grid: TokenGrid,
  indices: Int32Array,
  out?: Float32Array,
): Float32Array {
  const { count, patchSize: P } = grid;
  checkBuffer('tokens', tokens, batch, count * P);
  for (let i = 0; i < indices.length; i++) {
    const n = indices[i]!;
    if (n < 0 || n >= count) throw new RangeError(`indices[${i}]: ${n} is not allowed; allowed: 0 to ${count - 1}`);
  }
  const picked = outputBuffer(out, batch * indices.length * P);
  let k = 0;
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < indices.length; i++) {
      let p = (b * count + indices[i]!) * P;
      const end = k + P;
      while (k < end) picked[k++] = tokens[p++]!;
    }
  }
  return picked;
}

/** Position of token `index` in the grid (time, row, column of its tubelet). */
export function tokenCoordinates(grid: TokenGrid, index: number): { ti: number; hi: number; wi: number } {
  if (!Number.isInteger(index) || index < 0 || index >= grid.count) {
    throw new RangeError(`index: ${index} is not allowed; allowed: an integer from 0 to ${grid.count - 1}`);
  }
  const wi = index % grid.nw;
  const rest = (index - wi) / grid.nw;
  const hi = rest % grid.nh;
  return { ti: (rest - hi) / grid.nh, hi, wi };
}
