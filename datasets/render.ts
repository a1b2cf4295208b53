/**
 * Anti-aliased drawing primitives on one [H, W] frame stored at `off` in a Float32Array.
 * Coordinates are continuous: pixel (row i, column j) covers [j, j+1) × [i, i+1), so its centre
 * is (j + 0.5, i + 0.5). Each primitive visits only its bounding box and combines with what is
 * already there by max, so overlapping objects stay in [0, 1]. No allocation, no trigonometry.
 */

/** Frame geometry: where the frame starts in the buffer and its size. */
export interface Frame {
  off: number;
  W: number;
  H: number;
}

function maxInto(out: Float32Array, i: number, value: number): void {
  if (value > out[i]!) out[i] = value;
}

/** Pixel rows and columns within `reach` px of (cx, cy), clipped to the frame. */
function pixelBox(f: Frame, cx: number, cy: number, reach: number): { x0: number; x1: number; y0: number; y1: number } {
  return {
    x0: Math.max(0, Math.floor(cx - reach)),
    x1: Math.min(f.W - 1, Math.floor(cx + reach)),
    y0: Math.max(0, Math.floor(cy - reach)),
    y1: Math.min(f.H - 1, Math.floor(cy + reach)),
  };
}

/** Disc of radius `r` centred at (cx, cy); edge coverage from the distance to the circle (1 px ramp). */
export function drawDisc(out: Float32Array, f: Frame, cx: number, cy: number, r: number, intensity = 1): void {
  const { x0, x1, y0, y1 } = pixelBox(f, cx, cy, r + 0.5);
  for (let i = y0; i <= y1; i++) {
    const dy = i + 0.5 - cy;
    const row = f.off + i * f.W;
    for (let j = x0; j <= x1; j++) {
      const dx = j + 0.5 - cx;
      const coverage = r + 0.5 - Math.sqrt(dx * dx + dy * dy);
      if (coverage > 0) maxInto(out, row + j, intensity * (coverage < 1 ? coverage : 1));
    }
  }
}

/** Overlap of the pixel interval [j, j+1) with [lo, hi): exact 1-D coverage. */
function overlap(j: number, lo: number, hi: number): number {
  const a = lo > j ? lo : j;
  const b = hi < j + 1 ? hi : j + 1;
  return b > a ? b - a : 0;
}

/** Axis-aligned square of half-side `h` centred at (cx, cy), with exact area coverage. */
export function drawSquare(out: Float32Array, f: Frame, cx: number, cy: number, h: number, intensity = 1): void {
  const { x0, x1, y0, y1 } = pixelBox(f, cx, cy, h);
  for (let i = y0; i <= y1; i++) {
    const cyv = overlap(i, cy - h, cy + h);
    const row = f.off + i * f.W;
    for (let j = x0; j <= x1; j++) {
      const coverage = cyv * overlap(j, cx - h, cx + h);
      if (coverage > 0) maxInto(out, row + j, intensity * coverage);
    }
  }
}

/** 1/√5: normalises the slanted edges of the triangle below (slope 2). */
const INV_SQRT5 = 1 / Math.sqrt(5);

/**
 * Upward isosceles triangle filling the square of half-side `h` around (cx, cy): apex (cx, cy − h),
 * base from (cx − h, cy + h) to (cx + h, cy + h). Coverage from the signed distance to the three
 * edges (the minimum over half-planes), ramped over one pixel.
 */
export function drawTriangle(out: Float32Array, f: Frame, cx: number, cy: number, h: number, intensity = 1): void {
  const { x0, x1, y0, y1 } = pixelBox(f, cx, cy, h + 0.5);
  for (let i = y0; i <= y1; i++) {
    const dy = i + 0.5 - cy;
    const base = h - dy; // distance above the base
    const row = f.off + i * f.W;
    for (let j = x0; j <= x1; j++) {
      const dx = j + 0.5 - cx;
      // Inside the slanted edges: 2|dx| ≤ h + dy; distance to them is (h + dy − 2|dx|)/√5.
      const side = (h + dy - 2 * (dx < 0 ? -dx : dx)) * INV_SQRT5;
      const inside = (side < base ? side : base) + 0.5;
      if (inside > 0) maxInto(out, row + j, intensity * (inside < 1 ? inside : 1));
    }
  }
}

/**
 * Square sprite (S × S values in [0, 1] at `spriteOff` in `sprite`) with its top-left corner at the
 * continuous position (left, top), resampled bilinearly so sub-pixel motion is smooth.
 */
export function drawSprite(out: Float32Array, f: Frame, sprite: Float32Array, spriteOff: number, S: number, left: number, top: number): void {
  const ix = Math.floor(left);
  const iy = Math.floor(top);
  const fx = left - ix;
  const fy = top - iy;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  // Frame pixel (iy + a, ix + b) mixes sprite pixels (a − 1 … a, b − 1 … b).
  for (let a = 0; a <= S; a++) {
    const i = iy + a;
    if (i < 0 || i >= f.H) continue;
    const row = f.off + i * f.W;
    const up = spriteOff + (a - 1) * S;
    const down = spriteOff + a * S;
    for (let b = 0; b <= S; b++) {
      const j = ix + b;
      if (j < 0 || j >= f.W) continue;
      let v = 0;
      if (a < S) {
        if (b < S) v += w00 * sprite[down + b]!;
        if (b > 0) v += w01 * sprite[down + b - 1]!;
      }
      if (a > 0) {
        if (b < S) v += w10 * sprite[up + b]!;
        if (b > 0) v += w11 * sprite[up + b - 1]!;
      }
      if (v > 0) maxInto(out, row + j, v);
    }
  }
}
