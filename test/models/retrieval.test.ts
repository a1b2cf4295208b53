/** Nearest-neighbour retrieval: self-match, scale invariance of cosine, hand orderings, ties, brute force, argument checks. */
import { describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { nearestNeighbours } from '../../models/retrieval';

function gaussian(count: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}

describe('nearestNeighbours', () => {
  for (const metric of ['cosine', 'euclidean'] as const) {
    test(`${metric}: a query equal to a bank row returns that row first, at distance 0`, () => {
      const [n, d] = [20, 6];
      const bank = gaussian(n * d, 1);
      const queries = Float32Array.from([...bank.subarray(7 * d, 8 * d), ...bank.subarray(13 * d, 14 * d)]);
      const { indices, distances } = nearestNeighbours(queries, bank, 2, n, d, 3, metric);
      expect([indices[0], indices[3]]).toEqual([7, 13]);
      expect([distances[0], distances[3]]).toEqual([0, 0]);
      expect(distances[1]).toBeGreaterThan(0);
    });
  }

  test('euclidean hand example: ordering and distances', () => {
    // Bank (1-d points as 2-d rows): 0 → (0, 0), 1 → (3, 4), 2 → (1, 0), 3 → (0, −2). Query (0, 0).
    const bank = [0, 0, 3, 4, 1, 0, 0, -2];
    const { indices, distances } = nearestNeighbours([0, 0], bank, 1, 4, 2, 4, 'euclidean');
    expect(Array.from(indices)).toEqual([0, 2, 3, 1]);
    expect(Array.from(distances)).toEqual([0, 1, 2, 5]);
  });

  test('cosine hand example: 1 − cos, whatever the lengths', () => {
    // Query (1, 0). Bank: (0, 5) cos 0; (−2, 0) cos −1; (3, 3) cos 1/√2; (10, 0) cos 1.
    const bank = [0, 5, -2, 0, 3, 3, 10, 0];
    const { indices, distances } = nearestNeighbours([1, 0], bank, 1, 4, 2, 4, 'cosine');
    expect(Array.from(indices)).toEqual([3, 2, 0, 1]);
    [0, 1 - Math.SQRT1_2, 1, 2].forEach((v, i) => expect(distances[i]).toBeCloseTo(v, 14));
  });

  test('cosine ignores the scale of queries and bank rows', () => {
    const [q, n, d] = [5, 30, 8];
    const queries = gaussian(q * d, 2);
    const bank = gaussian(n * d, 3);
    const scaledQueries = queries.map((v, i) => v * (0.01 + Math.floor(i / d)));
    const scaledBank = bank.map((v, i) => v * 10 ** ((Math.floor(i / d) % 5) - 2));
    const plain = nearestNeighbours(queries, bank, q, n, d, 6, 'cosine');
    const scaled = nearestNeighbours(scaledQueries, scaledBank, q, n, d, 6, 'cosine');
    expect(scaled.indices).toEqual(plain.indices);
    scaled.distances.forEach((v, i) => expect(v).toBeCloseTo(plain.distances[i]!, 6));
  });

  test('equal distances come in bank-index order', () => {
    // Query (0, 0); rows 1, 2, 4 at distance 1, row 0 at 2, row 3 at 0.5.
    const bank = [2, 0, 0, 1, -1, 0, 0.5, 0, 0, -1];
    const { indices, distances } = nearestNeighbours([0, 0], bank, 1, 5, 2, 4, 'euclidean');
    expect(Array.from(indices)).toEqual([3, 1, 2, 4]);
    expect(Array.from(distances)).toEqual([0.5, 1, 1, 1]);
  });

  test('an all-zero row is at cosine distance 1 from everything', () => {
    const { distances } = nearestNeighbours([0, 0, 1, 1], [3, 1, 0, 0], 2, 2, 2, 2, 'cosine');
    expect(distances[0]).toBe(1);
    expect(distances[1]).toBe(1);
    expect(distances[3]).toBe(1); // query (1, 1) against the zero row
  });

  test('matches a brute-force sort of all distances', () => {
    const [q, n, d, k] = [4, 50, 5, 7];
    const queries = gaussian(q * d, 4);
    const bank = gaussian(n * d, 5);
    const { indices, distances } = nearestNeighbours(queries, bank, q, n, d, k, 'euclidean');
    for (let i = 0; i < q; i++) {
      const all = Array.from({ length: n }, (_, j) => {
        let s = 0;
        for (let c = 0; c < d; c++) s += (queries[i * d + c]! - bank[j * d + c]!) ** 2;
        return { j, dist: Math.sqrt(s) };
      }).sort((a, b) => a.dist - b.dist || a.j - b.j);
      expect(Array.from(indices.subarray(i * k, (i + 1) * k))).toEqual(all.slice(0, k).map((e) => e.j));
      all.slice(0, k).forEach((e, r) => expect(distances[i * k + r]).toBeCloseTo(e.dist, 12));
    }
  });

  test('k outside [1, n], bad shapes and an unknown metric are RangeErrors naming the argument', () => {
    const bank = [0, 0, 1, 1, 2, 2];
    expect(() => nearestNeighbours([0, 0], bank, 1, 3, 2, 4, 'euclidean')).toThrow(RangeError);
    expect(() => nearestNeighbours([0, 0], bank, 1, 3, 2, 4, 'euclidean')).toThrow('k must be an integer in [1, n = 3], got 4');
    expect(() => nearestNeighbours([0, 0], bank, 1, 3, 2, 0, 'euclidean')).toThrow('got 0');
    expect(() => nearestNeighbours([0, 0], bank, 1, 3, 2, 1.5, 'cosine')).toThrow('got 1.5');
    expect(() => nearestNeighbours([0, 0, 0], bank, 1, 3, 2, 1, 'cosine')).toThrow('queries has 3 values, not a [1, 2] matrix');
    expect(() => nearestNeighbours([0, 0], bank, 1, 4, 2, 1, 'cosine')).toThrow('bank has 6 values, not a [4, 2] matrix');
    expect(() => nearestNeighbours([0, 0], bank, 1, 3, 2, 1, 'manhattan' as 'cosine')).toThrow("metric must be 'cosine' or 'euclidean', got 'manhattan'");
  });
});
