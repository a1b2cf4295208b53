/** Index ranges and uniform random subsets, drawn with the project PRNG. */
import type { Random } from '../../datasets/random';

/** The indices 0, 1, …, n − 1. */
export function indexRange(n: number): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  return indices;
}

/**
 * Sets `count` of the given candidate positions in `flags` to 1, chosen uniformly without
 * replacement (partial Fisher–Yates over `candidates`, which it reorders).
 */
export function markRandomSubset(rng: Random, candidates: Int32Array, count: number, flags: Uint8Array): void {
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(candidates.length - i);
    const picked = candidates[j]!;
    candidates[j] = candidates[i]!;
    candidates[i] = picked;
    flags[picked] = 1;
  }
}
