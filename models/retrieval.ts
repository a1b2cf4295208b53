/**
 * Exact nearest-neighbour retrieval of query embeddings among a bank of embeddings (for a JEPA:
 * which real clip's embedding its prediction lies closest to). Plain TypeScript in float64, a
 * full scan of the bank per query.
 */
import { checkCount, checkMatrix } from './matrix-checks';

const NAME = 'nearestNeighbours';

export type RetrievalMetric = 'cosine' | 'euclidean';

export interface Neighbours {
  /** [q, k] row-major: bank rows, nearest first (the lower index first on equal distances). */
  indices: Int32Array;
  /** [q, k] row-major: the matching distances, ascending. */
  distances: Float64Array;
}

/** Rows of m [rows, d] scaled to unit length; an all-zero row stays zero (marked in `zero`). */
function unitRows(m: ArrayLike<number>, rows: number, d: number): { unit: Float64Array; zero: Uint8Array } {
  const unit = new Float64Array(rows * d);
  const zero = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let squares = 0;
    for (let i = 0; i < d; i++) squares += m[r * d + i]! ** 2;
    if (squares === 0) {
      zero[r] = 1;
      continue;
    }
    const inverse = 1 / Math.sqrt(squares);
    for (let i = 0; i < d; i++) unit[r * d + i] = m[r * d + i]! * inverse;
  }
  return { unit, zero };
}

/** ‖a_i − b_j‖² for row i of a and row j of b (both [·, d]). */
function squaredDistance(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number, d: number): number {
  let sum = 0;
  for (let c = 0; c < d; c++) sum += (a[i * d + c]! - b[j * d + c]!) ** 2;
  return sum;
}

/**
 * The k nearest bank rows of every query, exactly (full scan), for queries [q, d] and bank
 * [n, d] row-major; 1 ≤ k ≤ n. Distances:
 * - 'euclidean': ‖x − y‖₂;
 * - 'cosine': 1 − cos(x, y) ∈ [0, 2], computed as ½‖x/‖x‖ − y/‖y‖‖² (equal for unit vectors, and
 *   exactly 0 for identical rows); an all-zero row has no direction and counts as cosine 0
 *   (distance 1) to everything, as in models/effective-rank.ts meanPairwiseCosine.
 * Equal distances are ordered by the lower bank index.
 */
export function nearestNeighbours(queries: ArrayLike<number>, bank: ArrayLike<number>, q: number, n: number, d: number, k: number, metric: RetrievalMetric): Neighbours {
  checkCount(NAME, 'q', q);
  checkCount(NAME, 'n', n);
  checkCount(NAME, 'd', d);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`nearestNeighbours: k must be an integer in [1, n = ${n}], got ${k}`);
  checkMatrix(NAME, 'queries', queries, q, d);
  checkMatrix(NAME, 'bank', bank, n, d);
  if (metric !== 'cosine' && metric !== 'euclidean') throw new RangeError(`nearestNeighbours: metric must be 'cosine' or 'euclidean', got '${String(metric)}'`);

  const cosine = metric === 'cosine';
  const unitQueries = cosine ? unitRows(queries, q, d) : null;
  const unitBank = cosine ? unitRows(bank, n, d) : null;
  const distance = (i: number, j: number): number => {
    if (!unitQueries || !unitBank) return Math.sqrt(squaredDistance(queries, i, bank, j, d));
    if (unitQueries.zero[i] || unitBank.zero[j]) return 1;
    return squaredDistance(unitQueries.unit, i, unitBank.unit, j, d) / 2;
  };

  const indices = new Int32Array(q * k);
  const distances = new Float64Array(q * k);
  for (let i = 0; i < q; i++) {
    // Sorted insertion into the best k so far; bank rows arrive in index order and a row only
    // displaces strictly farther ones, so equal distances keep the lower index first.
    const base = i * k;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const dist = distance(i, j);
      if (kept === k && dist >= distances[base + k - 1]!) continue;
      let slot = Math.min(kept, k - 1);
      while (slot > 0 && distances[base + slot - 1]! > dist) {
        distances[base + slot] = distances[base + slot - 1]!;
        indices[base + slot] = indices[base + slot - 1]!;
        slot--;
      }
      distances[base + slot] = dist;
      indices[base + slot] = j;
      if (kept < k) kept++;
    }
  }
  return { indices, distances };
}
