/** Byte-level comparison helpers for the dataset tests (fast on 100 kB clips, unlike deep equality). */
import type { Clip } from '../../datasets/scene';

/** The clip's frames then labels, as raw bytes. */
export function clipBytes(clip: Clip): Uint8Array {
  const out = new Uint8Array(clip.frames.byteLength + clip.labels.byteLength);
  out.set(new Uint8Array(clip.frames.buffer, clip.frames.byteOffset, clip.frames.byteLength));
  out.set(new Uint8Array(clip.labels.buffer, clip.labels.byteOffset, clip.labels.byteLength), clip.frames.byteLength);
  return out;
}

/** Index of the first differing element (or the shorter length if one is a prefix), −1 if identical. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : n;
}

/** True when the two clips have identical bytes. */
export function sameClip(a: Clip, b: Clip): boolean {
  return firstDifference(clipBytes(a), clipBytes(b)) === -1;
}
